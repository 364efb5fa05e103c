package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// hugoConfig, hugoSingle and hugoIndex make a Hugo site with one page
// template and one paginated index, the closest Hugo equivalent of what
// Export produces (Hugo adds its RSS feed and sitemap by itself).
// buildFuture: the corpus is dated seven hours apart from 2025-03-01, so
// past ~2,200 articles the dates lie after today, and Hugo leaves future
// pages out by default; copydesk exports every signed article.
const (
	hugoConfig = `baseURL = "https://news.example.edu.cn/"
languageCode = "zh-CN"
title = "新闻中心"
paginate = 20
buildFuture = true
disableKinds = ["taxonomy", "term"]
[markup.goldmark.renderer]
unsafe = false
`
	hugoSingle = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }} - {{ .Site.Title }}</title><link rel="stylesheet" href="/style.css"></head>
<body><main><h1>{{ .Title }}</h1><p class="meta">发布人:{{ .Params.publisher }} 资讯来源:{{ .Params.source }} 发布时间:{{ .Date.Format "2006-01-02 15:04:05" }}</p>
{{ .Content }}<p class="credits">{{ .Params.credits }}</p></main></body></html>
`
	hugoIndex = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Site.Title }}</title></head><body><ul>
{{ range (.Paginate .Site.RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "2006-01-02" }}<p>{{ .Summary }}</p></li>
{{ end }}</ul>{{ template "_internal/pagination.html" . }}</body></html>
`
)

// TestWriteCorpusForHugo is a tool for export/testdata/hugo-compare.sh,
// not a test: with COPYDESK_CORPUS_DIR set, it writes the benchmark corpus
// as a Hugo site in $COPYDESK_CORPUS_DIR/hugo (the Markdown that
// `copydesk import` reads is hugo/content/articles). COPYDESK_CORPUS_N
// articles (default 1,000) of about COPYDESK_CORPUS_CHARS characters of
// body each (default 12,000). Unless COPYDESK_CORPUS_ONLY is set, it then
// times a full Export into $COPYDESK_CORPUS_DIR/copydesk and a re-export
// after one edit, and prints the times.
func TestWriteCorpusForHugo(t *testing.T) {
	dir := os.Getenv("COPYDESK_CORPUS_DIR")
	if dir == "" {
		t.Skip("set COPYDESK_CORPUS_DIR (see export/testdata/hugo-compare.sh)")
	}
	n := benchArticles
	if v, err := strconv.Atoi(os.Getenv("COPYDESK_CORPUS_N")); err == nil && v > 0 {
		n = v // e.g. 10000 for the memory and incremental runs at 10,000 articles
	}
	chars := benchChars
	if v, err := strconv.Atoi(os.Getenv("COPYDESK_CORPUS_CHARS")); err == nil && v > 0 {
		chars = v // e.g. 3000: shorter articles, where per-file costs weigh more
	}
	src := genSource(n, chars, 2)
	hugo := filepath.Join(dir, "hugo")
	write := func(p, s string) {
		p = filepath.Join(hugo, p)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", hugoConfig)
	write("layouts/_default/single.html", hugoSingle)
	write("layouts/index.html", hugoIndex)
	th, err := loadTheme(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range th.static {
		write("static/"+f.Path, string(f.Data))
	}
	for _, m := range src.media {
		write("static/media/"+m.SHA256+".png", string(m.Data))
	}
	credits, _ := parseCredits(DefaultCreditsFormat)
	for i := range src.arts {
		a := &src.arts[i]
		body := a.Body
		for id, m := range src.media {
			body = strings.ReplaceAll(body, "media:"+id, "/media/"+m.SHA256+".png")
		}
		line, _ := creditsLine(credits, a)
		write(fmt.Sprintf("content/articles/%d.md", a.ID), fmt.Sprintf("---\ntitle: %q\ndate: %s\nsource: %q\npublisher: %q\ncredits: %q\n---\n%s",
			a.Title, a.pubTime().Format(time.RFC3339), a.Source, a.Publisher, line, body))
	}
	if os.Getenv("COPYDESK_CORPUS_ONLY") != "" {
		return // the Markdown only (copydesk import reads it too)
	}

	out := filepath.Join(dir, "copydesk")
	opts := Options{BaseURL: "https://news.example.edu.cn/"}
	res, err := Export(src, out, opts)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("copydesk full export: %d files in %v\n", len(res.Written), res.Duration.Round(time.Millisecond))
	edit(&src.arts[n-10], "", "更正：时间改为下午三点。")
	res, err = Export(src, out, opts)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("copydesk re-export after one edit: %d files written in %v\n", len(res.Written), res.Duration.Round(100*time.Microsecond))
	res, err = Export(src, out, Options{BaseURL: opts.BaseURL, Force: true})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("copydesk forced re-render of all pages (nothing to write): %v\n", res.Duration.Round(time.Millisecond))
}
