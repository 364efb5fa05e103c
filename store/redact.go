package store

import (
	"bytes"
	"github.com/copydesk/copydesk/locale"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// BackupWithoutSecrets writes a copy of the database to w without the
// notification secrets (robot addresses, signing secrets, the SMTP
// password): the secrets bucket is empty in the copy, and since the copy is
// rebuilt key by key (not a page image) no freed page holds the old bytes.
// Everything else — articles, revisions, the audit chain, settings, bucket
// sequences — is as in a plain backup, so verify and check pass on it. It is
// the backup to hand to someone who is not an admin. Memory is bounded:
// the copy commits every 64 MB.
func (s *Store) BackupWithoutSecrets(w io.Writer) (int64, error) {
	tmp, err := os.CreateTemp("", "copydesk-redacted-*.db")
	if err != nil {
		return 0, err
	}
	tmp.Close()
	defer os.Remove(tmp.Name())
	dst, err := bolt.Open(tmp.Name(), 0o600, &bolt.Options{NoSync: true})
	if err != nil {
		return 0, err
	}
	defer dst.Close()
	err = s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return copyBucket(dst, [][]byte{name}, b, bytes.Equal(name, bucketSecrets))
		})
	})
	if err != nil {
		return 0, locale.NewError("StoreBackupRedacted", locale.Args{"Err": err}, err)
	}
	var n int64
	err = dst.View(func(tx *bolt.Tx) (err error) {
		n, err = tx.WriteTo(w)
		return err
	})
	return n, err
}

// BackupFileWithoutSecrets is BackupWithoutSecrets to a file, with the
// same refusals as BackupFile.
func (s *Store) BackupFileWithoutSecrets(path string, overwrite bool) (int64, error) {
	return s.backupFile(path, overwrite, s.BackupWithoutSecrets)
}

// copyBucket recreates the bucket at path in dst with src's keys (none when
// empty is set), nested buckets and sequence, committing in chunks.
func copyBucket(dst *bolt.DB, path [][]byte, src *bolt.Bucket, empty bool) error {
	open := func(tx *bolt.Tx) (*bolt.Bucket, error) {
		b, err := tx.CreateBucketIfNotExists(path[0])
		for _, p := range path[1:] {
			if err != nil {
				return nil, err
			}
			b, err = b.CreateBucketIfNotExists(p)
		}
		return b, err
	}
	if err := dst.Update(func(tx *bolt.Tx) error {
		b, err := open(tx)
		if err != nil {
			return err
		}
		return b.SetSequence(src.Sequence())
	}); err != nil || empty {
		return err
	}
	type kv struct{ k, v []byte }
	var chunk []kv
	size := 0
	flush := func() error {
		if len(chunk) == 0 {
			return nil
		}
		err := dst.Update(func(tx *bolt.Tx) error {
			b, err := open(tx)
			if err != nil {
				return err
			}
			b.FillPercent = 0.9 // keys arrive in order
			for _, p := range chunk {
				if err := b.Put(p.k, p.v); err != nil {
					return err
				}
			}
			return nil
		})
		chunk, size = chunk[:0], 0
		return err
	}
	c := src.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil { // a nested bucket
			if err := flush(); err != nil {
				return err
			}
			sub := append(append([][]byte(nil), path...), append([]byte(nil), k...))
			if err := copyBucket(dst, sub, src.Bucket(k), false); err != nil {
				return err
			}
			continue
		}
		chunk = append(chunk, kv{append([]byte(nil), k...), append([]byte(nil), v...)})
		size += len(k) + len(v)
		if size >= 64<<20 || len(chunk) >= 100000 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
