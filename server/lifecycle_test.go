package server_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// 更正 and 撤稿 over SSH run through the same rules as locally: a writer
// cannot take an article down, nor get a correction past review; an admin
// is not the chief; the chief takes down with a written reason.
func TestCorrectAndTakedownOverSSH(t *testing.T) {
	o := newOffice(t)
	id := o.article(t, o.chen, "学院召开安全稳定工作会议", "11月20日下午三点，学院召开安全稳定工作会议。\n")
	ids := strconv.FormatUint(id, 10)
	for _, s := range []struct {
		u   *user
		act model.Action
	}{{o.chen, model.ActSubmit}, {o.li, model.ActApprove}, {o.zhao, model.ActSignOff}} {
		if model.NeedsRead(s.act) {
			if err := o.st.MarkRead(s.u.actor(), id, 1); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := o.st.Decide(s.u.actor(), id, store.Decision{Action: s.act, Opinion: "同意"}); err != nil {
			t.Fatalf("%s: %v", s.act, err)
		}
	}
	ts := start(t, o, nil)

	if r := ts.runAs(t, o.chen, "", "article takedown "+ids+" -m 作者要求撤下"); r.code != 4 || !strings.Contains(r.stderr, "撤稿需要主编角色") {
		t.Fatalf("writer takes down: %+v", r)
	}
	if r := ts.runAs(t, o.wang, "", "article withdraw "+ids+" -m 管理员撤下"); r.code != 4 {
		t.Fatalf("admin (not chief) takes down: %+v", r)
	}
	pulled := ts.runAs(t, o.chen, "", "article pull "+ids).stdout
	fixed := strings.Replace(pulled, "下午三点", "下午两点半", 1)
	if r := ts.runAs(t, o.chen, fixed, "article correct "+ids+" --file -"); r.code != 2 || !strings.Contains(r.stderr, "更正说明") {
		t.Fatalf("correction without a note: %+v", r)
	}
	if r := ts.runAs(t, o.chen, fixed, "article correct "+ids+" --note 会议时间有误，已更正。 --file -"); r.code != 0 {
		t.Fatalf("writer opens a correction: %+v", r)
	}
	if r := ts.runAs(t, o.chen, "", "article approve "+ids+" -m 同意"); r.code != 4 {
		t.Fatalf("writer approves the own correction: %+v", r)
	}
	if r := ts.runAs(t, o.zhao, "", "article show "+ids); r.code != 0 {
		t.Fatal(r)
	}
	if r := ts.runAs(t, o.zhao, "", "article signoff "+ids+" -m 同意"); r.code == 0 {
		t.Fatalf("the chief skipped review of the correction: %+v", r)
	}
	if a, _ := o.st.Get(id); a.Signed.Rev != 1 || len(a.PublicCorrections()) != 0 {
		t.Fatalf("the correction went live without review: %+v", a.Corrections)
	}
	ts.runAs(t, o.li, "", "article show "+ids)
	if r := ts.runAs(t, o.li, "", "article approve "+ids+" -m 同意更正"); r.code != 0 {
		t.Fatal(r)
	}
	if r := ts.runAs(t, o.zhao, "", "article signoff "+ids+" -m 同意更正"); r.code != 0 {
		t.Fatal(r)
	}
	if a, _ := o.st.Get(id); a.Signed.Rev != 2 || len(a.PublicCorrections()) != 1 {
		t.Fatalf("after review: %+v", a.Corrections)
	}
	if r := ts.runAs(t, o.zhao, "", "article takedown "+ids); r.code != 2 {
		t.Fatalf("takedown without a reason: %+v", r)
	}
	if r := ts.runAs(t, o.zhao, "", "article takedown "+ids+" -m 涉及未公开信息"); r.code != 0 {
		t.Fatalf("chief takes down: %+v", r)
	}
	a, _ := o.st.Get(id)
	if a.Takedown == nil || a.Takedown.Login != "zhao" || a.Takedown.Rev != 2 || a.Live() {
		t.Fatalf("after the takedown: %+v", a.Takedown)
	}
	trail, _ := o.st.Trail(store.Holder(), id)
	if last := trail[len(trail)-1]; last.Action != model.ActTakedown || last.KeyFP == "" {
		t.Fatalf("takedown record without the SSH key: %+v", last)
	}
}
