package store

import (
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"
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
		if err := t.requireAdmin(act, locale.M("WhatRoleAdd", nil)); err != nil {
			return err
		}
		b, err := t.tx.CreateBucketIfNotExists(bucketRoles)
		if err != nil {
			return err
		}
		if b.Get([]byte(r.Name)) != nil {
			return locale.NewError("StoreRoleExists", locale.Args{"Name": r.Name}, ErrExists)
		}
		if slices.ContainsFunc(txRoles(t.tx), func(c model.CustomRole) bool { return c.Display == r.Display }) {
			return locale.NewError("StoreRoleNameExists", locale.Args{"Name": r.Display}, ErrExists)
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
		if err := t.requireAdmin(act, locale.M("WhatWorkflowDefine", nil)); err != nil {
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
				return nil, locale.NewError("StoreWorkflowUnreadable", locale.Args{"Name": name, "Err": err}, ErrNotDatabase, err)
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

// The audit actions of removals.
const (
	actWorkflowDelete model.Action = "workflow.delete"
	actRoleRemove     model.Action = "role.remove"
)

// InUseError refuses to remove a role or delete a workflow something still
// uses: What is "role" or "workflow", Name its name; Users hold the role,
// Workflows name it, Defaults are the kinds ("" for all) whose default the
// workflow is, Articles in review follow it. It wraps model.ErrInvalid.
type InUseError struct {
	What, Name string
	Users      []string
	Workflows  []string
	Defaults   []string
	Articles   []uint64
}

func (e *InUseError) by() []string {
	var by []string
	for _, u := range e.Users {
		by = append(by, "user "+u)
	}
	for _, w := range e.Workflows {
		by = append(by, "workflow "+w)
	}
	for _, k := range e.Defaults {
		if k == "" {
			by = append(by, "the default workflow")
		} else {
			by = append(by, "the default for "+k)
		}
	}
	for _, id := range e.Articles {
		by = append(by, fmt.Sprintf("article %d in review", id))
	}
	return by
}

func (e *InUseError) Error() string {
	return fmt.Sprintf("%s %s is in use by %s; change those first", e.What, e.Name, strings.Join(e.by(), ", "))
}

// Unwrap makes an InUseError an ErrInvalid.
func (e *InUseError) Unwrap() error { return model.ErrInvalid }

// MessageID is ErrRoleInUse or ErrWorkflowInUse.
func (e *InUseError) MessageID() string {
	if e.What == "role" {
		return "ErrRoleInUse"
	}
	return "ErrWorkflowInUse"
}

// MessageArgs are the name and what uses it, each list joined.
func (e *InUseError) MessageArgs() map[string]any {
	ids := make([]string, len(e.Articles))
	for i, id := range e.Articles {
		ids[i] = fmt.Sprint(id)
	}
	kinds := slices.Clone(e.Defaults)
	all := slices.Contains(kinds, "")
	kinds = slices.DeleteFunc(kinds, func(k string) bool { return k == "" })
	return map[string]any{"Name": e.Name, "Users": strings.Join(e.Users, "、"), "Workflows": strings.Join(e.Workflows, "、"),
		"Default": all, "Kinds": strings.Join(kinds, "、"), "Articles": strings.Join(ids, "、")}
}

// maxInUse bounds the users listed in an InUseError.
const maxInUse = 10

// RemoveRole removes a custom role (admin only), audited; refused with an
// *InUseError while a user holds it, a defined workflow names it, or an
// article in review follows a workflow copy that names it. ErrNotFound if
// there is no such role.
func (s *Store) RemoveRole(act Actor, name string) error {
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatRoleRemove", nil)); err != nil {
			return err
		}
		b := t.tx.Bucket(bucketRoles)
		if b == nil || b.Get([]byte(name)) == nil {
			return locale.NewError("StoreNoRole", locale.Args{"Name": name}, ErrNotFound)
		}
		r := model.Role(name)
		e := &InUseError{What: "role", Name: name}
		_ = t.tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var u model.User
			if json.Unmarshal(v, &u) == nil && u.Has(r) && len(e.Users) < maxInUse {
				e.Users = append(e.Users, u.Login)
			}
			return nil
		})
		uses := func(w model.Workflow) bool {
			return slices.ContainsFunc(w.Stages, func(st model.Stage) bool { return st.Role == r })
		}
		if wb := t.tx.Bucket(bucketWorkflows); wb != nil {
			_ = wb.ForEach(func(k, v []byte) error {
				var d model.WorkflowDef
				if json.Unmarshal(v, &d) == nil && uses(d.Workflow) {
					e.Workflows = append(e.Workflows, string(k))
				}
				return nil
			})
		}
		e.Articles = txInReview(t.tx, uses)
		if len(e.by()) > 0 {
			return e
		}
		if err := b.Delete([]byte(name)); err != nil {
			return err
		}
		_, err := t.audit(act, model.AuditRecord{Action: actRoleRemove, Detail: "role " + name})
		return err
	})
}

// DeleteWorkflow deletes a defined workflow (admin only), audited; refused
// with an *InUseError while it is the office's default (for any kind) or an
// article in review follows it. Presets cannot be deleted (ErrInvalid);
// an unknown name is ErrNotFound. Articles keep their own copy, so one
// already signed is never changed.
func (s *Store) DeleteWorkflow(act Actor, name string) error {
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatWorkflowDelete", nil)); err != nil {
			return err
		}
		if model.IsPreset(name) {
			return &model.FieldError{Field: "workflow", Reason: fmt.Sprintf("%q is a built-in workflow and cannot be deleted", name), ID: "ErrWorkflowPresetDelete", Args: map[string]any{"Value": name}}
		}
		b := t.tx.Bucket(bucketWorkflows)
		if b == nil || b.Get([]byte(name)) == nil {
			return locale.NewError("StoreNoWorkflow", locale.Args{"Name": name}, ErrNotFound)
		}
		e := &InUseError{What: "workflow", Name: name}
		meta := t.tx.Bucket(bucketMeta)
		if v := meta.Get(keyWorkflow); string(v) == name {
			e.Defaults = append(e.Defaults, "")
		}
		for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
			if v := meta.Get(workflowKey(k)); string(v) == name {
				e.Defaults = append(e.Defaults, string(k))
			}
		}
		e.Articles = txInReview(t.tx, func(w model.Workflow) bool { return w.Name == name })
		if len(e.by()) > 0 {
			return e
		}
		if err := b.Delete([]byte(name)); err != nil {
			return err
		}
		_, err := t.audit(act, model.AuditRecord{Action: actWorkflowDelete, Detail: "workflow " + name})
		return err
	})
}

// txInReview lists up to maxInUse articles in review whose workflow copy
// satisfies uses. It reads every header: bounded by the
// number of articles, and only an admin's rare removal pays it.
func txInReview(tx *bolt.Tx, uses func(model.Workflow) bool) []uint64 {
	var out []uint64
	_ = tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
		if len(out) >= maxInUse {
			return nil
		}
		var a model.Article
		if json.Unmarshal(v, &a) == nil && a.State == model.StateReview && a.Deleted == nil && uses(a.Workflow) {
			out = append(out, a.ID)
		}
		return nil
	})
	return out
}
