package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// AddReader names login an extra reader (本人审阅) of article id, by act
// (a writer or reviewer of the article, or an admin: model.MayAddReaders),
// before sign-off; the sign-off waits until the reader approved the head
// content. note says why (optional, one line). Audited. Errors: ErrNotFound
// (article or user), model.ErrDenied, model.ErrState, model.ErrInvalid.
func (s *Store) AddReader(act Actor, id uint64, login, note string) (*model.Article, error) {
	return s.readers(act, id, model.ActReaderAdd, func(a *model.Article, u *model.User, t *wtx) (model.Article, model.AuditRecord, error) {
		r, err := txUser(t.tx, login)
		if err != nil {
			return *a, model.AuditRecord{}, err
		}
		next, err := model.AddReader(*a, u, r, model.CanonicalLine(note), t.s.now().UTC())
		detail := fmt.Sprintf("reader %s (%s) added", r.Login, r.Name())
		if n := model.CanonicalLine(note); n != "" {
			detail += ": " + n
		}
		return next, model.AuditRecord{Action: model.ActReaderAdd, Detail: detail}, err
	})
}

// RemoveReader drops the extra reader login of article id (the same people
// as AddReader may). Audited.
func (s *Store) RemoveReader(act Actor, id uint64, login, note string) (*model.Article, error) {
	return s.readers(act, id, model.ActReaderRemove, func(a *model.Article, u *model.User, t *wtx) (model.Article, model.AuditRecord, error) {
		next, err := model.RemoveReader(*a, u, login)
		detail := fmt.Sprintf("reader %s removed", login)
		if n := model.CanonicalLine(note); n != "" {
			detail += ": " + n
		}
		return next, model.AuditRecord{Action: model.ActReaderRemove, Detail: detail}, err
	})
}

func (s *Store) readers(act Actor, id uint64, action model.Action, fn func(a *model.Article, u *model.User, t *wtx) (model.Article, model.AuditRecord, error)) (*model.Article, error) {
	var out *model.Article
	err := s.update(func(t *wtx) error {
		u, a, err := t.actorActing(act, id, action)
		if err != nil {
			return err
		}
		if err := model.MayAddReaders(a, u); err != nil { // before looking anyone up
			return err
		}
		next, rec, err := fn(a, u, t)
		if err != nil {
			return err
		}
		if err := t.indexReaders(a, &next); err != nil {
			return err
		}
		now := t.s.now().UTC()
		rec.Article, rec.Rev, rec.ContentHash, rec.At = id, a.Rev, a.Hash, now
		if _, err := t.audit(act, rec); err != nil {
			return err
		}
		next.Updated = now
		if err := t.putArticle(a, &next); err != nil {
			return err
		}
		out = &next
		return nil
	})
	return out, err
}

// bucketReaderIdx maps login 0x00 article-ID (8 bytes, big endian) → nothing:
// the articles a user was named an extra reader of, so their queue finds
// them without reading every header. Entries are added and removed with
// the reader; one for an article signed since is harmless (the header
// says whether the reader is still waited for). A file from before it
// has no readers, so it needs no migration.
var bucketReaderIdx = []byte("reader_index")

func readerKey(login string, id uint64) []byte {
	return binary.BigEndian.AppendUint64(append([]byte(login), 0), id)
}

// indexReaders brings the reader index from old's readers to next's.
func (t *wtx) indexReaders(old, next *model.Article) error {
	b, err := t.tx.CreateBucketIfNotExists(bucketReaderIdx)
	if err != nil {
		return err
	}
	for _, r := range old.Readers {
		if next.ReaderIndex(r.Login) < 0 {
			if err := b.Delete(readerKey(r.Login, old.ID)); err != nil {
				return err
			}
		}
	}
	for _, r := range next.Readers {
		if err := b.Put(readerKey(r.Login, next.ID), nil); err != nil {
			return err
		}
	}
	return nil
}

// ReaderOf returns the IDs of the articles login was named an extra reader
// of (本人审阅), oldest first, at most limit (0: all). Read each header to
// see whether the reader is still waited for (Article.PendingReaders).
func (s *Store) ReaderOf(login string, limit int) ([]uint64, error) {
	var out []uint64
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketReaderIdx)
		if b == nil {
			return nil
		}
		prefix := append([]byte(login), 0)
		c := b.Cursor()
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+8; k, _ = c.Next() {
			if limit > 0 && len(out) >= limit {
				break
			}
			out = append(out, binary.BigEndian.Uint64(k[len(prefix):]))
		}
		return nil
	})
	return out, err
}
