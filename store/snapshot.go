package store

import (
	"encoding/binary"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// Snapshot is the store as of one moment: every read through it comes
// from the same bbolt read transaction. A caller that needs many records
// at once (a page of search results: a header, a revision and perhaps the
// comments for each of 20–50 candidates) pays for one transaction instead
// of one per record, and sees them consistent with each other and with
// Seq. A Snapshot is valid only inside the function passed to Store.Read;
// the values it returns are copies and may be kept.
type Snapshot struct {
	tx *bolt.Tx
}

// Read calls fn with a Snapshot of the store, in one read transaction
// (never a write: it does not block writers, and bbolt lets them commit
// while it runs). fn should be short: a long read transaction keeps the
// file from growing its memory map. Its error is Read's; a damaged page is
// a *DamagedError.
func (s *Store) Read(fn func(v *Snapshot) error) error {
	return s.view(func(tx *bolt.Tx) error { return fn(&Snapshot{tx: tx}) })
}

// Seq is the sequence number of the last audit record in the snapshot
// (Store.LastSeq as of this moment); 0 for an empty store.
func (v *Snapshot) Seq() uint64 { return txLastSeq(v.tx) }

// Article returns an article's header; ErrNotFound when there is none.
func (v *Snapshot) Article(id uint64) (*model.Article, error) { return txArticle(v.tx, id) }

// Revision returns revision n of an article; ErrNotFound when there is none.
func (v *Snapshot) Revision(id uint64, n int) (*model.Revision, error) {
	return txRevision(v.tx, id, n)
}

// LatestRevision returns the newest revision stored for an article,
// found by key order without reading its header: the head (the header's
// Rev) in a consistent store. A caller that goes on to read the header
// should check that they agree. ErrNotFound when the article has none.
func (v *Snapshot) LatestRevision(id uint64) (*model.Revision, error) {
	return v.LatestRevisionIf(id, nil)
}

// LatestRevisionIf is LatestRevision for a caller that wants the
// revision only when its text may hold something (a search checking
// hundreds of candidates, most of which fail): keep is first shown the
// revision as stored, and the revision is decoded only when keep says
// yes; (nil, nil) when it says no. body is the body; meta is every other
// field as JSON (encoding/json, whose escapes — \" \\ \n \u003c … —
// each stand for one character that is neither a letter nor a digit).
// Both point into the database's memory map: valid only during the call,
// never to be kept.
func (v *Snapshot) LatestRevisionIf(id uint64, keep func(body, meta string) bool) (*model.Revision, error) {
	k, raw, err := v.latestRevision(id)
	if err != nil {
		return nil, err
	}
	return v.revisionIf(k, raw, keep)
}

// RevisionIf is Revision with keep, as in LatestRevisionIf.
func (v *Snapshot) RevisionIf(id uint64, n int, keep func(body, meta string) bool) (*model.Revision, error) {
	k := revKey(id, n)
	return v.revisionIf(k, v.tx.Bucket(bucketRevisions).Get(k), keep)
}

// revisionIf decodes raw, the value at key k of the revisions bucket
// (nil: none), if keep says so.
func (v *Snapshot) revisionIf(k, raw []byte, keep func(body, meta string) bool) (*model.Revision, error) {
	if raw == nil {
		return nil, locale.NewError("StoreNoRevision", locale.Args{"ID": binary.BigEndian.Uint64(k), "Rev": binary.BigEndian.Uint64(k[8:])}, ErrNotFound)
	}
	if keep != nil {
		n, w := binary.Uvarint(raw)
		if w <= 0 || uint64(len(raw)-w) < n {
			return nil, locale.NewError("StoreRevisionUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": locale.NewError("StoreBadLengthPrefix", nil)}, ErrNotDatabase)
		}
		meta, body := raw[w:w+int(n)], raw[w+int(n):]
		if !keep(mapped(body), mapped(meta)) {
			return nil, nil
		}
	}
	var r model.Revision
	if err := decodeRevision(raw, &r); err != nil {
		return nil, locale.NewError("StoreRevisionUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
	}
	return &r, nil
}

// mapped is b as a string without a copy: b is a value in a read
// transaction, which bbolt never changes while the transaction lives.
func mapped(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// latestRevision finds the newest revision of article id by key order:
// its key and stored value.
func (v *Snapshot) latestRevision(id uint64) (k, raw []byte, err error) {
	c := v.tx.Bucket(bucketRevisions).Cursor()
	prefix := u64(id)
	if id < ^uint64(0) {
		k, _ = c.Seek(u64(id + 1))
	}
	if k == nil {
		k, raw = c.Last()
	} else {
		k, raw = c.Prev()
	}
	if k == nil || !hasPrefix(k, prefix) {
		return nil, nil, locale.NewError("StoreNoRevisions", locale.Args{"ID": id}, ErrNotFound)
	}
	return k, raw, nil
}

// Comments lists an article's comments in the order they were made.
func (v *Snapshot) Comments(id uint64) ([]model.Comment, error) { return txComments(v.tx, id) }

// MediaInfo returns a media item's description without its bytes;
// ErrNotFound when there is none.
func (v *Snapshot) MediaInfo(id string) (*model.Media, error) { return txMediaInfo(v.tx, id) }

func txLastSeq(tx *bolt.Tx) uint64 {
	if k, _ := tx.Bucket(bucketAudit).Cursor().Last(); len(k) == 8 {
		return binary.BigEndian.Uint64(k)
	}
	return 0
}

func txComments(tx *bolt.Tx, id uint64) ([]model.Comment, error) {
	var out []model.Comment
	c := tx.Bucket(bucketComments).Cursor()
	prefix := u64(id)
	for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
		var cm model.Comment
		if _, err := getJSON(tx, bucketComments, k, &cm); err != nil {
			return nil, err
		}
		out = append(out, cm)
	}
	return out, nil
}

func txMediaInfo(tx *bolt.Tx, id string) (*model.Media, error) {
	var m model.Media
	ok, err := getJSON(tx, bucketMedia, []byte(id), &m)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, locale.NewError("StoreNoMedia", locale.Args{"ID": id}, ErrNotFound)
	}
	return &m, nil
}
