package export

import (
	"encoding/binary"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/store"
)

// Articles withdrawn before takedowns were recorded (issue 13) decode and
// export as before: off the site, without a notice, out of gone.conf. The
// schema-1 fixture (signed, published, edited) is migrated, then its
// header is put in each old withdrawn form: state withdrawn with the
// sign-off kept, and the live revision withdrawn under a newer draft
// (taken_down, no signed).
func TestOldWithdrawnArticlesExportAsBefore(t *testing.T) {
	for _, form := range []string{"state", "taken_down"} {
		t.Run(form, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("..", "store", "testdata", "schema1.db"))
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "copydesk.db")
			if err := os.WriteFile(path, raw, 0o600); err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(path, store.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			if rows, err := st.Signed(); err != nil || len(rows) != 1 {
				t.Fatalf("fixture: %d signed, %v", len(rows), err)
			}
			st.Close()
			db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(func(tx *bolt.Tx) error {
				b := tx.Bucket([]byte("articles"))
				key := binary.BigEndian.AppendUint64(nil, 1)
				var h map[string]any
				if err := json.Unmarshal(b.Get(key), &h); err != nil {
					return err
				}
				if form == "state" {
					h["state"] = "withdrawn"
				} else {
					h["taken_down"] = map[string]any{"action": "withdraw", "stage": 1, "login": "shenjl", "opinion": "撤下", "rev": 1, "at": "2026-01-02T03:04:05Z"}
					delete(h, "signed")
				}
				nb, _ := json.Marshal(h)
				return b.Put(key, nb)
			})
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			st, err = store.Open(path, store.Options{Timeout: time.Second})
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			a, err := st.Get(1)
			if err != nil || a.Live() || a.Takedown != nil {
				t.Fatalf("old withdrawn header: %v live %v takedown %+v", err, a != nil && a.Live(), a.Takedown)
			}
			if gone, err := st.TakenDown(); err != nil || len(gone) != 0 {
				t.Fatalf("listed as taken down: %+v %v", gone, err)
			}
			site := filepath.Join(t.TempDir(), "site")
			if _, err := Export(FromStore(st), site, Options{NoSync: true}); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(site, "articles", "1")); err == nil {
				t.Error("an old withdrawn article has a page or a notice")
			}
			conf, _ := os.ReadFile(filepath.Join(site, "gone.conf"))
			if strings.Contains(string(conf), "location") {
				t.Errorf("gone.conf lists an old withdrawn article:\n%s", conf)
			}
			if rep, err := st.Verify(); err != nil || !rep.OK() {
				t.Errorf("verify: %v %v", err, rep.Problems)
			}
		})
	}
}
