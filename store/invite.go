package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// ErrInvite: an invitation code that is unknown, used or expired. It says
// nothing about which, so codes cannot be probed.
var ErrInvite error = locale.NewError("StoreInvite", nil)

// DefaultInviteTTL is how long an invitation code is valid.
const DefaultInviteTTL = 72 * time.Hour

// invite is a stored invitation: the code itself is never stored, only its
// SHA-256 (the bucket key).
type invite struct {
	Login   string    `json:"login"`
	By      string    `json:"by"`
	Created time.Time `json:"created"`
	Expires time.Time `json:"expires"`
}

var codeEncoding = base32.NewEncoding("ABCDEFGHJKLMNPQRSTUVWXYZ23456789").WithPadding(base32.NoPadding)

// normCode is the canonical form of a typed code: upper case, no dashes or
// spaces.
func normCode(code string) string {
	code = strings.ToUpper(code)
	return strings.Map(func(r rune) rune {
		if r == '-' || r == ' ' {
			return -1
		}
		return r
	}, code)
}

func codeKey(code string) []byte {
	sum := sha256.Sum256([]byte("copydesk/invite/v1\x00" + normCode(code)))
	return []byte(hex.EncodeToString(sum[:]))
}

// Invite makes a one-time invitation code for login (admin only, locally or
// over SSH): the person runs `ssh -p PORT HOST join CODE` and the key they
// connect with becomes theirs (Join). The code is 16 characters (80 bits)
// shown once as XXXX-XXXX-XXXX-XXXX; only its hash is stored. ttl ≤ 0 means
// DefaultInviteTTL.
func (s *Store) Invite(act Actor, login string, ttl time.Duration) (code string, expires time.Time, err error) {
	if ttl <= 0 {
		ttl = DefaultInviteTTL
	}
	raw := make([]byte, 10)
	if _, err := rand.Read(raw); err != nil {
		return "", time.Time{}, err
	}
	c := codeEncoding.EncodeToString(raw) // 16 characters
	code = c[0:4] + "-" + c[4:8] + "-" + c[8:12] + "-" + c[12:16]
	err = s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatInvite", nil)); err != nil {
			return err
		}
		u, err := txUser(t.tx, login)
		if err != nil {
			return err
		}
		if err := inviteKeyless(u); err != nil {
			return err
		}
		now := s.now().UTC()
		expires = now.Add(ttl)
		if err := putJSON(t.tx.Bucket(bucketInvites), codeKey(code), invite{Login: login, By: act.Login, Created: now, Expires: expires}); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActInvite,
			Detail: fmt.Sprintf("%s invited to bind a key, until %s", login, expires.Format(time.RFC3339))})
		return err
	})
	if err != nil {
		return "", time.Time{}, err
	}
	return code, expires, nil
}

// Join redeems an invitation code: key (the one the person connected
// with) is bound to the invited user, recorded as added by them through
// the invitation (model.KeyByInvite), and the code is spent. An unknown,
// used or expired code is ErrInvite; a key that already belongs to someone
// is ErrExists.
func (s *Store) Join(code string, key model.Key) (*model.User, error) {
	var out *model.User
	var expired bool
	var spent error
	err := s.update(func(t *wtx) error {
		b := t.tx.Bucket(bucketInvites)
		k := codeKey(code)
		var inv invite
		ok, err := getJSON(t.tx, bucketInvites, k, &inv)
		if err != nil || !ok {
			return ErrInvite
		}
		if !s.now().Before(inv.Expires) {
			expired = true
			return b.Delete(k)
		}
		u, err := txUser(t.tx, inv.Login)
		if err != nil {
			return ErrInvite
		}
		if err := inviteKeyless(u); err != nil {
			// A second code made before the first was redeemed: spend it
			// too, so it cannot bind a key next to the owner's.
			if derr := b.Delete(k); derr != nil {
				return derr
			}
			spent = err
			return nil
		}
		key.AddedBy, key.How = u.Login, model.KeyByInvite
		if err := t.claimKey(u.Login, &key); err != nil {
			return err
		}
		u.Keys = append(u.Keys, key)
		if err := putJSON(t.tx.Bucket(bucketUsers), []byte(u.Login), u); err != nil {
			return err
		}
		if err := b.Delete(k); err != nil {
			return err
		}
		if _, err := t.audit(Actor{Login: u.Login, KeyFP: key.Fingerprint}, model.AuditRecord{Action: model.ActJoin,
			Detail: fmt.Sprintf("%s bound key %s with an invitation from %s", u.Login, key.Fingerprint, inv.By)}); err != nil {
			return err
		}
		out = u
		return nil
	})
	if err == nil && expired {
		return nil, ErrInvite
	}
	if err == nil && spent != nil {
		return nil, spent
	}
	return out, err
}

// inviteKeyless refuses an invitation for a user who already has a key: a
// code is how a person binds their first key, and an admin who could invite
// an existing account would bind a key of their own to it and act as that
// person (sign in as the reviewer, approve, sign off). Users add further
// keys themselves (me key add); for a lost key an admin revokes it first
// (user key remove), which the owner notices because their key stops
// working.
func inviteKeyless(u *model.User) error {
	if len(u.Keys) == 0 {
		return nil
	}
	return &model.DeniedError{Err: model.ErrRoleRequired, Detail: fmt.Sprintf(
		"%s already has %d key(s): invitations bind a first key only; %s adds more with copydesk me key add, and a lost key is revoked first (copydesk user key remove %s FINGERPRINT)",
		u.Login, len(u.Keys), u.Login, u.Login), ID: "StoreInviteHasKey", Args: locale.Args{"Login": u.Login, "N": len(u.Keys)}}
}

// OpenInvites reports whether any invitation is still valid: the SSH server
// lets unknown keys in (for `join` only) just while one is.
func (s *Store) OpenInvites() bool {
	open := false
	now := s.now()
	_ = s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketInvites).ForEach(func(_, v []byte) error {
			var inv invite
			if json.Unmarshal(v, &inv) == nil && now.Before(inv.Expires) {
				open = true
				return errStop
			}
			return nil
		})
	})
	return open
}

var errStop = errors.New("stop")
