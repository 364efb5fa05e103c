package server_test

import (
	"bytes"
	"encoding/binary"
	"unsafe"

	bolt "go.etcd.io/bbolt"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestDamagedPageOverSSH: a page of the live database goes bad under the
// running server (the file is mapped shared, so the bytes change under
// it). Any user's check, verify and show over SSH answer exit 5 naming the
// damage; the server stays up and serves the undamaged parts.
func TestDamagedPageOverSSH(t *testing.T) {
	o := newOffice(t)
	marker := "损坏页标记"
	body := strings.Repeat(marker+"。这一段正文写在自己的页上，用来模拟坏扇区。\n\n", 200)
	id := o.article(t, o.chen, "将要损坏的稿件", body)
	o.article(t, o.chen, "完好的稿件", "正文。\n")
	ts := start(t, o, nil)

	// find the page the revision's body lives on, through the mapping
	var off int
	err := o.st.DB().View(func(tx *bolt.Tx) error {
		v := tx.Bucket([]byte("revisions")).Get(binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, id), 1))
		if v == nil || !bytes.Contains(v, []byte(marker)) {
			t.Fatal("revision 1 not found")
		}
		off = int(uintptr(unsafe.Pointer(&v[0])) - o.st.DB().Info().Data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	pageSize := o.st.DB().Info().PageSize
	f, err := os.OpenFile(o.st.Path(), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, pageSize), int64(off/pageSize*pageSize)); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, cmd := range []string{"check", "verify", "article show " + strconv.FormatUint(id, 10), "article pull " + strconv.FormatUint(id, 10)} {
		r := ts.runAs(t, o.chen, "", cmd) // the owner: others may not see the draft
		// verify reads the audit chain and signed revisions only: it may pass
		if (r.code != 5 && cmd != "verify") || r.code == -1 || strings.Contains(r.stderr, "goroutine ") {
			t.Errorf("%s on a damaged page: exit %d\n%s%s", cmd, r.code, r.stdout, r.stderr)
		}
		t.Logf("%s: exit %d: %.300s", cmd, r.code, r.stderr)
	}
	if r := ts.runAs(t, o.li, "", "check"); r.code != 5 || !strings.Contains(r.stderr, "数据库已损坏") {
		t.Errorf("check: exit %d, %q; want exit 5 and 数据库已损坏", r.code, r.stderr)
	}
	// the server is alive and answers
	if r := ts.runAs(t, o.wang, "", "whoami"); r.code != 0 {
		t.Fatalf("after the damage, whoami: exit %d %s", r.code, r.stderr)
	}
}
