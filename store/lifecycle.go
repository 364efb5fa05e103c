package store

import (
	"github.com/copydesk/copydesk/locale"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// After sign-off: 更正 (corrections) and 撤稿 (takedown), issue 13. Who may
// do what is model.Decide's; this file binds each step to the audit chain
// and lets verify hold the header against it.

// lifecycle completes a decision's header with its audit records: the
// takedown and the opened correction name the record seq that decided
// them; a sign-off that closes a correction writes an ActCorrected record
// binding the public note to the revision signed.
func (t *wtx) lifecycle(act Actor, old, next *model.Article, seq uint64) error {
	if next.Takedown != nil && next.Takedown.AuditSeq == 0 {
		next.Takedown.AuditSeq = seq
	}
	if c := next.OpenCorrection(); c != nil && (old.OpenCorrection() == nil || *c != *old.OpenCorrection()) {
		c.StartSeq = seq
	}
	if n := len(next.Corrections); old.OpenCorrection() != nil && n > 0 && !next.Corrections[n-1].SignedAt.IsZero() && next.Corrections[n-1].AuditSeq == 0 {
		c := &next.Corrections[n-1]
		cseq, err := t.audit(act, model.AuditRecord{Action: model.ActCorrected, Article: next.ID, Rev: c.Rev, ContentHash: c.Hash,
			Detail: c.Note, At: c.SignedAt})
		if err != nil {
			return err
		}
		c.AuditSeq = cseq
	}
	return nil
}

// Correct opens a 更正 of a live article with its public note (or gives
// the open one a new note) and, when text is not nil, saves the corrected
// text (started from revision base) in the same transaction: the article
// goes through review again (model.Decide's ActCorrect). A base that is no
// longer the head keeps the text as a conflict draft and opens nothing
// (*ConflictError).
func (s *Store) Correct(act Actor, id uint64, note string, text *model.Content, base int) (*model.Article, error) {
	if text == nil {
		return s.Decide(act, id, Decision{Action: model.ActCorrect, Opinion: note})
	}
	c, err := prepare(*text)
	if err != nil {
		return nil, err
	}
	var head *model.Article // read as model.MayAct asks: nothing of an article act may not see
	if err := s.asking(act, id, model.ActCorrect, func(a *model.Article, _ *model.User) error { head = a; return nil }); err != nil {
		return nil, err
	}
	if base != head.Rev {
		if _, err := s.Save(act, id, base, c); err != nil {
			return nil, err // the text is kept as a conflict draft
		}
		text = nil // the same text as the head: nothing to save
	}
	var out *model.Article
	err = s.update(func(t *wtx) error {
		a, err := t.decide(act, id, Decision{Action: model.ActCorrect, Opinion: note})
		if err != nil {
			return err
		}
		out = a
		if text == nil {
			return nil
		}
		if err := model.CanEdit(a, t.who); err != nil {
			return err
		}
		if base != a.Rev {
			return &ConflictError{Article: id, Base: base, Head: a.Rev, HeadHash: a.Hash}
		}
		if err := t.resolveMedia(&c); err != nil {
			return err
		}
		if same, err := t.sameAsHead(a, c); err != nil || same {
			return err
		}
		out, err = t.newRevision(act, a, a, base, c, c.Hash(), model.ActSave)
		return err
	})
	return out, err
}

// lifecycleCheck holds article headers against the audit chain's takedown
// and correction records (Verify).
type lifecycleCheck struct {
	records   map[uint64]model.AuditRecord
	takedown  map[uint64]uint64   // article → newest ActTakedown record
	signoff   map[uint64]uint64   // article → newest ActSignOff record
	corrected map[uint64][]uint64 // article → its ActCorrected records
}

func newLifecycleCheck(records map[uint64]model.AuditRecord) *lifecycleCheck {
	lc := &lifecycleCheck{records: records, takedown: map[uint64]uint64{}, signoff: map[uint64]uint64{}, corrected: map[uint64][]uint64{}}
	for seq, r := range records {
		switch r.Action {
		case model.ActTakedown:
			lc.takedown[r.Article] = max(lc.takedown[r.Article], seq)
		case model.ActSignOff:
			lc.signoff[r.Article] = max(lc.signoff[r.Article], seq)
		case model.ActCorrected:
			lc.corrected[r.Article] = append(lc.corrected[r.Article], seq)
		}
	}
	return lc
}

// check returns the problems of one article: a takedown or correction in
// its header that its audit record does not back (altered reason, signer,
// revision, hash or note), a taken-down or corrected revision that no
// longer re-hashes, and a takedown or correction record the header lost
// (an article put back on the site, or a note removed, by editing the file).
func (lc *lifecycleCheck) check(tx *bolt.Tx, a *model.Article) []error {
	var out []error
	bad := func(e *locale.Error) {
		out = append(out, locale.NewError("StoreVerifyArticle", locale.Args{"ID": a.ID, "Problem": e}, ErrVerify, e))
	}
	rehash := func(rev int, hash string, what locale.Message) {
		r, err := txRevision(tx, a.ID, rev)
		if err != nil {
			bad(locale.NewError("StoreLifeRevision", locale.Args{"What": what, "Rev": rev, "Err": err}))
			return
		}
		if got := r.Content.Hash(); got != hash || r.Hash != hash {
			bad(locale.NewError("StoreLifeAltered", locale.Args{"What": what, "Rev": rev, "Got": short(got), "Want": short(hash)}))
		}
	}
	if d := a.Takedown; d != nil {
		rec, ok := lc.records[d.AuditSeq]
		switch {
		case !ok:
			bad(locale.NewError("StoreLifeTakedownNoRecord", locale.Args{"Login": d.Login, "Seq": d.AuditSeq}))
		case rec.Action != model.ActTakedown || rec.Article != a.ID || rec.Actor != d.Login || rec.Rev != d.Rev || rec.ContentHash != d.Hash || rec.Detail != d.Opinion:
			bad(locale.NewError("StoreLifeTakedownMismatch", locale.Args{"Seq": d.AuditSeq}))
		}
		if a.Signed != nil && a.Signed.Hash != d.Hash {
			bad(locale.NewError("StoreLifeTakedownHash", locale.Args{"Got": short(d.Hash), "Want": short(a.Signed.Hash)}))
		}
		rehash(d.Rev, d.Hash, locale.M("WhatTakedown", nil))
	} else if td := lc.takedown[a.ID]; td != 0 && td > lc.signoff[a.ID] {
		bad(locale.NewError("StoreLifeRestoredOutside", locale.Args{"Seq": td}))
	}
	bound := map[uint64]bool{}
	for i, c := range a.Corrections {
		if c.SignedAt.IsZero() {
			continue
		}
		bound[c.AuditSeq] = true
		rec, ok := lc.records[c.AuditSeq]
		switch {
		case !ok:
			bad(locale.NewError("StoreLifeCorrectionNoRecord", locale.Args{"N": i + 1, "Seq": c.AuditSeq}))
		case rec.Action != model.ActCorrected || rec.Article != a.ID || rec.Rev != c.Rev || rec.ContentHash != c.Hash || rec.Detail != c.Note:
			bad(locale.NewError("StoreLifeCorrectionMismatch", locale.Args{"N": i + 1, "Seq": c.AuditSeq}))
		}
		rehash(c.Rev, c.Hash, locale.M("WhatCorrection", nil))
	}
	for _, seq := range lc.corrected[a.ID] {
		if !bound[seq] {
			bad(locale.NewError("StoreLifeCorrectionGone", locale.Args{"Seq": seq}))
		}
	}
	return out
}

// May reports whether the actor may take decision action on article id
// now (nil) or why not: model.Decide's answer with the head as read and a
// placeholder opinion, so a front end refuses before reading any input.
func (s *Store) May(act Actor, id uint64, action model.Action) error {
	return s.asking(act, id, action, func(a *model.Article, u *model.User) error {
		_, err := model.Decide(*a, model.Request{Action: action, Actor: u, Opinion: "意见", Rev: a.Rev, Hash: a.Hash, Now: s.now()})
		return err
	})
}
