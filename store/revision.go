package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// A revision is stored as uvarint(len(meta)) | meta JSON | body bytes: the
// body, which is nearly all of it, is kept raw, so a save of a long article
// neither escapes nor unescapes it.
func encodeRevision(r *model.Revision) ([]byte, error) {
	meta := *r
	meta.Content.Body = ""
	raw, err := json.Marshal(&meta)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, binary.MaxVarintLen64+len(raw)+len(r.Content.Body))
	out = binary.AppendUvarint(out, uint64(len(raw)))
	out = append(out, raw...)
	return append(out, r.Content.Body...), nil
}

func decodeRevision(v []byte, r *model.Revision) error {
	at, err := decodeRevisionMeta(v, r)
	if err != nil {
		return err
	}
	r.Content.Body = string(v[at:]) // copies out of the mmap
	return nil
}

// decodeRevisionMeta is decodeRevision without the body: the body's bytes
// (from at to the end of v) are not read (nor, in the mapped file, paged
// in).
func decodeRevisionMeta(v []byte, r *model.Revision) (at int, err error) {
	n, w := binary.Uvarint(v)
	if w <= 0 || uint64(len(v)-w) < n {
		return 0, locale.NewError("StoreBadLengthPrefix", nil)
	}
	if err := json.Unmarshal(v[w:w+int(n)], r); err != nil {
		return 0, err
	}
	return w + int(n), nil
}

func putRevision(tx *bolt.Tx, r *model.Revision) error {
	v, err := encodeRevision(r)
	if err != nil {
		return err
	}
	return tx.Bucket(bucketRevisions).Put(revKey(r.Article, r.N), v)
}

func getRevision(tx *bolt.Tx, key []byte) (*model.Revision, bool, error) {
	return getRevisionOf(tx, key, true)
}

// getRevisionOf is getRevision; without body, the body is left empty and
// not read (decodeRevisionMeta).
func getRevisionOf(tx *bolt.Tx, key []byte, body bool) (*model.Revision, bool, error) {
	v := tx.Bucket(bucketRevisions).Get(key)
	if v == nil {
		return nil, false, nil
	}
	var r model.Revision
	var err error
	if body {
		err = decodeRevision(v, &r)
	} else {
		_, err = decodeRevisionMeta(v, &r)
	}
	if err != nil {
		return nil, true, locale.NewError("StoreRevisionUnreadable", locale.Args{"Key": fmt.Sprintf("%x", key), "Err": err}, ErrNotDatabase)
	}
	return &r, true, nil
}
