package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// ConflictError is returned by Save when the base revision is stale. It
// wraps ErrConflict and says where the losing text was kept.
type ConflictError struct {
	Article  uint64
	Base     int
	Head     int
	DraftID  uint64
	HeadHash string
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("conflict: article %d is at revision %d but your text started from revision %d; "+
		"your text was kept as conflict draft %d (copydesk article conflicts %d shows it)", e.Article, e.Head, e.Base, e.DraftID, e.Article)
}

// Unwrap makes ConflictError an ErrConflict.
func (e *ConflictError) Unwrap() error { return ErrConflict }

// MessageID is the catalog entry (locale): StoreConflict.
func (e *ConflictError) MessageID() string { return "StoreConflict" }

// MessageArgs: ID, Head, Base, Draft.
func (e *ConflictError) MessageArgs() map[string]any {
	return map[string]any{"ID": e.Article, "Head": e.Head, "Base": e.Base, "Draft": e.DraftID}
}

// prepare copies content (the caller keeps its own as it was), normalizes
// and validates it.
func prepare(c model.Content) (model.Content, error) {
	c = c.Clone()
	c.Normalize()
	return c, c.Validate()
}

// canWrite is the rule for starting an article: the writer or admin role.
func canWrite(u *model.User) error {
	if !u.Has(model.RoleWriter) && !u.Has(model.RoleAdmin) {
		return &model.DeniedError{Err: model.ErrRoleRequired, Detail: fmt.Sprintf("writing an article needs the writer role; %s has %s", u.Login, strings.Join(roleNames(u.Roles), ",")),
			ID: "StoreNeedsWriter", Args: locale.Args{"Login": u.Login, "Roles": model.RolesMessage(u.Roles)}}
	}
	return nil
}

// MayCreate answers, in a read transaction and before any input is read or
// parsed, whether act may write a new article (the rule Create applies).
// Front ends call it first, so a refused request costs no parsing.
func (s *Store) MayCreate(act Actor) error {
	return s.view(func(tx *bolt.Tx) error {
		u, err := (&wtx{tx: tx, s: s}).actor(act)
		if err != nil {
			return err
		}
		return canWrite(u)
	})
}

// MayEdit answers, in a read transaction and before any input is read or
// parsed, whether act may save a new revision of article id: the same
// model.CanEdit that Save applies, after model.MayAct: no such article,
// or one act may not see, is the ErrNotVisible refusal.
func (s *Store) MayEdit(act Actor, id uint64) error {
	return s.asking(act, id, model.ActSave, func(a *model.Article, u *model.User) error { return model.CanEdit(a, u) })
}

// asking runs rule on article id and the acting user in one read
// transaction, after model.MayAct (actorActing) for action: the prelude of
// the cheap May… checks, which refuse a user who may not see the article
// as reading it does.
func (s *Store) asking(act Actor, id uint64, action model.Action, rule func(a *model.Article, u *model.User) error) error {
	return s.view(func(tx *bolt.Tx) error {
		u, a, err := (&wtx{tx: tx, s: s}).actorActing(act, id, action)
		if err != nil {
			return err
		}
		return rule(a, u)
	})
}

// MayRead answers, in a read transaction, whether act may read article
// id: model.MayRead (model.Article.VisibleTo), the rule of the queues and
// of search, which the store also applies itself to comments and reads, for
// every command that shows an article's text, history or comments over
// SSH or for a named local user. It returns the header when act may.
// Errors: a *model.DeniedError (ErrNotVisible) when act may not see it,
// or when there is no such article (the same refusal: a user learns
// nothing of which IDs exist); a *model.DeniedError
// (ErrRoleRequired) when act is no user.
func (s *Store) MayRead(act Actor, id uint64) (*model.Article, error) {
	var a *model.Article
	err := s.view(func(tx *bolt.Tx) (err error) {
		_, a, err = (&wtx{tx: tx, s: s}).actorReading(act, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Create makes a new article owned by the actor, with revision 1. It
// follows the workflow the office set for its kind (SetKindWorkflow);
// workflow names a preset only an admin may choose instead ("" or the
// office's own is always allowed; anything else by a non-admin is refused
// with model.ErrRoleRequired).
func (s *Store) Create(act Actor, c model.Content, workflow string) (*model.Article, error) {
	if err := s.MayCreate(act); err != nil { // cheap refusal before the linear work on the text
		return nil, err
	}
	c, err := prepare(c)
	if err != nil {
		return nil, err
	}
	var out *model.Article
	err = s.update(func(t *wtx) error {
		u, err := t.actor(act)
		if err != nil {
			return err
		}
		if err := canWrite(u); err != nil {
			return err
		}
		// The workflow is the office's: the admin's default for this kind.
		// Only an admin may pick another one for an article.
		wf := txOfficeWorkflow(t.tx, c.Kind)
		if workflow != "" {
			want, err := txWorkflow(t.tx, workflow)
			if err != nil {
				return err
			}
			if want.Name != wf.Name && !u.Has(model.RoleAdmin) {
				return &model.DeniedError{Err: model.ErrRoleRequired, Detail: fmt.Sprintf(
					"the workflow is the office's choice: %s articles follow %s (%s); only an admin may choose another", c.Kind, wf.Name, wf),
					ID: "StoreWorkflowChoice", Args: locale.Args{"Kind": c.Kind, "Name": wf.Name, "Stages": wf.String()}}
			}
			wf = want
		}
		defaultAuthors(&c, u.Name())
		if err := t.resolveMedia(&c); err != nil {
			return err
		}
		id, err := t.tx.Bucket(bucketArticles).NextSequence()
		if err != nil {
			return err
		}
		now := s.now().UTC()
		a := &model.Article{ID: id, Owner: u.Login, OwnerDisplay: u.Name(), Kind: c.Kind, Title: c.Title, Source: c.Source,
			State: model.StateDraft, Workflow: wf, Created: now, Updated: now}
		out, err = t.newRevision(act, nil, a, 0, c, c.Hash(), model.ActCreate)
		return err
	})
	return out, err
}

// defaultAuthors is the one rule for an article's authors, for every front
// end that creates one (the TUI, article new, SSH, a draft import): the
// writer, by display name, unless others are named.
func defaultAuthors(c *model.Content, writer string) {
	if len(c.Authors) == 0 {
		c.Authors = []string{writer}
	}
}

// newRevision stores rev a.Rev+1 with content c (whose hash is hash),
// updates the header with model.ApplySave and appends the audit record. old
// is the stored header (nil for a new article); a is not modified.
func (t *wtx) newRevision(act Actor, old, a *model.Article, base int, c model.Content, hash string, action model.Action) (*model.Article, error) {
	now := t.s.now().UTC()
	n := a.Rev + 1
	// The conditions of the stages (when:) are decided on the new content.
	pre := *a
	pre.Important, pre.Tags = c.Important, slices.Clone(c.Tags)
	next := model.ApplySave(pre, n, hash, now)
	if old != nil && c.Kind != a.Kind {
		wf, err := t.kindWorkflow(a, c.Kind)
		if err != nil {
			return nil, err
		}
		next.Workflow = wf
	}
	next.Kind, next.Title, next.Source, next.Authors = c.Kind, c.Title, c.Source, c.Authors
	// Who wrote which revision: separation of duties counts it.
	next.RevAuthors = append(padAuthors(next.RevAuthors, a.Rev), act.Login)
	rev := model.Revision{Article: a.ID, N: n, Base: base, Author: act.Login, At: now, Hash: hash, Content: c}
	if err := putRevision(t.tx, &rev); err != nil {
		return nil, err
	}
	detail := ""
	if stale := next.StaleApprovals(); len(stale) > 0 && action == model.ActSave && a.State != model.StateDraft {
		detail = fmt.Sprintf("edit made %d approval(s) stale; back to %s", len(stale), next.Workflow.Stages[next.Stage].Name)
	}
	if _, err := t.audit(act, model.AuditRecord{Action: action, Article: a.ID, Rev: n, ContentHash: hash, Detail: detail, At: now}); err != nil {
		return nil, err
	}
	if err := t.putArticle(old, &next); err != nil {
		return nil, err
	}
	// Whoever saved a revision has read it.
	if err := putJSON(t.tx.Bucket(bucketReads), readKey(act.Login, a.ID), ReadMark{Rev: n, Hash: hash, At: now}); err != nil {
		return nil, err
	}
	return &next, nil
}

// kindWorkflow is the workflow article a follows once its kind becomes
// kind: the workflow is the office's choice per kind, so changing the kind
// can never shorten it — a writer could otherwise start a meeting report
// (审核 → 主编签发) and turn it into news the office reviews in 三审. When
// the office's workflow for the new kind has more stages than a's, a draft
// takes it; an article past draft is refused (its approvals name stages of
// its workflow): it is returned to draft first. Otherwise a keeps its own.
func (t *wtx) kindWorkflow(a *model.Article, kind model.Kind) (model.Workflow, error) {
	wf := txOfficeWorkflow(t.tx, kind)
	if len(wf.Stages) <= len(a.Workflow.Stages) {
		return a.Workflow, nil
	}
	if a.State != model.StateDraft {
		return a.Workflow, &model.DeniedError{Err: model.ErrRoleRequired, Detail: fmt.Sprintf(
			"%s articles follow %s (%s), longer than this article's %s; changing its kind is possible only in draft (return it first)",
			kind, wf.Name, wf, a.Workflow.Name), ID: "StoreKindLongerWorkflow", Args: locale.Args{"Kind": kind, "Name": wf.Name, "Stages": wf.String(), "Old": a.Workflow.Name}}
	}
	return wf, nil
}

// resolveMedia checks every media reference of the body (model.FindMediaRefs:
// every Markdown form, never inside code) against the stored media
// (model.CheckMediaUse: stored, publishable, an image where used as one) and
// records each with its content hash, so the content hash covers the photos.
func (t *wtx) resolveMedia(c *model.Content) error {
	c.Media = nil
	refs, err := model.FindMediaRefs(c.Body)
	if err != nil {
		return err
	}
	for _, r := range refs {
		var m model.Media
		ok, err := getJSON(t.tx, bucketMedia, []byte(r.ID), &m)
		if err != nil {
			return err
		}
		mp := &m
		if !ok {
			mp = nil
		}
		if err := model.CheckMediaUse(r, mp); err != nil {
			return err
		}
		c.Media = append(c.Media, m.ID+":"+m.SHA256)
	}
	return nil
}

// Save stores c as a new revision of article id, started from revision
// base. When base is no longer the head, the text is kept as a conflict
// draft and a *ConflictError (ErrConflict) is returned. Saving content equal
// to the head is a no-op. An edit makes approvals of older content stale and
// sends the article back to the first stale stage.
func (s *Store) Save(act Actor, id uint64, base int, c model.Content) (*model.Article, error) {
	if err := s.MayEdit(act, id); err != nil { // cheap refusal before the linear work on the text
		return nil, err
	}
	c, err := prepare(c)
	if err != nil {
		return nil, err
	}
	var out *model.Article
	var conflict *ConflictError
	err = s.update(func(t *wtx) error {
		u, a, err := t.actorActing(act, id, model.ActSave)
		if err != nil {
			return err
		}
		if err := model.CanEdit(a, u); err != nil {
			return err
		}
		if base != a.Rev {
			if same, err := t.sameAsHead(a, c); err != nil || same {
				out = a
				return err
			}
			conflict, err = t.keepConflict(act, a, base, c)
			return err
		}
		if err := t.resolveMedia(&c); err != nil {
			return err
		}
		hash := c.Hash()
		if same, err := t.sameAsHead(a, c); err != nil || same {
			out = a
			return err
		}
		out, err = t.newRevision(act, a, a, base, c, hash, model.ActSave)
		return err
	})
	if err == nil && conflict != nil {
		return nil, conflict
	}
	return out, err
}

// sameAsHead reports whether c (canonical) is the content of a's head
// revision once that is in canonical form too: such a save is never a
// revision, from any front end. Heads stored before the canonical form
// existed compare by their canonical form, not their stored hash.
func (t *wtx) sameAsHead(a *model.Article, c model.Content) (bool, error) {
	if err := t.resolveMedia(&c); err != nil {
		return false, nil // the save will report it
	}
	h := c.Hash()
	if h == a.Hash {
		return true, nil
	}
	head, err := txRevision(t.tx, a.ID, a.Rev)
	if err != nil {
		return false, err
	}
	hc := head.Content.Canonical()
	hc.Media = head.Content.Media
	return hc.Hash() == h, nil
}

// keepConflict stores the losing text and records it in the audit chain.
// A text whose canonical form equals a draft already kept for the same
// author, article and base is not kept again (a repeated stale push would
// otherwise pile up identical drafts): the error names the existing draft
// and nothing is written.
func (t *wtx) keepConflict(act Actor, a *model.Article, base int, c model.Content) (*ConflictError, error) {
	b := t.tx.Bucket(bucketConflicts)
	prefix := u64(a.ID)
	cur := b.Cursor()
	for k, _ := cur.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = cur.Next() {
		var d model.ConflictDraft
		if _, err := getJSON(t.tx, bucketConflicts, k, &d); err != nil {
			return nil, err
		}
		if d.Author == act.Login && d.Base == base && model.SameContent(d.Content, c) {
			return &ConflictError{Article: a.ID, Base: base, Head: a.Rev, DraftID: d.ID, HeadHash: a.Hash}, nil
		}
	}
	seq, err := b.NextSequence()
	if err != nil {
		return nil, err
	}
	d := model.ConflictDraft{ID: seq, Article: a.ID, Base: base, Head: a.Rev, Author: act.Login, At: t.s.now().UTC(), Content: c}
	if err := putJSON(b, idKey(a.ID, seq), &d); err != nil {
		return nil, err
	}
	if _, err := t.audit(act, model.AuditRecord{Action: model.ActConflict, Article: a.ID, Rev: a.Rev,
		ContentHash: c.Hash(), Detail: fmt.Sprintf("save from revision %d refused; kept as conflict draft %d", base, seq)}); err != nil {
		return nil, err
	}
	return &ConflictError{Article: a.ID, Base: base, Head: a.Rev, DraftID: seq, HeadHash: a.Hash}, nil
}

// Decision asks for a workflow transition on an article.
type Decision struct {
	Action  model.Action
	Opinion string
	// Rev and Hash are what the actor read. For approve, return and
	// sign-off a zero Rev means "what I last read" (see MarkRead); when the
	// actor read nothing, or the head changed since, the decision is
	// refused with a *model.StaleViewError (model.ErrStaleView), so an
	// approval is always bound to content the approver read.
	Rev  int
	Hash string
	// Waivers excuse 三校 warnings of the revision being decided (送审,
	// approve, sign-off), each with a written reason; errors cannot be
	// waived (see proofGate).
	Waivers []Waiver
	// Answers answer the checklist of the stage decided at (approve or
	// sign-off), matched by question text (model.Stage.CheckAnswers); they
	// are stored with the approval and the decision and in the audit
	// record, in this transaction.
	Answers []model.Answer
	// At is the publish time of a schedule (ActSchedule, or ActSignOff
	// with a time: 签发 and 定时发布 in one transaction, two audit records).
	At time.Time
}

// Decide applies a workflow decision (submit, approve, return, signoff,
// publish, withdraw) under the rules of model.Decide, in one transaction
// with its audit record.
func (s *Store) Decide(act Actor, id uint64, d Decision) (*model.Article, error) {
	if gated(d.Action) {
		// The build, before the write lock; an error here (a damaged list)
		// is met again, in its proper order, inside the transaction.
		_ = s.WarmChecker()
	}
	var out *model.Article
	err := s.update(func(t *wtx) error {
		var err error
		out, err = t.decide(act, id, d)
		return err
	})
	return out, err
}

// decide is Decide inside a write transaction.
func (t *wtx) decide(act Actor, id uint64, d Decision) (*model.Article, error) {
	s := t.s
	if d.Action == model.ActWithdraw { // the old name of 撤稿
		d.Action = model.ActTakedown
	}
	var out *model.Article
	err := func() error {
		u, a, err := t.actorActing(act, id, d.Action)
		if err != nil {
			return err
		}
		if model.NeedsRead(d.Action) && d.Rev == 0 {
			// Bound to what this user last read (article show, pull, diff,
			// the TUI's article page); nothing read leaves Rev 0, which
			// model.Decide refuses with "read revision N first".
			if m, ok := txReadMark(t.tx, act.Login, id); ok {
				d.Rev, d.Hash = m.Rev, m.Hash
			}
		}
		now := s.now().UTC()
		next, err := model.Decide(*a, model.Request{Action: d.Action, Actor: u, Opinion: model.CanonicalText(d.Opinion),
			Rev: d.Rev, Hash: d.Hash, Now: now, Answers: d.Answers, At: d.At})
		if err != nil {
			return err
		}
		if d.Action == model.ActSubmit { // a draft may be unfinished; what goes to review may not be empty
			r, err := txRevision(t.tx, id, a.Rev)
			if err != nil {
				return err
			}
			if err := r.Content.ReadyForReview(); err != nil {
				return err
			}
		}
		var checked *ProofResult
		if gated(d.Action) { // 三校 on the exact revision being decided, in this transaction
			if checked, err = t.proofGate(id, a.Rev, d.Action, d.Waivers); err != nil {
				return err
			}
		}
		next.Updated = now
		stage := ""
		if model.NeedsRead(d.Action) {
			if n := len(next.Decisions); n > len(a.Decisions) {
				stage = next.StageLabel(next.Decisions[n-1].Stage) + ": " // a stage, or 本人审阅
			}
		}
		rec := model.AuditRecord{Action: d.Action, Article: id, Rev: a.Rev, ContentHash: a.Hash,
			Detail: stage + model.CanonicalText(d.Opinion), At: now}
		if d.Action == model.ActTakedown {
			// The live revision is what was taken down, not the working draft.
			rec.Rev, rec.ContentHash = next.Takedown.Rev, next.Takedown.Hash
		}
		if d.Action == model.ActSchedule || d.Action == model.ActUnschedule {
			rec.Detail = scheduleDetail(d.Action, a, &next, rec.Detail)
		}
		if checked != nil {
			rec.Detail += " | " + checked.Summary()
		}
		if n := len(next.Decisions); n > len(a.Decisions) {
			rec.Answers = next.Decisions[n-1].Answers
		}
		seq, err := t.audit(act, rec)
		if err != nil {
			return err
		}
		if checked != nil {
			checked.Seq = seq
			if err := t.putProofResult(checked); err != nil {
				return err
			}
		}
		for i := range next.Approvals {
			if next.Approvals[i].AuditSeq == 0 && next.Approvals[i].At.Equal(now) {
				next.Approvals[i].AuditSeq = seq
			}
		}
		flag := ""
		if act.KeyFP != "" {
			flag = t.keyFlag(act)
		}
		for i := range next.Record {
			if next.Record[i].AuditSeq == 0 && next.Record[i].At.Equal(now) {
				next.Record[i].AuditSeq, next.Record[i].KeyFlag = seq, flag
			}
		}
		for i := range next.Approvals {
			if next.Approvals[i].AuditSeq == seq {
				next.Approvals[i].KeyFlag = flag
			}
		}
		for i := range next.Readers {
			if ap := next.Readers[i].Approved; ap != nil && ap.AuditSeq == 0 && ap.At.Equal(now) {
				c := *ap
				c.AuditSeq, c.KeyFlag = seq, flag
				next.Readers[i].Approved = &c
			}
		}
		if next.Signed != nil && next.Signed.AuditSeq == 0 {
			next.Signed.AuditSeq, next.Signed.KeyFlag = seq, flag
		}
		if err := t.recordSchedule(act, d.Action, seq, &next, now); err != nil {
			return err
		}
		if err := t.lifecycle(act, a, &next, seq); err != nil { // 更正 and 撤稿 (lifecycle.go)
			return err
		}
		if err := t.putArticle(a, &next); err != nil {
			return err
		}
		out = &next
		return nil
	}()
	return out, err
}

// Get returns an article's header.
func (s *Store) Get(id uint64) (*model.Article, error) {
	var a *model.Article
	err := s.view(func(tx *bolt.Tx) (err error) {
		a, err = txArticle(tx, id)
		return err
	})
	return a, err
}

// Head returns an article's header and its head revision.
func (s *Store) Head(id uint64) (*model.Article, *model.Revision, error) {
	var a *model.Article
	var r *model.Revision
	err := s.view(func(tx *bolt.Tx) (err error) {
		if a, err = txArticle(tx, id); err != nil {
			return err
		}
		r, err = txRevision(tx, id, a.Rev)
		return err
	})
	return a, r, err
}

// Revision returns revision n of an article.
func (s *Store) Revision(id uint64, n int) (*model.Revision, error) {
	var r *model.Revision
	err := s.view(func(tx *bolt.Tx) (err error) {
		r, err = txRevision(tx, id, n)
		return err
	})
	return r, err
}

// Revisions returns every revision of an article, oldest first, to a
// reader who may see it (readable: model.MayRead, or the local Holder).
func (s *Store) Revisions(act Actor, id uint64) ([]model.Revision, error) {
	var out []model.Revision
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.readable(tx, act, id); err != nil {
			return err
		}
		c := tx.Bucket(bucketRevisions).Cursor()
		prefix := u64(id)
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			r, _, err := getRevision(tx, k)
			if err != nil {
				return err
			}
			out = append(out, *r)
		}
		return nil
	})
	return out, err
}

// ConflictDrafts returns the kept texts of refused saves of an article,
// to a reader who may see it (readable: model.MayRead, or the local
// Holder).
func (s *Store) ConflictDrafts(act Actor, id uint64) ([]model.ConflictDraft, error) {
	var out []model.ConflictDraft
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.readable(tx, act, id); err != nil {
			return err
		}
		c := tx.Bucket(bucketConflicts).Cursor()
		prefix := u64(id)
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			var d model.ConflictDraft
			if _, err := getJSON(tx, bucketConflicts, k, &d); err != nil {
				return err
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// ImportOptions describe an article brought in from another system.
type ImportOptions struct {
	// Published brings the article in as already published (admin only),
	// recorded in the audit chain as an import.
	Published bool
	// Date is the original publication date; zero means now.
	Date time.Time
	// Owner is the login the article belongs to; "" means the actor.
	Owner string
}

// Import creates an article from an archive. As a draft it is an ordinary
// create; with Published it skips review, which only an admin may do.
func (s *Store) Import(act Actor, c model.Content, opt ImportOptions) (*model.Article, error) {
	res, err := s.ImportBatch(act, []ImportItem{{Content: c, Options: opt}})
	if err != nil {
		return nil, err
	}
	return res[0].Article, nil
}

// ImportItem is one file of an import: its content, options and source key.
type ImportItem struct {
	Content model.Content
	Options ImportOptions
	// Key identifies the source (e.g. "sha256:" of the file's bytes). An
	// item whose key was imported before is skipped, so running the same
	// import again adds nothing. Empty: no check.
	Key string
}

// ImportResult is what became of one ImportItem: the new article, or the
// article an earlier import of the same key made (Skipped).
type ImportResult struct {
	Article *model.Article
	Skipped bool
}

// ImportBatch imports items in one transaction: all of them or, at the
// first refusal, none (the error names the item by its index). Items whose
// Key an earlier import recorded are skipped and reported with the article
// they became.
func (s *Store) ImportBatch(act Actor, items []ImportItem) ([]ImportResult, error) {
	prepared := make([]model.Content, len(items))
	for i, it := range items {
		c, err := prepare(it.Content)
		if err == nil {
			err = model.CheckDate("date", it.Options.Date)
		}
		if err == nil && it.Options.Published {
			err = c.ReadyForReview()
		}
		if err != nil {
			return nil, &ImportItemError{Index: i, Err: err}
		}
		prepared[i] = c
	}
	var out []ImportResult
	err := s.update(func(t *wtx) error {
		out = out[:0]
		u, err := t.actor(act)
		if err != nil {
			return err
		}
		seen := map[string]bool{}
		for i, it := range items {
			if it.Key != "" {
				if id, ok := txImportKey(t.tx, it.Key); ok {
					a, err := txArticle(t.tx, id)
					if err != nil {
						return &ImportItemError{Index: i, Err: err}
					}
					out = append(out, ImportResult{Article: a, Skipped: true})
					continue
				}
				if seen[it.Key] { // the same file twice in one import
					out = append(out, ImportResult{Article: out[len(out)-1].Article, Skipped: true})
					continue
				}
				seen[it.Key] = true
			}
			a, err := t.importOne(u, act, prepared[i], it.Options)
			if err != nil {
				return &ImportItemError{Index: i, Err: err}
			}
			if it.Key != "" {
				if err := t.tx.Bucket(bucketMeta).Put(importKey(it.Key), u64(a.ID)); err != nil {
					return err
				}
			}
			out = append(out, ImportResult{Article: a})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ImportItemError says which item of a batch stopped the import; nothing
// of the batch was stored.
type ImportItemError struct {
	Index int
	Err   error
}

func (e *ImportItemError) Error() string { return e.Err.Error() }
func (e *ImportItemError) Unwrap() error { return e.Err }

// Import keys live in the meta bucket under this prefix: source key →
// article id.
const importKeyPrefix = "import/"

func importKey(k string) []byte { return []byte(importKeyPrefix + k) }

func txImportKey(tx *bolt.Tx, k string) (uint64, bool) {
	v := tx.Bucket(bucketMeta).Get(importKey(k))
	if len(v) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(v), true
}

func (t *wtx) importOne(u *model.User, act Actor, c model.Content, opt ImportOptions) (*model.Article, error) {
	s := t.s
	var out *model.Article
	err := func() error {
		if opt.Published && !u.Has(model.RoleAdmin) {
			return &model.DeniedError{Err: model.ErrRoleRequired, Detail: "importing as published skips review; only an admin may do it", ID: "StoreImportPublished"}
		}
		if !opt.Published && !u.Has(model.RoleWriter) && !u.Has(model.RoleAdmin) {
			return &model.DeniedError{Err: model.ErrRoleRequired, Detail: "importing drafts needs the writer role", ID: "StoreImportNeedsWriter"}
		}
		owner, ownerName := u.Login, u.Name()
		if opt.Owner != "" {
			o, err := txUser(t.tx, opt.Owner)
			if err != nil {
				return err
			}
			owner, ownerName = o.Login, o.Name()
		}
		if !opt.Published { // a draft is written by its owner; an archive's byline is the archive's
			defaultAuthors(&c, ownerName)
		}
		if err := t.resolveMedia(&c); err != nil {
			return err
		}
		id, err := t.tx.Bucket(bucketArticles).NextSequence()
		if err != nil {
			return err
		}
		date := opt.Date.UTC()
		if date.IsZero() {
			date = s.now().UTC()
		}
		wf := txOfficeWorkflow(t.tx, c.Kind)
		hash := c.Hash()
		a := model.Article{ID: id, Owner: owner, OwnerDisplay: ownerName, RevAuthors: []string{u.Login}, Kind: c.Kind, Title: c.Title, Source: c.Source, Authors: c.Authors, Important: c.Important, Tags: c.Tags,
			State: model.StateDraft, Workflow: wf, Rev: 1, Hash: hash, Created: date, Updated: date, Imported: true}
		rev := model.Revision{Article: id, N: 1, Author: u.Login, At: date, Hash: hash, Content: c}
		if err := putRevision(t.tx, &rev); err != nil {
			return err
		}
		detail := "imported as draft"
		if opt.Published {
			detail = "imported as published from an archive (no review in copydesk)"
		}
		seq, err := t.audit(act, model.AuditRecord{Action: model.ActImport, Article: id, Rev: 1, ContentHash: hash, Detail: detail})
		if err != nil {
			return err
		}
		if opt.Published {
			a.State, a.PublishedAt = model.StatePublished, date
			a.Signed = &model.Approval{Stage: -1, Name: "导入", Login: u.Login, Display: u.Name(), Rev: 1, Hash: hash,
				Opinion: detail, At: s.now().UTC(), AuditSeq: seq}
		}
		out = &a
		return t.putArticle(nil, &a)
	}()
	return out, err
}

func hasPrefix(k, prefix []byte) bool {
	return len(k) >= len(prefix) && string(k[:len(prefix)]) == string(prefix)
}

func roleNames(rs []model.Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	if len(out) == 0 {
		return []string{"no role"}
	}
	return out
}

// IsNotFound reports whether err is ErrNotFound.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// padAuthors makes the revision-author list of a header written before it
// existed as long as its revisions (unknown authors are "").
func padAuthors(authors []string, rev int) []string {
	for len(authors) < rev {
		authors = append(authors, "")
	}
	return authors[:rev]
}
