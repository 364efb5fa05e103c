package store

import (
	"fmt"

	"github.com/copydesk/copydesk/model"
)

// AddReader names login an extra reader (本人审阅) of article id, by act
// (a writer or reviewer of the article, or an admin: model.MayAddReaders),
// before sign-off; the sign-off waits until the reader approved the head
// content. note says why (optional, one line). Audited. Errors: ErrNotFound
// (article or user), model.ErrDenied, model.ErrState, model.ErrInvalid.
func (s *Store) AddReader(act Actor, id uint64, login, note string) (*model.Article, error) {
	return s.readers(act, id, func(a *model.Article, u *model.User, t *wtx) (model.Article, model.AuditRecord, error) {
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
	return s.readers(act, id, func(a *model.Article, u *model.User, t *wtx) (model.Article, model.AuditRecord, error) {
		next, err := model.RemoveReader(*a, u, login)
		detail := fmt.Sprintf("reader %s removed", login)
		if n := model.CanonicalLine(note); n != "" {
			detail += ": " + n
		}
		return next, model.AuditRecord{Action: model.ActReaderRemove, Detail: detail}, err
	})
}

func (s *Store) readers(act Actor, id uint64, fn func(a *model.Article, u *model.User, t *wtx) (model.Article, model.AuditRecord, error)) (*model.Article, error) {
	var out *model.Article
	err := s.update(func(t *wtx) error {
		u, err := t.actor(act)
		if err != nil {
			return err
		}
		a, err := txArticle(t.tx, id)
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
