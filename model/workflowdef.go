package model

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Limits on a workflow definition (workflow define). Like an article's front
// matter, the YAML is bounded by size and its node tree is measured before
// anything is decoded (yaml.v3 is not linear in the number of keys).
const (
	MaxWorkflowBytes     = 64 << 10 // the whole YAML file
	MaxWorkflowNodes     = 4096     // scalars, lists and maps together
	MaxWorkflowDepth     = 8        // nested lists and maps
	MaxWorkflowStages    = 32       // stages of one workflow
	MaxChecklistItems    = 20       // questions of one stage
	MaxWorkflowNameRunes = 32       // a workflow's or a stage's name
	MaxQuestionRunes     = 200      // one checklist question
)

// CustomRole is a role the office added beyond writer, reviewer, chief and
// admin (保密员, 分管领导, 部门负责人 …): Name is what users and workflows
// hold (like a login: [a-z][a-z0-9_-], at most 32), Display its Chinese name.
type CustomRole struct {
	Name    Role   `json:"name"`
	Display string `json:"display"`
}

// CustomRoleDisplay is the office's name of a custom role r (部门负责人 for
// depthead) from custom, the roles the office added; ok is false for a
// built-in or unknown role, whose name comes from the catalog or is r itself.
func CustomRoleDisplay(r Role, custom []CustomRole) (display string, ok bool) {
	for _, c := range custom {
		if c.Name == r && c.Display != "" {
			return c.Display, true
		}
	}
	return "", false
}

var roleNameRE = regexp.MustCompile(`^[a-z][a-z0-9_-]{0,31}$`)

// ValidateRoleName checks the name of a custom role: 1–32 of [a-z0-9_-],
// starting with a letter, and not a built-in role or one of their Chinese
// names. It returns an ErrInvalid *FieldError.
func ValidateRoleName(name string) error {
	if !roleNameRE.MatchString(name) {
		return fieldMsg("role", "ErrRoleName", map[string]any{"Value": name}, "%q is not a valid role name: use 1–32 lowercase letters, digits, _ or -, starting with a letter", name)
	}
	if slices.Contains(AllRoles, Role(name)) {
		return fieldMsg("role", "ErrRoleBuiltin", map[string]any{"Value": name}, "%q is a built-in role", name)
	}
	return nil
}

// Validate checks a custom role's name and display name.
func (r *CustomRole) Validate() error {
	if err := ValidateRoleName(string(r.Name)); err != nil {
		return err
	}
	if _, ok := roleNames[strings.TrimSpace(r.Display)]; ok {
		return fieldMsg("display", "ErrRoleBuiltin", map[string]any{"Value": r.Display}, "%q is a built-in role", r.Display)
	}
	return checkLine("display", r.Display, 32, true)
}

// ParseRolesWith is ParseRoles that also accepts the office's custom roles,
// by name or display name (保密员).
func ParseRolesWith(s string, custom []CustomRole) ([]Role, error) {
	var out []Role
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		r, err := ParseRole(p)
		if err != nil {
			i := slices.IndexFunc(custom, func(c CustomRole) bool { return string(c.Name) == strings.ToLower(p) || c.Display == p })
			if i < 0 {
				return nil, err
			}
			r = custom[i].Name
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fieldMsg("role", "ErrRoleMissing", nil, "at least one role is required")
	}
	return out, nil
}

// WorkflowDef is a workflow the office defined (copydesk workflow define),
// as stored: the workflow, the YAML it came from, and its SHA-256 (hex),
// which the audit chain records.
type WorkflowDef struct {
	Workflow Workflow `json:"workflow"`
	Source   string   `json:"source"`
	Hash     string   `json:"hash"`
}

// IsPreset reports whether name is a built-in workflow (default, 三审, three),
// which a definition may not replace.
func IsPreset(name string) bool {
	_, ok := Workflows[name]
	return ok || name == ""
}

// ValidateWorkflowName checks the name of a defined workflow: one line of
// 1–32 characters without spaces or control characters, not a preset.
func ValidateWorkflowName(name string) error {
	if name == "" || utf8.RuneCountInString(name) > MaxWorkflowNameRunes || strings.ContainsFunc(name, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '/' }) {
		return fieldMsg("workflow", "ErrWorkflowName", map[string]any{"Value": name}, "%q is not a valid workflow name: 1–32 characters, no spaces or /", name)
	}
	if IsPreset(name) {
		return fieldMsg("workflow", "ErrWorkflowPreset", map[string]any{"Value": name}, "%q is a built-in workflow and cannot be redefined", name)
	}
	return nil
}

// wfErr is a definition error at a line of the YAML (0: the whole file).
func wfErr(line int, id string, args map[string]any, format string, a ...any) error {
	if args == nil {
		args = map[string]any{}
	}
	args["Line"] = line
	return &FieldError{Field: "workflow", Reason: fmt.Sprintf("line %d: ", line) + fmt.Sprintf(format, a...), ID: id, Args: args}
}

// ParseWorkflowDef parses and validates a workflow definition in YAML:
//
//	stages:
//	  - name: 保密审查
//	    role: secrecy            # a role (built-in or custom), or:
//	    users: [li, wang]        # the named users who may act
//	    checklist: [是否涉及国家秘密？]
//	    when: important          # or tag:NAME; optional
//	  - name: 分管领导签发
//	    role: leader
//	    signoff: true            # the last stage, and only it
//	correction: [分管领导签发]    # optional: the stages a 更正 passes, in order,
//	                             # ending with the sign-off (default: all)
//	takedown: chief              # optional: who may take down (撤稿): a role,
//	                             # [logins], or {role: R} / {users: [..]};
//	                             # default chief
//
// customRole resolves a custom role the office has, by name or display name
// (保密员); built-in roles (by name or Chinese name) are always known. Every error is an ErrInvalid *FieldError whose reason starts with
// the YAML line ("line 7: …", also in Args["Line"]). Work is bounded by the
// input size (MaxWorkflowBytes and the node limits).
func ParseWorkflowDef(name string, data []byte, customRole func(string) (Role, bool)) (WorkflowDef, error) {
	if err := ValidateWorkflowName(name); err != nil {
		return WorkflowDef{}, err
	}
	if len(data) > MaxWorkflowBytes {
		return WorkflowDef{}, wfErr(0, "ErrWorkflowTooBig", map[string]any{"Size": len(data), "Limit": MaxWorkflowBytes}, "the file is %d bytes; the limit is %d", len(data), MaxWorkflowBytes)
	}
	if !utf8.Valid(data) {
		return WorkflowDef{}, wfErr(0, "ErrWorkflowUTF8", nil, "the file is not UTF-8 text")
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line := 0
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if _, err := fmt.Sscanf(msg, "line %d:", &line); err == nil {
			msg = strings.TrimSpace(msg[strings.Index(msg, ":")+1:])
		}
		return WorkflowDef{}, wfErr(line, "ErrWorkflowSyntax", map[string]any{"Reason": msg}, "%s", msg)
	}
	nodes := 0
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		if nodes++; nodes > MaxWorkflowNodes {
			return wfErr(n.Line, "ErrWorkflowTooMany", map[string]any{"Limit": MaxWorkflowNodes}, "more than %d values", MaxWorkflowNodes)
		}
		if depth > MaxWorkflowDepth {
			return wfErr(n.Line, "ErrWorkflowDeep", map[string]any{"Limit": MaxWorkflowDepth}, "nested more than %d deep", MaxWorkflowDepth)
		}
		if n.Kind == yaml.AliasNode {
			return wfErr(n.Line, "ErrWorkflowAlias", nil, "aliases (*name) are not allowed")
		}
		for _, c := range n.Content {
			if err := walk(c, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(&doc, 0); err != nil {
		return WorkflowDef{}, err
	}
	if len(doc.Content) == 0 {
		return WorkflowDef{}, wfErr(1, "ErrWorkflowNoStages", nil, "no stages: the file needs a stages: list with at least one stage")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return WorkflowDef{}, wfErr(root.Line, "ErrWorkflowShape", map[string]any{"Want": "stages:"}, "expected a map with stages:")
	}
	var stagesNode, correctionNode, takedownNode *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		switch k.Value {
		case "stages":
			stagesNode = v
		case "correction":
			correctionNode = v
		case "takedown":
			takedownNode = v
		case "name":
			if v.Kind != yaml.ScalarNode || v.Value != name {
				return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowNameMismatch", map[string]any{"Value": v.Value, "Name": name}, "name %q differs from the name given on the command line (%s)", v.Value, name)
			}
		case "description":
		default:
			return WorkflowDef{}, wfErr(k.Line, "ErrWorkflowKey", map[string]any{"Key": k.Value, "Known": "name, description, stages, correction, takedown"}, "unknown key %q (known: name, description, stages, correction, takedown)", k.Value)
		}
	}
	if stagesNode == nil || stagesNode.Kind != yaml.SequenceNode || len(stagesNode.Content) == 0 {
		line := root.Line
		if stagesNode != nil {
			line = stagesNode.Line
		}
		return WorkflowDef{}, wfErr(line, "ErrWorkflowNoStages", nil, "no stages: the file needs a stages: list with at least one stage")
	}
	if n := len(stagesNode.Content); n > MaxWorkflowStages {
		return WorkflowDef{}, wfErr(stagesNode.Line, "ErrWorkflowStages", map[string]any{"N": n, "Limit": MaxWorkflowStages}, "%d stages; the limit is %d", n, MaxWorkflowStages)
	}
	w := Workflow{Name: name}
	seen := map[string]int{}
	for si, sn := range stagesNode.Content {
		if sn.Kind != yaml.MappingNode {
			return WorkflowDef{}, wfErr(sn.Line, "ErrWorkflowShape", map[string]any{"Want": "name:"}, "a stage is a map with name: and role: or users:")
		}
		var st Stage
		var signoff, allLine int
		for i := 0; i+1 < len(sn.Content); i += 2 {
			k, v := sn.Content[i], sn.Content[i+1]
			switch k.Value {
			case "name":
				st.Name = strings.TrimSpace(v.Value)
				if v.Kind != yaml.ScalarNode || st.Name == "" || utf8.RuneCountInString(st.Name) > MaxWorkflowNameRunes || strings.ContainsFunc(st.Name, func(r rune) bool { return r < ' ' || r == 0x7f }) {
					return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowStageName", map[string]any{"Limit": MaxWorkflowNameRunes}, "a stage name is one line of 1–%d characters", MaxWorkflowNameRunes)
				}
				if prev, dup := seen[st.Name]; dup {
					return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowDupStage", map[string]any{"Stage": st.Name, "Prev": prev}, "stage %q is already defined on line %d: stage names are unique", st.Name, prev)
				}
				seen[st.Name] = v.Line
			case "role":
				r, err := parseRoleNode(v, customRole)
				if err != nil {
					return WorkflowDef{}, err
				}
				st.Role = r
			case "users":
				if err := parseUsersNode(v, &st); err != nil {
					return WorkflowDef{}, err
				}
			case "signoff":
				var b bool
				if v.Kind != yaml.ScalarNode || v.Decode(&b) != nil {
					return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowBool", map[string]any{"Key": "signoff"}, "signoff: is true or false")
				}
				if b {
					signoff = v.Line
				}
			case "checklist":
				if v.Kind != yaml.SequenceNode {
					return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowChecklist", map[string]any{"Limit": MaxChecklistItems}, "checklist: is a list of at most %d yes/no questions", MaxChecklistItems)
				}
				if len(v.Content) > MaxChecklistItems {
					return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowChecklist", map[string]any{"Limit": MaxChecklistItems}, "checklist: is a list of at most %d yes/no questions", MaxChecklistItems)
				}
				for _, q := range v.Content {
					text := strings.TrimSpace(q.Value)
					if q.Kind != yaml.ScalarNode || text == "" || utf8.RuneCountInString(text) > MaxQuestionRunes || strings.ContainsFunc(text, func(r rune) bool { return r < ' ' || r == 0x7f }) {
						return WorkflowDef{}, wfErr(q.Line, "ErrWorkflowQuestion", map[string]any{"Limit": MaxQuestionRunes}, "a checklist question is one line of 1–%d characters", MaxQuestionRunes)
					}
					st.Checklist = append(st.Checklist, text)
				}
			case "all":
				if v.Kind != yaml.ScalarNode || v.Decode(&st.All) != nil {
					return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowBool", map[string]any{"Key": "all"}, "all: is true or false")
				}
				if st.All {
					allLine = v.Line
				}
			case "when":
				if v.Kind != yaml.ScalarNode || ValidateCondition(v.Value) != nil {
					return WorkflowDef{}, wfErr(v.Line, "ErrWorkflowWhen", map[string]any{"Value": v.Value}, "unknown condition %q: use important or tag:NAME", v.Value)
				}
				st.When = strings.TrimSpace(v.Value)
			default:
				return WorkflowDef{}, wfErr(k.Line, "ErrWorkflowKey", map[string]any{"Key": k.Value, "Known": "name, role, users, all, signoff, checklist, when"}, "unknown key %q (known: name, role, users, all, signoff, checklist, when)", k.Value)
			}
		}
		if st.Name == "" {
			return WorkflowDef{}, wfErr(sn.Line, "ErrWorkflowStageName", map[string]any{"Limit": MaxWorkflowNameRunes}, "a stage name is one line of 1–%d characters", MaxWorkflowNameRunes)
		}
		if (st.Role == "") == (len(st.Users) == 0) {
			return WorkflowDef{}, wfErr(sn.Line, "ErrWorkflowWho", map[string]any{"Stage": st.Name}, "stage %q needs either role: or users: (one of them)", st.Name)
		}
		if st.All && len(st.Users) < 2 {
			return WorkflowDef{}, wfErr(allLine, "ErrWorkflowAll", map[string]any{"Stage": st.Name}, "stage %q is a countersign (all: true): name at least two users with users:", st.Name)
		}
		last := si == len(stagesNode.Content)-1
		if signoff != 0 && !last {
			return WorkflowDef{}, wfErr(signoff, "ErrWorkflowSignoffNotLast", map[string]any{"Stage": st.Name}, "stage %q is a sign-off but not the last stage: only the last stage signs off", st.Name)
		}
		if last {
			if signoff == 0 {
				return WorkflowDef{}, wfErr(sn.Line, "ErrWorkflowLastSignoff", map[string]any{"Stage": st.Name}, "the last stage %q must be the sign-off: add signoff: true", st.Name)
			}
			if st.When != "" {
				return WorkflowDef{}, wfErr(sn.Line, "ErrWorkflowSignoffWhen", map[string]any{"Stage": st.Name}, "the sign-off stage %q must always be reached: remove its when:", st.Name)
			}
		}
		// Reachable: no one acts at two stages of an article, so a stage
		// a user must act at (the only named user, or one of a
		// countersign's) cannot follow another stage that user must act at.
		for j, prev := range w.Stages {
			if prev.When != "" && st.When != "" {
				continue
			}
			for _, login := range st.required() {
				if slices.Contains(prev.required(), login) {
					return WorkflowDef{}, wfErr(sn.Line, "ErrWorkflowUnreachable", map[string]any{"Stage": st.Name, "Prev": prev.Name, "Login": login},
						"stage %q can never be reached: only %s may act at it, and %s already acted at stage %d %q (no one acts at two stages)", st.Name, login, login, j+1, prev.Name)
				}
			}
		}
		w.Stages = append(w.Stages, st)
	}
	if correctionNode != nil {
		route, err := parseCorrectionRoute(correctionNode, w.Stages)
		if err != nil {
			return WorkflowDef{}, err
		}
		w.Correction = route
	}
	if takedownNode != nil {
		who, err := parseTakedown(takedownNode, customRole)
		if err != nil {
			return WorkflowDef{}, err
		}
		w.Takedown = who
	}
	sum := sha256.Sum256(data)
	return WorkflowDef{Workflow: w, Source: string(data), Hash: hex.EncodeToString(sum[:])}, nil
}

// parseRoleNode reads a role: a built-in one, or one customRole knows.
func parseRoleNode(v *yaml.Node, customRole func(string) (Role, bool)) (Role, error) {
	r, err := ParseRole(v.Value)
	if err == nil {
		return r, nil
	}
	if v.Kind == yaml.ScalarNode && customRole != nil {
		if r, ok := customRole(strings.TrimSpace(v.Value)); ok {
			return r, nil
		}
	}
	return "", wfErr(v.Line, "ErrWorkflowRole", map[string]any{"Role": v.Value}, "unknown role %q: use writer, reviewer, chief, admin or a role added with copydesk role add", v.Value)
}

// parseUsersNode reads users: — a list of logins — into st.Users.
func parseUsersNode(v *yaml.Node, st *Stage) error {
	if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
		return wfErr(v.Line, "ErrWorkflowUsers", nil, "users: is a list of logins, e.g. [li, wang]")
	}
	for _, u := range v.Content {
		if u.Kind != yaml.ScalarNode || ValidateLogin(u.Value) != nil {
			return wfErr(u.Line, "ErrWorkflowLogin", map[string]any{"Value": u.Value}, "%q is not a login", u.Value)
		}
		if !slices.Contains(st.Users, u.Value) {
			st.Users = append(st.Users, u.Value)
		}
	}
	return nil
}

// parseCorrectionRoute reads correction: — the names of the stages a 更正
// passes, in the order of stages:, ending with the sign-off stage.
func parseCorrectionRoute(n *yaml.Node, stages []Stage) ([]int, error) {
	if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
		return nil, wfErr(n.Line, "ErrWorkflowCorrection", nil, "correction: is a list of stage names, e.g. [主编签发]")
	}
	var route []int
	for _, c := range n.Content {
		name := strings.TrimSpace(c.Value)
		i := slices.IndexFunc(stages, func(s Stage) bool { return s.Name == name })
		if c.Kind != yaml.ScalarNode || i < 0 {
			return nil, wfErr(c.Line, "ErrWorkflowCorrectionStage", map[string]any{"Stage": c.Value}, "correction: names stage %q, which stages: does not define", c.Value)
		}
		if len(route) > 0 && i <= route[len(route)-1] {
			return nil, wfErr(c.Line, "ErrWorkflowCorrectionOrder", map[string]any{"Stage": name}, "correction: lists stage %q out of order or twice: follow the order of stages:", name)
		}
		route = append(route, i)
	}
	if last := route[len(route)-1]; last != len(stages)-1 {
		return nil, wfErr(n.Line, "ErrWorkflowCorrectionSignoff", map[string]any{"Stage": stages[len(stages)-1].Name}, "correction: must end with the sign-off stage %q", stages[len(stages)-1].Name)
	}
	return route, nil
}

// parseTakedown reads takedown: — a role (takedown: chief), a list of
// logins (takedown: [shen, li]), or a map with role: or users:.
func parseTakedown(n *yaml.Node, customRole func(string) (Role, bool)) (*Stage, error) {
	st := Stage{Name: DefaultTakedown.Name}
	role := func(v *yaml.Node) (err error) {
		st.Role, err = parseRoleNode(v, customRole)
		return err
	}
	users := func(v *yaml.Node) error { return parseUsersNode(v, &st) }
	var err error
	switch n.Kind {
	case yaml.ScalarNode:
		err = role(n)
	case yaml.SequenceNode:
		err = users(n)
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content) && err == nil; i += 2 {
			switch k, v := n.Content[i], n.Content[i+1]; k.Value {
			case "role":
				err = role(v)
			case "users":
				err = users(v)
			default:
				err = wfErr(k.Line, "ErrWorkflowKey", map[string]any{"Key": k.Value, "Known": "role, users"}, "unknown key %q (known: role, users)", k.Value)
			}
		}
		if err == nil && (st.Role == "") == (len(st.Users) == 0) {
			err = wfErr(n.Line, "ErrWorkflowTakedown", nil, "takedown: names a role or users: (one of them)")
		}
	default:
		err = wfErr(n.Line, "ErrWorkflowTakedown", nil, "takedown: names a role or users: (one of them)")
	}
	if err != nil {
		return nil, err
	}
	return &st, nil
}

// ValidateCondition checks a stage condition: "important" (the article is
// marked 重要) or "tag:NAME".
func ValidateCondition(s string) error {
	s = strings.TrimSpace(s)
	if s == "important" || s == "重要" {
		return nil
	}
	if t, ok := strings.CutPrefix(s, "tag:"); ok && strings.TrimSpace(t) != "" && utf8.RuneCountInString(t) <= 32 {
		return nil
	}
	return fieldMsg("when", "ErrWorkflowWhen", map[string]any{"Value": s, "Line": 0}, "unknown condition %q: use important or tag:NAME", s)
}

// required are the users who must act at the stage: the only named user,
// or every user of a countersign (会签).
func (s *Stage) required() []string {
	if len(s.Users) == 1 || s.All {
		return s.Users
	}
	return nil
}
