package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// collegeStore is testStore with the college's five-stage workflow
// (撰稿 → 部门负责人审核 → 保密审查 → 宣传部审核 → 分管领导签发) for meeting
// reports, its custom roles and people, and an extra reader.
func collegeStore(t *testing.T) *store.Store {
	t.Helper()
	st := testStore(t)
	admin := store.Actor{Login: "admin"}
	for _, r := range []model.CustomRole{{Name: "dept", Display: "部门负责人"}, {Name: "secrecy", Display: "保密员"}, {Name: "leader", Display: "分管领导"}} {
		if err := st.AddRole(admin, r); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []model.User{
		{Login: "dept", Display: "赵主任", Roles: []model.Role{"dept"}},
		{Login: "baomi", Display: "钱保密", Roles: []model.Role{"secrecy"}},
		{Login: "leader", Display: "孙领导", Roles: []model.Role{"leader"}},
		{Login: "zhangming", Display: "张明", Roles: []model.Role{model.RoleWriter}},
	} {
		if _, err := st.AddUser(admin, u); err != nil {
			t.Fatal(err)
		}
	}
	def := "stages:\n  - name: 部门负责人审核\n    role: dept\n  - name: 保密审查\n    role: 保密员\n    checklist: [是否涉及国家秘密？, 是否涉及工作秘密？, 是否涉及个人信息？, 是否属于内部事项？, 是否含有涉密场所图片？]\n  - name: 宣传部审核\n    role: reviewer\n  - name: 分管领导签发\n    role: leader\n    signoff: true\n"
	if _, err := st.DefineWorkflow(admin, "college", []byte(def)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKindWorkflow(admin, model.KindMeeting, "college"); err != nil {
		t.Fatal(err)
	}
	return st
}

// decideInTUI opens login's first waiting article in the workstation and
// approves (or signs off) it with opinion; answers, when given, answer the
// checklist key by key (y/n) after the opinion.
func decideInTUI(t *testing.T, st *store.Store, login, tab, opinion, answers, confirm, done string) {
	t.Helper()
	p := run(t, st, login)
	p.waitFor(tab + " 1")
	p.key(tea.KeyEnter)
	p.waitFor("全文", "批注")
	p.typ("a")
	p.waitFor("书面意见")
	p.typ(opinion)
	p.waitFor(opinion)
	p.key(tea.KeyEnter)
	if answers != "" {
		p.waitFor("核查问题", "1/5")
		for i, k := range answers {
			p.typ(string(k))
			if i+1 < len(answers) {
				p.waitFor(string(rune('1'+i+1)) + "/5")
			}
		}
	}
	p.waitFor(confirm)
	p.typ("y")
	p.waitFor(done)
	p.quit()
}

// The college workflow end to end in the workstation: each stage's people
// find the article in their queue (custom roles included), 保密审查 asks
// its five questions after the opinion and the answers are stored with the
// approval; an extra reader finds it in their queue and approves it; the
// leader signs off only after that.
func TestCollegeWorkflowInTUI(t *testing.T) {
	st := collegeStore(t)
	a, err := st.Create(liwei, meetingContent(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddReader(liwei, a.ID, "zhangming", "讲话须本人审阅"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	decideInTUI(t, st, "dept", "待我审核", "同意。", "", "确认批准", "已批准 #1")
	decideInTUI(t, st, "baomi", "待我审核", "不涉密。", "nnynn", "确认批准", "已批准 #1")
	got, _ := st.Get(a.ID)
	ap := got.Record[len(got.Record)-1]
	if ap.Name != "保密审查" || len(ap.Answers) != 5 || ap.Answers[1].Yes || !ap.Answers[2].Yes || ap.Answers[2].Question != "是否涉及个人信息？" {
		t.Fatalf("answers stored: %+v", ap)
	}
	decideInTUI(t, st, "wangyin", "待我审核", "同意。", "", "核查：1=否 2=否 3=是 4=否 5=否", "已批准 #1") // the confirm box shows 保密审查's answers
	// The leader's sign-off waits for the reader: the store refuses it.
	if got, _ = st.Get(a.ID); len(got.PendingReaders()) != 1 || !strings.Contains(got.Current().Name, "签发") {
		t.Fatalf("before the reader: %+v", got.Readers)
	}
	// The leader's article page says whom it still waits for.
	lp := run(t, st, "leader")
	lp.waitFor("待我签发 1")
	lp.key(tea.KeyEnter)
	lp.waitFor("本人审阅尚待：张明")
	lp.quit()
	decideInTUI(t, st, "zhangming", "待我审核", "属实，同意。", "", "确认批准", "已批准 #1")
	decideInTUI(t, st, "leader", "待我签发", "同意签发。", "", "确认签发", "已签发 #1")
	if got, _ = st.Get(a.ID); got.State != model.StateSigned || got.Readers[0].Approved == nil {
		t.Fatalf("after sign-off: %s %+v", got.State, got.Readers)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep.Problems, err)
	}
}

// esc steps back through the checklist; the confirm box lists the answers.
func TestChecklistStepsBack(t *testing.T) {
	st := collegeStore(t)
	a, _ := st.Create(liwei, meetingContent(), "")
	st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit})
	st.MarkRead(store.Actor{Login: "dept"}, a.ID, 1)
	if _, err := st.Decide(store.Actor{Login: "dept"}, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意"}); err != nil {
		t.Fatal(err)
	}
	p := run(t, st, "baomi")
	p.waitFor("待我审核 1")
	p.key(tea.KeyEnter)
	p.waitFor("全文", "批注")
	p.typ("a")
	p.waitFor("书面意见")
	p.typ("不涉密。")
	p.waitFor("不涉密。")
	p.key(tea.KeyEnter)
	p.waitFor("1/5")
	p.typ("y")
	p.waitFor("2/5")
	p.key(tea.KeyEsc)
	p.waitFor("1/5")
	for _, k := range "nnnnn" {
		p.typ(string(k))
	}
	p.waitFor("确认批准", "5. 是否含有涉密场所图片？  否")
	frame := p.quit()
	if !strings.Contains(frame, "1. 是否涉及国家秘密？  否") {
		t.Fatalf("confirm box:\n%s", frame)
	}
}

// W on home opens the read-only workflows page: the presets and the
// office's, the selected one's stages with custom roles by their names,
// the checklist, and which kinds start with it.
func TestWorkflowsPage(t *testing.T) {
	st := collegeStore(t)
	p := run(t, st, "wangyin")
	p.waitFor("待我审核")
	p.typ("W")
	p.waitFor("审核流程", "三审", "college", "（会议默认）")
	p.typ("j")
	p.typ("j")
	p.waitFor("2. 保密审查  角色：保密员", "□ 是否含有涉密场所图片？", "4. 分管领导签发  角色：分管领导")
	p.quit()
}

// The compose page's 稿件信息 (ctrl+o) marks an article 重要 and tags it;
// saved, the workflow's conditional stages apply to it.
func TestComposeMarksImportant(t *testing.T) {
	st := testStore(t)
	admin := store.Actor{Login: "admin"}
	def := "stages:\n  - name: 审核\n    role: reviewer\n  - name: 主管领导\n    users: [admin]\n    when: important\n  - name: 签发\n    role: chief\n    signoff: true\n"
	if _, err := st.DefineWorkflow(admin, "county", []byte(def)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKindWorkflow(admin, model.KindMeeting, "county"); err != nil {
		t.Fatal(err)
	}
	a, err := st.Create(liwei, meetingContent(), "")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "liwei", 100, 40)
	h.keys("enter")
	h.keys("ctrl+o")
	if !strings.Contains(h.view(), "稿件信息") {
		t.Fatalf("no meta form:\n%s", h.view())
	}
	for range 9 { // 副标题 资讯来源 作者 摄影, and the meeting's five
		h.keys("tab")
	}
	h.keys("y") // 重要: 是
	h.keys("人事")
	h.keys("enter")
	h.keys("ctrl+s")
	got, r, err := st.Head(a.ID)
	if err != nil || !r.Content.Important || len(r.Content.Tags) != 1 || r.Content.Tags[0] != "人事" || !got.Important {
		t.Fatalf("saved: important %v tags %v (%v)\n%s", r.Content.Important, r.Content.Tags, err, h.view())
	}
}

// The status bar names an office's own roles as the office says them:
// 钱保密 is 保密员, not "secrecy".
func TestStatusBarNamesCustomRoles(t *testing.T) {
	st := collegeStore(t)
	p := run(t, st, "baomi")
	p.waitFor("钱保密", "保密员")
	if last := p.quit(); strings.Contains(last, "secrecy") || !strings.Contains(last, "保密员") {
		t.Fatalf("status bar:\n%s", last)
	}
}
