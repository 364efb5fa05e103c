package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// 定时发布 through the command line: who may schedule, the embargo on
// export and on publish, unschedule, the manual mark, site targets, and
// verify over the schedule's audit record.
func TestScheduleCommandLine(t *testing.T) {
	o := newOffice(t)
	o.ok("", "--as", "admin", "user", "add", "zhaoli", "--display", "赵丽", "--role", "writer")
	id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--file", "-"))
	o.ok("", "--as", "liwei", "article", "submit", id)
	o.ok("", "--as", "wangyin", "article", "pull", id)
	o.ok("", "--as", "wangyin", "article", "approve", id, "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "pull", id)
	zone, _ := time.LoadLocation("Asia/Shanghai")
	at := time.Now().Add(48 * time.Hour).In(zone).Format("2006-01-02 15:04")
	o.fails(2, "not a time", "", "--as", "shenjl", "article", "signoff", id, "-m", "同意", "--at", "明天早上")
	o.fails(1, "passed", "", "--as", "shenjl", "article", "signoff", id, "-m", "同意", "--at", "2020-01-01 08:00")
	o.ok("", "--as", "shenjl", "article", "signoff", id, "-m", "同意发布")

	// An export made before the schedule holds the article.
	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site)
	page := filepath.Join(site, "articles", id, "index.html")
	if _, err := os.Stat(page); err != nil {
		t.Fatalf("signed article not exported: %v", err)
	}

	// Writers and reviewers may not schedule; the chief may.
	o.fails(4, "sign-off stage", "", "--as", "liwei", "article", "schedule", id, "--at", at, "-m", "明早发")
	o.fails(4, "sign-off stage", "", "--as", "wangyin", "article", "schedule", id, "--at", at, "-m", "明早发")
	o.fails(2, "publish time is required", "", "--as", "shenjl", "article", "schedule", id, "-m", "明早发")
	out := o.ok("", "--as", "shenjl", "article", "schedule", id, "--at", at, "-m", "会后发布")
	if !strings.Contains(out, "goes online at "+at) {
		t.Fatalf("schedule said %q", out)
	}
	if show := o.ok("", "article", "show", id); !strings.Contains(show, "scheduled: revision 1 goes online at "+at) || !strings.Contains(show, "会后发布") {
		t.Fatalf("show lacks the schedule:\n%s", show)
	}

	// Publishing the old export is refused: it holds an embargoed article.
	target := filepath.Join(t.TempDir(), "www")
	o.fails(1, "under embargo", "", "publish", "--from", site, "--to", target)
	if _, err := os.Stat(filepath.Join(target, "articles", id)); err == nil {
		t.Fatal("the embargoed article reached the target")
	}
	// The manual mark is refused too; a new export leaves it out.
	o.fails(1, "scheduled for", "", "--as", "shenjl", "article", "publish", id)
	o.ok("", "export", "--out", site)
	if _, err := os.Stat(page); err == nil {
		t.Fatal("export kept the embargoed article")
	}
	idx, _ := os.ReadFile(filepath.Join(site, "index.html"))
	feed, _ := os.ReadFile(filepath.Join(site, "feed.xml"))
	if strings.Contains(string(idx)+string(feed), "安全稳定工作会议") {
		t.Fatal("the embargoed article is on the index or in the feed")
	}
	o.ok("", "publish", "--from", site, "--to", target)
	if out := o.ok("", "verify"); !strings.Contains(out, "1 signed-off") {
		t.Fatalf("verify: %s", out)
	}

	// Unschedule: the embargo ends; the next export and publish put it online.
	o.fails(4, "sign-off stage", "", "--as", "liwei", "article", "unschedule", id, "-m", "取消")
	o.ok("", "--as", "shenjl", "article", "unschedule", id, "-m", "会议提前结束，马上发")
	o.ok("", "export", "--out", site)
	if out := o.ok("", "publish", "--from", site, "--to", target); !strings.Contains(out, "#"+id) || !strings.Contains(out, "is online") {
		t.Fatalf("publish did not put it online: %q", out)
	}
	if _, err := os.Stat(filepath.Join(target, "articles", id, "index.html")); err != nil {
		t.Fatal("the article is not on the target")
	}
	show := o.ok("", "article", "show", id)
	if !strings.Contains(show, "published to "+target) {
		t.Fatalf("show after publish:\n%s", show)
	}
	o.fails(1, "not online yet", "", "--as", "shenjl", "article", "schedule", id, "--at", at, "-m", "再定时")

	// Site targets: admin only, audited, listed.
	o.fails(4, "admin", "", "--as", "shenjl", "site", "target", "add", "web", "--to", target)
	o.fails(2, "site target add needs --to", "", "--as", "admin", "site", "target", "add", "web")
	o.ok("", "--as", "admin", "site", "target", "add", "web", "--to", target)
	o.fails(1, "already exists", "", "--as", "admin", "site", "target", "add", "web", "--to", target)
	o.fails(1, "site target name", "", "--as", "admin", "site", "target", "add", "Web Site", "--to", target)
	if out := o.ok("", "site", "target", "list"); !strings.Contains(out, "web") || !strings.Contains(out, target) {
		t.Fatalf("target list: %q", out)
	}
	o.ok("", "--as", "admin", "site", "target", "remove", "web")
	o.fails(1, "not found", "", "--as", "admin", "site", "target", "remove", "web")
	if out := o.ok("", "verify"); !strings.Contains(out, "1 signed-off") {
		t.Fatalf("verify: %s", out)
	}
}
