package store_test

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// signedArticle leaves a database with one signed-off article and closes it.
func signedArticle(t *testing.T) string {
	st, path := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意发布")
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// tamper flips one byte inside the value at key of bucket, with bbolt itself.
func tamper(t *testing.T, path, bucket string, key []byte, find, repl string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucket))
		v := b.Get(key)
		if v == nil || !bytes.Contains(v, []byte(find)) {
			t.Fatalf("%s/%x has no %q", bucket, key, find)
		}
		return b.Put(key, bytes.Replace(append([]byte(nil), v...), []byte(find), []byte(repl), 1))
	})
	if err != nil {
		t.Fatal(err)
	}
}

func revKey(id uint64, rev int) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, id), uint64(rev))
}

func TestVerifyDetectsTamperedRevision(t *testing.T) {
	path := signedArticle(t)
	tamper(t, path, "revisions", revKey(1, 1), "11月20日", "11月21日")
	st := openStore(t, path)
	rep, err := st.Verify()
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || !strings.Contains(rep.Problems[0].Error(), "article 1 revision 1 was altered") {
		t.Fatalf("tampered revision not named: %v", rep.Problems)
	}
}

func TestVerifyDetectsTamperedAuditRecord(t *testing.T) {
	path := signedArticle(t)
	tamper(t, path, "audit", binary.BigEndian.AppendUint64(nil, 10), "同意", "驳回")
	st := openStore(t, path)
	rep, _ := st.Verify()
	var ce *model.ChainError
	if rep.OK() || !errors.As(rep.Problems[0], &ce) || ce.Seq != 10 {
		t.Fatalf("tampered audit record not named: %v", rep.Problems)
	}
}

func TestOpenNotADatabase(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"text.db":  []byte(strings.Repeat("这不是数据库\n", 2000)),
		"short.db": []byte("x"),
		"zero.db":  make([]byte, 64<<10),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, data, 0o600)
		_, err := store.Open(p, store.Options{Timeout: 200 * time.Millisecond})
		if !errors.Is(err, store.ErrNotDatabase) || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: %v", name, err)
		}
		if got, _ := os.ReadFile(p); !bytes.Equal(got, data) {
			t.Errorf("%s: open changed the file", name)
		}
	}
}

// A database held by another process gives a clear error within 2 s.
func TestOpenLockedByAnotherProcess(t *testing.T) {
	path := signedArticle(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "COPYDESK_TEST_HOLD="+path)
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	buf := make([]byte, 5)
	if _, err := stdout.Read(buf); err != nil || string(buf) != "ready" {
		t.Fatalf("holder did not start: %q %v", buf, err)
	}
	start := time.Now()
	_, err := store.Open(path, store.Options{Timeout: 1500 * time.Millisecond})
	took := time.Since(start)
	if !errors.Is(err, store.ErrLocked) {
		t.Fatalf("open of a held database: %v", err)
	}
	if took > 2*time.Second {
		t.Fatalf("took %v", took)
	}
	want := "held by PID " + itoa(cmd.Process.Pid)
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "copydesk serve") {
		t.Fatalf("message should name the holder: %v", err)
	}
}

func TestBackupIsAConsistentCopy(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	out := filepath.Join(t.TempDir(), "backup.db")
	if _, err := st.BackupFile(out, false); err != nil {
		t.Fatal(err)
	}
	b := openStore(t, out)
	got, err := b.Get(a.ID)
	if err != nil || got.Title != a.Title {
		t.Fatalf("%v %v", got, err)
	}
	if probs, err := b.Check(); err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
}
