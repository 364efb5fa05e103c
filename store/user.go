package store

import (
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
)

// AddUser adds a user. On an empty database the first user needs no
// identity (bootstrap) and is made an admin as well; after that only an
// admin may add users. Keys must not belong to anyone else.
func (s *Store) AddUser(act Actor, u model.User) (*model.User, error) {
	u.Display = model.NormalizeDisplay(u.Display)
	if err := u.Validate(); err != nil {
		return nil, err
	}
	var out *model.User
	err := s.update(func(t *wtx) error {
		users := t.tx.Bucket(bucketUsers)
		bootstrap := isEmpty(users)
		if err := txCheckRoles(t.tx, u.Roles); err != nil {
			return err
		}
		if !bootstrap {
			if err := t.requireAdmin(act, locale.M("WhatUserAdd", nil)); err != nil {
				return err
			}
		} else if !u.Has(model.RoleAdmin) {
			u.Roles = append(u.Roles, model.RoleAdmin)
		}
		if users.Get([]byte(u.Login)) != nil {
			return locale.NewError("StoreUserExists", locale.Args{"Login": u.Login}, ErrExists)
		}
		if err := t.checkDisplay(u.Login, u.Display); err != nil {
			return err
		}
		u.Created = s.now().UTC()
		for i := range u.Keys {
			// Keys belong to their owners: over SSH an admin never adds a
			// key to another account (an invitation does it); locally, where
			// file access is already full trust, the key is recorded as
			// added by that admin and flagged. The first user of a new
			// database adds their own.
			k := &u.Keys[i]
			switch {
			case bootstrap:
				k.AddedBy, k.How = u.Login, model.KeyBySelf
			case act.Remote:
				return &model.DeniedError{Err: model.ErrRoleRequired, Detail: "over SSH an admin cannot add a key to another account; add the user without a key and give them the invitation code (they run: ssh -p PORT HOST join CODE)", ID: "StoreRemoteKeyAdd"}
			default:
				k.AddedBy, k.How = act.Login, model.KeyByAdminLocal
			}
			if err := t.claimKey(u.Login, k); err != nil {
				return err
			}
		}
		if err := putJSON(users, []byte(u.Login), &u); err != nil {
			return err
		}
		who := act
		if bootstrap && who.Login == "" {
			who.Login = u.Login // the first user records their own creation
		}
		if _, err := t.audit(who, model.AuditRecord{Action: model.ActUserAdd,
			Detail: fmt.Sprintf("%s (%s) roles %v", u.Login, u.Display, roleNames(u.Roles))}); err != nil {
			return err
		}
		out = &u
		return nil
	})
	return out, err
}

// ErrNameTaken: a display name is, after normalisation, another user's
// display name or login. It wraps ErrExists.
var ErrNameTaken error = locale.NewError("StoreNameTaken", nil, ErrExists)

// displayKey is what display names are compared by: model.NameKey of the
// name with its traditional and variant characters simplified
// (proof.Simplified), so 沈建龍 is 沈建龙's name.
func displayKey(s string) string {
	return model.NameKey(proof.Simplified(model.NormalizeDisplay(s)))
}

// checkDisplay refuses a display name (already normalized with
// model.NormalizeDisplay) that another user than login already has, compared
// by displayKey (traditional forms simplified, then model.NameKey: NFKC, confusable skeleton, invisible and bidi characters removed, case and
// spaces ignored), or that is another user's login. Every place that sets a
// display name (add, edit) calls it in its transaction.
func (t *wtx) checkDisplay(login, display string) error {
	key := displayKey(display)
	return t.tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
		if string(k) == login {
			return nil
		}
		var o model.User
		if json.Unmarshal(v, &o) != nil {
			return nil
		}
		if displayKey(o.Display) == key || displayKey(o.Login) == key {
			return locale.NewError("StoreNameTakenBy", locale.Args{"Name": display, "Login": o.Login}, ErrNameTaken)
		}
		return nil
	})
}

func isEmpty(b *bolt.Bucket) bool { k, _ := b.Cursor().First(); return k == nil }

func (t *wtx) requireAdmin(act Actor, what locale.Message) error {
	u, err := t.actor(act)
	if err != nil {
		return err
	}
	if !u.Has(model.RoleAdmin) {
		return &model.DeniedError{Err: model.ErrRoleRequired, Detail: locale.Render(locale.EN, what) + " needs the admin role", ID: "StoreNeedsAdmin", Args: locale.Args{"What": what}}
	}
	return nil
}

func (t *wtx) claimKey(login string, k *model.Key) error {
	keys := t.tx.Bucket(bucketKeys)
	if owner := keys.Get([]byte(k.Fingerprint)); owner != nil {
		return locale.NewError("StoreKeyTaken", locale.Args{"FP": k.Fingerprint, "Login": string(owner)}, ErrExists)
	}
	k.Added = t.s.now().UTC()
	return keys.Put([]byte(k.Fingerprint), []byte(login))
}

// AddKey gives a user another SSH key. A user adds their own keys (me key
// add); an admin may add a key to another account only locally (act.Remote
// false: file access is already full trust), and such a key is recorded as
// added by that admin (model.KeyByAdminLocal) and flagged. Over SSH adding a
// key to another account is refused (model.ErrRoleRequired): invitations
// (Invite, Join) bind a key to its owner.
func (s *Store) AddKey(act Actor, login string, key model.Key) error {
	return s.update(func(t *wtx) error {
		key.AddedBy, key.How = act.Login, model.KeyBySelf
		if act.Login != login {
			if err := t.requireAdmin(act, locale.M("WhatKeyAddOther", nil)); err != nil {
				return err
			}
			if act.Remote {
				return &model.DeniedError{Err: model.ErrRoleRequired, Detail: fmt.Sprintf(
					"over SSH an admin can remove but never add a key to another account; give %s an invitation (copydesk user invite %s) and let them bind their own key", login, login),
					ID: "StoreRemoteKeyAddUser", Args: locale.Args{"Login": login}}
			}
			key.How = model.KeyByAdminLocal
		}
		u, err := txUser(t.tx, login)
		if err != nil {
			return err
		}
		if err := t.claimKey(login, &key); err != nil {
			return err
		}
		u.Keys = append(u.Keys, key)
		if err := putJSON(t.tx.Bucket(bucketUsers), []byte(login), u); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActUserKey, Detail: fmt.Sprintf("%s + %s (%s)", login, key.Fingerprint, key.How)})
		return err
	})
}

// RemoveKey revokes one of a user's keys by fingerprint: the user themself,
// or an admin (locally or over SSH). Sessions using it end at once (the
// server re-checks keys on every user.* change).
func (s *Store) RemoveKey(act Actor, login, fp string) error {
	return s.update(func(t *wtx) error {
		if act.Login != login {
			if err := t.requireAdmin(act, locale.M("WhatKeyRemoveOther", nil)); err != nil {
				return err
			}
		} else if _, err := t.actor(act); err != nil {
			return err
		}
		u, err := txUser(t.tx, login)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(u.Keys, func(k model.Key) bool { return k.Fingerprint == fp })
		if i < 0 {
			return locale.NewError("StoreNoKey", locale.Args{"Login": login, "FP": fp}, ErrNotFound)
		}
		u.Keys = slices.Delete(u.Keys, i, i+1)
		if err := t.tx.Bucket(bucketKeys).Delete([]byte(fp)); err != nil {
			return err
		}
		if err := putJSON(t.tx.Bucket(bucketUsers), []byte(login), u); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActKeyDel, Detail: login + " - " + fp})
		return err
	})
}

// RemoveUser deletes a user and their keys (admin only). Their articles and
// audit records stay. The last admin cannot be removed.
func (s *Store) RemoveUser(act Actor, login string) error {
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatUserRemove", nil)); err != nil {
			return err
		}
		u, err := txUser(t.tx, login)
		if err != nil {
			return err
		}
		if u.Has(model.RoleAdmin) {
			admins := 0
			err := t.tx.Bucket(bucketUsers).ForEach(func(_, v []byte) error {
				var o model.User
				if json.Unmarshal(v, &o) == nil && o.Has(model.RoleAdmin) {
					admins++
				}
				return nil
			})
			if err != nil {
				return err
			}
			if admins <= 1 {
				return &model.DeniedError{Err: model.ErrRoleRequired, Detail: "cannot remove the last admin; add another admin first", ID: "StoreLastAdminRemove"}
			}
		}
		for _, k := range u.Keys {
			if err := t.tx.Bucket(bucketKeys).Delete([]byte(k.Fingerprint)); err != nil {
				return err
			}
		}
		if err := t.tx.Bucket(bucketUsers).Delete([]byte(login)); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActUserDel, Detail: login})
		return err
	})
}

// User returns a user by login.
func (s *Store) User(login string) (*model.User, error) {
	var u *model.User
	err := s.view(func(tx *bolt.Tx) (err error) {
		u, err = txUser(tx, login)
		return err
	})
	return u, err
}

// UserByKey returns the user who owns the key with this SHA256 fingerprint.
// A removed key is not found, at once, without a restart.
func (s *Store) UserByKey(fingerprint string) (*model.User, error) {
	var u *model.User
	err := s.view(func(tx *bolt.Tx) (err error) {
		login := tx.Bucket(bucketKeys).Get([]byte(fingerprint))
		if login == nil {
			return locale.NewError("StoreNoKeyOwner", locale.Args{"FP": fingerprint}, ErrNotFound)
		}
		u, err = txUser(tx, string(login))
		return err
	})
	return u, err
}

// Users lists every user by login.
func (s *Store) Users() ([]model.User, error) {
	var out []model.User
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketUsers).ForEach(func(k, v []byte) error {
			var u model.User
			if err := json.Unmarshal(v, &u); err != nil {
				return locale.NewError("StoreUserUnreadable", locale.Args{"Login": string(k), "Err": err}, ErrNotDatabase)
			}
			out = append(out, u)
			return nil
		})
	})
	if err == nil && len(out) == 0 {
		err = s.noUsersDamaged()
	}
	return out, err
}

// HasUsers reports whether any user exists (false means bootstrap). A file
// whose users bucket reads as empty while its audit chain has records is
// damaged (*DamagedError), not new: the last admin can never be removed,
// so a database that recorded anything has users.
func (s *Store) HasUsers() (bool, error) {
	var has bool
	err := s.view(func(tx *bolt.Tx) error {
		has = !isEmpty(tx.Bucket(bucketUsers))
		return nil
	})
	if err == nil && !has {
		err = s.noUsersDamaged()
	}
	return has, err
}

// noUsersDamaged is the check of HasUsers and Users: nil when the audit
// chain is empty too (a new database), else a *DamagedError — a damaged
// page of the users bucket reads as an empty bucket, and serving or
// bootstrapping it would pass damage off as a fresh start.
func (s *Store) noUsersDamaged() error {
	var records bool
	err := s.view(func(tx *bolt.Tx) error {
		records = !isEmpty(tx.Bucket(bucketAudit))
		return nil
	})
	if err != nil || !records {
		return err
	}
	return &DamagedError{Path: s.Path(), Page: -1, Cause: "the users bucket is empty but the audit chain has records"}
}

// SetDefaultWorkflow chooses the preset new articles of every kind start
// with (admin only); a per-kind choice (SetKindWorkflow) still wins.
func (s *Store) SetDefaultWorkflow(act Actor, name string) error {
	return s.SetKindWorkflow(act, "", name)
}

// SetKindWorkflow chooses the preset new articles of kind start with; kind
// "" sets the office-wide default. Admin only: the workflow is the office's
// choice, never the writer's (see Create).
func (s *Store) SetKindWorkflow(act Actor, kind model.Kind, name string) error {
	var err error
	key := keyWorkflow
	if kind != "" {
		if kind, err = model.ParseKind(string(kind)); err != nil {
			return err
		}
		key = workflowKey(kind)
	}
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatWorkflowSet", nil)); err != nil {
			return err
		}
		wf, err := txWorkflow(t.tx, name)
		if err != nil {
			return err
		}
		if err := t.tx.Bucket(bucketMeta).Put(key, []byte(wf.Name)); err != nil {
			return err
		}
		what := "default workflow"
		if kind != "" {
			what += " for " + string(kind)
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActSettings, Detail: what + ": " + wf.Name})
		return err
	})
}

func workflowKey(kind model.Kind) []byte { return []byte("default_workflow/" + string(kind)) }

// txOfficeWorkflow is the workflow the office set for new articles of kind:
// the per-kind choice, else the office-wide one, else the built-in default.
func txOfficeWorkflow(tx *bolt.Tx, kind model.Kind) model.Workflow {
	meta := tx.Bucket(bucketMeta)
	for _, k := range [][]byte{workflowKey(kind), keyWorkflow} {
		if name := meta.Get(k); name != nil {
			if wf, err := txWorkflow(tx, string(name)); err == nil {
				return wf
			}
		}
	}
	wf, _ := model.ParseWorkflow("")
	return wf
}

// OfficeWorkflows returns the workflow new articles of each kind start with.
func (s *Store) OfficeWorkflows() (map[model.Kind]model.Workflow, error) {
	out := map[model.Kind]model.Workflow{}
	err := s.view(func(tx *bolt.Tx) error {
		for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
			out[k] = txOfficeWorkflow(tx, k)
		}
		return nil
	})
	return out, err
}
