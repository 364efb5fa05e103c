package store

import (
	"encoding/json"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ReadMark is what a user last read of an article: the revision and its
// content hash. Decisions made without naming a revision (CLI and SSH
// approve, return, signoff) are bound to it.
//
// Read marks are bookkeeping, not part of the record: they are not in the
// audit chain (reading changes nothing) and a decision's audit record names
// the revision and hash it was bound to, which is what the record must prove.
type ReadMark struct {
	Rev  int       `json:"rev"`
	Hash string    `json:"hash"`
	At   time.Time `json:"at"`
}

func readKey(login string, id uint64) []byte {
	k := append([]byte(login), 0)
	return append(k, u64(id)...)
}

func txReadMark(tx *bolt.Tx, login string, id uint64) (ReadMark, bool) {
	var m ReadMark
	raw := tx.Bucket(bucketReads).Get(readKey(login, id))
	if raw == nil || json.Unmarshal(raw, &m) != nil || m.Rev <= 0 {
		return ReadMark{}, false
	}
	return m, true
}

// MarkRead records that act read revision rev of article id (as shown by
// article show, pull or diff, or the TUI's article page). It costs a read
// transaction when the mark is already there, else one small write. An
// unknown actor or revision is an error, and so is an article act may not
// see (model.MayRead: a *model.DeniedError, ErrNotVisible); nothing is
// recorded then.
func (s *Store) MarkRead(act Actor, id uint64, rev int) error {
	var have ReadMark
	var hash string
	err := s.view(func(tx *bolt.Tx) error {
		if _, _, err := (&wtx{tx: tx, s: s}).actorReading(act, id); err != nil {
			return err
		}
		r, err := txRevision(tx, id, rev)
		if err != nil {
			return err
		}
		hash = r.Hash
		have, _ = txReadMark(tx, act.Login, id)
		return nil
	})
	if err != nil || (have.Rev == rev && have.Hash == hash) {
		return err
	}
	return s.update(func(t *wtx) error {
		return putJSON(t.tx.Bucket(bucketReads), readKey(act.Login, id), ReadMark{Rev: rev, Hash: hash, At: s.now().UTC()})
	})
}

// LastRead returns what act last read of article id; false when nothing.
func (s *Store) LastRead(login string, id uint64) (ReadMark, bool) {
	var m ReadMark
	var ok bool
	_ = s.view(func(tx *bolt.Tx) error { m, ok = txReadMark(tx, login, id); return nil })
	return m, ok
}
