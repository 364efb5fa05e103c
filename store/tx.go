package store

import (
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// Actor is who asks for a change: a login and, over SSH, the fingerprint of
// the key that authenticated the session. The store looks the user up inside
// the transaction, so roles are always current.
type Actor struct {
	Login string
	KeyFP string
	// Remote is set for SSH sessions: some things (adding a key to another
	// account) are only allowed with local file access.
	Remote bool
	// holder marks Holder(): the local reader who names no user.
	holder bool
}

// Holder is who reads a local database file naming no user (a command
// run without --as): the file's holder, who could read every byte of it
// anyway, so the store's reads show them every article (DESIGN: local
// file access is full trust). It is no user: every change refuses it
// (ErrNoIdentity). Never for an SSH session or the workstation, which
// read as their user; a Holder marked Remote reads as no one.
func Holder() Actor { return Actor{holder: true} }

// readable reads article id for act inside tx, for the reads that take a
// reader: the header when act may read it (model.MayRead), every header
// for the local Holder. Errors: ErrNotFound; a *model.DeniedError
// (ErrNotVisible, or no user).
func (s *Store) readable(tx *bolt.Tx, act Actor, id uint64) (*model.Article, error) {
	if act.holder && !act.Remote {
		return txArticle(tx, id)
	}
	_, a, err := (&wtx{tx: tx, s: s}).actorReading(act, id)
	return a, err
}

// wtx is a read-write transaction with the helpers every mutation shares.
type wtx struct {
	tx      *bolt.Tx
	s       *Store
	events  []Event
	audited []model.AuditRecord       // this transaction's audit records, for the outbox
	heads   map[uint64]*model.Article // headers written by this transaction, for the outbox
	who     *model.User               // the actor, as resolved by actor()
}

// update runs fn in one read-write transaction and publishes the events it
// recorded after the commit.
func (s *Store) update(fn func(t *wtx) error) error {
	if s.readOnly {
		return locale.NewError("StoreReadOnlyChange", locale.Args{"Path": s.path}, ErrReadOnly)
	}
	t := &wtx{s: s}
	err := s.guard(func() error {
		return s.db.Update(func(tx *bolt.Tx) error {
			s.writing.Store(true)
			defer s.writing.Store(false)
			t.tx = tx
			if err := fn(t); err != nil {
				return err
			}
			return t.queueNotices() // the outbox, in the same transaction (outbox.go)
		})
	})
	if err == nil {
		s.publish(t.events)
	}
	return err
}

// view runs fn in a read-only transaction. Values must be copied out (JSON
// decoding copies) before fn returns. A damaged page is a *DamagedError.
func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	return s.guard(func() error { return s.db.View(fn) })
}

// getJSON decodes the value at key of bucket into v; false when absent.
func getJSON(tx *bolt.Tx, bucket, key []byte, v any) (bool, error) {
	raw := tx.Bucket(bucket).Get(key)
	if raw == nil {
		return false, nil
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return true, locale.NewError("StoreRecordUnreadable", locale.Args{"Key": fmt.Sprintf("%x", key), "Bucket": string(bucket), "Err": err}, ErrNotDatabase)
	}
	return true, nil
}

func putJSON(b *bolt.Bucket, key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return b.Put(key, raw)
}

// txUser loads a user by login.
func txUser(tx *bolt.Tx, login string) (*model.User, error) {
	var u model.User
	ok, err := getJSON(tx, bucketUsers, []byte(login), &u)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, locale.NewError("StoreNoUser", locale.Args{"Login": login}, ErrNotFound)
	}
	return &u, nil
}

// actor resolves the acting user; an unknown login is a refusal.
func (t *wtx) actor(a Actor) (*model.User, error) {
	if a.Login == "" {
		return nil, &model.DeniedError{Err: model.ErrRoleRequired, Detail: "no identity: run as a user with --as LOGIN", ID: "ErrNoIdentity"}
	}
	u, err := txUser(t.tx, a.Login)
	if err != nil {
		return nil, &model.DeniedError{Err: model.ErrRoleRequired, Detail: fmt.Sprintf("%q is not a copydesk user; copydesk user list shows who is", a.Login), ID: "StoreNotAUser", Args: locale.Args{"Login": a.Login}}
	}
	t.who = u
	return u, nil
}

// actorActing resolves the acting user (actor), reads article id and asks
// model.MayAct first: the start of every action on one article. A user who
// may not see the article gets reading's refusal (*model.DeniedError,
// ErrNotVisible) before any rule that would name its owner, state or
// stage; the specific refusals come after, from the caller, for those who
// may see it. No such article is the same refusal (ErrNotVisible), so
// refusals tell no one which IDs exist, except to the admin's trash.
// action is what is asked (model.MayAct lets an admin empty the trash of
// articles they may not read).
func (t *wtx) actorActing(act Actor, id uint64, action model.Action) (*model.User, *model.Article, error) {
	u, err := t.actor(act)
	if err != nil {
		return nil, nil, err
	}
	a, err := txArticle(t.tx, id)
	if IsNotFound(err) {
		// No such article reads as one the actor may not see (the same
		// refusal, byte for byte), so refusals tell no one which IDs
		// exist; the admin's trash, which acts on what they may not
		// see, is told the truth.
		if model.MayAct(&model.Article{ID: id}, u, action) != nil {
			return nil, nil, model.MayRead(&model.Article{ID: id}, u)
		}
	}
	if err != nil {
		return nil, nil, err
	}
	if err := model.MayAct(a, u, action); err != nil {
		return nil, nil, err
	}
	return u, a, nil
}

// actorReading is actorActing for what needs the article to be visible
// to the actor (model.MayRead): reading it, commenting on it, resolving a
// comment, recording a read. A refusal is a *model.DeniedError
// (ErrNotVisible), returned before anything is written.
func (t *wtx) actorReading(act Actor, id uint64) (*model.User, *model.Article, error) {
	return t.actorActing(act, id, model.ActComment)
}

func txArticle(tx *bolt.Tx, id uint64) (*model.Article, error) {
	var a model.Article
	ok, err := getJSON(tx, bucketArticles, u64(id), &a)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, locale.NewError("StoreNoArticle", locale.Args{"ID": id}, ErrNotFound)
	}
	return &a, nil
}

func txRevision(tx *bolt.Tx, id uint64, rev int) (*model.Revision, error) {
	r, ok, err := getRevision(tx, revKey(id, rev))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, locale.NewError("StoreNoRevision", locale.Args{"ID": id, "Rev": rev}, ErrNotFound)
	}
	return r, nil
}

// putArticle stores the header and moves its index entry; old is the header
// as it was (nil for a new article).
func (t *wtx) putArticle(old, a *model.Article) error {
	if t.heads == nil {
		t.heads = map[uint64]*model.Article{}
	}
	t.heads[a.ID] = a
	idx := t.tx.Bucket(bucketByState)
	if old != nil {
		if err := idx.Delete(stateKey(old.State, old.Updated, old.ID)); err != nil {
			return err
		}
	}
	// A deleted draft (model.Article.Deleted) is in no state index or count.
	oldIn, newIn := old != nil && old.Deleted == nil, a.Deleted == nil
	if oldIn && (!newIn || old.State != a.State) {
		if err := addStateCount(t.tx, old.State, -1); err != nil {
			return err
		}
	}
	if newIn && (!oldIn || old.State != a.State) {
		if err := addStateCount(t.tx, a.State, +1); err != nil {
			return err
		}
	}
	if newIn {
		if err := idx.Put(stateKey(a.State, a.Updated, a.ID), encodeSummary(a.Summary())); err != nil {
			return err
		}
	}
	return putJSON(t.tx.Bucket(bucketArticles), u64(a.ID), a)
}

// audit appends a sealed record to the chain and returns its sequence number.
func (t *wtx) audit(actor Actor, rec model.AuditRecord) (uint64, error) {
	b := t.tx.Bucket(bucketAudit)
	var prev *model.AuditRecord
	if k, v := b.Cursor().Last(); k != nil {
		prev = new(model.AuditRecord)
		if err := json.Unmarshal(v, prev); err != nil {
			return 0, locale.NewError("StoreLastAuditUnreadable", locale.Args{"Err": err}, ErrNotDatabase)
		}
	}
	rec.Actor, rec.KeyFP = actor.Login, actor.KeyFP
	if actor.KeyFP != "" && rec.KeyFlag == "" {
		rec.KeyFlag = t.keyFlag(actor)
	}
	if rec.At.IsZero() {
		rec.At = t.s.now()
	}
	rec.Seal(prev)
	if k := t.s.sealer(); k != nil && rec.Seq >= k.since {
		rec.MAC = k.mac(rec.Hash)
	}
	if err := putJSON(b, u64(rec.Seq), &rec); err != nil {
		return 0, err
	}
	if rec.Article != 0 {
		if err := t.tx.Bucket(bucketAuditByArt).Put(idKey(rec.Article, rec.Seq), nil); err != nil {
			return 0, err
		}
	}
	t.audited = append(t.audited, rec)
	t.events = append(t.events, Event{Seq: rec.Seq, Action: rec.Action, Actor: rec.Actor, Article: rec.Article, Rev: rec.Rev})
	return rec.Seq, nil
}

// keyFlag is the flag of the key the actor connected with: "" when its
// owner added it, else who did (model.Key.Flag).
func (t *wtx) keyFlag(act Actor) string {
	u, err := txUser(t.tx, act.Login)
	if err != nil {
		return ""
	}
	for _, k := range u.Keys {
		if k.Fingerprint == act.KeyFP {
			return k.Flag(u.Login)
		}
	}
	return ""
}
