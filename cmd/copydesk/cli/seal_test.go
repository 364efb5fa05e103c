package cli_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// rewriteChain changes one audit record with bbolt directly, as someone
// with write access to the file could, and recomputes the hash of it and
// of every record after it, so the chain is consistent again. The seals
// (MAC) stay as they were: the key is not in the file.
func rewriteChain(t *testing.T, path string, seq uint64, find, repl string) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("audit"))
		var prev *model.AuditRecord
		return b.ForEach(func(k, v []byte) error {
			var r model.AuditRecord
			if err := json.Unmarshal(v, &r); err != nil {
				return err
			}
			if r.Seq == seq {
				if !strings.Contains(r.Detail, find) {
					t.Fatalf("record %d lacks %q: %+v", seq, find, r)
				}
				r.Detail = strings.Replace(r.Detail, find, repl, 1)
			}
			if r.Seq >= seq {
				if prev != nil {
					r.Prev = prev.Hash
				}
				r.Hash = r.ComputeHash()
				raw, _ := json.Marshal(&r)
				if err := b.Put(append([]byte(nil), k...), raw); err != nil {
					return err
				}
			}
			c := r
			prev = &c
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
}

// Anchoring the chain: a rewritten and fully re-hashed chain passes the
// hash walk, but the seal key beside the database names the rewritten
// record, and the head saved in an exported site no longer matches.
func TestSealAndHeadCatchARewrittenChain(t *testing.T) {
	o := signed(t)
	sealPath := o.db + ".seal"
	fi, err := os.Stat(sealPath)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("seal key beside a new database: %v %v", fi, err)
	}
	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site)
	prov := filepath.Join(site, "provenance.json")
	raw, err := os.ReadFile(prov)
	if err != nil || !bytes.Contains(raw, []byte(`"chain_head"`)) {
		t.Fatalf("site provenance: %s %v", raw, err)
	}
	if out := o.ok("", "verify", "--head", prov); !strings.Contains(out, "records sealed and checked") || !strings.Contains(out, "contains the saved head") {
		t.Fatalf("verify of the intact database: %s", out)
	}
	var p struct {
		ChainHead struct{ Hash string } `json:"chain_head"`
	}
	_ = json.Unmarshal(raw, &p)
	o.ok("", "verify", "--head", p.ChainHead.Hash)

	// Record 10 is wangyin's approval (1-7 users and invitations, 8
	// create, 9 submit, 10 approve, 11 signoff).
	rewriteChain(t, o.db, 10, "同意", "不同意，但已改为同意")
	r := o.run("", "verify")
	if r.code == 0 || !strings.Contains(r.stdout, "audit record 10") || !strings.Contains(r.stdout, "seal") {
		t.Fatalf("verify with the seal key after a rewrite: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Without the key the rewrite is invisible to the hash walk — verify
	// says so plainly — but the head saved in the site catches it.
	if err := os.Rename(sealPath, sealPath+".away"); err != nil {
		t.Fatal(err)
	}
	if out := o.ok("", "verify"); !strings.Contains(out, "no seal key") {
		t.Fatalf("verify without the key: %s", out)
	}
	r = o.run("", "verify", "--head", prov)
	if r.code == 0 || !strings.Contains(r.stdout, "does not contain the saved head") {
		t.Fatalf("verify --head after a rewrite: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = o.run("", "verify", "--head", p.ChainHead.Hash)
	if r.code == 0 {
		t.Fatalf("verify --head HASH after a rewrite passed:\n%s", r.stdout)
	}
}

// An existing database without a seal key gets one from copydesk init;
// records from then on are sealed, older ones reported as unsealed.
func TestInitSealsAnExistingDatabase(t *testing.T) {
	o := signed(t)
	if err := os.Remove(o.db + ".seal"); err != nil {
		t.Fatal(err)
	}
	if out := o.ok("", "init"); !strings.Contains(out, "seal key created") {
		t.Fatalf("init: %s", out)
	}
	o.ok("", "--as", "shenjl", "article", "publish", "1")
	out := o.ok("", "verify")
	if !strings.Contains(out, "1 records sealed") || !strings.Contains(out, "11 older records predate the seal key") {
		t.Fatalf("verify: %s", out)
	}
}
