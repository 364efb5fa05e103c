package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// SignedArticle is an article that belongs on the public site: its header
// and the revision the chief signed (which may be older than the head, when
// the article was edited after its sign-off and waits for a new one).
type SignedArticle struct {
	Article  model.Article
	Revision model.Revision
	// Approvals are the approvals of the signed revision's content, from
	// the article's permanent record (model.Article.ApprovalsOf), with
	// names as they were when each was given.
	Approvals []model.Approval
	// Publisher (发布人) is the owner's display name as recorded when the
	// article was created, never the live users table.
	Publisher string
}

// Signed returns, in one read transaction, every article with a live
// sign-off (model.Article.Live: not taken down, not withdrawn), with its
// signed revision.
func (s *Store) Signed() ([]SignedArticle, error) {
	var out []SignedArticle
	err := s.EachSigned(true, func(sa SignedArticle) error {
		out = append(out, sa)
		return nil
	})
	return out, err
}

// EachSigned calls fn, in one read transaction, for every article Signed
// returns, one at a time (article id order), so a caller that keeps only
// part of each does not hold them all; the pages of the database file it
// has read are released from the process's memory as it goes
// (ReleaseMapped). Without bodies, Revision.Content.Body is left empty
// and the body's bytes are not read at all (the export reads each body
// when it renders it). An error from fn stops the walk and is returned.
func (s *Store) EachSigned(bodies bool, fn func(SignedArticle) error) error {
	n := 0
	return s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			if n++; n%releaseEvery == 0 {
				releaseMapped(s.db, tx)
			}
			var a model.Article
			if err := json.Unmarshal(v, &a); err != nil {
				return locale.NewError("StoreHeaderUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
			}
			if !a.Live() {
				return nil
			}
			if err := txPendingSchedule(tx, &a); err != nil { // the embargo is the audited one
				return err
			}
			var r *model.Revision
			var err error
			if bodies {
				r, err = txRevision(tx, a.ID, a.Signed.Rev)
			} else {
				r, err = txRevisionMeta(tx, a.ID, a.Signed.Rev)
			}
			if err != nil {
				return err
			}
			pub := a.OwnerDisplay
			if pub == "" {
				pub = a.Owner
			}
			return fn(SignedArticle{Article: a, Revision: *r, Approvals: a.ApprovalsOf(a.Signed.Hash), Publisher: pub})
		})
	})
}

// Gone is an article taken down (撤稿) from the site: its number and the
// takedown decision (who, when, why, the revision and hash that were live).
type Gone struct {
	ID       uint64
	Title    string // the title of the article's current revision
	Takedown model.Decision
}

// TakenDown returns, in one read transaction, every article whose live
// revision was taken down (model.Article.Takedown), in ID order: the site
// replaces their pages with a notice or answers 410. Articles withdrawn
// before takedowns were recorded are not listed (their pages are simply
// absent, as before).
func (s *Store) TakenDown() ([]Gone, error) {
	var out []Gone
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			// Every export asks: decode only the records whose raw bytes
			// can hold a takedown (at 10,000 articles the full decode was
			// ~80 ms of CPU; DueSchedules does the same).
			if !bytes.Contains(v, []byte(`"takedown":`)) {
				return nil
			}
			var a struct {
				ID       uint64          `json:"id"`
				Title    string          `json:"title"`
				Takedown *model.Decision `json:"takedown"`
			}
			if err := json.Unmarshal(v, &a); err != nil {
				return locale.NewError("StoreHeaderUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
			}
			if a.Takedown != nil {
				out = append(out, Gone{ID: a.ID, Title: a.Title, Takedown: *a.Takedown})
			}
			return nil
		})
	})
	return out, err
}

// releaseEvery is how many articles a long read (EachSigned) reads
// between two releases of the mapped file pages.
const releaseEvery = 256

// ReleaseMapped releases the pages of the database file this process has
// read from its resident memory (Linux: madvise MADV_DONTNEED over bbolt's
// read-only shared mapping; elsewhere nothing). The data stay in the
// kernel's page cache, so nothing is lost or read from disk again; a long
// read of many articles (an export) calls it now and then so its resident
// set does not grow with the size of the database file.
func (s *Store) ReleaseMapped() {
	_ = s.db.View(func(tx *bolt.Tx) error {
		releaseMapped(s.db, tx)
		return nil
	})
}

// txRevisionMeta is txRevision without the body (decodeRevisionMeta).
func txRevisionMeta(tx *bolt.Tx, id uint64, rev int) (*model.Revision, error) {
	r, ok, err := getRevisionOf(tx, revKey(id, rev), false)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, locale.NewError("StoreNoRevision", locale.Args{"ID": id, "Rev": rev}, ErrNotFound)
	}
	return r, nil
}
