package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// Delete marks a draft that was never submitted as deleted (删除草稿): it
// leaves lists, queues, counts and search, and stays restorable. Who may
// is model.Decide's ActDelete rule (the owner or an admin, a draft never
// submitted); the audit record is written in the same transaction.
// Errors: ErrNotFound, *model.StateError, *model.DeniedError.
func (s *Store) Delete(act Actor, id uint64) (*model.Article, error) {
	return s.markDeleted(act, id, model.ActDelete)
}

// Restore undoes Delete (the owner or an admin), with its audit record.
func (s *Store) Restore(act Actor, id uint64) (*model.Article, error) {
	return s.markDeleted(act, id, model.ActRestore)
}

func (s *Store) markDeleted(act Actor, id uint64, action model.Action) (*model.Article, error) {
	var out *model.Article
	err := s.update(func(t *wtx) error {
		u, a, err := t.actorActing(act, id, action)
		if err != nil {
			return err
		}
		now := s.now().UTC()
		next, err := model.Decide(*a, model.Request{Action: action, Actor: u, Now: now})
		if err != nil {
			return err
		}
		if _, err := t.audit(act, model.AuditRecord{Action: action, Article: id, Rev: a.Rev, ContentHash: a.Hash,
			Detail: a.Title, At: now}); err != nil {
			return err
		}
		if err := t.putArticle(a, &next); err != nil {
			return err
		}
		out = &next
		return nil
	})
	return out, err
}

// Purge removes a deleted draft for good (admins only, model.Decide's
// ActPurge rule): its header, revisions, comments, conflict drafts,
// working copies and read marks. Its audit records stay, and a purge
// record is added, so the chain still verifies.
func (s *Store) Purge(act Actor, id uint64) error {
	return s.update(func(t *wtx) error {
		u, a, err := t.actorActing(act, id, model.ActPurge)
		if err != nil {
			return err
		}
		if _, err := model.Decide(*a, model.Request{Action: model.ActPurge, Actor: u}); err != nil {
			return err
		}
		if _, err := t.audit(act, model.AuditRecord{Action: model.ActPurge, Article: id, Rev: a.Rev, ContentHash: a.Hash,
			Detail: a.Title}); err != nil {
			return err
		}
		prefix := u64(id)
		for _, b := range [][]byte{bucketRevisions, bucketComments, bucketConflicts} {
			if err := deleteWhere(t.tx.Bucket(b), func(k []byte) bool { return bytes.HasPrefix(k, prefix) }); err != nil {
				return err
			}
		}
		// login|0|id keys: the id is the last 8 bytes
		for _, b := range [][]byte{bucketWorkCopies, bucketReads} {
			if err := deleteWhere(t.tx.Bucket(b), func(k []byte) bool {
				return len(k) >= 9 && k[len(k)-9] == 0 && binary.BigEndian.Uint64(k[len(k)-8:]) == id
			}); err != nil {
				return err
			}
		}
		if err := t.tx.Bucket(bucketByState).Delete(stateKey(a.State, a.Updated, a.ID)); err != nil {
			return err
		}
		if err := t.tx.Bucket(bucketArticles).Delete(u64(id)); err != nil {
			return locale.NewError("StorePurge", locale.Args{"ID": id, "Err": err}, err)
		}
		return nil
	})
}

// deleteWhere deletes every key of b that match accepts.
func deleteWhere(b *bolt.Bucket, match func(k []byte) bool) error {
	var keys [][]byte
	if err := b.ForEach(func(k, _ []byte) error {
		if match(k) {
			keys = append(keys, bytes.Clone(k))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// ListDeleted returns the rows of deleted drafts, newest first, of f.Owner
// ("" for all) that f.Viewer may see, at most f.Limit (f.States does not
// apply). They are in no state index, so this reads the headers.
func (s *Store) ListDeleted(f Filter) ([]model.Summary, error) {
	var out []model.Summary
	err := s.view(func(tx *bolt.Tx) error {
		viewer, err := f.viewerIn(tx)
		if err != nil {
			return err
		}
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var a model.Article
			if err := json.Unmarshal(v, &a); err != nil {
				return locale.NewError("StoreHeaderUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
			}
			if a.Deleted != nil && (f.Owner == "" || a.Owner == f.Owner) && (viewer == nil || a.VisibleTo(viewer)) {
				out = append(out, a.Summary())
			}
			return nil
		})
	})
	sortNewest(out)
	if f.Limit > 0 && len(out) > f.Limit {
		out = out[:f.Limit]
	}
	return out, err
}
