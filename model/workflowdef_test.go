package model

import (
	"errors"
	"strings"
	"testing"
)

const collegeYAML = `# 学院的审核流程
stages:
  - name: 部门负责人审核
    role: depthead
  - name: 保密审查
    role: 保密员
    checklist:
      - 是否涉及国家秘密？
      - 是否涉及工作秘密？
      - 是否涉及个人信息？
      - 是否属于内部事项？
      - 是否含有涉密场所图片？
  - name: 宣传部审核
    role: reviewer
    when: important
  - name: 分管领导签发
    users: [leader]
    signoff: true
`

func customKnown(s string) (Role, bool) {
	switch s {
	case "depthead", "secrecy":
		return Role(s), true
	case "保密员":
		return "secrecy", true
	}
	return "", false
}

func TestParseWorkflowDefCollege(t *testing.T) {
	def, err := ParseWorkflowDef("college", []byte(collegeYAML), customKnown)
	if err != nil {
		t.Fatal(err)
	}
	w := def.Workflow
	if w.Name != "college" || w.String() != "部门负责人审核 → 保密审查 → 宣传部审核 → 分管领导签发" {
		t.Fatalf("%+v", w)
	}
	if len(w.Stages[1].Checklist) != 5 || w.Stages[1].Checklist[4] != "是否含有涉密场所图片？" || w.Stages[1].Role != "secrecy" {
		t.Fatalf("保密审查: %+v", w.Stages[1])
	}
	if w.Stages[2].When != "important" || len(w.Stages[3].Users) != 1 || w.Stages[3].Users[0] != "leader" || !w.IsFinal(3) {
		t.Fatalf("%+v", w.Stages)
	}
	if len(def.Hash) != 64 || def.Source != collegeYAML {
		t.Fatalf("hash %q", def.Hash)
	}
	// A Chinese built-in role name is accepted and stored as the role.
	def, err = ParseWorkflowDef("x", []byte("stages:\n  - name: 签发\n    role: 主编\n    signoff: true\n"), nil)
	if err != nil || def.Workflow.Stages[0].Role != RoleChief {
		t.Fatalf("%+v %v", def, err)
	}
}

// Every invalid definition names its line.
func TestParseWorkflowDefErrors(t *testing.T) {
	cases := []struct {
		name, yaml, id string
		line           int
		want           string
	}{
		{"empty", "", "ErrWorkflowNoStages", 1, "no stages"},
		{"no stages", "stages: []\n", "ErrWorkflowNoStages", 1, "no stages"},
		{"syntax", "stages:\n  - name: 签发\n    role: chief: x\n", "ErrWorkflowSyntax", 3, "mapping values"},
		{"tab", "stages:\n\t- name: 签发\n", "ErrWorkflowSyntax", 2, "cannot start any token"},
		{"not signoff", "stages:\n  - name: 审核\n    role: reviewer\n  - name: 签发\n    role: chief\n", "ErrWorkflowLastSignoff", 4, `"签发" must be the sign-off`},
		{"early signoff", "stages:\n  - name: 审核\n    role: reviewer\n    signoff: true\n  - name: 签发\n    role: chief\n    signoff: true\n", "ErrWorkflowSignoffNotLast", 4, "not the last stage"},
		{"dup", "stages:\n  - name: 审核\n    role: reviewer\n  - name: 审核\n    role: chief\n    signoff: true\n", "ErrWorkflowDupStage", 4, "already defined on line 2"},
		{"unknown role", "stages:\n  - name: 审核\n    role: reviewer\n  - name: 签发\n    role: boss\n    signoff: true\n", "ErrWorkflowRole", 5, `unknown role "boss"`},
		{"role and users", "stages:\n  - name: 签发\n    role: chief\n    users: [a]\n    signoff: true\n", "ErrWorkflowWho", 2, "either role: or users:"},
		{"neither", "stages:\n  - name: 签发\n    signoff: true\n", "ErrWorkflowWho", 2, "either role: or users:"},
		{"typo key", "stages:\n  - name: 签发\n    role: chief\n    signof: true\n", "ErrWorkflowKey", 4, `unknown key "signof"`},
		{"bad when", "stages:\n  - name: 审核\n    role: reviewer\n    when: sometimes\n  - name: 签发\n    role: chief\n    signoff: true\n", "ErrWorkflowWhen", 4, "unknown condition"},
		{"signoff when", "stages:\n  - name: 签发\n    role: chief\n    signoff: true\n    when: important\n", "ErrWorkflowSignoffWhen", 2, "always be reached"},
		{"unreachable", "stages:\n  - name: 审核\n    users: [li]\n  - name: 签发\n    users: [li]\n    signoff: true\n", "ErrWorkflowUnreachable", 4, "never be reached"},
		{"bad login", "stages:\n  - name: 签发\n    users: [Li Wei]\n    signoff: true\n", "ErrWorkflowLogin", 3, "not a login"},
		{"alias", "stages:\n  - &s\n    name: 签发\n    role: chief\n    signoff: true\n  - *s\n", "ErrWorkflowAlias", 6, "aliases"},
		{"bool", "stages:\n  - name: 签发\n    role: chief\n    signoff: maybe\n", "ErrWorkflowBool", 4, "true or false"},
		{"question", "stages:\n  - name: 签发\n    role: chief\n    signoff: true\n    checklist: [\"\"]\n", "ErrWorkflowQuestion", 5, "checklist question"},
		{"not a map", "- a\n- b\n", "ErrWorkflowShape", 1, "expected a map"},
		{"name mismatch", "name: other\nstages:\n  - name: 签发\n    role: chief\n    signoff: true\n", "ErrWorkflowNameMismatch", 1, "differs"},
	}
	for _, c := range cases {
		_, err := ParseWorkflowDef("w", []byte(c.yaml), customKnown)
		var fe *FieldError
		if !errors.As(err, &fe) || !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v is not a FieldError", c.name, err)
			continue
		}
		if fe.ID != c.id || fe.Args["Line"] != c.line || !strings.Contains(fe.Error(), c.want) || !strings.Contains(fe.Error(), "line ") {
			t.Errorf("%s: %s %v %q; want %s line %d %q", c.name, fe.ID, fe.Args["Line"], fe.Error(), c.id, c.line, c.want)
		}
	}
}

func TestParseWorkflowDefBounds(t *testing.T) {
	big := "stages:\n" + strings.Repeat("  - name: x\n", MaxWorkflowBytes/12+1)
	if _, err := ParseWorkflowDef("w", []byte(big), nil); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Fatalf("oversized: %v", err)
	}
	many := "stages:\n"
	for i := range MaxWorkflowStages + 1 {
		many += "  - name: s" + strings.Repeat("x", i) + "\n    role: reviewer\n"
	}
	if _, err := ParseWorkflowDef("w", []byte(many), nil); err == nil || !strings.Contains(err.Error(), "the limit is 32") {
		t.Fatalf("too many stages: %v", err)
	}
	for _, name := range []string{"default", "三审", "three", "", "a b", "a/b"} {
		if _, err := ParseWorkflowDef(name, []byte(collegeYAML), customKnown); !errors.Is(err, ErrInvalid) {
			t.Errorf("name %q: %v", name, err)
		}
	}
}

// A stage with named users admits only them, whatever their roles; the
// author never decides, and no one acts at two stages.
func TestNamedStageUnderSoD(t *testing.T) {
	def, err := ParseWorkflowDef("college", []byte(collegeYAML), customKnown)
	if err != nil {
		t.Fatal(err)
	}
	a := Article{ID: 1, Owner: "liwei", State: StateReview, Workflow: def.Workflow, Rev: 1, Hash: "h1", RevAuthors: []string{"liwei"}}
	sec := &User{Login: "baomi", Display: "保密员甲", Roles: []Role{"secrecy", "depthead"}}
	dept := &User{Login: "dept", Display: "部门甲", Roles: []Role{"depthead"}}
	chief := &User{Login: "shen", Display: "沈", Roles: []Role{RoleChief, RoleReviewer}}
	leader := &User{Login: "leader", Display: "领导", Roles: []Role{RoleWriter}}
	dec := func(a Article, u *User, act Action) (Article, error) {
		return Decide(a, Request{Action: act, Actor: u, Opinion: "同意", Rev: a.Rev, Hash: a.Hash})
	}
	if _, err := dec(a, chief, ActApprove); !errors.Is(err, ErrRoleRequired) {
		t.Fatalf("chief at 部门负责人审核: %v", err)
	}
	a, err = dec(a, sec, ActApprove) // as 部门负责人
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dec(a, sec, ActApprove); !errors.Is(err, ErrTwoStages) {
		t.Fatalf("same person at 保密审查: %v", err)
	}
	if _, err := dec(a, dept, ActApprove); !errors.Is(err, ErrRoleRequired) {
		t.Fatalf("depthead at 保密审查: %v", err)
	}
	a.Stage = 3 // at the named sign-off
	if _, err := dec(a, chief, ActSignOff); !errors.Is(err, ErrRoleRequired) || !strings.Contains(err.Error(), "leader") {
		t.Fatalf("chief at a stage named for leader: %v", err)
	}
	// The named leader wrote the article: never approves it.
	b := a
	b.Owner = "leader"
	if _, err := dec(b, leader, ActSignOff); !errors.Is(err, ErrOwnArticle) {
		t.Fatalf("leader signs own article: %v", err)
	}
	if a, err = dec(a, leader, ActSignOff); err != nil || a.State != StateSigned {
		t.Fatalf("leader signs: %v %v", a.State, err)
	}
}

func TestParseRolesWith(t *testing.T) {
	custom := []CustomRole{{Name: "secrecy", Display: "保密员"}}
	rs, err := ParseRolesWith("reviewer，保密员", custom)
	if err != nil || len(rs) != 2 || rs[1] != "secrecy" {
		t.Fatalf("%v %v", rs, err)
	}
	if _, err := ParseRolesWith("boss", custom); !errors.Is(err, ErrInvalid) {
		t.Fatal(err)
	}
	for _, bad := range []CustomRole{{Name: "chief", Display: "x"}, {Name: "Bad", Display: "x"}, {Name: "ok", Display: "主编"}, {Name: "ok", Display: ""}} {
		if bad.Validate() == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}
