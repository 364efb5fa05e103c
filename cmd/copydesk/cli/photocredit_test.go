package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// addCredited stores a photo with a credit (media add --credit) and
// returns its id.
func addCredited(t *testing.T, o *office, name string, data []byte, credit string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	m := mediaIDRE.FindStringSubmatch(o.ok("", "--as", "liwei", "media", "add", p, "--caption", "会场", "--credit", credit))
	if m == nil {
		t.Fatal("media add printed no reference")
	}
	return m[1]
}

// A photo's credit fills 摄 on the exported page's credits line and 摄影 on
// the 审核登记表 when the article names no photographer: every credited
// photo in order of appearance, each name once; an article's own 摄影
// stands.
func TestPhotoCreditFillsPhotographers(t *testing.T) {
	o := newOffice(t)
	o.lang = ""
	red := pngBytes()
	blue := append(pngBytes(), 0) // other bytes, another media record
	p1 := addCredited(t, o, "a.png", red, "赵丽焕")
	p2 := addCredited(t, o, "b.png", blue, "孙立、赵丽焕")
	sign := func(body string, args ...string) string {
		t.Helper()
		id := strings.TrimSpace(o.ok(body, append([]string{"--as", "liwei", "article", "new", "--title", "运动会开幕", "--source", "体育部", "--file", "-"}, args...)...))
		o.ok("", "--as", "liwei", "article", "submit", id)
		o.ok("", "--as", "wangyin", "article", "approve", id, "--rev", "1", "-m", "同意")
		o.ok("", "--as", "shenjl", "article", "signoff", id, "--rev", "1", "-m", "同意发布")
		return id
	}
	body := "开幕式。\n\n![会场](media:" + p2 + ")\n\n![入场](media:" + p1 + ")\n\n![再看](media:" + p2 + ")\n"
	fromPhotos := sign(body)
	own := sign(body, "--photographer", "钱明")

	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site)
	tags := regexp.MustCompile(`<[^>]*>`)
	page := func(id string) string {
		b, err := os.ReadFile(filepath.Join(site, "articles", id, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return tags.ReplaceAllString(string(b), "")
	}
	if p, want := page(fromPhotos), "（图文来源：体育部 /摄：孙立、赵丽焕 审核：王音 主编：沈建龙）"; !strings.Contains(p, want) {
		t.Errorf("article %s: credits line is not %q:\n%s", fromPhotos, want, p)
	}
	if p, want := page(own), "（图文来源：体育部 /摄：钱明 审核：王音 主编：沈建龙）"; !strings.Contains(p, want) {
		t.Errorf("article %s: the article's own 摄影 does not stand (%q):\n%s", own, want, p)
	}

	record := tags.ReplaceAllString(o.ok("", "record", fromPhotos), "|")
	if !regexp.MustCompile(`摄影\|+孙立、赵丽焕\|`).MatchString(record) {
		t.Errorf("登记表 of article %s does not name the photographers:\n%s", fromPhotos, record)
	}
	record = tags.ReplaceAllString(o.ok("", "record", own), "|")
	if !regexp.MustCompile(`摄影\|+钱明\|`).MatchString(record) {
		t.Errorf("登记表 of article %s does not name its own 摄影:\n%s", own, record)
	}
}
