package store

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
)

// Ignoring a finding (issue 10): a writer or reviewer lets one 三校
// finding stand, with a written reason. The ignore is stored in
// bucketProof under ignore/<article>/<audit seq>, audited, and counted as
// a waiver at the gate (store.Waiver.By names who let it through), so the
// record shows who ignored what and why.
//
// An ignore is anchored to the text, not only to a revision: the rule, the
// field, the text of the finding and its context (up to contextRunes
// characters either side, within its line; stored as a SHA-256). It holds
// in the revision it was made on and in every later revision where the
// finding still stands in the same context, so fixing other findings or
// editing elsewhere keeps it; an edit next to it ends it (the finding must
// be looked at again). The same text in the same context twice is ignored
// at both places.

// Errors of IgnoreFinding. Each is an ErrInvalid.
var (
	ErrIgnoreNoFinding = &ignoreError{id: "ErrProofIgnoreNoFinding", msg: "no such 三校 finding in this text"}
	ErrIgnoreError     = &ignoreError{id: "ErrProofIgnoreError", msg: "三校 errors cannot be ignored: fix them (an admin may lower the rule's severity)"}
	ErrIgnoreReason    = &ignoreError{id: "ErrProofIgnoreReason", msg: "ignoring a 三校 finding needs a written reason"}
)

type ignoreError struct{ id, msg string }

func (e *ignoreError) Error() string               { return e.msg }
func (e *ignoreError) Unwrap() error               { return model.ErrInvalid }
func (e *ignoreError) MessageID() string           { return e.id }
func (e *ignoreError) MessageArgs() map[string]any { return nil }

// MaxIgnoreReason is the longest reason accepted, in runes.
const MaxIgnoreReason = 500

// ProofIgnore is one finding let stand.
type ProofIgnore struct {
	Seq     uint64      `json:"seq"` // its audit record
	Article uint64      `json:"article"`
	Rev     int         `json:"rev"` // the head when it was made
	Rule    string      `json:"rule"`
	Field   proof.Field `json:"field"`
	Text    string      `json:"text"`
	Context string      `json:"context"` // hex SHA-256 of the finding in its context (anchorOf)
	Reason  string      `json:"reason"`
	By      string      `json:"by"`
	At      time.Time   `json:"at"`
}

// fieldText is the text of field f of c.
func fieldText(c *model.Content, f proof.Field) string {
	switch f {
	case proof.FieldTitle:
		return c.Title
	case proof.FieldSubtitle:
		return c.Subtitle
	}
	return c.Body
}

// contextRunes is how many characters either side of a finding anchor an
// ignore.
const contextRunes = 8

// anchorOf is the hex SHA-256 of finding f with up to contextRunes
// characters either side of it, within its line.
func anchorOf(c *model.Content, f proof.Finding) string {
	s := fieldText(c, f.Field)
	if f.Start < 0 || f.End > len(s) || f.Start > f.End {
		return ""
	}
	a, b := f.Start, f.End
	for n := 0; n < contextRunes && a > 0 && s[a-1] != '\n'; n++ {
		_, w := utf8.DecodeLastRuneInString(s[:a])
		a -= w
	}
	for n := 0; n < contextRunes && b < len(s) && s[b] != '\n'; n++ {
		_, w := utf8.DecodeRuneInString(s[b:])
		b += w
	}
	h := sha256.New()
	h.Write([]byte(s[a:f.Start]))
	h.Write([]byte{0})
	h.Write([]byte(s[f.Start:f.End]))
	h.Write([]byte{0})
	h.Write([]byte(s[f.End:b]))
	return hex.EncodeToString(h.Sum(nil))
}

// IgnoredIn matches ignores to the findings fs of content c: the result
// maps a finding's index to the ignore that lets it stand (the latest, when
// several match).
func IgnoredIn(c *model.Content, fs []proof.Finding, igs []ProofIgnore) map[int]ProofIgnore {
	out := map[int]ProofIgnore{}
	if len(igs) == 0 {
		return out
	}
	for i, f := range fs {
		anchor := ""
		for _, g := range igs {
			if g.Rule != f.RuleID || g.Field != f.Field || g.Text != f.Text {
				continue
			}
			if anchor == "" {
				anchor = anchorOf(c, f)
			}
			if g.Context == anchor {
				if prev, ok := out[i]; !ok || g.Seq > prev.Seq {
					out[i] = g
				}
			}
		}
	}
	return out
}

func ignorePrefix(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte("ignore/"), id)
}

// txIgnores reads the ignores of article id, oldest first.
func txIgnores(tx *bolt.Tx, id uint64) ([]ProofIgnore, error) {
	b := tx.Bucket(bucketProof)
	if b == nil {
		return nil, nil
	}
	pre := ignorePrefix(id)
	var out []ProofIgnore
	c := b.Cursor()
	for k, v := c.Seek(pre); k != nil && strings.HasPrefix(string(k), string(pre)); k, v = c.Next() {
		var g ProofIgnore
		if err := json.Unmarshal(v, &g); err != nil {
			return nil, locale.NewError("StoreIgnoreUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
		}
		out = append(out, g)
	}
	return out, nil
}

// ProofIgnores returns the ignores made on article id, oldest first, to a
// reader who may see it (readable: model.MayRead, or the local Holder).
func (s *Store) ProofIgnores(act Actor, id uint64) ([]ProofIgnore, error) {
	var out []ProofIgnore
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.readable(tx, act, id); err != nil {
			return err
		}
		var err error
		out, err = txIgnores(tx, id)
		return err
	})
	return out, err
}

// MayIgnore answers, in a read transaction and before any text is
// checked, whether act may let a finding of article id stand: the same
// model.MayIgnoreFinding that IgnoreFinding applies in its transaction.
// Front ends ask it first, so a refused request checks nothing and says
// nothing of the article's findings. Errors: ErrNotFound; a
// *model.DeniedError.
func (s *Store) MayIgnore(act Actor, id uint64) error {
	return s.asking(act, id, model.ActProofIgnore, func(a *model.Article, u *model.User) error { return model.MayIgnoreFinding(*a, u) })
}

// IgnoreFinding lets the finding with key (FindingKey) stand in revision
// rev of article id (0: the head), with a written reason, by act: the
// article's editor (model.CanEdit) or a reviewer who may decide it now. The
// finding is found by checking the revision again here, so only a real
// finding can be ignored. Errors cannot be ignored (ErrIgnoreError), only
// warnings and hints. The ignore is audited (model.ActProofIgnore) in the
// same transaction.
func (s *Store) IgnoreFinding(act Actor, id uint64, rev int, key, reason string) (*ProofIgnore, error) {
	return s.ignore(act, id, rev, nil, key, reason)
}

// IgnoreFindingIn is IgnoreFinding for a text being edited (c, not yet a
// revision): the finding is looked for in c, and the ignore holds once
// the text is saved for as long as the finding stands in its context. It
// is recorded against the head revision.
func (s *Store) IgnoreFindingIn(act Actor, id uint64, c model.Content, key, reason string) (*ProofIgnore, error) {
	return s.ignore(act, id, 0, &c, key, reason)
}

func (s *Store) ignore(act Actor, id uint64, rev int, ct *model.Content, key, reason string) (*ProofIgnore, error) {
	reason = model.CanonicalText(strings.TrimSpace(reason))
	if reason == "" {
		return nil, ErrIgnoreReason
	}
	if utf8.RuneCountInString(reason) > MaxIgnoreReason {
		return nil, locale.NewError("StoreIgnoreReasonLong", locale.Args{"Max": MaxIgnoreReason}, model.ErrInvalid)
	}
	_ = s.WarmChecker() // the build before the write lock (errors recur inside)
	var out *ProofIgnore
	err := s.update(func(t *wtx) error {
		u, a, err := t.actorActing(act, id, model.ActProofIgnore)
		if err != nil {
			return err
		}
		if err := model.MayIgnoreFinding(*a, u); err != nil {
			return err
		}
		if rev == 0 {
			rev = a.Rev
		}
		hash := a.Hash
		if ct == nil {
			r, err := txRevision(t.tx, id, rev)
			if err != nil {
				return err
			}
			ct, hash = &r.Content, r.Hash
		}
		ck, _, err := s.txChecker(t.tx)
		if err != nil {
			return err
		}
		var f *proof.Finding
		for _, x := range ck.Check(ct) {
			if FindingKey(x) == key {
				f = &x
				break
			}
		}
		if f == nil {
			return locale.NewError("StoreIgnoreNoFindingKey", locale.Args{"Key": key}, ErrIgnoreNoFinding)
		}
		if f.Severity == proof.Error {
			return ErrIgnoreError
		}
		g := ProofIgnore{Article: id, Rev: rev, Rule: f.RuleID, Field: f.Field, Text: f.Text, Context: anchorOf(ct, *f),
			Reason: reason, By: act.Login, At: s.now().UTC()}
		seq, err := t.audit(act, model.AuditRecord{Action: model.ActProofIgnore, Article: id, Rev: rev, ContentHash: hash,
			Detail: fmt.Sprintf("三校 ignore %s %s “%s”: %s", key, f.Severity, f.Text, reason), At: g.At})
		if err != nil {
			return err
		}
		g.Seq = seq
		b, err := t.proofBucket()
		if err != nil {
			return err
		}
		if err := putJSON(b, binary.BigEndian.AppendUint64(ignorePrefix(id), seq), g); err != nil {
			return err
		}
		out = &g
		return nil
	})
	return out, err
}
