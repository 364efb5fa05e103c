package store_test

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// unseenCall runs one store method on article a as act, the way a front
// end calls it with a user's arguments.
type unseenCall func(st *store.Store, act store.Actor, a *model.Article) error

// trash are the actions an admin may take on what they may not read
// (model.MayAct): the admin's rows skip the calls that ask for them.
var trash = map[model.Action]bool{model.ActDelete: true, model.ActRestore: true, model.ActPurge: true}

// unseenCalls is every exported method of *store.Store that takes an
// Actor and an article ID (TestEveryArticleMethodIsInTheTable holds the
// list against the type), some several times with other arguments.
func unseenCalls() map[string][]unseenCall {
	text := meeting("猜到编号改写的标题", sampleBody+"补一段。\n")
	decide := func(action model.Action, d store.Decision) unseenCall {
		return func(st *store.Store, act store.Actor, a *model.Article) error {
			d.Action = action
			_, err := st.Decide(act, a.ID, d)
			return err
		}
	}
	decisions := map[model.Action][]unseenCall{}
	for _, action := range []model.Action{model.ActSubmit, model.ActApprove, model.ActReturn, model.ActSignOff, model.ActPublish,
		model.ActTakedown, model.ActWithdraw, model.ActSchedule, model.ActUnschedule, model.ActCorrect, model.ActDelete, model.ActRestore, model.ActPurge} {
		decisions[action] = append(decisions[action],
			decide(action, store.Decision{Opinion: "同意"}),
			decide(action, store.Decision{Opinion: "同意", Rev: 1, Answers: []model.Answer{{Question: "是否涉密？"}}, At: time.Now().Add(time.Hour)}))
	}
	calls := map[string][]unseenCall{
		"MayRead": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.MayRead(act, a.ID)
			return err
		}},
		"MayEdit": {func(st *store.Store, act store.Actor, a *model.Article) error { return st.MayEdit(act, a.ID) }},
		"Save": {
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, err := st.Save(act, a.ID, a.Rev, text)
				return err
			},
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, err := st.Save(act, a.ID, a.Rev+5, text)
				return err
			}, // stale: no conflict draft
		},
		"Correct": {
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, err := st.Correct(act, a.ID, "更正", nil, 0)
				return err
			},
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, err := st.Correct(act, a.ID, "更正", &text, a.Rev)
				return err
			},
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, err := st.Correct(act, a.ID, "更正", &text, 1)
				return err
			},
		},
		"Delete": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.Delete(act, a.ID)
			return err
		}},
		"Restore": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.Restore(act, a.ID)
			return err
		}},
		"Purge": {func(st *store.Store, act store.Actor, a *model.Article) error { return st.Purge(act, a.ID) }},
		"AddComment": {
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, err := st.AddComment(act, a.ID, 0, 0, "猜编号")
				return err
			},
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, err := st.AddComment(act, a.ID, 1, 99, "猜编号")
				return err
			},
		},
		"ResolveComment": {func(st *store.Store, act store.Actor, a *model.Article) error { return st.ResolveComment(act, a.ID, 1) }},
		"MarkRead":       {func(st *store.Store, act store.Actor, a *model.Article) error { return st.MarkRead(act, a.ID, 1) }},
		"MayIgnore":      {func(st *store.Store, act store.Actor, a *model.Article) error { return st.MayIgnore(act, a.ID) }},
		"IgnoreFinding": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.IgnoreFinding(act, a.ID, 0, "P1@body:1", "猜编号")
			return err
		}},
		"IgnoreFindingIn": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.IgnoreFindingIn(act, a.ID, text, "P1@body:1", "猜编号")
			return err
		}},
		"AddReader": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.AddReader(act, a.ID, "chenfang", "请审阅")
			return err
		}},
		"RemoveReader": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.RemoveReader(act, a.ID, "chenfang", "")
			return err
		}},
		// the reads that take a reader
		"Revisions": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.Revisions(act, a.ID)
			return err
		}},
		"Trail": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.Trail(act, a.ID)
			return err
		}},
		"Comments": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.Comments(act, a.ID)
			return err
		}},
		"ConflictDrafts": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.ConflictDrafts(act, a.ID)
			return err
		}},
		"CheckRevision": {
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, _, _, err := st.CheckRevision(act, a.ID, 0)
				return err
			},
			func(st *store.Store, act store.Actor, a *model.Article) error {
				_, _, _, err := st.CheckRevision(act, a.ID, 9)
				return err
			},
		},
		"ProofIgnores": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.ProofIgnores(act, a.ID)
			return err
		}},
		"WorkingCopyOf": {func(st *store.Store, act store.Actor, a *model.Article) error {
			_, err := st.WorkingCopyOf(act, a.ID)
			return err
		}},
		"PutWorkingCopy": {func(st *store.Store, act store.Actor, a *model.Article) error {
			return st.PutWorkingCopy(act, a.ID, a.Rev, text)
		}},
	}
	// Decide and May once per action, named "Decide/approve"; trash
	// actions are named "Delete/…" so the admin's rows skip them.
	for _, action := range append(slices.Clone(model.Offered), model.ActReturn, model.ActWithdraw, model.ActDelete, model.ActRestore, model.ActPurge) {
		prefix := ""
		if trash[action] {
			prefix = "Delete/"
		}
		calls[prefix+"May/"+string(action)] = []unseenCall{func(st *store.Store, act store.Actor, a *model.Article) error { return st.May(act, a.ID, action) }}
		calls[prefix+"Decide/"+string(action)] = decisions[action]
	}
	return calls
}

// method is the store method a name of unseenCalls calls.
func method(name string) string {
	name = strings.TrimPrefix(name, "Delete/")
	m, _, _ := strings.Cut(name, "/")
	return m
}

// unseenExempt are the methods taking an Actor and an article ID that a
// user who may not see the article may call, and why.
var unseenExempt = map[string]string{
	"DropWorkingCopy": "removes only the actor's own working copy (a key of their login); it reads and says nothing of the article",
}

// Every exported method of *store.Store whose parameters start with an
// Actor and an article ID is in unseenCalls or unseenExempt, so a new
// action cannot be added without TestUnseenArticleRefusals running it.
func TestEveryArticleMethodIsInTheTable(t *testing.T) {
	calls := unseenCalls()
	typ := reflect.TypeOf((*store.Store)(nil))
	actor, seen := reflect.TypeOf(store.Actor{}), map[string]bool{}
	for i := range typ.NumMethod() {
		m := typ.Method(i)
		in := m.Type
		if in.NumIn() < 3 || in.In(1) != actor || in.In(2).Kind() != reflect.Uint64 {
			continue
		}
		seen[m.Name] = true
		if !slices.ContainsFunc(slices.Collect(maps.Keys(calls)), func(n string) bool { return method(n) == m.Name }) && unseenExempt[m.Name] == "" {
			t.Errorf("store.%s takes an Actor and an article ID but TestUnseenArticleRefusals does not call it (add it to unseenCalls)", m.Name)
		}
	}
	for name := range calls {
		if !seen[method(name)] {
			t.Errorf("unseenCalls names %s, which is no method taking (Actor, uint64, …)", name)
		}
	}
}

// A refusal never tells you about an article you may not see: every store
// method on one article, called by a user who may not see it, returns
// exactly MayRead's refusal (*model.DeniedError, ErrNotVisible: the same
// text in zh-CN and en as `article show`), and nothing changes — not the
// header, the comments, the working copies nor the audit chain's head.
// Those who may see it keep the specific refusal (TestRefusalsStaySpecific).
func TestUnseenArticleRefusals(t *testing.T) {
	st, _ := newOffice(t)
	draft := mustCreate(t, st)
	if _, err := st.AddComment(liwei, draft.ID, 0, 0, "自己的批注"); err != nil {
		t.Fatal(err)
	}
	review := mustCreate(t, st)
	mustDecide(t, st, liwei, review.ID, model.ActSubmit, "")
	if _, err := st.AddReader(liwei, review.ID, "chenfang", "请审阅"); err != nil {
		t.Fatal(err)
	}
	gone := mustCreate(t, st)
	mustDecide(t, st, liwei, gone.ID, model.ActSubmit, "")
	mustDecide(t, st, wangyin, gone.ID, model.ActApprove, "同意")
	mustDecide(t, st, shenjl, gone.ID, model.ActSignOff, "同意")
	mustDecide(t, st, shenjl, gone.ID, model.ActTakedown, "撤稿")
	deleted := mustCreate(t, st)
	if _, err := st.Delete(liwei, deleted.ID); err != nil {
		t.Fatal(err)
	}
	headers := func() string {
		var all []any
		for _, id := range []uint64{draft.ID, review.ID, gone.ID, deleted.ID} {
			a, err := st.Get(id)
			if err != nil {
				t.Fatal(err)
			}
			cs, _ := st.Comments(store.Holder(), id)
			all = append(all, a, cs)
		}
		b, _ := json.Marshal(all)
		return string(b)
	}
	seq0, hash0, err := st.ChainHead()
	if err != nil {
		t.Fatal(err)
	}
	before := headers()
	calls := unseenCalls()
	for _, c := range []struct {
		act store.Actor
		id  uint64
	}{
		{zhaoli, draft.ID}, {zhaoli, review.ID}, {zhaoli, gone.ID}, {zhaoli, deleted.ID},
		{shenjl, draft.ID}, {shenjl, review.ID}, {wangyin, draft.ID}, {wangyin, deleted.ID}, {chenfang, draft.ID},
		{admin, draft.ID}, {admin, review.ID}, {admin, gone.ID},
		{zhaoli, 999}, {admin, 999}, // no such article: the same refusal
	} {
		a, err := st.Get(c.id)
		if store.IsNotFound(err) {
			a, err = &model.Article{ID: c.id}, nil
		}
		if err != nil {
			t.Fatal(err)
		}
		_, want := st.MayRead(c.act, c.id)
		if !errors.Is(want, model.ErrNotVisible) {
			t.Fatalf("%s may see article %d (%s): %v", c.act.Login, c.id, a.State, want)
		}
		for name, fns := range calls {
			if c.act == admin && (strings.HasPrefix(name, "Delete") || name == "Restore" || name == "Purge") {
				continue // the admin's trash (model.MayAct): store.TestDeleteRestorePurgeDraft
			}
			for i, fn := range fns {
				err := fn(st, c.act, a)
				var d *model.DeniedError
				if !errors.Is(err, model.ErrNotVisible) || !errors.As(err, &d) || d.MessageID() != "ErrNotVisible" {
					t.Errorf("%s on article %d (%s): %s #%d: %v; want MayRead's refusal", c.act.Login, c.id, a.State, name, i, err)
					continue
				}
				for _, lang := range []locale.Lang{locale.ZH, locale.EN} {
					if got, w := locale.Err(lang, err), locale.Err(lang, want); got != w {
						t.Errorf("%s on article %d: %s #%d says %q, article show says %q", c.act.Login, c.id, name, i, got, w)
					}
				}
			}
		}
		if wc, _ := st.WorkingCopyOf(c.act, c.id); wc != nil {
			t.Errorf("%s kept a working copy of article %d", c.act.Login, c.id)
		}
		// The local holder of the file (no user named) reads it all.
		if _, err := st.Comments(store.Holder(), c.id); err != nil && c.id != 999 {
			t.Errorf("the holder reads the comments of article %d: %v", c.id, err)
		}
	}
	if seq, hash, _ := st.ChainHead(); seq != seq0 || hash != hash0 {
		t.Errorf("the refusals were audited: chain head %d %s, was %d %s", seq, hash, seq0, hash0)
	}
	if after := headers(); after != before {
		t.Errorf("the refusals changed an article:\n%s\n→\n%s", before, after)
	}
}

// Those who may see an article keep the specific refusal: its writer
// approving, the reviewer signing off, a reviewer deleting what is not
// theirs, a deleted draft saved by its writer.
func TestRefusalsStaySpecific(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	for what, err := range map[string]error{
		"writer approves": func() error {
			_, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意", Rev: 1})
			return err
		}(),
		"reviewer signs off": func() error {
			_, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActSignOff, Opinion: "同意", Rev: 1})
			return err
		}(),
		"reviewer deletes": func() error { _, err := st.Delete(wangyin, a.ID); return err }(),
		"writer purges":    st.Purge(liwei, a.ID),
		"reviewer takes it down": func() error {
			_, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActTakedown, Opinion: "撤"})
			return err
		}(),
		"writer deletes it, sent": func() error { _, err := st.Delete(liwei, a.ID); return err }(),
	} {
		if err == nil || errors.Is(err, model.ErrNotVisible) {
			t.Errorf("%s: %v; want the specific refusal", what, err)
		}
	}
}

// The local Holder (a command run without --as) reads every article but
// is no user: every action refuses it, and marked Remote it reads nothing.
// The SSH server and the workstation never read as it: they read as their
// user (checked in their source).
func TestHolderReadsButNeverActs(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	h := store.Holder()
	if _, err := st.Revisions(h, a.ID); err != nil {
		t.Fatalf("the holder reads: %v", err)
	}
	for name, fns := range unseenCalls() {
		if !strings.HasPrefix(name, "Delete/") && slices.Contains([]string{"Revisions", "Trail", "Comments", "ConflictDrafts", "CheckRevision", "ProofIgnores", "WorkingCopyOf"}, method(name)) {
			continue
		}
		for i, fn := range fns {
			if err := fn(st, h, a); !errors.Is(err, model.ErrDenied) {
				t.Errorf("the holder: %s #%d: %v; want a refusal (no user)", name, i, err)
			}
		}
	}
	h.Remote = true
	if _, err := st.Revisions(h, a.ID); !errors.Is(err, model.ErrDenied) {
		t.Errorf("a remote holder read: %v", err)
	}
	for _, dir := range []string{"../server", "../tui"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(src), "store.Holder()") {
				t.Errorf("%s reads as store.Holder(): the server and the workstation read as their user", f)
			}
		}
	}
}
