package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// The buckets of issue 12's office-defined process. Reads treat a missing
// bucket as empty and writes create it, so a file from before them needs no
// migration: articles under the old presets keep their own copy and finish
// under it.
var (
	bucketWorkflows = []byte("workflows") // name → JSON model.WorkflowDef
	bucketRoles     = []byte("roles")     // name → JSON model.CustomRole
)

// The audit actions of definitions.
const (
	actWorkflowDefine model.Action = "workflow.define"
	actRoleAdd        model.Action = "role.add"
)

// AddRole adds a custom role (admin only), audited. ErrExists if it is there.
func (s *Store) AddRole(act Actor, r model.CustomRole) error {
	r.Display = model.NormalizeDisplay(r.Display)
	if err := r.Validate(); err != nil {
		return err
	}
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, "adding roles"); err != nil {
			return err
		}
		b, err := t.tx.CreateBucketIfNotExists(bucketRoles)
		if err != nil {
			return err
		}
		if b.Get([]byte(r.Name)) != nil {
			return fmt.Errorf("%w: role %q", ErrExists, r.Name)
		}
		if slices.ContainsFunc(txRoles(t.tx), func(c model.CustomRole) bool { return c.Display == r.Display }) {
			return fmt.Errorf("%w: a role named %q", ErrExists, r.Display)
		}
		raw, err := json.Marshal(r)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(r.Name), raw); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: actRoleAdd, Detail: fmt.Sprintf("role %s (%s)", r.Name, r.Display)})
		return err
	})
}

// Roles returns the office's custom roles in name order.
func (s *Store) Roles() ([]model.CustomRole, error) {
	var out []model.CustomRole
	err := s.view(func(tx *bolt.Tx) error { out = txRoles(tx); return nil })
	return out, err
}

func txRoles(tx *bolt.Tx) []model.CustomRole {
	var out []model.CustomRole
	if b := tx.Bucket(bucketRoles); b != nil {
		_ = b.ForEach(func(_, v []byte) error {
			var r model.CustomRole
			if json.Unmarshal(v, &r) == nil {
				out = append(out, r)
			}
			return nil
		})
	}
	return out
}

func txHasRole(tx *bolt.Tx, r model.Role) bool {
	if slices.Contains(model.AllRoles, r) {
		return true
	}
	b := tx.Bucket(bucketRoles)
	return b != nil && b.Get([]byte(r)) != nil
}

// ParseRoles parses a role list (model.ParseRolesWith) knowing the office's
// custom roles, by name or display name.
func (s *Store) ParseRoles(list string) ([]model.Role, error) {
	custom, err := s.Roles()
	if err != nil {
		return nil, err
	}
	return model.ParseRolesWith(list, custom)
}

// txCheckRoles refuses a role that is neither built-in nor added.
func txCheckRoles(tx *bolt.Tx, rs []model.Role) error {
	for _, r := range rs {
		if !txHasRole(tx, r) {
			return &model.FieldError{Field: "role", Reason: fmt.Sprintf("unknown role %q: add it first with copydesk role add", r), ID: "ErrRoleNotAdded", Args: map[string]any{"Value": string(r)}}
		}
	}
	return nil
}

// DefineWorkflow parses the YAML definition src (model.ParseWorkflowDef:
// errors carry line numbers) and stores it under name, replacing an earlier
// definition (admin only). Roles must exist and named users must be users.
// The audit chain records the definition's SHA-256. Articles already
// started keep the copy they started with: a definition never alters them.
func (s *Store) DefineWorkflow(act Actor, name string, src []byte) (*model.WorkflowDef, error) {
	var out *model.WorkflowDef
	err := s.update(func(t *wtx) error {
		// Permission before the parse (bounded work for whoever may not).
		if err := t.requireAdmin(act, "defining workflows"); err != nil {
			return err
		}
		custom := txRoles(t.tx)
		def, err := model.ParseWorkflowDef(name, src, func(s string) (model.Role, bool) {
			i := slices.IndexFunc(custom, func(c model.CustomRole) bool { return string(c.Name) == strings.ToLower(s) || c.Display == s })
			if i < 0 {
				return "", false
			}
			return custom[i].Name, true
		})
		if err != nil {
			return err
		}
		for _, st := range def.Workflow.Stages {
			for _, u := range st.Users {
				if _, err := txUser(t.tx, u); err != nil {
					return &model.FieldError{Field: "workflow", Reason: fmt.Sprintf("stage %q names %s, who is not a user", st.Name, u), ID: "ErrWorkflowNoUser", Args: map[string]any{"Stage": st.Name, "Login": u}}
				}
			}
		}
		b, err := t.tx.CreateBucketIfNotExists(bucketWorkflows)
		if err != nil {
			return err
		}
		raw, err := json.Marshal(def)
		if err != nil {
			return err
		}
		if err := b.Put([]byte(name), raw); err != nil {
			return err
		}
		if _, err := t.audit(act, model.AuditRecord{Action: actWorkflowDefine, ContentHash: def.Hash,
			Detail: fmt.Sprintf("workflow %s: %s (sha256 %s)", name, def.Workflow, def.Hash)}); err != nil {
			return err
		}
		out = &def
		return nil
	})
	return out, err
}

// Workflow returns a workflow by name: a preset (its definition has no
// source) or one the office defined. An unknown name is an ErrInvalid.
func (s *Store) Workflow(name string) (*model.WorkflowDef, error) {
	var out *model.WorkflowDef
	err := s.view(func(tx *bolt.Tx) error {
		d, err := txWorkflowDef(tx, name)
		out = d
		return err
	})
	return out, err
}

// Workflows returns the presets (default, 三审) then the defined workflows
// in name order.
func (s *Store) Workflows() ([]model.WorkflowDef, error) {
	out := []model.WorkflowDef{{Workflow: model.DefaultWorkflow.Clone()}, {Workflow: model.ThreeReview.Clone()}}
	err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketWorkflows); b != nil {
			return b.ForEach(func(_, v []byte) error {
				var d model.WorkflowDef
				if json.Unmarshal(v, &d) == nil {
					out = append(out, d)
				}
				return nil
			})
		}
		return nil
	})
	return out, err
}

func txWorkflowDef(tx *bolt.Tx, name string) (*model.WorkflowDef, error) {
	if model.IsPreset(name) {
		w, err := model.ParseWorkflow(name)
		if err != nil {
			return nil, err
		}
		return &model.WorkflowDef{Workflow: w}, nil
	}
	if b := tx.Bucket(bucketWorkflows); b != nil {
		if v := b.Get([]byte(name)); v != nil {
			var d model.WorkflowDef
			if err := json.Unmarshal(v, &d); err != nil {
				return nil, fmt.Errorf("workflow %q: stored definition unreadable: %w", name, err)
			}
			d.Workflow = d.Workflow.Clone()
			return &d, nil
		}
	}
	return nil, &model.FieldError{Field: "workflow", Reason: fmt.Sprintf("unknown workflow %q (see copydesk workflow list)", name), ID: "ErrUnknownWorkflow", Args: map[string]any{"Value": name}}
}

// txWorkflow is txWorkflowDef's workflow.
func txWorkflow(tx *bolt.Tx, name string) (model.Workflow, error) {
	d, err := txWorkflowDef(tx, name)
	if err != nil {
		return model.Workflow{}, err
	}
	return d.Workflow, nil
}
