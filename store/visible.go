package store

import (
	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// ArticleFor returns the header of article id to act, if act may see it:
// the one rule (model.Article.VisibleTo) that queues, search and the
// printed record (copydesk record) share, in the CLI, over SSH and in the
// TUI. A local run without an identity (act.Login "" and not Remote) has
// full trust, as for every read-only command. Errors: ErrNotFound wrapped
// for a missing article; *model.DeniedError for an unknown user;
// model.ErrNotVisible when act may not see it.
func (s *Store) ArticleFor(act Actor, id uint64) (*model.Article, error) {
	var a *model.Article
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if a, err = txArticle(tx, id); err != nil {
			return err
		}
		if act.Login == "" && !act.Remote {
			return nil
		}
		t := &wtx{tx: tx, s: s}
		u, err := t.actor(act)
		if err != nil {
			return err
		}
		if !a.VisibleTo(u) {
			return model.ErrNotVisible
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}
