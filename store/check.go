package store

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// Backup writes a consistent copy of the database to w while others keep
// working (a read transaction's WriteTo).
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) (err error) {
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFile writes a backup to path atomically: a temp file in the same
// folder, synced, then renamed.
func (s *Store) BackupFile(path string) (int64, error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".copydesk-backup-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	n, err := s.Backup(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	return n, err
}

// Check runs bbolt's own consistency check, verifies the audit chain and the
// approved revisions (Verify) and checks that the state index matches the
// headers. It returns every problem found.
func (s *Store) Check() ([]error, error) {
	var probs []error
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			probs = append(probs, fmt.Errorf("bbolt: %w", err))
		}
		want := map[string]bool{}
		counts := map[model.State]int{}
		err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var a model.Article
			if err := json.Unmarshal(v, &a); err != nil {
				probs = append(probs, fmt.Errorf("article %x: unreadable header: %v", k, err))
				return nil
			}
			key := stateKey(a.State, a.Updated, a.ID)
			want[string(key)] = true
			counts[a.State]++
			if tx.Bucket(bucketByState).Get(key) == nil {
				probs = append(probs, fmt.Errorf("article %d: missing from the state index", a.ID))
			}
			if tx.Bucket(bucketRevisions).Get(revKey(a.ID, a.Rev)) == nil {
				probs = append(probs, fmt.Errorf("article %d: head revision %d is missing", a.ID, a.Rev))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, st := range model.AllStates {
			if got := int(stateCount(tx, st)); got != counts[st] {
				probs = append(probs, fmt.Errorf("state count for %s says %d, there are %d", st, got, counts[st]))
			}
		}
		return tx.Bucket(bucketByState).ForEach(func(k, _ []byte) error {
			if !want[string(k)] {
				probs = append(probs, fmt.Errorf("state index entry %x names no article in that state", k))
			}
			return nil
		})
	})
	if err != nil {
		return probs, err
	}
	rep, err := s.Verify()
	if err != nil {
		return probs, err
	}
	return append(probs, rep.Problems...), nil
}
