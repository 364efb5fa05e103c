package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestExportSaysWhatIsHeldBack: an export names every signed-off or
// approved article it leaves off the site, with why and when — scheduled
// (and when it goes online), taken down (and when), approved but not yet
// signed (and the stage it waits at) — in Chinese and in English; an
// article on the site is not named, and an export with nothing held says
// nothing.
func TestExportSaysWhatIsHeldBack(t *testing.T) {
	o := newOffice(t)
	site := filepath.Join(t.TempDir(), "site")
	online := o.approved("图书馆延长开放时间")
	o.signOff(online)
	if out := o.ok("", "export", "--out", site); strings.Contains(out, "not on the site") {
		t.Fatalf("nothing is held, yet the export says so:\n%s", out)
	}

	scheduled := o.approved("学院召开安全稳定工作会议")
	o.signOff(scheduled)
	zone, _ := time.LoadLocation("Asia/Shanghai")
	at := time.Now().Add(48 * time.Hour).In(zone).Format("2006-01-02 15:04")
	o.ok("", "--as", "shenjl", "article", "schedule", scheduled, "--at", at, "-m", "会后发布")
	gone := o.approved("运动会延期通知")
	o.signOff(gone)
	o.ok("", "--as", "shenjl", "article", "takedown", gone, "-m", "信息有误，撤稿")
	today := time.Now().In(zone).Format("2006-01-02")
	waiting := o.approved("新学期学生工作部署会")

	for _, c := range []struct {
		lang string
		want []string
	}{
		{"en_US.UTF-8", []string{"3 signed-off or approved articles are not on the site:",
			"#" + scheduled + " “学院召开安全稳定工作会议”: scheduled, goes online at " + at,
			"#" + gone + " “运动会延期通知”: taken down on " + today,
			"#" + waiting + " “新学期学生工作部署会”: approved, not yet signed off; waits at 主编签发"}},
		{"", []string{"不在网站上的稿件 3 篇：",
			"#" + scheduled + "《学院召开安全稳定工作会议》定时发布，" + at + " 上线",
			"#" + gone + "《运动会延期通知》已于 " + today,
			"#" + waiting + "《新学期学生工作部署会》已有批准，尚未签发：在「主编签发」等待"}},
	} {
		o.lang = c.lang
		out := o.ok("", "export", "--out", site)
		for _, w := range c.want {
			if !strings.Contains(out, w) {
				t.Errorf("LANG=%q: the export summary lacks %q:\n%s", c.lang, w, out)
			}
		}
		if strings.Contains(out, "图书馆延长开放时间") {
			t.Errorf("LANG=%q: an article on the site is named as held:\n%s", c.lang, out)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "articles", online, "index.html")); err != nil {
		t.Fatal("the signed article is not on the site")
	}
}
