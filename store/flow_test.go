package store_test

import (
	"encoding/binary"
	"errors"
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
	trail, err := st.Trail(a.ID)
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
