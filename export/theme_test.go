package export

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestExampleTheme(t *testing.T) {
	src, art := browserSource()
	dir := t.TempDir()
	res := mustExport(t, src, dir, Options{ThemeDir: os.DirFS("themes/example"), SiteTitle: "青年报"})
	page := readSite(t, dir, "articles/42/index.html")
	for _, want := range []string{`class="theme-example"`, "<h1>" + art.Title + "</h1>", "2025年4月9日 16:35",
		`<p class="credits"><span class="nw">（图文来源：党委学生工作部</span> <span class="nw">/摄：林晓、</span><span class="nw">欧阳振华、</span><span class="nw">司马相如</span> <span class="nw">审核：李音</span> <span class="nw">主编：周健）</span></p>`, "参会：各二级学院分管负责人、辅导员代表", `<figure><img src="../../media/`} {
		if !strings.Contains(page, want) {
			t.Errorf("example theme page lacks %q", want)
		}
	}
	checkNoActiveContent(t, "example article", []byte(page))
	idx := readSite(t, dir, "index.html")
	if !strings.Contains(idx, "第 1 / 1 页，共 2 篇") || !strings.Contains(idx, `href="articles/42/"`) {
		t.Errorf("example index: %s", idx)
	}
	css := readSite(t, dir, "style.css")
	if !strings.Contains(css, "campus-paper") {
		t.Error("the theme's style.css was not used")
	}
	if !contains(res.Written, "favicon.png") {
		t.Error("no favicon")
	}

	// Changing the theme renders every page again.
	res = mustExport(t, src, dir, Options{SiteTitle: "青年报"})
	if res.Rendered != 2 || !contains(res.Written, "style.css") {
		t.Errorf("switching back to the default theme: rendered %d, wrote %v", res.Rendered, res.Written)
	}
}

// TestThemeOverlay: a theme with only article.html keeps the default
// index page and CSS; a broken template is a clear error.
func TestThemeOverlay(t *testing.T) {
	src, _ := browserSource()
	dir := t.TempDir()
	theme := fstest.MapFS{
		"article.html": {Data: []byte(`<!DOCTYPE html><html lang="zh-CN"><title>{{.Article.Title}}</title><h1 class="mine">{{.Article.Title}}</h1>{{.Article.Body}}<p>{{.Article.Credits}}</p></html>`)},
		"README.md":    {Data: []byte("ignored")},
	}
	mustExport(t, src, dir, Options{ThemeDir: theme})
	if !strings.Contains(readSite(t, dir, "articles/42/index.html"), `<h1 class="mine">`) {
		t.Error("overlay article.html not used")
	}
	if !strings.Contains(readSite(t, dir, "index.html"), "最新文章") {
		t.Error("default index.html not kept")
	}
	bad := fstest.MapFS{"index.html": {Data: []byte("{{range .Entries}")}}
	_, err := Export(src, t.TempDir(), Options{ThemeDir: bad})
	if err == nil || !strings.Contains(err.Error(), "theme template index.html") {
		t.Errorf("broken template: err = %v", err)
	}
	wrongField := fstest.MapFS{"index.html": {Data: []byte("{{.NoSuchField}}")}}
	_, err = Export(src, t.TempDir(), Options{ThemeDir: wrongField})
	if err == nil || !strings.Contains(err.Error(), "NoSuchField") {
		t.Errorf("template with an unknown field: err = %v", err)
	}
}

// TestThemeREADMEDescribesEveryField keeps the example README in step with
// the template data types.
func TestThemeREADMEDescribesEveryField(t *testing.T) {
	b, err := os.ReadFile("themes/example/README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, v := range []any{ArticlePage{}, ArticleData{}, MeetingData{}, ApprovalData{}, IndexPage{}, EntryData{}, PageLink{}, SiteData{}, Credits{}, CreditStage{}, CorrectionData{}, GonePage{}} {
		typ := reflect.TypeOf(v)
		if !strings.Contains(readme, "`"+typ.Name()+"`") && !strings.Contains(readme, typ.Name()) {
			t.Errorf("README does not name type %s", typ.Name())
		}
		for i := 0; i < typ.NumField(); i++ {
			if f := typ.Field(i).Name; !strings.Contains(readme, "| `"+f+"` |") && !strings.Contains(readme, "`"+f+"`") {
				t.Errorf("README does not describe %s.%s", typ.Name(), f)
			}
		}
	}
}

func TestCreditsFormats(t *testing.T) {
	a := genArticle(3, 100, nil)
	a.Source = "党委宣传部"
	a.Photographers = []string{"张三", "李四"}
	cases := []struct{ format, want string }{
		{DefaultCreditsFormat, "（图文来源：党委宣传部 /摄：张三、李四 审核：李音 主编：周健）"},
		{`({{range $i, $s := .Stages}}{{if $i}} {{end}}{{$s.Stage}}:{{$s.Name}}{{end}})`, "(审核:李音 主编签发:周健)"},
		{`撰稿:{{join .Authors "、"}}`, "撰稿:" + a.Authors[0]},
	}
	for _, c := range cases {
		tmpl, err := parseCredits(c.format)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := creditsLine(tmpl, &a); err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.format, got, err, c.want)
		}
	}
	// Empty parts are left out; nothing at all gives no line.
	tmpl, _ := parseCredits(DefaultCreditsFormat)
	b := a
	b.Source, b.Photographers = "", nil
	if got, _ := creditsLine(tmpl, &b); got != "（审核：李音 主编：周健）" {
		t.Errorf("without source and photographers: %q", got)
	}
	b.Source = ""
	b.Photographers = []string{"王五"}
	if got, _ := creditsLine(tmpl, &b); got != "（摄：王五 审核：李音 主编：周健）" {
		t.Errorf("without source: %q", got)
	}
	b.Approvals, b.Photographers = nil, nil
	if got, _ := creditsLine(tmpl, &b); got != "" {
		t.Errorf("nothing to credit: %q", got)
	}
}

// TestCreditsNameTheSignerByTheirStage: the one who signed is labelled by
// the sign-off stage's role or name (分管领导), never a fixed 主编, in the
// default format and in Stages; a format an office stored before labels
// existed keeps rendering exactly as it did.
func TestCreditsNameTheSignerByTheirStage(t *testing.T) {
	a := genArticle(3, 100, nil)
	a.Source, a.Photographers = "党委宣传部", nil
	a.Approvals[0].Label = "部门负责人"
	last := &a.Approvals[len(a.Approvals)-1]
	last.Stage, last.Label, last.Display = "分管领导签发", "分管领导", "孙领导"
	cases := []struct{ format, want string }{
		{DefaultCreditsFormat, "（图文来源：党委宣传部 审核：李音 分管领导：孙领导）"},
		{`{{range $i, $s := .Stages}}{{if $i}} {{end}}{{$s.Label}}：{{$s.Name}}{{end}}`, "部门负责人：李音 分管领导：孙领导"},
		// stored by an office before this release: unchanged output
		{`(图文来源:{{.Source}} 审核:{{join .Reviewers "、"}} 主编:{{.Chief}})`, "(图文来源:党委宣传部 审核:李音 主编:孙领导)"},
	}
	for _, c := range cases {
		tmpl, err := parseCredits(c.format)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := creditsLine(tmpl, &a); err != nil || got != c.want {
			t.Errorf("%s: got %q, %v; want %q", c.format, got, err, c.want)
		}
	}
	// Without a label (a source that has none), the stage's name less 签发.
	last.Label = ""
	tmpl, _ := parseCredits(DefaultCreditsFormat)
	if got, _ := creditsLine(tmpl, &a); got != "（图文来源：党委宣传部 审核：李音 分管领导：孙领导）" {
		t.Errorf("no label: %q", got)
	}
}

func TestProgressAndFeed(t *testing.T) {
	src := genSource(30, 300, 0)
	var calls [][2]int
	dir := t.TempDir()
	res := mustExport(t, src, dir, Options{NoSync: true, FeedSize: 5, Progress: func(d, n int) { calls = append(calls, [2]int{d, n}) }})
	last := calls[len(calls)-1]
	if last[0] != last[1] || last[1] != 30+len(res.Written) {
		t.Errorf("last progress %v, want done == total == %d", last, 30+len(res.Written))
	}
	for i := 1; i < len(calls); i++ {
		if calls[i][0] < calls[i-1][0] || calls[i][1] < calls[i-1][1] {
			t.Fatalf("progress went back: %v then %v", calls[i-1], calls[i])
		}
	}
	if !reflect.DeepEqual(calls[0], [2]int{0, 30}) {
		t.Errorf("first progress %v", calls[0])
	}

	// Without a BaseURL: relative feed links, urn ids, no sitemap.
	var feed struct {
		Updated string `xml:"updated"`
		Entries []struct {
			ID   string `xml:"id"`
			Link struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(readSite(t, dir, "feed.xml")), &feed); err != nil {
		t.Fatal(err)
	}
	if len(feed.Entries) != 5 || feed.Entries[0].ID != "urn:copydesk:article:30" || feed.Entries[0].Link.Href != "articles/30/" || feed.Entries[0].Summary == "" {
		t.Errorf("feed: %+v", feed)
	}
	if _, err := os.Stat(filepath.Join(dir, "sitemap.xml")); !os.IsNotExist(err) {
		t.Error("sitemap.xml written without a BaseURL")
	}
}

// TestThemesSayRevisionAsTheDeskDoes (tester, 2026-12-01): the pages said
// 修订 3 where the workstation, the commands and the printed 登记表 say
// 第3版, and the example theme ran the authors into 发布人 without a
// separator (撰稿：陈明、冯军 发布人：周敏).
func TestThemesSayRevisionAsTheDeskDoes(t *testing.T) {
	src, _ := browserSource() // article 42: revision 3, by 许文
	for _, tc := range []struct {
		name  string
		theme Options
		want  []string
	}{
		{"default", Options{}, []string{"签发记录 · 第 3 版", `<span class="seq">第 3 版 · 审计记录 #`}},
		{"example", Options{ThemeDir: os.DirFS("themes/example")}, []string{`<footer class="record">第 3 版 ·`, "撰稿：许文 · 发布人："}},
	} {
		dir := t.TempDir()
		mustExport(t, src, dir, tc.theme)
		page := readSite(t, dir, "articles/42/index.html")
		for _, want := range tc.want {
			if !strings.Contains(page, want) {
				t.Errorf("%s theme: the page lacks %q", tc.name, want)
			}
		}
		if strings.Contains(page, "修订") {
			t.Errorf("%s theme: the page says 修订 for a revision", tc.name)
		}
	}
}
