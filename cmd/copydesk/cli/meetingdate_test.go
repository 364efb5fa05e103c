package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// A meeting date typed year-first in another common form (2026/1/5,
// 2026年1月5日, full-width digits) is stored as 2026-01-05 on every entry
// path — article new --date, push of a pulled file, import — and a file
// whose date differs only in that form is no new revision.
func TestMeetingDateNormalisedOnEveryPath(t *testing.T) {
	o := newOffice(t)
	date := func(id string) (string, int) {
		t.Helper()
		var a struct {
			Rev     int `json:"rev"`
			Content struct {
				Meeting struct {
					Date string `json:"date"`
				} `json:"meeting"`
			} `json:"content"`
		}
		if err := json.Unmarshal([]byte(o.ok("", "article", "show", id, "--json")), &a); err != nil {
			t.Fatal(err)
		}
		return a.Content.Meeting.Date, a.Rev
	}
	id := strings.TrimSpace(o.ok("会议正文。\n", "--as", "liwei", "article", "new", "--kind", "meeting", "--title", "安全工作会议",
		"--meeting", "安全会", "--date", "2026/1/5", "--file", "-"))
	if d, _ := date(id); d != "2026-01-05" {
		t.Fatalf("new --date 2026/1/5 stored %q", d)
	}
	pulled := o.ok("", "--as", "liwei", "article", "pull", id)
	if !strings.Contains(pulled, "2026-01-05") {
		t.Fatalf("pull:\n%s", pulled)
	}
	o.ok(strings.Replace(pulled, "2026-01-05", "２０２６年１月５日", 1), "--as", "liwei", "article", "push", id)
	if d, rev := date(id); d != "2026-01-05" || rev != 1 {
		t.Fatalf("push of the same date written 2026年1月5日: %q rev %d (want no revision)", d, rev)
	}
	o.ok(strings.Replace(pulled, "2026-01-05", "2026.1.6", 1), "--as", "liwei", "article", "push", id)
	if d, rev := date(id); d != "2026-01-06" || rev != 2 {
		t.Fatalf("push of 2026.1.6: %q rev %d", d, rev)
	}
	o.fails(1, "2026-2-30", "", "--as", "liwei", "article", "new", "--kind", "meeting", "--title", "t", "--date", "2026-2-30")

	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "m.md"), []byte("---\ntitle: 教学工作会议\nkind: meeting\nmeeting:\n  name: 教学工作会议\n  date: 2026-1-7\n---\n会议部署了期中教学检查。\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o.ok("", "--as", "liwei", "import", dir)
	var rows []struct {
		ID    uint64 `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(o.ok("", "article", "list", "--json")), &rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Title == "教学工作会议" {
			if d, _ := date(strconv.FormatUint(r.ID, 10)); d != "2026-01-07" {
				t.Fatalf("import of date 2026-1-7 stored %q", d)
			}
			return
		}
	}
	t.Fatalf("the imported article is not listed: %+v", rows)
}
