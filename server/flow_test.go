package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// addUser adds a user with an SSH key to the office (by wang, the admin).
func addUser(t *testing.T, o *office, login, display string, roles ...model.Role) *user {
	t.Helper()
	signer, priv := newKey(t)
	u := &user{login: login, display: display, roles: roles, signer: signer, priv: priv}
	k, err := model.ParseKey(u.authorizedKey())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.st.AddUser(store.Actor{Login: "wang"}, model.User{Login: login, Display: display, Roles: roles, Keys: []model.Key{k}}); err != nil {
		t.Fatal(err)
	}
	return u
}

const collegeOverSSH = `stages:
  - name: 部门负责人审核
    role: 部门负责人
  - name: 保密审查
    role: 保密员
    checklist: [是否涉及国家秘密？, 是否涉及工作秘密？, 是否涉及个人信息？, 是否属于内部事项？, 是否含有涉密场所图片？]
  - name: 宣传部审核
    role: reviewer
  - name: 分管领导签发
    role: 分管领导
    signoff: true
`

// The college's five-stage workflow over real SSH: roles and the workflow
// defined by the admin, the writer names an extra reader, each stage
// decides with `article approve`, 保密审查 answers its checklist (a partial
// answer is refused naming the rest), an edit after a middle stage sends
// it back to the first stage, the sign-off waits for the reader, who sees
// the article and approves it over SSH; the answers are shown.
func TestCollegeWorkflowOverSSH(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	must := func(u *user, stdin, cmd string) result {
		t.Helper()
		r := ts.runAs(t, u, stdin, cmd)
		if r.code != 0 {
			t.Fatalf("%s: %s: exit %d %s", u.login, cmd, r.code, r.stderr)
		}
		return r
	}
	for _, r := range []string{"dept --display 部门负责人", "secrecy --display 保密员", "leader --display 分管领导"} {
		must(o.wang, "", "role add "+r)
	}
	dept := addUser(t, o, "dept", "赵主任", "dept")
	baomi := addUser(t, o, "baomi", "钱保密", "secrecy")
	leader := addUser(t, o, "leader", "孙领导", "leader")
	reader := addUser(t, o, "zhangming", "张明", model.RoleWriter)
	must(o.wang, collegeOverSSH, "workflow define college --file -")
	must(o.wang, "", "workflow set-default news college")

	id := strings.TrimSpace(must(o.chen, "11月25日，学院召开保密工作会议。\n\n会议要求全面排查。\n", "article new --title 学院召开保密工作会议 --file -").stdout)
	if r := ts.runAs(t, reader, "", "article reader add "+id+" zhangming"); r.code != 4 {
		t.Fatalf("the reader adds themselves: %+v", r)
	}
	must(o.chen, "", "article reader add "+id+" zhangming -m 讲话须本人审阅")
	must(o.chen, "", "article submit "+id)
	approve := func(u *user, extra string) result {
		t.Helper()
		must(u, "", "article show "+id)
		return ts.runAs(t, u, "", "article approve "+id+" -m 同意 "+extra)
	}
	ok := func(u *user, extra string) {
		t.Helper()
		if r := approve(u, extra); r.code != 0 {
			t.Fatalf("%s approve: %d %s", u.login, r.code, r.stderr)
		}
	}
	answers := "--answer 1=否 --answer 2=否 --answer 3=是:含学生姓名 --answer 4=否 --answer 5=否"
	ok(dept, "")
	if r := approve(baomi, "--answer 1=否 --answer 2=否"); r.code != 1 || !strings.Contains(r.stderr, "是否属于内部事项") || strings.Contains(r.stderr, "1. 是否涉及国家秘密") {
		t.Fatalf("partial answers over SSH: %+v", r)
	}
	ok(baomi, answers)
	if r := must(o.li, "", "article show "+id); !strings.Contains(r.stdout, "是否涉及个人信息？  是（含学生姓名）") {
		t.Fatalf("answers not shown over SSH:\n%s", r.stdout)
	}
	// An edit after 保密审查: every approval stale, back to the first stage.
	pulled := must(o.chen, "", "article pull "+id).stdout
	must(o.chen, strings.Replace(pulled, "全面排查", "全面排查整改", 1), "article push "+id)
	if a, _ := o.st.Get(1); a.Stage != 0 || len(a.ValidApprovals()) != 0 || len(a.StaleApprovals()) != 2 {
		t.Fatalf("after the edit: stage %d, %d valid, %d stale", a.Stage, len(a.ValidApprovals()), len(a.StaleApprovals()))
	}
	if r := ts.runAs(t, o.li, "", "article approve "+id+" -m 同意 --rev 2"); r.code != 4 {
		t.Fatalf("宣传部 before the stale stages: %+v", r)
	}
	ok(dept, "")
	ok(baomi, answers)
	ok(o.li, "")
	must(leader, "", "article show "+id)
	if r := ts.runAs(t, leader, "", "article signoff "+id+" -m 同意签发"); r.code != 1 || !strings.Contains(r.stderr, "zhangming") {
		t.Fatalf("sign-off before the reader: %+v", r)
	}
	// The reader may see it (the visibility rule names extra readers) and approves it.
	if r := must(reader, "", "article show "+id); !strings.Contains(r.stdout, "学院召开保密工作会议") {
		t.Fatal(r.stdout)
	}
	ok(reader, "")
	must(leader, "", "article show "+id)
	must(leader, "", "article signoff "+id+" -m 同意签发")
	a, err := o.st.Get(1)
	if err != nil || a.State != model.StateSigned {
		t.Fatalf("%+v %v", a, err)
	}
	var withAnswers int
	for _, ap := range a.Record {
		if len(ap.Answers) == 5 && ap.Answers[2].Yes && ap.Answers[2].Note == "含学生姓名" {
			withAnswers++
		}
	}
	if withAnswers != 2 {
		t.Fatalf("保密审查 answers in the record: %d of 2", withAnswers)
	}
	if rep, err := o.st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep.Problems, err)
	}
}

// 会签 over SSH: two named users; one returns (back to the writer with the
// opinion), then both approve the new text and it moves on.
func TestCountersignOverSSH(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	sun := addUser(t, o, "sun", "孙部长", model.RoleReviewer)
	def := "stages:\n  - name: 两部会签\n    users: [li, sun]\n    all: true\n  - name: 主编签发\n    role: chief\n    signoff: true\n"
	if r := ts.runAs(t, o.wang, def, "workflow define joint --file -"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	ts.runAs(t, o.wang, "", "workflow set-default news joint")
	id := o.article(t, o.chen, "两部门联合通知", "通知内容。\n")
	ids := fmt.Sprint(id)
	if r := ts.runAs(t, o.chen, "", "article submit "+ids); r.code != 0 {
		t.Fatal(r.stderr)
	}
	decide := func(u *user, act, opinion string) result {
		t.Helper()
		ts.runAs(t, u, "", "article show "+ids)
		return ts.runAs(t, u, "", "article "+act+" "+ids+" -m "+opinion)
	}
	if r := decide(o.li, "approve", "同意"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := decide(sun, "return", "时间写错了"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if r := ts.runAs(t, o.chen, "", "article show "+ids); !strings.Contains(r.stdout, "时间写错了") {
		t.Fatalf("the writer does not see the opinion:\n%s", r.stdout)
	}
	pulled := ts.runAs(t, o.chen, "", "article pull "+ids).stdout
	if r := ts.runAs(t, o.chen, strings.Replace(pulled, "通知内容。", "通知内容（时间已更正）。", 1), "article push "+ids); r.code != 0 {
		t.Fatal(r.stderr)
	}
	ts.runAs(t, o.chen, "", "article submit "+ids)
	if r := decide(sun, "approve", "同意"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if a, _ := o.st.Get(id); a.Stage != 0 {
		t.Fatalf("moved on with one of two: stage %d", a.Stage)
	}
	if r := decide(o.li, "approve", "同意"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if a, _ := o.st.Get(id); a.Stage != 1 {
		t.Fatalf("both approved, still at stage %d", a.Stage)
	}
	if r := decide(o.zhao, "signoff", "签发"); r.code != 0 {
		t.Fatal(r.stderr)
	}
}

// The workstation over SSH: the 保密员 finds the article in their queue and
// answers the checklist key by key in the confirm step.
func TestChecklistInTUIOverSSH(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	if err := o.st.AddRole(o.wang.actor(), model.CustomRole{Name: "secrecy", Display: "保密员"}); err != nil {
		t.Fatal(err)
	}
	baomi := addUser(t, o, "baomi", "钱保密", "secrecy")
	def := "stages:\n  - name: 保密审查\n    role: secrecy\n    checklist: [是否涉及国家秘密？, 是否涉及工作秘密？]\n  - name: 主编签发\n    role: chief\n    signoff: true\n"
	if _, err := o.st.DefineWorkflow(o.wang.actor(), "short", []byte(def)); err != nil {
		t.Fatal(err)
	}
	if err := o.st.SetKindWorkflow(o.wang.actor(), model.KindNews, "short"); err != nil {
		t.Fatal(err)
	}
	id := o.article(t, o.chen, "学院保密教育月活动", "学院开展保密教育月活动。\n")
	if _, err := o.st.Decide(o.chen.actor(), id, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	tm := openTerm(t, ts.dial(t, baomi), 100, 30, false)
	tm.waitFor(t, 0, 10*time.Second, "学院保密教育月活动", "待我审核 1")
	steps := []struct{ keys, want string }{
		{"\r", "全文"},
		{"a", "书面意见"},
		{"不涉密", "不涉密"},
		{"\r", "1/2"},
		{"n", "2/2"},
		{"n", "确认批准"},
		{"y", "已批准"},
	}
	for _, s := range steps {
		mark := tm.rawLen()
		tm.stdin.Write([]byte(s.keys))
		tm.waitFor(t, mark, 10*time.Second, s.want)
	}
	a, err := o.st.Get(id)
	if err != nil || len(a.Record) != 1 || len(a.Record[0].Answers) != 2 || a.Record[0].Answers[0].Yes || a.Current().Name != "主编签发" {
		t.Fatalf("after the SSH workstation: %+v %v", a, err)
	}
}
