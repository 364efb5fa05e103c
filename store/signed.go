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
	Owner    *model.User // nil when the owner was removed
}

// Signed returns, in one read transaction, every article with a sign-off
// that is not withdrawn, with its signed revision.
func (s *Store) Signed() ([]SignedArticle, error) {
	var out []SignedArticle
	err := s.view(func(tx *bolt.Tx) error {
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
			owner, _ := txUser(tx, a.Owner)
			out = append(out, SignedArticle{Article: a, Revision: *r, Owner: owner})
			return nil
		})
	})
	return out, err
}
