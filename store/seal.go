package store

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"github.com/copydesk/copydesk/locale"
	"os"

	bolt "go.etcd.io/bbolt"
)

// The seal key anchors the audit chain outside the database file: each
// record's hash is sealed with HMAC-SHA256 under a 32-byte key kept in
// PATH.seal (mode 0600) beside the database. Anyone who can write the
// database but cannot read the key file cannot rewrite a record and
// recompute the chain without `copydesk verify` naming the record.
//
// The key file is created with a new database, and for an existing one by
// `copydesk init` (Store.EnsureSeal); records older than the key ("since")
// are reported as unsealed. Back the key file up apart from the database:
// whoever holds both can rewrite everything.

// SealPath is where the seal key of the database at path is kept.
func SealPath(path string) string { return path + ".seal" }

type sealFile struct {
	Version int    `json:"version"`
	Key     string `json:"key"`   // base64, 32 bytes
	Since   uint64 `json:"since"` // the first audit record sealed with it
}

type sealKey struct {
	key   []byte
	since uint64
	path  string
}

func (k *sealKey) mac(hash string) string {
	m := hmac.New(sha256.New, k.key)
	m.Write([]byte("copydesk/seal/v1\x00" + hash))
	return "hmac-sha256:" + hex.EncodeToString(m.Sum(nil))
}

// loadSeal reads the seal key beside path; (nil, nil) when there is none.
func loadSeal(path string) (*sealKey, error) {
	raw, err := os.ReadFile(SealPath(path))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, locale.NewError("StoreSealRead", locale.Args{"Path": SealPath(path), "Err": err}, err)
	}
	var f sealFile
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, locale.NewError("StoreSealUnreadable", locale.Args{"Path": SealPath(path), "Err": err})
	}
	key, err := base64.StdEncoding.DecodeString(f.Key)
	if err != nil || len(key) != 32 || f.Version != 1 || f.Since == 0 {
		return nil, locale.NewError("StoreSealDamaged", locale.Args{"Path": SealPath(path)})
	}
	return &sealKey{key: key, since: f.Since, path: SealPath(path)}, nil
}

// createSeal writes a new seal key beside path, sealing from record since.
// It refuses to replace an existing one.
func createSeal(path string, since uint64) (*sealKey, error) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	raw, _ := json.Marshal(sealFile{Version: 1, Key: base64.StdEncoding.EncodeToString(key), Since: since})
	f, err := os.OpenFile(SealPath(path), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, locale.NewError("StoreSealCreate", locale.Args{"Err": err}, err)
	}
	if _, err := f.Write(append(raw, '\n')); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, err
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	return &sealKey{key: key, since: since, path: SealPath(path)}, nil
}

// EnsureSeal creates the seal key of an existing database that has none
// (copydesk init does this); records from the next one on are sealed.
// It reports whether a key was created.
func (s *Store) EnsureSeal() (bool, error) {
	if s.sealer() != nil {
		return false, nil
	}
	if s.readOnly {
		return false, ErrReadOnly
	}
	created := false
	err := s.update(func(t *wtx) error {
		// In the write transaction: no record is added meanwhile. sealMu
		// is taken only briefly, never while waiting for the transaction.
		if s.sealer() != nil {
			return nil
		}
		next := uint64(1)
		if k, _ := t.tx.Bucket(bucketAudit).Cursor().Last(); k != nil {
			next = beUint64(k) + 1
		}
		sk, err := createSeal(s.path, next)
		if err != nil {
			return err
		}
		s.sealMu.Lock()
		s.seal = sk
		s.sealMu.Unlock()
		created = true
		return nil
	})
	return created, err
}

// SealInfo says whether the audit chain is sealed and from which record:
// the key file's path, and "" when there is no key.
func (s *Store) SealInfo() (path string, since uint64) {
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	if s.seal == nil {
		return "", 0
	}
	return s.seal.path, s.seal.since
}

func (s *Store) sealer() *sealKey {
	s.sealMu.Lock()
	defer s.sealMu.Unlock()
	return s.seal
}

// ChainHead returns the sequence number and hash of the last audit record
// ("" when there is none): what an export writes into its provenance, to
// be held against the database later (verify --head).
func (s *Store) ChainHead() (seq uint64, hash string, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		k, v := tx.Bucket(bucketAudit).Cursor().Last()
		if k == nil {
			return nil
		}
		var r struct {
			Seq  uint64 `json:"seq"`
			Hash string `json:"hash"`
		}
		if err := json.Unmarshal(v, &r); err != nil {
			return locale.NewError("StoreLastAuditUnreadable", locale.Args{"Err": err}, ErrNotDatabase)
		}
		seq, hash = r.Seq, r.Hash
		return nil
	})
	return seq, hash, err
}

func beUint64(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	var n uint64
	for _, c := range b {
		n = n<<8 | uint64(c)
	}
	return n
}
