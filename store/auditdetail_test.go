package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// An article's audit trail reads in the reader's language (issue 9.10):
// the details store writes in English shapes (a decision's 三校 result, a
// comment, an approval made stale by an edit, a save conflict, an extra
// reader added and removed) render from the catalog with DetailText, the
// opinions and notes inside them kept as written. The records are made by
// a real run through the store, so a changed shape fails here.
func TestAuditDetailsReadInChinese(t *testing.T) {
	st, _ := newOffice(t)
	mustUser(t, st, admin, "zhangming", "张明", model.RoleWriter)
	a := mustCreate(t, st)
	ok(st.AddReader(liwei, a.ID, "zhangming", "讲话稿须本人审阅"))
	ok(st.AddReader(liwei, a.ID, "chenfang", ""))
	ok(st.RemoveReader(liwei, a.ID, "chenfang", "不必了"))
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	c := ok(st.AddComment(wangyin, a.ID, 1, 1, "这一段请核实数字"))
	if err := st.ResolveComment(liwei, a.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	h, r, _ := st.Head(a.ID)
	ct := r.Content
	ct.Title += "（修改）"
	ok(st.Save(duo, a.ID, h.Rev, ct)) // makes 王音's approval stale
	ct.Title += "！"
	if _, err := st.Save(duo, a.ID, h.Rev, ct); err == nil { // from an old base: a conflict draft
		t.Fatal("a save from an old base was not refused")
	}
	trail := ok(st.Trail(store.Holder(), a.ID))
	seen := map[model.Action]bool{}
	show := func(t time.Time) string { return t.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04") }
	for _, rec := range trail {
		if rec.Detail == "" {
			continue
		}
		seen[rec.Action] = true
		zh := store.DetailText(locale.ZH, rec, show)
		if strings.Contains(zh, ": ") {
			t.Errorf("%s: %q reads %q in zh-CN: an ASCII colon", rec.Action, rec.Detail, zh)
		}
		if bad := langcheck.English(zh, "zhangming", "chenfang"); len(bad) > 0 {
			t.Errorf("%s: %q reads %q in zh-CN (English: %v)", rec.Action, rec.Detail, zh, bad)
		}
		en := store.DetailText(locale.EN, rec, show)
		if len(langcheck.English(rec.Detail, "zhangming", "chenfang")) > 0 && len(langcheck.English(en)) == 0 {
			t.Errorf("%s: %q reads %q in en", rec.Action, rec.Detail, en)
		}
		for _, free := range []string{"讲话稿须本人审阅", "不必了", "同意"} {
			if strings.Contains(rec.Detail, free) && !strings.Contains(zh, free) {
				t.Errorf("%s: the written text %q is lost: %q", rec.Action, free, zh)
			}
		}
	}
	for _, act := range []model.Action{model.ActReaderAdd, model.ActReaderRemove, model.ActSubmit, model.ActApprove,
		model.ActComment, model.ActResolve, model.ActSave, model.ActConflict} {
		if !seen[act] {
			t.Errorf("no %s record with a detail in the trail: the run did not make it", act)
		}
	}
}

// The details of the scheduler and of 三校 waivers, in the shapes store
// writes them (schedule.go, proof_ignore.go), render in both languages with
// the time in the reader's zone; a detail of an unknown shape is kept.
func TestAuditDetailShapes(t *testing.T) {
	show := func(t time.Time) string { return t.In(time.FixedZone("CST", 8*3600)).Format("01-02 15:04") }
	cases := []struct {
		act    model.Action
		detail string
		zh     []string
	}{
		{model.ActSchedule, "publish at 2026-12-01T00:30:00Z: 会后发布", []string{"定时于 12-01 08:30 发布：会后发布"}},
		{model.ActUnschedule, "cancelled publish at 2026-12-01T00:30:00Z: 推迟", []string{"取消 12-01 08:30 的定时发布：推迟"}},
		{model.ActPublished, "published to 校园网 (https://news.example.edu.cn/articles/3/); late: scheduled for 2026-12-01T00:30:00Z",
			[]string{"已发布到 校园网", "（https://news.example.edu.cn/articles/3/）", "迟发：原定 12-01 08:30"}},
		{model.ActPublished, "published", []string{"已发布"}},
		{model.ActScheduleRefused, (&model.ScheduleStaleError{Article: 3, Rev: 2, Head: 4, Reason: "ErrScheduleEdited"}).Error(), []string{"第 3 号稿件定时发布的是第 2 版", "第 4 版"}},
		{model.ActScheduleRefused, (&model.ScheduleStaleError{Article: 3, Rev: 2, Reason: "ErrScheduleWithdrawn"}).Error(), []string{"已撤稿或删除"}},
		{model.ActScheduleRefused, (&model.ScheduleStaleError{Article: 3, Rev: 2, Reason: "ErrScheduleUnsigned"}).Error(), []string{"签发已失效"}},
		{model.ActProofIgnore, "三校 ignore a1b2c3 warning “党的十九大”: 引用原文", []string{"忽略三校警告 a1b2c3“党的十九大”：引用原文"}},
		{model.ActApprove, "审核: 同意 | 三校 rev 4: 0 errors, 1 warnings, 1 waived, 2 hints; lists fixed=3 title=1; rules 2",
			[]string{"审核：同意 · 三校（第 4 版）：错误 0，警告 1（放行 1），提示 2；", "规则第2版"}},
		{model.ActReturn, "审核: 请补充\n数据来源", []string{"审核：请补充\n数据来源"}},
		{model.ActSignOff, "终审: 同意", []string{"终审：同意"}},
		{model.ActImport, "imported as draft", []string{"作为草稿导入"}},
		{model.ActDelete, "学院召开党委会", []string{"学院召开党委会"}},
	}
	for _, c := range cases {
		rec := model.AuditRecord{Action: c.act, Detail: c.detail}
		zh := store.DetailText(locale.ZH, rec, show)
		for _, w := range c.zh {
			if !strings.Contains(zh, w) {
				t.Errorf("%s %q in zh-CN: %q, want %q", c.act, c.detail, zh, w)
			}
		}
		if bad := langcheck.English(zh, "a1b2c3", "news", "example", "edu", "cn"); len(bad) > 0 {
			t.Errorf("%s %q in zh-CN: %q (English: %v)", c.act, c.detail, zh, bad)
		}
		if en := store.DetailText(locale.EN, rec, show); c.act != model.ActDelete && c.detail != "published" && len(langcheck.English(c.detail)) > 0 && len(langcheck.English(en)) == 0 {
			t.Errorf("%s %q in en: %q", c.act, c.detail, en)
		}
	}
}
