package store

import (
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// WorkingCopy is a user's autosaved text of an article: what the editor
// held a moment ago, kept so that a killed program or a dropped SSH link
// loses at most the last second of typing. It is not a revision and not in
// the audit chain; a revision is made by an explicit save, leaving the
// editor, submitting, or a long pause (the TUI decides), and then the
// working copy is dropped.
type WorkingCopy struct {
	Login   string        `json:"login"`
	Article uint64        `json:"article"`
	Base    int           `json:"base"` // the revision the text started from
	Content model.Content `json:"content"`
	At      time.Time     `json:"at"`
}

// NewArticleCopy is the article id of a working copy of a new article that
// does not exist yet: the TUI makes an article on its first save, so that
// revision 1 is the first real text, and keeps the typing safe till then.
const NewArticleCopy uint64 = 0

func workKey(login string, id uint64) []byte {
	return append(append([]byte(login), 0), u64(id)...)
}

// PutWorkingCopy stores act's working copy of article id, started from
// revision base, replacing the previous one. It is committed (and synced)
// before it returns, so it survives a crash; it writes no audit record and
// no revision. Only a user who may edit the article may keep one. Id 0 is
// the writer's new article not yet saved once (NewArticleCopy): any writer
// may keep that one, and Create makes revision 1 from the text when it is
// first saved.
func (s *Store) PutWorkingCopy(act Actor, id uint64, base int, c model.Content) error {
	c = c.Clone()
	if len(c.Body) > model.MaxBodyBytes*2 {
		return &model.FieldError{Field: "body", Reason: "too long to keep a working copy", ID: "StoreWorkCopyTooLong"}
	}
	return s.update(func(t *wtx) error {
		if id == NewArticleCopy {
			u, err := t.actor(act)
			if err != nil {
				return err
			}
			if err := canWrite(u); err != nil {
				return err
			}
			w := WorkingCopy{Login: u.Login, Content: c, At: s.now().UTC()}
			return putJSON(t.tx.Bucket(bucketWorkCopies), workKey(u.Login, id), &w)
		}
		u, a, err := t.actorActing(act, id, model.ActSave)
		if err != nil {
			return err
		}
		if err := model.CanEdit(a, u); err != nil {
			return err
		}
		w := WorkingCopy{Login: u.Login, Article: id, Base: base, Content: c, At: s.now().UTC()}
		return putJSON(t.tx.Bucket(bucketWorkCopies), workKey(u.Login, id), &w)
	})
}

// WorkingCopyOf returns act's own working copy of article id, if there is
// one: the text act typed, while act may still see the article
// (readable: model.MayRead). Id NewArticleCopy is act's new article not
// yet saved. The local Holder, who is no user, has none. Errors:
// ErrNotFound (the article); a *model.DeniedError (ErrNotVisible).
func (s *Store) WorkingCopyOf(act Actor, id uint64) (*WorkingCopy, error) {
	var out *WorkingCopy
	err := s.view(func(tx *bolt.Tx) error {
		if act.holder {
			return nil
		}
		if id != NewArticleCopy {
			if _, err := s.readable(tx, act, id); err != nil {
				return err
			}
		}
		if tx.Bucket(bucketWorkCopies) == nil {
			return nil // a read-only file from before working copies
		}
		var w WorkingCopy
		ok, err := getJSON(tx, bucketWorkCopies, workKey(act.Login, id), &w)
		if ok {
			out = &w
		}
		return err
	})
	return out, err
}

// DropWorkingCopy removes act's working copy of article id (after a
// revision was saved, or when the user discards it).
func (s *Store) DropWorkingCopy(act Actor, id uint64) error {
	return s.update(func(t *wtx) error {
		return t.tx.Bucket(bucketWorkCopies).Delete(workKey(act.Login, id))
	})
}
