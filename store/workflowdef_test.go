package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

const namedWorkflow = "stages:\n  - name: 保密审查\n    role: 保密员\n  - name: 分管领导签发\n    users: [duo]\n    signoff: true\n"

// Every definition and every custom role is in the audit chain (the
// definition by its SHA-256), the chain still verifies, and a stage may
// only name users who exist.
func TestDefinitionsAreAudited(t *testing.T) {
	st, _ := newOffice(t)
	if _, err := st.DefineWorkflow(admin, "college", []byte(namedWorkflow)); err == nil || !strings.Contains(err.Error(), "保密员") {
		t.Fatalf("before the role exists: %v", err)
	}
	if err := st.AddRole(liwei, model.CustomRole{Name: "secrecy", Display: "保密员"}); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("writer adds a role: %v", err)
	}
	if err := st.AddRole(admin, model.CustomRole{Name: "secrecy", Display: "保密员"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DefineWorkflow(admin, "college", []byte(strings.Replace(namedWorkflow, "[duo]", "[nobody]", 1))); err == nil || !strings.Contains(err.Error(), "nobody") {
		t.Fatalf("a stage naming no user: %v", err)
	}
	d1, err := st.DefineWorkflow(admin, "college", []byte(namedWorkflow))
	if err != nil {
		t.Fatal(err)
	}
	d2, err := st.DefineWorkflow(admin, "college", []byte(strings.Replace(namedWorkflow, "保密审查", "保密审核", 1)))
	if err != nil || d1.Hash == d2.Hash {
		t.Fatal(err)
	}
	var defs []string
	var role bool
	if _, err := st.AuditSince(0, 1000, func(r model.AuditRecord) error {
		if r.Action == "workflow.define" {
			defs = append(defs, r.ContentHash)
		}
		role = role || (r.Action == "role.add" && strings.Contains(r.Detail, "保密员"))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(defs) != 2 || defs[0] != d1.Hash || defs[1] != d2.Hash || !role {
		t.Fatalf("audited definitions %v (want %s, %s), role %v", defs, d1.Hash, d2.Hash, role)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
	got, err := st.Workflow("college")
	if err != nil || got.Workflow.Stages[0].Name != "保密审核" || got.Workflow.Stages[0].Role != "secrecy" {
		t.Fatalf("%+v %v", got, err)
	}
	// A user may hold the custom role; an unknown one is refused by the store.
	if _, err := st.AddUser(admin, model.User{Login: "qian", Display: "钱", Roles: []model.Role{"secrecy"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.EditUser(admin, "qian", store.UserEdit{Roles: []model.Role{"nosuch"}}); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("edit to an unknown role: %v", err)
	}
}

// A database made by an earlier release: its article keeps its preset, and
// an office workflow can be defined and chosen on it (the buckets are
// created on first write).
func TestDefineOnOldDatabase(t *testing.T) {
	st := openFixture(t, "schema1.db")
	a, err := st.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	before := a.Workflow.String()
	if _, err := st.DefineWorkflow(admin, "mini", []byte("stages:\n  - name: 签发\n    role: chief\n    signoff: true\n")); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKindWorkflow(admin, model.KindMeeting, "mini"); err != nil {
		t.Fatal(err)
	}
	if a, _ = st.Get(1); a.Workflow.String() != before {
		t.Fatalf("old article's workflow %q became %q", before, a.Workflow)
	}
	wfs, err := st.OfficeWorkflows()
	if err != nil || wfs[model.KindMeeting].Name != "mini" {
		t.Fatalf("%+v %v", wfs, err)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}
