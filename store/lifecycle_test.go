package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// correctedAndTakenDown leaves a database with article 1 corrected (note
// bound to revision 2) and article 2 taken down, and closes it.
func correctedAndTakenDown(t *testing.T) string {
	t.Helper()
	st, path := newOffice(t)
	for range 2 {
		a := mustCreate(t, st)
		mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
		mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
		mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意发布")
	}
	c := meeting("学院召开党委理论学习中心组学习会", strings.Replace(sampleBody, "张明主持", "张明同志主持", 1))
	a, err := st.Correct(liwei, 1, "原稿漏写“同志”，已更正。", &c, 1)
	if err != nil {
		t.Fatal(err)
	}
	if a.Rev != 2 || a.State != model.StateReview || a.OpenCorrection() == nil {
		t.Fatalf("after correct: rev %d %s %+v", a.Rev, a.State, a.Corrections)
	}
	if rows, _ := st.Signed(); len(rows) != 2 || rows[0].Revision.N != 1 {
		t.Fatal("the signed text left the site while the correction is in review")
	}
	mustDecide(t, st, wangyin, 1, model.ActApprove, "同意更正")
	a = mustDecide(t, st, shenjl, 1, model.ActSignOff, "同意更正")
	if pc := a.PublicCorrections(); len(pc) != 1 || pc[0].Rev != 2 || pc[0].AuditSeq == 0 {
		t.Fatalf("correction not bound: %+v", a.Corrections)
	}
	if _, err := st.Decide(liwei, 2, store.Decision{Action: model.ActTakedown, Opinion: "作者要求撤下"}); !errors.Is(err, model.ErrRoleRequired) {
		t.Fatalf("a writer took it down: %v", err)
	}
	if _, err := st.Decide(shenjl, 2, store.Decision{Action: model.ActTakedown, Opinion: ""}); !errors.Is(err, model.ErrOpinionRequired) {
		t.Fatalf("no reason: %v", err)
	}
	mustDecide(t, st, shenjl, 2, model.ActTakedown, "涉及未公开信息，撤稿")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCorrectionAndTakedownRecorded(t *testing.T) {
	path := correctedAndTakenDown(t)
	st := openStore(t, path)
	rep, err := st.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", err, rep.Problems)
	}
	rows, err := st.Signed()
	if err != nil || len(rows) != 1 || rows[0].Article.ID != 1 || rows[0].Revision.N != 2 {
		t.Fatalf("on the site: %v %+v", err, rows)
	}
	gone, err := st.TakenDown()
	if err != nil || len(gone) != 1 || gone[0].ID != 2 || gone[0].Takedown.Login != "shenjl" || gone[0].Takedown.Opinion != "涉及未公开信息，撤稿" {
		t.Fatalf("taken down: %v %+v", err, gone)
	}
	a, _ := st.Get(2)
	if a.Signed == nil || a.Takedown.Hash != a.Signed.Hash {
		t.Fatal("the signed text left the record (留档)")
	}
	trail, _ := st.Trail(store.Holder(), 2)
	last := trail[len(trail)-1]
	if last.Action != model.ActTakedown || last.ContentHash != a.Signed.Hash || last.Detail != "涉及未公开信息，撤稿" {
		t.Fatalf("takedown record %+v", last)
	}
	trail, _ = st.Trail(store.Holder(), 1)
	if last := trail[len(trail)-1]; last.Action != model.ActCorrected || last.Detail != "原稿漏写“同志”，已更正。" || last.Rev != 2 {
		t.Fatalf("correction record %+v", last)
	}
}

func TestVerifyDetectsTamperedLifecycle(t *testing.T) {
	cases := []struct {
		name, bucket string
		key          []byte
		find, repl   string
		want         string
	}{
		{"takedown reason in the header", "articles", u64key(2), "涉及未公开信息", "作者个人要求", "takedown (撤稿) does not match audit record"},
		{"takedown signer in the header", "articles", u64key(2), `"action":"takedown","stage":-1,"login":"shenjl"`, `"action":"takedown","stage":-1,"login":"wangyin"`, "takedown (撤稿) does not match"},
		{"takedown removed: back on the site", "articles", u64key(2), `"takedown":{`, `"takedown_":{`, "nothing signed it off since"},
		{"correction note in the header", "articles", u64key(1), "原稿漏写", "原稿误写", "correction 1 (更正) does not match audit record"},
		{"correction removed from the header", "articles", u64key(1), `"corrections":[`, `"corrections_":[`, "records a correction (更正) the header no longer has"},
		{"taken-down text", "revisions", revKey(2, 1), "11月20日", "11月22日", "revision 1 was altered"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := correctedAndTakenDown(t)
			tamper(t, path, c.bucket, c.key, c.find, c.repl)
			st := openStore(t, path)
			rep, err := st.Verify()
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, p := range rep.Problems {
				all = append(all, p.Error())
			}
			if rep.OK() || !strings.Contains(strings.Join(all, "\n"), c.want) {
				t.Fatalf("want a problem %q, got %q", c.want, all)
			}
		})
	}
}

// Old databases: an article withdrawn before takedowns were recorded
// decodes, stays off the site and is not a takedown.
func TestOldWithdrawnStaysOff(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意发布")
	old := *mustDecide(t, st, shenjl, a.ID, model.ActWithdraw, "旧命令撤稿")
	if old.Takedown == nil || old.State != model.StateWithdrawn {
		t.Fatalf("withdraw is a takedown now: %+v", old)
	}
	old.Takedown = nil // as stored before issue 13
	if old.Live() {
		t.Fatal("an old withdrawn article counts as live")
	}
}

// A new public note for a correction in review is reviewed again: the
// approvals given to the old note no longer count (the writer could
// otherwise publish a note no reviewer saw, signed by the chief alone).
func TestCorrectionNewNoteReviewedAgain(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意发布")
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActCorrect, Opinion: "原稿日期有误，已更正。"}); err != nil {
		t.Fatal(err)
	}
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意更正")
	if a.Stage != 1 {
		t.Fatalf("stage %d after the reviewer", a.Stage)
	}
	// The same note again changes nothing.
	a, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActCorrect, Opinion: "原稿日期有误，已更正。"})
	if err != nil || a.Stage != 1 || len(a.Approvals) != 1 {
		t.Fatalf("same note: %v stage %d %+v", err, a.Stage, a.Approvals)
	}
	a, err = st.Decide(liwei, a.ID, store.Decision{Action: model.ActCorrect, Opinion: "本文系谣言，特此声明。"})
	if err != nil {
		t.Fatal(err)
	}
	if a.State != model.StateReview || a.Stage != 0 || len(a.Approvals) != 0 {
		t.Fatalf("new note kept the old approvals: %s stage %d %+v", a.State, a.Stage, a.Approvals)
	}
	if _, err := decideWith(t, st, shenjl, a.ID, model.ActSignOff, "签发", nil); !errors.Is(err, model.ErrState) {
		t.Fatalf("the chief signed a note no reviewer saw: %v", err)
	}
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意新的更正说明")
	a = mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意更正")
	if pc := a.PublicCorrections(); len(pc) != 1 || pc[0].Note != "本文系谣言，特此声明。" {
		t.Fatalf("%+v", a.Corrections)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", err, rep.Problems)
	}
}
