package store_test

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
)

func entries(t *testing.T, k proof.ListKind, s string) []proof.Entry {
	t.Helper()
	es, err := proof.ParseList(k, strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func TestProofListsVersionedAndAudited(t *testing.T) {
	st, _ := newOffice(t)
	if _, err := st.SetProofList(liwei, proof.ListFixed, entries(t, proof.ListFixed, "共同富裕示范区\n")); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a writer changed a list: %v", err)
	}
	v1, err := st.SetProofList(admin, proof.ListFixed, entries(t, proof.ListFixed, "共同富裕示范区\n社会主义核心价值观\n"))
	if err != nil || v1 != 1 {
		t.Fatalf("first version: %d %v", v1, err)
	}
	if v, err := st.SetProofList(admin, proof.ListFixed, entries(t, proof.ListFixed, "共同富裕示范区\n社会主义核心价值观\n")); err != nil || v != 1 {
		t.Fatalf("the same list again made version %d (%v), want 1", v, err)
	}
	v2, err := st.SetProofList(admin, proof.ListFixed, entries(t, proof.ListFixed, "共同富裕示范区\n嘉禾职业技术学院\n"))
	if err != nil || v2 != 2 {
		t.Fatalf("second version: %d %v", v2, err)
	}
	es, ver, err := st.ProofList(proof.ListFixed)
	if err != nil || ver != 2 || len(es) != 2 || es[1].Term != "嘉禾职业技术学院" {
		t.Fatalf("ProofList = %+v v%d %v", es, ver, err)
	}
	infos, err := st.ProofLists()
	if err != nil || len(infos) != len(proof.ListKinds) || infos[0].Version != 2 || infos[0].Entries != 2 || infos[0].By != "admin" {
		t.Fatalf("ProofLists = %+v %v", infos, err)
	}
	if err := st.SetProofRule(admin, "P99", proof.Error); !errors.Is(err, proof.ErrUnknownRule) {
		t.Fatalf("unknown rule: %v", err)
	}
	if err := st.SetProofRule(wangyin, proof.RuleDash, proof.Off); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a reviewer changed a rule: %v", err)
	}
	if err := st.SetProofRule(admin, proof.RuleDash, proof.Warning); err != nil {
		t.Fatal(err)
	}
	sev, rv, err := st.ProofRules()
	if err != nil || rv != 1 || sev.Of(proof.RuleDash) != proof.Warning {
		t.Fatalf("rules = %v v%d %v", sev, rv, err)
	}
	trail := auditDetails(t, st)
	for _, want := range []string{"proof: fixed list (固定表述) version 1: 2 entries, 2 added, 0 removed",
		"proof: fixed list (固定表述) version 2: 2 entries, 1 added, 1 removed", "proof: rule P5 error → warning (rules version 1)"} {
		if !strings.Contains(trail, want) {
			t.Errorf("audit chain lacks %q:\n%s", want, trail)
		}
	}
}

func auditDetails(t *testing.T, st *store.Store) string {
	t.Helper()
	var sb strings.Builder
	if _, err := st.AuditSince(0, 1000, func(r model.AuditRecord) error {
		sb.WriteString(string(r.Action) + " " + r.Detail + "\n")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

const faultyBody = "11月20日,学院召开党委理论学习中心组学习会。党委书记张明主持会议，党委班子成员参加会议。\n"

// TestProofGate: 送审, approve and sign-off check the exact revision being
// decided; errors block, warnings need a waiver each, and the result is in
// the audit record and stored with it; verify repeats the check with the
// recorded list versions.
func TestProofGate(t *testing.T) {
	st, _ := newOffice(t)
	a, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", faultyBody), "")
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit})
	var blocked *store.ProofBlockedError
	if !errors.As(err, &blocked) || !errors.Is(err, store.ErrProofBlocked) || blocked.Errors != 1 || blocked.Findings[0].Text != "," {
		t.Fatalf("submit with an ASCII comma: %v", err)
	}
	if h, _ := st.Get(a.ID); h.State != model.StateDraft {
		t.Fatalf("blocked submit changed the state to %s", h.State)
	}
	// A caution word is a warning: it needs a waiver with a reason.
	if _, err := st.SetProofList(admin, proof.ListCaution, entries(t, proof.ListCaution, "查漏补缺 => 补齐短板\n")); err != nil {
		t.Fatal(err)
	}
	a, err = st.Save(liwei, a.ID, a.Rev, meeting("学院召开党委理论学习中心组学习会", sampleBody))
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit})
	if !errors.As(err, &blocked) || blocked.Errors != 0 || blocked.Unwaived != 1 {
		t.Fatalf("submit with an unwaived warning: %v", err)
	}
	key := store.FindingKey(blocked.Findings[0])
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit, Waivers: []store.Waiver{{Key: key, Reason: "  "}}}); !errors.Is(err, store.ErrProofBlocked) {
		t.Fatalf("a waiver without a reason was accepted: %v", err)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit, Waivers: []store.Waiver{{Key: key, Reason: "会议原话，保留"}}}); err != nil {
		t.Fatalf("submit with the warning waived: %v", err)
	}
	// The list changes after the submit: the approval is checked against the
	// new version, the submit's record keeps the old one.
	if _, err := st.SetProofList(admin, proof.ListCaution, entries(t, proof.ListCaution, "查漏补缺 => 补齐短板\n年度目标 => 全年目标\n")); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkRead(wangyin, a.ID, a.Rev); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意"}); !errors.As(err, &blocked) || blocked.Unwaived != 2 {
		t.Fatalf("approve with two unwaived warnings: %v", err)
	}
	if _, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意", Waivers: []store.Waiver{{Key: "*", Reason: "均为会议原话"}}}); err != nil {
		t.Fatal(err)
	}
	trail, err := st.Trail(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var submit, approve model.AuditRecord
	for _, r := range trail {
		switch r.Action {
		case model.ActSubmit:
			submit = r
		case model.ActApprove:
			approve = r
		}
	}
	if !strings.Contains(submit.Detail, "三校 rev 2: 0 errors, 1 warnings, 1 waived, 0 hints; lists caution=1; rules 0") {
		t.Errorf("submit record: %q", submit.Detail)
	}
	if !strings.Contains(approve.Detail, "三校 rev 2: 0 errors, 2 warnings, 2 waived, 0 hints; lists caution=2; rules 0") {
		t.Errorf("approve record: %q", approve.Detail)
	}
	res, ok, err := st.ProofResult(approve.Seq)
	if err != nil || !ok || res.Rev != 2 || res.Hash != approve.ContentHash || len(res.Waivers) != 2 || res.Waivers[0].Reason != "均为会议原话" {
		t.Fatalf("stored result %+v %v %v", res, ok, err)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	// Tampering with a stored result (fewer warnings) is found by verify.
	res.Warnings = 0
	raw, _ := json.Marshal(res)
	if err := st.DB().Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("proof")).Put(binary.BigEndian.AppendUint64([]byte("result/"), approve.Seq), raw)
	}); err != nil {
		t.Fatal(err)
	}
	rep, err := st.Verify()
	if err != nil || rep.OK() || !strings.Contains(rep.Problems[0].Error(), "三校") {
		t.Fatalf("verify after tampering: %+v %v", rep, err)
	}
}

// TestProofGateRules: an office may turn a rule off (or down) and the gate
// follows.
func TestProofGateRules(t *testing.T) {
	st, _ := newOffice(t)
	a, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", faultyBody), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetProofRule(admin, proof.RuleASCIIPunct, proof.Off); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatalf("submit with P1 off: %v", err)
	}
}
