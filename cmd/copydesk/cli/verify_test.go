package cli_test

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// signed leaves an office database with article 1 signed off.
func signed(t *testing.T) *office {
	o := newOffice(t)
	o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--file", "-")
	o.ok("", "--as", "liwei", "article", "submit", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "--rev", "1", "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "--rev", "1", "-m", "同意发布")
	return o
}

// poke replaces find with repl inside one stored value, with bbolt directly,
// as someone with access to the file could.
func poke(t *testing.T, path, bucket string, key []byte, find, repl string) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucket))
		v := append([]byte(nil), b.Get(key)...)
		if !bytes.Contains(v, []byte(find)) {
			t.Fatalf("%s/%x lacks %q", bucket, key, find)
		}
		return b.Put(key, bytes.Replace(v, []byte(find), []byte(repl), 1))
	}); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyNamesTamperedRevision(t *testing.T) {
	o := signed(t)
	key := binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, 1), 1)
	poke(t, o.db, "revisions", key, "全面排查", "全面检查")
	r := o.run("", "verify")
	if r.code == 0 || !strings.Contains(r.stdout, `article 1 revision 1 was altered after "wangyin" approved it`) {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestVerifyNamesTamperedAuditRecord(t *testing.T) {
	o := signed(t)
	// Records 1-7 add users (and invite the three added without a key);
	// 8 create, 9 submit, 10 approve, 11 signoff.
	poke(t, o.db, "audit", binary.BigEndian.AppendUint64(nil, 10), "同意", "不同意")
	r := o.run("", "verify")
	if r.code == 0 || !strings.Contains(r.stdout, "audit record 10") {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := o.run("", "check"); r.code == 0 {
		t.Fatal("check passed a broken chain")
	}
}
