package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
)

// TestIgnoreFinding: a writer ignores a warning with a reason; the ignore is
// audited, holds in a later revision while its context is unchanged, and 送审
// counts it as a waiver naming who ignored it and why. Errors cannot be
// ignored, a reason is required, only a real finding can be ignored, and a
// user who may neither edit nor review is refused. An edit next to the
// finding ends the ignore; edits elsewhere, in the same line too, do not.
func TestIgnoreFinding(t *testing.T) {
	st, _ := newOffice(t)
	if _, err := st.SetProofList(admin, proof.ListCaution, entries(t, proof.ListCaution, "查漏补缺 => 补齐短板\n")); err != nil {
		t.Fatal(err)
	}
	a, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", faultyBody+"\n"+sampleBody), "")
	if err != nil {
		t.Fatal(err)
	}
	_, fs, _, err := st.CheckRevision(store.Holder(), a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var errKey, warnKey string
	for _, f := range fs {
		switch {
		case f.Severity == proof.Error && f.Text == ",":
			errKey = store.FindingKey(f)
		case f.Severity == proof.Warning && f.Text == "查漏补缺":
			warnKey = store.FindingKey(f)
		}
	}
	if errKey == "" || warnKey == "" {
		t.Fatalf("findings %+v", fs)
	}
	if _, err := st.IgnoreFinding(liwei, a.ID, 0, errKey, "原文如此"); !errors.Is(err, store.ErrIgnoreError) {
		t.Fatalf("an error was ignored: %v", err)
	}
	if _, err := st.IgnoreFinding(liwei, a.ID, 0, warnKey, "  "); !errors.Is(err, store.ErrIgnoreReason) {
		t.Fatalf("an ignore without a reason: %v", err)
	}
	if _, err := st.IgnoreFinding(liwei, a.ID, 0, "P16-caution@body:1", "理由"); !errors.Is(err, store.ErrIgnoreNoFinding) {
		t.Fatalf("an ignore of no finding: %v", err)
	}
	if _, err := st.IgnoreFinding(wangyin, a.ID, 0, warnKey, "理由"); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a reviewer ignored in a draft: %v", err)
	}
	g, err := st.IgnoreFinding(liwei, a.ID, 0, warnKey, "会议原话，保留")
	if err != nil || g.By != "liwei" || g.Text != "查漏补缺" || g.Rev != 1 {
		t.Fatalf("ignore: %+v %v", g, err)
	}
	// Fix the ASCII comma (another line): the ignore still holds in rev 2.
	a, err = st.Save(liwei, a.ID, a.Rev, meeting("学院召开党委理论学习中心组学习会", strings.Replace(faultyBody, ",", "，", 1)+"\n"+sampleBody))
	if err != nil {
		t.Fatal(err)
	}
	r, fs, _, err := st.CheckRevision(store.Holder(), a.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	igs, _ := st.ProofIgnores(store.Holder(), a.ID)
	if m := store.IgnoredIn(&r.Content, fs, igs); len(m) != 1 {
		t.Fatalf("ignores matched in rev 2: %+v", m)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatalf("submit with the warning ignored: %v", err)
	}
	trail, err := st.Trail(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ign, sub model.AuditRecord
	for _, rec := range trail {
		switch rec.Action {
		case model.ActProofIgnore:
			ign = rec
		case model.ActSubmit:
			sub = rec
		}
	}
	if ign.Actor != "liwei" || !strings.Contains(ign.Detail, "查漏补缺") || !strings.Contains(ign.Detail, "会议原话，保留") {
		t.Errorf("ignore record %+v", ign)
	}
	if !strings.Contains(sub.Detail, "1 warnings, 1 waived") {
		t.Errorf("submit record %q", sub.Detail)
	}
	res, ok, err := st.ProofResult(sub.Seq)
	if err != nil || !ok || len(res.Waivers) != 1 || res.Waivers[0].By != "liwei" || res.Waivers[0].Reason != "会议原话，保留" || res.Waivers[0].Ignore != g.Seq {
		t.Fatalf("stored result %+v", res)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	// The reviewer may ignore now (they may decide the article).
	if _, err := st.IgnoreFinding(wangyin, a.ID, 0, warnKey, "审核认可"); err != nil {
		t.Fatalf("the reviewer at the current stage ignored: %v", err)
	}
	// An edit next to the warning ends the ignores; edits elsewhere do not.
	ck, _, err := st.Checker()
	if err != nil {
		t.Fatal(err)
	}
	igs, _ = st.ProofIgnores(store.Holder(), a.ID)
	for _, c := range []struct {
		from, to string
		want     int
	}{{"年度目标", "全年目标", 0}, {"会议要求", "会议还要求", 1}, {"党委书记张明", "党委书记张明同志", 1}} {
		ct := r.Content
		ct.Body = strings.Replace(ct.Body, c.from, c.to, 1)
		fs := ck.Check(&ct)
		if m := store.IgnoredIn(&ct, fs, igs); len(m) != c.want {
			t.Errorf("after replacing %s: %d ignored findings, want %d", c.from, len(m), c.want)
		}
	}
}
