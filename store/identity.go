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

// localIdentityPrefix keys the remembered local identities in the meta
// bucket: "local_identity/" + an OS account key ("uid:1000").
const localIdentityPrefix = "local_identity/"

// LocalIdentity returns the copydesk login remembered for the OS account
// osKey on this database (see RememberLocal), and whether there is one
// that still names a user.
func (s *Store) LocalIdentity(osKey string) (string, bool) {
	var login string
	err := s.view(func(tx *bolt.Tx) error {
		login = string(tx.Bucket(bucketMeta).Get([]byte(localIdentityPrefix + osKey)))
		if login != "" && tx.Bucket(bucketUsers).Get([]byte(login)) == nil {
			login = ""
		}
		return nil
	})
	if err != nil {
		return "", false
	}
	return login, login != ""
}

// RememberLocal records that the OS account osKey acts as login on this
// database, so later local runs need neither --as nor $USER. It is a
// convenience of one computer, not a change to the office's record, so it
// writes no audit record (local file access is already full trust).
func (s *Store) RememberLocal(osKey, login string) error {
	return s.update(func(t *wtx) error {
		if _, err := txUser(t.tx, login); err != nil {
			return err
		}
		k := []byte(localIdentityPrefix + osKey)
		if string(t.tx.Bucket(bucketMeta).Get(k)) == login {
			return nil
		}
		return t.tx.Bucket(bucketMeta).Put(k, []byte(login))
	})
}

// UserEdit is a change to a user; nil fields stay as they are.
type UserEdit struct {
	Display    *string
	Department *string
	Roles      []model.Role // nil: unchanged
	// Lang is the user's language (model.UserLangs, or "" to let the
	// environment decide); a user may set their own.
	Lang *string
}

// EditUser changes a user's display name, department, language or roles, in one
// transaction with its audit record (ActUserEdit, naming old and new
// values). An admin may edit anyone; a user may change their own display
// name, department and language, not their roles. A display name must not be another
// user's (checkDisplay). The last admin keeps the admin role. Past records
// keep the names they were made with: approvals, sign-offs and audit
// records store the display name of their time and are not rewritten.
func (s *Store) EditUser(act Actor, login string, e UserEdit) (*model.User, error) {
	var out *model.User
	err := s.update(func(t *wtx) error {
		me, err := t.actor(act)
		if err != nil {
			return err
		}
		u, err := txUser(t.tx, login)
		if err != nil {
			return err
		}
		if me.Login != login || e.Roles != nil {
			if err := t.requireAdmin(act, locale.M("WhatEditUser", nil)); err != nil {
				return err
			}
		}
		var changes []string
		next := *u
		if e.Display != nil {
			next.Display = model.NormalizeDisplay(*e.Display)
			if next.Display != u.Display {
				if err := t.checkDisplay(login, next.Display); err != nil {
					return err
				}
				changes = append(changes, fmt.Sprintf("display %q → %q", u.Display, next.Display))
			}
		}
		if e.Department != nil {
			next.Department = model.CanonicalLine(*e.Department)
			if next.Department != u.Department {
				changes = append(changes, fmt.Sprintf("department %q → %q", u.Department, next.Department))
			}
		}
		if e.Lang != nil {
			next.Lang = strings.TrimSpace(*e.Lang)
			if next.Lang != u.Lang {
				changes = append(changes, fmt.Sprintf("lang %q → %q", u.Lang, next.Lang))
			}
		}
		if e.Roles != nil {
			if err := txCheckRoles(t.tx, e.Roles); err != nil {
				return err
			}
			next.Roles = slices.Clone(e.Roles)
			if u.Has(model.RoleAdmin) && !next.Has(model.RoleAdmin) {
				admins := 0
				_ = t.tx.Bucket(bucketUsers).ForEach(func(_, v []byte) error {
					var o model.User
					if json.Unmarshal(v, &o) == nil && o.Has(model.RoleAdmin) {
						admins++
					}
					return nil
				})
				if admins <= 1 {
					return &model.DeniedError{Err: model.ErrRoleRequired, Detail: "the last admin keeps the admin role; make another user admin first", ID: "StoreLastAdminRole"}
				}
			}
			if strings.Join(roleNames(u.Roles), ",") != strings.Join(roleNames(next.Roles), ",") {
				changes = append(changes, fmt.Sprintf("roles %s → %s", strings.Join(roleNames(u.Roles), ","), strings.Join(roleNames(next.Roles), ",")))
			}
		}
		if err := next.Validate(); err != nil {
			return err
		}
		out = &next
		if len(changes) == 0 {
			return nil
		}
		if err := putJSON(t.tx.Bucket(bucketUsers), []byte(login), &next); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActUserEdit, Detail: login + ": " + strings.Join(changes, "; ")})
		return err
	})
	return out, err
}
