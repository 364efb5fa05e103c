package store_test

import (
	"encoding/binary"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The college's five-stage workflow (issue 12).
const collegeWorkflow = `stages:
  - name: 部门负责人审核
    role: 部门负责人
  - name: 保密审查
    role: 保密员
    checklist:
      - 是否涉及国家秘密？
      - 是否涉及工作秘密？
      - 是否涉及个人信息？
      - 是否涉及内部事项？
      - 是否含有涉密场所图片？
  - name: 宣传部审核
    role: reviewer
  - name: 分管领导签发
    role: 分管领导
    signoff: true
`

var (
	dept    = store.Actor{Login: "dept"}
	secrecy = store.Actor{Login: "baomi"}
	leader  = store.Actor{Login: "leader"}
)

// collegeOffice is newOffice with the college's roles, users and workflow
// as the default for news and meetings.
func collegeOffice(t *testing.T) *store.Store {
	st, _ := collegeOfficeAt(t)
	return st
}

func collegeOfficeAt(t *testing.T) (*store.Store, string) {
	t.Helper()
	st, path := newOffice(t)
	for _, r := range []model.CustomRole{{Name: "dept", Display: "部门负责人"}, {Name: "secrecy", Display: "保密员"}, {Name: "leader", Display: "分管领导"}} {
		if err := st.AddRole(admin, r); err != nil {
			t.Fatal(err)
		}
	}
	mustUser(t, st, admin, "dept", "部门负责人甲", "dept")
	mustUser(t, st, admin, "baomi", "保密员乙", "secrecy")
	mustUser(t, st, admin, "leader", "分管领导丙", "leader")
	if _, err := st.DefineWorkflow(admin, "college", []byte(collegeWorkflow)); err != nil {
		t.Fatal(err)
	}
	for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
		if err := st.SetKindWorkflow(admin, k, "college"); err != nil {
			t.Fatal(err)
		}
	}
	return st, path
}

func decideWith(t *testing.T, st *store.Store, act store.Actor, id uint64, action model.Action, opinion string, answers []model.Answer) (*model.Article, error) {
	t.Helper()
	h, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.MarkRead(act, id, h.Rev); err != nil {
		t.Fatal(err)
	}
	return st.Decide(act, id, store.Decision{Action: action, Opinion: opinion, Answers: answers})
}

func noAnswers(qs []string) []model.Answer {
	out := make([]model.Answer, len(qs))
	for i, q := range qs {
		out[i] = model.Answer{Question: q}
	}
	return out
}

// 保密审查 needs every question answered; the answers are stored with the
// approval, the decision and the audit record, and verify holds them
// against each other.
func TestChecklistAnswersStored(t *testing.T) {
	st, path := collegeOfficeAt(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	a = mustDecide(t, st, dept, a.ID, model.ActApprove, "同意")
	if a.Current().Name != "保密审查" {
		t.Fatalf("at %q", a.Current().Name)
	}
	qs := a.Current().Checklist
	// Three of five answered: refused, naming the two left.
	_, err := decideWith(t, st, secrecy, a.ID, model.ActApprove, "不涉密", noAnswers(qs)[:3])
	var ce *model.ChecklistError
	if !errors.As(err, &ce) || !errors.Is(err, model.ErrInvalid) || len(ce.Missing) != 2 || ce.Missing[0] != 4 ||
		!strings.Contains(err.Error(), qs[3]) || !strings.Contains(err.Error(), qs[4]) {
		t.Fatalf("partial answers: %v", err)
	}
	if _, err := decideWith(t, st, secrecy, a.ID, model.ActApprove, "不涉密", append(noAnswers(qs), model.Answer{Question: "别的问题？"})); !errors.As(err, &ce) || ce.Unknown == "" {
		t.Fatalf("an answer to a question not asked: %v", err)
	}
	if got, _ := st.Get(a.ID); got.Current().Name != "保密审查" || len(got.Decisions) != 1 {
		t.Fatalf("a refused decision changed the article: %+v", got.Decisions)
	}
	ans := noAnswers(qs)
	ans[2] = model.Answer{Question: qs[2], Yes: true, Note: "含学生姓名，已征得同意"}
	// Answers may come in any order; they are stored in the stage's.
	ans[0], ans[4] = ans[4], ans[0]
	a, err = decideWith(t, st, secrecy, a.ID, model.ActApprove, "不涉密", ans)
	if err != nil {
		t.Fatal(err)
	}
	ap := a.Record[len(a.Record)-1]
	dec := a.Decisions[len(a.Decisions)-1]
	if len(ap.Answers) != 5 || ap.Answers[0].Question != qs[0] || !ap.Answers[2].Yes || ap.Answers[2].Note != "含学生姓名，已征得同意" ||
		!model.EqualAnswers(ap.Answers, dec.Answers) {
		t.Fatalf("stored answers: approval %+v decision %+v", ap.Answers, dec.Answers)
	}
	trail, err := st.Trail(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec := trail[len(trail)-1]
	if rec.Seq != ap.AuditSeq || !model.EqualAnswers(rec.Answers, ap.Answers) {
		t.Fatalf("audit record %d answers %+v, approval %d %+v", rec.Seq, rec.Answers, ap.AuditSeq, ap.Answers)
	}
	// A stage without a checklist takes no answers.
	if _, err := decideWith(t, st, wangyin, a.ID, model.ActApprove, "同意", ans); !errors.As(err, &ce) {
		t.Fatalf("answers at a stage without a checklist: %v", err)
	}
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	a = mustDecide(t, st, leader, a.ID, model.ActSignOff, "签发")
	if a.State != model.StateSigned {
		t.Fatalf("state %s", a.State)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	// An answer changed in the header afterwards (是 → 否) is found.
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	tamper(t, path, "articles", u64key(a.ID), `"yes":true`, `"yes":false`)
	st = openStore(t, path)
	rep, err := st.Verify()
	if err != nil || rep.OK() || !strings.Contains(rep.Problems[0].Error(), "checklist answers") {
		t.Fatalf("tampered answer: %+v %v", rep.Problems, err)
	}
}

func u64key(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

// ok is v, or a panic (a failed test) on err.
func ok[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// 会签: two named users at one stage; one returns → draft with the
// opinion; both approve the same content → next stage. No one acts at two
// stages; the author never reviews.
func TestCountersign(t *testing.T) {
	st, _ := newOffice(t)
	mustUser(t, st, admin, "dept2", "二部主任", model.RoleReviewer)
	def := "stages:\n  - name: 部门会签\n    users: [wangyin, chenfang]\n    all: true\n  - name: 签发\n    role: chief\n    signoff: true\n"
	if _, err := st.DefineWorkflow(admin, "joint", []byte(def)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKindWorkflow(admin, model.KindMeeting, "joint"); err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	if a.State != model.StateReview || a.Stage != 0 || len(a.Countersigners(0)) != 1 || a.Countersigners(0)[0] != "chenfang" {
		t.Fatalf("after one of two: state %s stage %d waiting for %v", a.State, a.Stage, a.Countersigners(0))
	}
	if _, err := decideWith(t, st, wangyin, a.ID, model.ActApprove, "再次同意", nil); !errors.Is(err, model.ErrState) {
		t.Fatalf("second approval by the same countersigner: %v", err)
	}
	// zhaoli cannot even read it (store.MarkRead refuses); the decision is refused too.
	if err := st.MarkRead(zhaoli, a.ID, a.Rev); !errors.Is(err, model.ErrNotVisible) {
		t.Fatalf("a user not named reads it: %v", err)
	}
	if _, err := st.Decide(zhaoli, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意", Rev: a.Rev}); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a user not named: %v", err)
	}
	a = mustDecide(t, st, chenfang, a.ID, model.ActReturn, "第二段数据需核实")
	if a.State != model.StateDraft || a.Returned == nil || a.Returned.Opinion != "第二段数据需核实" || a.Returned.Login != "chenfang" {
		t.Fatalf("return by a countersigner: %s %+v", a.State, a.Returned)
	}
	// The writer fixes it; both must approve the new content.
	h, r, _ := st.Head(a.ID)
	c := r.Content
	c.Body += "\n数据已核实。\n"
	if _, err := st.Save(liwei, a.ID, h.Rev, c); err != nil {
		t.Fatal(err)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	a = mustDecide(t, st, chenfang, a.ID, model.ActApprove, "已核实")
	if a.Stage != 0 {
		t.Fatalf("an approval of the old text counted: stage %d", a.Stage)
	}
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	if a.Stage != 1 || a.Current().Name != "签发" {
		t.Fatalf("both approved: stage %d", a.Stage)
	}
	if got := a.ApprovalsOf(a.Hash); len(got) != 2 || got[0].Login == got[1].Login {
		t.Fatalf("a countersign keeps each approval: %+v", got)
	}
	// A countersigner cannot also be an extra reader (they act at the stage).
	if _, err := st.AddReader(liwei, a.ID, "chenfang", ""); !errors.Is(err, model.ErrTwoStages) {
		t.Fatalf("countersigner as reader: %v", err)
	}
	// duo (reviewer + chief) cannot both countersign and sign off: not named; shenjl signs.
	a = mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "签发")
	if a.State != model.StateSigned {
		t.Fatal(a.State)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	// A workflow where one person would have to act twice is refused at define time.
	bad := "stages:\n  - name: 会签\n    users: [wangyin, chenfang]\n    all: true\n  - name: 签发\n    users: [chenfang]\n    signoff: true\n"
	if _, err := st.DefineWorkflow(admin, "bad", []byte(bad)); err == nil || !strings.Contains(err.Error(), "line 5") {
		t.Fatalf("countersigner also the only signer: %v", err)
	}
}

// when: a stage whose condition does not hold is skipped; marking the
// article 重要 (an edit: content) brings the stage in.
func TestConditionalStage(t *testing.T) {
	st, _ := newOffice(t)
	def := "stages:\n  - name: 审核\n    role: reviewer\n  - name: 主管领导\n    users: [duo]\n    when: important\n  - name: 人事审核\n    users: [chenfang]\n    when: tag:人事\n  - name: 签发\n    role: chief\n    signoff: true\n"
	if _, err := st.DefineWorkflow(admin, "county", []byte(def)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKindWorkflow(admin, model.KindMeeting, "county"); err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	if a.Current().Name != "签发" {
		t.Fatalf("neither condition holds, but waits at %q", a.Current().Name)
	}
	// Marked important and tagged 人事: both stages apply, from the start.
	h, r, _ := st.Head(a.ID)
	c := r.Content
	c.Important, c.Tags = true, []string{"人事", "会议"}
	a = ok(st.Save(liwei, a.ID, h.Rev, c))
	if !a.Important || a.Current() == nil || a.Current().Name != "审核" {
		t.Fatalf("after marking important: %+v at %v", a.Important, a.Current())
	}
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	if a.Current().Name != "主管领导" {
		t.Fatalf("important article at %q", a.Current().Name)
	}
	a = mustDecide(t, st, duo, a.ID, model.ActApprove, "同意")
	if a.Current().Name != "人事审核" {
		t.Fatalf("tagged article at %q", a.Current().Name)
	}
	a = mustDecide(t, st, chenfang, a.ID, model.ActApprove, "同意")
	a = mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "签发")
	if a.State != model.StateSigned || len(a.ApprovalsOf(a.Hash)) != 4 {
		t.Fatalf("%s %+v", a.State, a.ApprovalsOf(a.Hash))
	}
	// An unknown condition is refused at define time, with its line.
	if _, err := st.DefineWorkflow(admin, "bad", []byte(strings.Replace(def, "tag:人事", "urgent", 1))); err == nil || !strings.Contains(err.Error(), "line 9") {
		t.Fatalf("unknown condition: %v", err)
	}
}

// 本人审阅: an extra reader added by the writer; the sign-off is refused
// until the reader approved the current content; an edit makes the
// reader's approval stale like any other; the reader sees the article.
func TestExtraReader(t *testing.T) {
	st, _ := newOffice(t)
	mustUser(t, st, admin, "zhangming", "张明", model.RoleWriter)
	a := mustCreate(t, st)
	if _, err := st.AddReader(zhaoli, a.ID, "zhangming", ""); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a writer of another article adds a reader: %v", err)
	}
	if _, err := st.AddReader(liwei, a.ID, "liwei", ""); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("the author as reader: %v", err)
	}
	if _, err := st.AddReader(liwei, a.ID, "nobody", ""); !store.IsNotFound(err) {
		t.Fatalf("an unknown user: %v", err)
	}
	u := ok(st.User("zhangming"))
	if a.VisibleTo(u) {
		t.Fatal("visible before being a reader")
	}
	a = ok(st.AddReader(liwei, a.ID, "zhangming", "讲话稿须本人审阅"))
	if len(a.Readers) != 1 || a.Readers[0].AddedBy != "liwei" || !a.VisibleTo(u) {
		t.Fatalf("%+v", a.Readers)
	}
	if _, err := st.AddReader(liwei, a.ID, "zhangming", ""); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("twice: %v", err)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	_, err := decideWith(t, st, shenjl, a.ID, model.ActSignOff, "签发", nil)
	if !errors.Is(err, model.ErrState) || !strings.Contains(err.Error(), "zhangming") {
		t.Fatalf("sign-off before the reader: %v", err)
	}
	a = mustDecide(t, st, zhangming, a.ID, model.ActApprove, "内容属实，同意")
	if a.Readers[0].Approved == nil || a.Readers[0].Approved.Hash != a.Hash || a.Readers[0].Approved.AuditSeq == 0 {
		t.Fatalf("reader approval: %+v", a.Readers[0].Approved)
	}
	// The chief edits: the reader's approval is stale, the sign-off waits again.
	h, r, _ := st.Head(a.ID)
	c := r.Content
	c.Title += "（修改）"
	a = ok(st.Save(duo, a.ID, h.Rev, c))
	a = mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	if _, err := decideWith(t, st, shenjl, a.ID, model.ActSignOff, "签发", nil); !errors.Is(err, model.ErrState) {
		t.Fatalf("sign-off with a stale reader approval: %v", err)
	}
	// A reader never acts at a stage, and cannot sign off.
	if _, err := decideWith(t, st, zhangming, a.ID, model.ActSignOff, "签发", nil); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("reader signs off: %v", err)
	}
	mustDecide(t, st, zhangming, a.ID, model.ActApprove, "同意")
	a = mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "签发")
	if a.State != model.StateSigned {
		t.Fatal(a.State)
	}
	if _, err := st.AddReader(liwei, a.ID, "chenfang", ""); !errors.Is(err, model.ErrState) {
		t.Fatalf("reader after sign-off: %v", err)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	trail := ok(st.Trail(store.Holder(), a.ID))
	var added bool
	for _, r := range trail {
		added = added || (r.Action == model.ActReaderAdd && strings.Contains(r.Detail, "讲话稿"))
	}
	if !added {
		t.Fatal("reader.add not audited")
	}
}

// A reader may return the article, which goes back to draft with the
// opinion; a reader removed is no longer waited for.
func TestReaderReturnsAndRemove(t *testing.T) {
	st, _ := newOffice(t)
	mustUser(t, st, admin, "zhangming", "张明", model.RoleWriter)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	// A reviewer at a stage adds a reader too.
	a = ok(st.AddReader(wangyin, a.ID, "zhangming", ""))
	a = mustDecide(t, st, zhangming, a.ID, model.ActReturn, "第三段引语有误")
	if a.State != model.StateDraft || a.Returned.Stage != model.ReaderStage || a.StageLabel(a.Returned.Stage) != "本人审阅" {
		t.Fatalf("%s %+v", a.State, a.Returned)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	// The writer cannot lift a reader the reviewer asked for (it would
	// let the article be signed off without the reader).
	if _, err := st.RemoveReader(liwei, a.ID, "zhangming", "已电话确认"); !errors.Is(err, model.ErrDenied) || !errors.Is(err, model.ErrOwnArticle) {
		t.Fatalf("the writer removes the reviewer's reader: %v", err)
	}
	if h, _, _ := st.Head(a.ID); len(h.Readers) != 1 {
		t.Fatalf("reader gone after a refused removal: %+v", h.Readers)
	}
	a = ok(st.RemoveReader(wangyin, a.ID, "zhangming", "已电话确认"))
	if len(a.Readers) != 0 {
		t.Fatal(a.Readers)
	}
	if u := ok(st.User("zhangming")); a.VisibleTo(u) {
		t.Fatal("a removed reader still sees the draft in review")
	}
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	a = mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "签发")
	if a.State != model.StateSigned {
		t.Fatal(a.State)
	}
}

var zhangming = store.Actor{Login: "zhangming"}

// role remove and workflow delete are refused while something uses them,
// naming what; once free they go, audited.
func TestRemoveRoleAndWorkflow(t *testing.T) {
	st := collegeOffice(t)
	var inUse *store.InUseError
	if err := st.RemoveRole(admin, "secrecy"); !errors.As(err, &inUse) || len(inUse.Users) != 1 || inUse.Users[0] != "baomi" || len(inUse.Workflows) != 1 {
		t.Fatalf("role held and named: %v", err)
	}
	if err := st.RemoveRole(liwei, "secrecy"); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a writer removes a role: %v", err)
	}
	if err := st.RemoveRole(admin, "nosuch"); !store.IsNotFound(err) {
		t.Fatalf("unknown role: %v", err)
	}
	if err := st.DeleteWorkflow(admin, "college"); !errors.As(err, &inUse) || len(inUse.Defaults) != 2 {
		t.Fatalf("default workflow: %v", err)
	}
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
		if err := st.SetKindWorkflow(admin, k, "default"); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.DeleteWorkflow(admin, "college"); !errors.As(err, &inUse) || len(inUse.Articles) != 1 || inUse.Articles[0] != a.ID || len(inUse.Defaults) != 0 {
		t.Fatalf("article in review: %v", err)
	}
	if err := st.DeleteWorkflow(admin, "三审"); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("preset: %v", err)
	}
	mustDecide(t, st, dept, a.ID, model.ActReturn, "重写")
	if err := st.DeleteWorkflow(admin, "college"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Workflow("college"); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("deleted workflow still there: %v", err)
	}
	// The returned article keeps its copy and finishes under it.
	if got, _ := st.Get(a.ID); got.Workflow.Name != "college" || len(got.Workflow.Stages) != 4 {
		t.Fatalf("article's copy: %+v", got.Workflow)
	}
	if _, err := st.EditUser(admin, "baomi", store.UserEdit{Roles: []model.Role{model.RoleReviewer}}); err != nil {
		t.Fatal(err)
	}
	// The draft under college still names secrecy, but it is not in review.
	if err := st.RemoveRole(admin, "secrecy"); err != nil {
		t.Fatal(err)
	}
	if rs, _ := st.Roles(); slices.ContainsFunc(rs, func(r model.CustomRole) bool { return r.Name == "secrecy" }) {
		t.Fatal("role still listed")
	}
	var removed bool
	if _, err := st.AuditSince(0, 1000, func(r model.AuditRecord) error {
		removed = removed || (r.Action == "role.remove" && strings.Contains(r.Detail, "secrecy"))
		return nil
	}); err != nil || !removed {
		t.Fatalf("role removal not audited: %v", err)
	}
}
