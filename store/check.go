package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/locale"
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

// ErrBackupTarget: backup refused to write where it was asked to.
var ErrBackupTarget error = locale.NewError("StoreBackupTarget", nil)

// BackupFile writes a backup to path atomically: a temp file in the same
// folder, synced, then linked (or, with overwrite, renamed) into place. It
// refuses (ErrBackupTarget) a path that exists unless overwrite is set, a
// symbolic link (never followed, even with overwrite), anything that is not a
// regular file, and the live database itself or its lock note.
func (s *Store) BackupFile(path string, overwrite bool) (int64, error) {
	return s.backupFile(path, overwrite, s.Backup)
}

// backupFile writes what write produces to path, as BackupFile says.
func (s *Store) backupFile(path string, overwrite bool, write func(io.Writer) (int64, error)) (int64, error) {
	if err := s.backupTarget(path, overwrite); err != nil {
		return 0, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".copydesk-backup-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(f.Name())
	n, err := write(f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if err := s.backupTarget(path, overwrite); err != nil { // it may have appeared meanwhile
		return 0, err
	}
	if overwrite {
		err = os.Rename(f.Name(), path)
	} else {
		// link fails if path exists: no window in which a file made
		// meanwhile is overwritten.
		if err = os.Link(f.Name(), path); errors.Is(err, os.ErrExist) {
			err = locale.NewError("StoreBackupExists", locale.Args{"Path": path}, ErrBackupTarget)
		}
	}
	return n, err
}

func (s *Store) backupTarget(path string, overwrite bool) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	live, _ := filepath.Abs(s.path)
	if abs == live || abs == lockNotePath(live) {
		return locale.NewError("StoreBackupLive", locale.Args{"Path": path}, ErrBackupTarget)
	}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return err
	case fi.Mode()&os.ModeSymlink != 0:
		return locale.NewError("StoreBackupSymlink", locale.Args{"Path": path}, ErrBackupTarget)
	case !fi.Mode().IsRegular():
		return locale.NewError("StoreBackupNotRegular", locale.Args{"Path": path}, ErrBackupTarget)
	}
	if lfi, err := os.Stat(s.path); err == nil && os.SameFile(fi, lfi) {
		return locale.NewError("StoreBackupHardLink", locale.Args{"Path": path}, ErrBackupTarget)
	}
	if !overwrite {
		return locale.NewError("StoreBackupExists", locale.Args{"Path": path}, ErrBackupTarget)
	}
	return nil
}

// Check runs bbolt's own consistency check, verifies the audit chain and the
// approved revisions (Verify) and checks that the state index matches the
// headers. It returns every problem found.
//
// bbolt's page check panics, in a goroutine of its own, on some damaged
// pages; no recover can catch that. So it runs in a child process (this
// binary, started with CheckChildArg) on a snapshot written by Backup, when
// the binary calls CheckChildMain at start; page problems and a child that
// dies are returned as a *DamagedError naming the page. Every other read
// here is guarded (a damaged page is a *DamagedError, never a crash).
func (s *Store) Check() ([]error, error) {
	probs, err := s.pageCheck()
	if err != nil {
		return probs, err
	}
	err = s.view(func(tx *bolt.Tx) error {
		want := map[string]bool{}
		counts := map[model.State]int{}
		err := tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			var a model.Article
			if err := json.Unmarshal(v, &a); err != nil {
				probs = append(probs, locale.NewError("StoreCheckHeader", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}))
				return nil
			}
			key := stateKey(a.State, a.Updated, a.ID)
			if a.Deleted == nil { // a deleted draft is in no index
				want[string(key)] = true
				counts[a.State]++
			}
			if a.Deleted == nil && tx.Bucket(bucketByState).Get(key) == nil {
				probs = append(probs, locale.NewError("StoreCheckNotIndexed", locale.Args{"ID": a.ID}))
			}
			if tx.Bucket(bucketRevisions).Get(revKey(a.ID, a.Rev)) == nil {
				probs = append(probs, locale.NewError("StoreCheckHeadMissing", locale.Args{"ID": a.ID, "Rev": a.Rev}))
			}
			return nil
		})
		if err != nil {
			return err
		}
		for _, st := range model.AllStates {
			if got := int(stateCount(tx, st)); got != counts[st] {
				probs = append(probs, locale.NewError("StoreCheckCount", locale.Args{"State": st, "Got": got, "Want": counts[st]}))
			}
		}
		return tx.Bucket(bucketByState).ForEach(func(k, _ []byte) error {
			if !want[string(k)] {
				probs = append(probs, locale.NewError("StoreCheckStaleIndex", locale.Args{"Key": fmt.Sprintf("%x", k)}))
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
