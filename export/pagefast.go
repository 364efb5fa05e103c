package export

import (
	"bytes"
	"strconv"
	"strings"
)

// The default theme's article page is written by writeDefaultArticle
// instead of running article.html (text/template's reflection and
// html/template's escaper calls were most of a warm export's template
// time, issue 15). It is the page the template prints, byte for byte
// (TestDefaultArticlePageMatchesTemplate); a theme with any .html file of
// its own, or a Root or Canonical outside urlPlain, runs the template.

// pageEscaper is html/template's escaper of text, RCDATA and quoted
// attribute values (htmlReplacementTable with bad runes kept): the table
// holds only single bytes, so replacing bytes is the same.
var pageEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// urlPlain reports whether html/template prints s unchanged at the start
// of a URL attribute: only characters its URL normalizer and attribute
// escaper leave alone, and no scheme other than http(s).
func urlPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/.-_~:", c) >= 0) {
			return false
		}
	}
	if i := strings.IndexByte(s, ':'); i >= 0 && !strings.Contains(s[:i], "/") {
		return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
	}
	return true
}

// canWriteDefaultArticle reports whether writeDefaultArticle prints d.
func canWriteDefaultArticle(d *ArticlePage) bool {
	return d.Root != "" && urlPlain(d.Root) && urlPlain(d.Canonical)
}

// writeDefaultArticle writes the default theme's article.html for d.
func writeDefaultArticle(buf *bytes.Buffer, d *ArticlePage) {
	e := func(s string) { pageEscaper.WriteString(buf, s) }
	w := buf.WriteString
	a := &d.Article
	w("<!DOCTYPE html>\n<html lang=\"")
	e(d.Site.Lang)
	w("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"copydesk\">\n<link rel=\"stylesheet\" href=\"")
	w(d.Root)
	w("style.css\">\n<link rel=\"icon\" type=\"image/png\" href=\"") // langcheck:ok markup of the default theme (article.html)
	w(d.Root)
	w("favicon.png\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	e(d.Site.Title)
	w("\" href=\"")
	w(d.Root)
	w("feed.xml\">")
	if d.Canonical != "" {
		w("\n<link rel=\"canonical\" href=\"")
		w(d.Canonical)
		w("\">")
	}
	w("\n<title>")
	e(a.Title)
	w(" - ")
	e(d.Site.Title)
	w("</title>")
	if a.Summary != "" {
		w("\n<meta name=\"description\" content=\"")
		e(a.Summary)
		w("\">")
	}
	w("\n<meta name=\"copydesk:article-id\" content=\"")
	w(strconv.FormatUint(a.ID, 10))
	w("\">\n<meta name=\"copydesk:revision\" content=\"")
	w(strconv.Itoa(a.Rev))
	w("\">\n<meta name=\"copydesk:content-hash\" content=\"")
	e(a.ContentHash)
	w("\">")
	for i := range a.Approvals {
		w("\n<meta name=\"copydesk:approval\" content=\"")
		e(a.Approvals[i].JSON)
		w("\">")
	}
	w("\n<meta name=\"copydesk:provenance\" content=\"")
	e(a.Provenance)
	w("\">\n</head>\n<body>\n<header class=\"site\">\n  <div class=\"wrap\"><a class=\"site-title\" href=\"")
	w(d.Root)
	w("\">")
	e(d.Site.Title)
	w("</a></div>\n</header>\n<main class=\"wrap\">\n<article class=\"article\">\n  <h1>")
	e(a.Title)
	w("</h1>")
	if a.Subtitle != "" {
		w("\n  <p class=\"subtitle\">")
		e(a.Subtitle)
		w("</p>")
	}
	w("\n  <p class=\"meta\">\n    <span>发布人：")
	e(a.Publisher)
	w("</span>")
	if a.Byline != "" {
		w("\n    <span class=\"byline\">")
		e(a.Byline)
		w("</span>")
	}
	w("\n    <span>资讯来源：")
	e(a.Source)
	w("</span>\n    <span>发布时间：<time datetime=\"")
	e(a.DateISO)
	w("\">")
	e(a.DateText)
	w("</time></span>\n  </p>")
	if m := a.Meeting; m != nil {
		w("\n  <dl class=\"meeting\">")
		for _, f := range [...]struct{ dt, dd string }{{"会议名称", m.Name}, {"会议时间", m.Date}, {"地点", m.Place}, {"主持", m.Chair}} {
			if f.dd != "" {
				w("<div><dt>" + f.dt + "</dt><dd>")
				e(f.dd)
				w("</dd></div>")
			}
		}
		if len(m.Attendees) > 0 {
			w("<div><dt>参会人员</dt><dd>")
			e(strings.Join(m.Attendees, "、"))
			w("</dd></div>")
		}
		w("\n  </dl>")
	}
	if len(a.Corrections) > 0 {
		w("\n  <aside class=\"corrections\">")
		for _, c := range a.Corrections {
			w("\n    <p class=\"correction\"><strong>更正</strong>（<time datetime=\"")
			e(c.DateISO)
			w("\">")
			e(c.DateText)
			w("</time>）：")
			e(c.Note)
			w("</p>")
		}
		w("\n  </aside>")
	}
	w("\n  <div class=\"body\">\n")
	w(string(a.Body))
	w("\n  </div>")
	if a.CreditsHTML != "" {
		w("\n  <p class=\"credits\">")
		w(string(a.CreditsHTML))
		w("</p>")
	}
	if len(a.Approvals) > 0 {
		w("\n  <details class=\"record\">\n    <summary>签发记录 · 第 ")
		w(strconv.Itoa(a.Rev))
		w(" 版</summary>\n    <ol>")
		for i := range a.Approvals {
			ap := &a.Approvals[i]
			w("\n      <li><span class=\"stage\">")
			e(ap.Stage)
			w("</span> <span class=\"nw\">")
			e(ap.Display)
			w("</span> <time datetime=\"")
			e(ap.AtISO)
			w("\">")
			e(ap.AtText)
			w("</time> <span class=\"seq\">第 ")
			w(strconv.Itoa(ap.Rev))
			w(" 版 · 审计记录 #")
			w(strconv.FormatUint(ap.AuditSeq, 10))
			w("</span></li>")
		}
		w("\n    </ol>\n    <p class=\"hash\">内容哈希 <code title=\"")
		e(a.ContentHash)
		w("\">")
		e(a.ShortHash)
		w("</code></p>\n  </details>")
	}
	w("\n</article>\n<nav class=\"back\"><a href=\"")
	w(d.Root)
	w("\">← 返回")
	e(d.Site.Title)
	w("</a></nav>\n</main>\n<footer class=\"site\">\n  <div class=\"wrap\">")
	e(d.Site.Title)
	w(" · <a href=\"")
	w(d.Root)
	w("feed.xml\">订阅 (Atom)</a></div>\n</footer>\n</body>\n</html>\n") // langcheck:ok markup of the default theme (base.html)
}
