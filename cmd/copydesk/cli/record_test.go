package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// signedAndEdited leaves article 1 signed, published, then edited by its
// writer (revision 2 in review), the live page still revision 1.
func signedAndEdited(t *testing.T) *office {
	t.Helper()
	o := newOffice(t)
	o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--source", "保卫处", "--file", "-")
	o.ok("", "--as", "liwei", "article", "submit", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "--rev", "1", "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "--rev", "1", "-m", "同意发布")
	o.ok("", "--as", "shenjl", "article", "publish", "1")
	pulled := o.ok("", "--as", "liwei", "article", "pull", "1")
	o.ok(strings.Replace(pulled, "全面排查", "全面排查和整改", 1), "--as", "liwei", "article", "push", "1")
	return o
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

// Approvals are per revision and permanent: the reviewer approving the new
// revision does not take 审核:王音 off the still-live old revision's page
// or provenance, and removing users changes no exported byte.
func TestLiveRevisionKeepsItsApprovals(t *testing.T) {
	o := signedAndEdited(t)
	o.ok("", "--as", "admin", "user", "add", "zhou", "--display", "周平", "--role", "reviewer")
	o.ok("", "--as", "zhou", "article", "show", "1")
	o.ok("", "--as", "zhou", "article", "approve", "1", "-m", "修改后同意")
	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site)
	page := readFile(t, filepath.Join(site, "articles", "1", "index.html"))
	if _, err := os.Stat(filepath.Join(site, "articles", "1", "provenance.json")); err == nil {
		t.Error("the export wrote a provenance.json beside the page (the record is in the page)")
	}
	_, prov, _ := strings.Cut(page, `<meta name="copydesk:provenance" content="`)
	prov, _, _ = strings.Cut(prov, `">`)
	if !strings.Contains(page, "审核：王音") || !strings.Contains(page, "主编：沈建龙") || strings.Contains(page, "周平") {
		t.Fatalf("credits of the live revision 1 lost its approvals:\n%s", page)
	}
	if !strings.Contains(prov, `&#34;name&#34;:&#34;王音&#34;`) {
		t.Fatalf("provenance of revision 1 lacks the reviewer:\n%s", prov)
	}
	if !strings.Contains(page, "李伟") {
		t.Fatalf("发布人 missing:\n%s", page)
	}
	// Users leave; the record (and the page built from it) stays.
	o.ok("", "--as", "admin", "user", "remove", "wangyin")
	o.ok("", "--as", "admin", "user", "remove", "liwei")
	site2 := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site2)
	if got := readFile(t, filepath.Join(site2, "articles", "1", "index.html")); got != page {
		t.Fatalf("removing users changed the exported page:\n%s\n---\n%s", page, got)
	}
}

// The chief can always take down what is live, whatever the working draft
// is doing; the draft carries on and the withdrawal is recorded.
func TestWithdrawLiveWhileDraftInReview(t *testing.T) {
	o := signedAndEdited(t)
	if out := o.ok("", "article", "show", "1"); !strings.Contains(out, "live: revision 1") {
		t.Fatalf("edited article: %s", out)
	}
	o.fails(4, "chief", "", "--as", "wangyin", "article", "withdraw", "1", "-m", "撤下")
	o.ok("", "--as", "shenjl", "article", "withdraw", "1", "-m", "内容有误，撤下线上版本")
	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site)
	if page := readFile(t, filepath.Join(site, "articles", "1", "index.html")); !strings.Contains(page, "稿件已撤下") || strings.Contains(page, "全面排查") {
		t.Fatalf("the taken-down live revision is still exported, or no notice:\n%s", page)
	}
	if out := o.ok("", "article", "show", "1"); !strings.Contains(out, "taken down (撤稿): revision 1 by 沈建龙 (shenjl)") || strings.Contains(out, "live: revision") {
		t.Fatalf("show after the takedown: %s", out)
	}
	hist := o.ok("", "article", "history", "1")
	if !strings.Contains(hist, locale.T(locale.EN, "ActionTakedown")) || !strings.Contains(hist, "内容有误，撤下线上版本") {
		t.Fatalf("history does not record the withdrawal:\n%s", hist)
	}
	// The working draft goes on through review and can go live again.
	o.ok("", "--as", "wangyin", "article", "show", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "show", "1")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "-m", "同意发布")
	o.ok("", "export", "--out", site)
	if page := readFile(t, filepath.Join(site, "articles", "1", "index.html")); !strings.Contains(page, "全面排查和整改") {
		t.Fatalf("the new sign-off is not live:\n%s", page)
	}
	if o.run("", "verify").code != 0 {
		t.Fatal("verify fails after a takedown")
	}
}

// Separation of duties counts authorship of the text: a reviewer who edits
// twice may not approve; the chief's diff covers both edits.
func TestReviewerWhoEditsMayNotApprove(t *testing.T) {
	o := newOffice(t)
	o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--file", "-")
	o.ok("", "--as", "liwei", "article", "submit", "1")
	for _, edit := range [][2]string{{"全面排查", "第一处修改"}, {"压实安全责任", "第二处修改"}} {
		pulled := o.ok("", "--as", "wangyin", "article", "pull", "1")
		o.ok(strings.Replace(pulled, edit[0], edit[1], 1), "--as", "wangyin", "article", "push", "1")
	}
	o.fails(4, "wrote revision 3", "", "--as", "wangyin", "article", "approve", "1", "-m", "同意")
	// The chief may not see the article before it reaches the sign-off
	// (model.Article.VisibleTo, as in the queues); the file's holder may.
	o.fails(4, "not visible to shenjl", "", "--as", "shenjl", "article", "diff", "1")
	diff := o.ok("", "article", "diff", "1")
	if !strings.Contains(diff, "revision 1 → 3") || !strings.Contains(diff, "第一处修改") || !strings.Contains(diff, "第二处修改") {
		t.Fatalf("the diff does not cover both edits:\n%s", diff)
	}
	// Someone else approves; the reviewer's edits are checked, and the
	// chief signs off what they read.
	o.ok("", "--as", "admin", "user", "add", "zhou", "--display", "周平", "--role", "reviewer")
	// zhou's diff shows the reviewer's edits, not the text the writer
	// submitted, which nobody has approved: zhou reads the whole text.
	o.ok("", "--as", "zhou", "article", "diff", "1")
	o.fails(3, "read revision 3 first", "", "--as", "zhou", "article", "approve", "1", "-m", "同意")
	o.ok("", "--as", "zhou", "article", "show", "1")
	o.ok("", "--as", "zhou", "article", "approve", "1", "-m", "同意")
	// The chief has read nothing yet; the diff since zhou's approval is
	// a reading.
	o.fails(3, "read revision 3 first", "", "--as", "shenjl", "article", "signoff", "1", "-m", "同意发布")
	o.ok("", "--as", "shenjl", "article", "diff", "1")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "-m", "同意发布")
}

// The byline is free text: naming the only chief (by display name) as an
// author does not stop them signing off.
func TestBylineDoesNotBarTheChief(t *testing.T) {
	o := newOffice(t)
	o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--author", "李伟,沈建龙,王音", "--file", "-")
	o.ok("", "--as", "liwei", "article", "submit", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "--rev", "1", "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "--rev", "1", "-m", "同意发布")
	o.fails(1, "already the name of wangyin", "", "--as", "admin", "user", "add", "fake", "--display", "王音\u200b", "--role", "reviewer")
}

// Locally an admin may still set up keys (--key-file, user key add); such
// keys are flagged in user list. user add without a key prints a one-time
// invitation code.
func TestAdminAddedKeysAreFlagged(t *testing.T) {
	o := newOffice(t)
	pub := "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl test"
	o.ok("", "--as", "admin", "user", "key", "add", "wangyin", pub)
	out := o.ok("", "user", "list")
	if !strings.Contains(out, "NOT ADDED BY OWNER") {
		t.Fatalf("user list does not flag the admin-added key:\n%s", out)
	}
	if out := o.ok("", "--as", "wangyin", "me", "key", "list"); !strings.Contains(out, "added on the server by admin") || !strings.Contains(out, "NOT ADDED BY YOU") {
		t.Fatalf("me key list: %s", out)
	}
	o.ok("", "--as", "wangyin", "me", "key", "remove", pub)
	if out := o.ok("", "user", "list"); strings.Contains(out, "NOT ADDED BY OWNER") {
		t.Fatalf("removed key still listed:\n%s", out)
	}
	o.ok("", "--as", "wangyin", "me", "key", "add", pub)
	if out := o.ok("", "user", "list"); strings.Contains(out, "NOT ADDED BY OWNER") {
		t.Fatalf("own key flagged:\n%s", out)
	}
	if out := o.ok("", "--as", "admin", "user", "add", "xu", "--display", "徐静", "--role", "reviewer"); !strings.Contains(out, "invitation code for xu") || !strings.Contains(out, "join ") {
		t.Fatalf("user add without a key: %s", out)
	}
}
