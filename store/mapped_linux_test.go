package store_test

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// rssFileKB is this process's resident file-backed memory (Linux).
func rssFileKB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "RssFile:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Skip("no RssFile in /proc/self/status")
	return 0
}

// TestReleaseMapped: after reading a large signed article, ReleaseMapped
// gives the database file's pages back (the resident file-backed memory
// shrinks by at least most of the article), and reading again gives the
// same content.
func TestReleaseMapped(t *testing.T) {
	st, _ := newOffice(t)
	body := strings.Repeat(sampleBody, 1<<20/len(sampleBody)) // ~1 MiB
	a, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", body), "")
	if err != nil {
		t.Fatal(err)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意发布")

	read := func() string {
		var got string
		if err := st.EachSigned(true, func(sa store.SignedArticle) error {
			got = sa.Revision.Content.Body
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	ref := read()
	if len(ref) < 1<<19 {
		t.Fatalf("signed body has %d bytes", len(ref))
	}
	before := rssFileKB(t)
	st.ReleaseMapped()
	after := rssFileKB(t)
	if before-after < 512 {
		t.Errorf("ReleaseMapped freed %d kB of file-backed memory (from %d kB), want ≥ 512 kB after reading a 1 MiB article", before-after, before)
	}
	if read() != ref {
		t.Error("after ReleaseMapped the signed body differs")
	}
	// Without bodies: the same revision, body left out.
	if err := st.EachSigned(false, func(sa store.SignedArticle) error {
		if sa.Revision.Content.Body != "" || sa.Revision.Hash == "" || sa.Revision.Content.Title == "" {
			t.Errorf("head-only read: body %d bytes, hash %q, title %q", len(sa.Revision.Content.Body), sa.Revision.Hash, sa.Revision.Content.Title)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}
