package cli_test

import (
	"strings"
	"testing"
	"time"
)

// TestTimesInOfficeZone: on a server whose own zone is UTC (containers,
// most servers), the commands show times in the office's zone, China
// Standard Time, the same as the site and the workstation — an article
// saved at 18:30 UTC was updated at 02:30 the next day in the office.
func TestTimesInOfficeZone(t *testing.T) {
	saved := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = saved })
	o := newOffice(t)
	cst := time.FixedZone("UTC+8", 8*3600)
	before := time.Now()
	o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--file", "-")
	list := o.ok("", "article", "list")
	after := time.Now()
	office := map[string]bool{}
	for ts := before.Add(-time.Minute); !ts.After(after.Add(time.Minute)); ts = ts.Add(30 * time.Second) {
		office[ts.In(cst).Format("2006-01-02 15:04")] = true
	}
	found := false
	for s := range office {
		found = found || strings.Contains(list, s)
	}
	if !found {
		t.Fatalf("article list does not show the update time in the office's zone (UTC+8, around %s):\n%s",
			after.In(cst).Format("2006-01-02 15:04"), list)
	}
	out := o.ok("", "--as", "admin", "user", "invite", "liwei")
	valid := after.Add(72 * time.Hour)
	if !strings.Contains(out, valid.In(cst).Format("2006-01-02 15:04")) && !strings.Contains(out, before.Add(72*time.Hour).In(cst).Format("2006-01-02 15:04")) {
		t.Fatalf("invitation validity not in the office's zone (want about %s):\n%s", valid.In(cst).Format("2006-01-02 15:04"), out)
	}
}
