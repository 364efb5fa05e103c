package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A site target's public address (site target add --url) and the base-url
// setting: a bad address is refused in Chinese; the export takes the
// setting when --base-url is not given (sitemap.xml with absolute URLs);
// publish to the target checks the site was built for its address and
// records each article's public URL, which article show prints.
func TestSiteTargetURL(t *testing.T) {
	o := newOffice(t)
	id := o.approved("学院召开安全稳定工作会议")
	o.signOff(id)

	// Bad addresses: refused with a clear Chinese error, nothing stored.
	www := filepath.Join(t.TempDir(), "www")
	o.lang = ""
	for _, c := range []struct{ url, want string }{
		{"news.example.edu.cn", "不是以 http:// 或 https:// 开头的完整网址"},
		{"ftp://news.example.edu.cn/", "不是以 http:// 或 https:// 开头的完整网址"},
		{"javascript:alert(1)", "不是以 http:// 或 https:// 开头的完整网址"},
		{"https://admin:secret@news.example.edu.cn/", "不能含用户名或密码"},
		{"https:///path", "缺少主机名"},
		{"https://news.example.edu.cn/?a=1", "不能含查询参数"},
		{"https://news.example.edu.cn/#top", "不能含查询参数"},
		{"https://news.example.edu.cn/a b/", "含有空格、控制字符或反斜杠"},
		{"https://news.example.edu.cn/\x1b[31m", "含有空格、控制字符或反斜杠"},
		{"https://news.example.edu.cn/" + strings.Repeat("a", 600), "太长，最多 512 字节"},
	} {
		o.fails(1, c.want, "", "--as", "admin", "site", "target", "add", "web", "--to", www, "--url", c.url)
		o.fails(2, c.want, "", "--as", "admin", "settings", "set", "base-url", c.url)
	}
	if out := o.ok("", "site", "target", "list"); strings.Contains(out, "web") {
		t.Fatalf("a refused target was stored:\n%s", out)
	}
	o.lang = "en_US.UTF-8"
	o.fails(4, "admin", "", "--as", "shenjl", "settings", "set", "base-url", "https://news.example.edu.cn/")

	// A target with its own address; list shows it.
	out := o.ok("", "--as", "admin", "site", "target", "add", "web", "--to", www, "--url", "https://news.example.edu.cn/xw")
	if !strings.Contains(out, "public URL: https://news.example.edu.cn/xw/") {
		t.Fatalf("add said %q", out)
	}
	if out := o.ok("", "site", "target", "list"); !strings.Contains(out, "https://news.example.edu.cn/xw/") {
		t.Fatalf("list lacks the URL:\n%s", out)
	}

	// A site exported without an address is refused for that target.
	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site)
	if _, err := os.Stat(filepath.Join(site, "sitemap.xml")); err == nil {
		t.Fatal("sitemap.xml without a base URL")
	}
	o.fails(1, "exported without an address", "", "publish", "--from", site, "--to", "web")
	o.ok("", "export", "--out", site, "--base-url", "https://other.example.edu.cn/")
	o.fails(1, "exported for https://other.example.edu.cn/", "", "publish", "--from", site, "--to", "web")
	if _, err := os.Stat(filepath.Join(www, "articles", id)); err == nil {
		t.Fatal("a refused publish reached the target")
	}

	// The base-url setting is the export's address when --base-url is not
	// given; the target without --url uses it too.
	o.ok("", "--as", "admin", "settings", "set", "base-url", "https://news.example.edu.cn/xw")
	if out := o.ok("", "settings", "show"); !settingShown(out, "base-url", "https://news.example.edu.cn/xw/") {
		t.Fatalf("settings show:\n%s", out)
	}
	o.ok("", "export", "--out", site)
	sitemap, err := os.ReadFile(filepath.Join(site, "sitemap.xml"))
	if err != nil {
		t.Fatalf("no sitemap.xml with the base-url setting: %v", err)
	}
	articleURL := "https://news.example.edu.cn/xw/articles/" + id + "/"
	if !strings.Contains(string(sitemap), "<loc>"+articleURL+"</loc>") {
		t.Fatalf("sitemap lacks %s:\n%s", articleURL, sitemap)
	}
	out = o.ok("", "publish", "--from", site, "--to", "web")
	if !strings.Contains(out, "#"+id) {
		t.Fatalf("publish said %q", out)
	}
	if b, err := os.ReadFile(filepath.Join(www, "sitemap.xml")); err != nil || !strings.Contains(string(b), "<loc>"+articleURL+"</loc>") {
		t.Fatalf("published sitemap.xml: %v\n%s", err, b)
	}
	feed, _ := os.ReadFile(filepath.Join(www, "feed.xml"))
	if !strings.Contains(string(feed), `href="`+articleURL+`"`) {
		t.Fatalf("feed links are not absolute:\n%s", feed)
	}
	if show := o.ok("", "article", "show", id); !strings.Contains(show, articleURL) {
		t.Fatalf("article show lacks the public URL %s:\n%s", articleURL, show)
	}
	if page := o.ok("", "record", id); !strings.Contains(page, articleURL) {
		t.Fatalf("the printed record lacks the public URL %s", articleURL)
	}
	if out := o.ok("", "article", "history", id); !strings.Contains(out, articleURL) {
		t.Fatalf("audit lacks the published URL:\n%s", out)
	}

	// Cleared: the target without its own URL has none, and is not checked.
	o.ok("", "--as", "admin", "settings", "set", "base-url", "")
	if out := o.ok("", "settings", "show"); !settingShown(out, "base-url", "(none: relative links, no sitemap.xml)") {
		t.Fatalf("settings show:\n%s", out)
	}
}
