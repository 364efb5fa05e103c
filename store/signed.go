package store

import (
	"encoding/json"
	"fmt"

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

// Signed returns, in one read transaction, every article with a sign-off
// that is not withdrawn, with its signed revision.
func (s *Store) Signed() ([]SignedArticle, error) {
	var out []SignedArticle
	err := s.EachSigned(func(sa SignedArticle) error {
		out = append(out, sa)
		return nil
	})
	return out, err
}

// EachSigned calls fn, in one read transaction, for every article Signed
// returns, one at a time (article id order), so a caller that keeps only
// part of each (the export drops bodies) does not hold them all. An
// error from fn stops the walk and is returned.
func (s *Store) EachSigned(fn func(SignedArticle) error) error {
	return s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var a model.Article
			if err := json.Unmarshal(v, &a); err != nil {
				return fmt.Errorf("%w: article header %x is unreadable: %v", ErrNotDatabase, k, err)
			}
			if a.Signed == nil || a.State == model.StateWithdrawn {
				return nil
			}
			r, err := txRevision(tx, a.ID, a.Signed.Rev)
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
