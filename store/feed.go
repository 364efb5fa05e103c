package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// This file is the read side that derived data (the search index) is built
// from: the audit sequence to catch up by, and article IDs to rebuild from.

// LastSeq returns the sequence number of the newest audit record, 0 for an
// empty chain. Every committed change has a record, so an index that has
// applied every record up to LastSeq is current.
func (s *Store) LastSeq() (uint64, error) {
	var seq uint64
	err := s.view(func(tx *bolt.Tx) error {
		seq = txLastSeq(tx)
		return nil
	})
	return seq, err
}

// AuditSince calls fn with the audit records after seq, oldest first, at
// most max of them (0: no limit), each decoded (a copy). It returns the
// number of records passed to fn. A record that cannot be decoded is an
// error wrapping ErrNotDatabase.
func (s *Store) AuditSince(seq uint64, max int, fn func(model.AuditRecord) error) (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAudit).Cursor()
		for k, v := c.Seek(u64(seq + 1)); k != nil; k, v = c.Next() {
			if max > 0 && n >= max {
				return nil
			}
			var r model.AuditRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return locale.NewError("StoreAuditUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
			}
			if err := fn(r); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// ArticleIDs returns the IDs of every article, in ascending order, reading
// only the keys of the header bucket.
func (s *Store) ArticleIDs() ([]uint64, error) {
	var ids []uint64
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketArticles)
		c := b.Cursor()
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if len(k) == 8 {
				ids = append(ids, binary.BigEndian.Uint64(k))
			}
		}
		return nil
	})
	return ids, err
}

// MediaInfo returns a media record without its bytes (caption, credit).
func (s *Store) MediaInfo(id string) (*model.Media, error) {
	var m *model.Media
	err := s.view(func(tx *bolt.Tx) (err error) {
		m, err = txMediaInfo(tx, id)
		return err
	})
	return m, err
}
