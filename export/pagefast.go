package export

import (
	"bytes"
	"strconv"
	"strings"
)

// The default theme's article and index pages are written by
// writeDefaultArticle and writeDefaultIndex instead of running article.html
// and index.html (text/template's reflection and html/template's escaper
// calls were most of a warm export's template time, issue 15). They are
// the pages the templates print, byte for byte
// (TestDefaultArticlePageMatchesTemplate, TestDefaultIndexPageMatchesTemplate):
// when article.html, index.html or base.html changes, these must change
// with it. A theme with any .html file of its own, or a URL outside
// urlPlain, runs the templates.

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
	return urlPlain(d.Root) && urlPlain(d.Canonical)
}

// writeDefaultArticle writes the default theme's article.html for d.
func writeDefaultArticle(buf *bytes.Buffer, d *ArticlePage) {
	e := func(s string) { pageEscaper.WriteString(buf, s) }
	w := buf.WriteString
	a := &d.Article
	w("<!DOCTYPE html>\n<html lang=\"")
	e(d.Site.Lang)
	w("\">\n<head>\n")
	writeDefaultHead(buf, d.Site, d.Root, d.Canonical)
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
	w("\">\n</head>\n<body>\n")
	writeDefaultHeader(buf, d.Site, d.Root)
	w("\n<main class=\"wrap\">\n<article class=\"article\">\n  <h1>")
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
	w("</a></nav>\n</main>\n")
	writeDefaultFooter(buf, d.Site, d.Root)
	w("\n</body>\n</html>\n")
}

// writeDefaultHead writes base.html's "head".
func writeDefaultHead(buf *bytes.Buffer, site SiteData, root, canonical string) {
	w := buf.WriteString
	w("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"copydesk\">\n<link rel=\"stylesheet\" href=\"")
	w(root)
	w("style.css\">\n<link rel=\"icon\" type=\"image/png\" href=\"") // langcheck:ok markup of the default theme (base.html)
	w(root)
	w("favicon.png\">\n<link rel=\"alternate\" type=\"application/atom+xml\" title=\"")
	pageEscaper.WriteString(buf, site.Title)
	w("\" href=\"")
	w(root)
	w("feed.xml\">")
	if canonical != "" {
		w("\n<link rel=\"canonical\" href=\"")
		w(canonical)
		w("\">")
	}
}

// writeDefaultHeader writes base.html's "header".
func writeDefaultHeader(buf *bytes.Buffer, site SiteData, root string) {
	if root == "" {
		root = "./"
	}
	buf.WriteString("<header class=\"site\">\n  <div class=\"wrap\"><a class=\"site-title\" href=\"")
	buf.WriteString(root)
	buf.WriteString("\">")
	pageEscaper.WriteString(buf, site.Title)
	buf.WriteString("</a></div>\n</header>")
}

// writeDefaultFooter writes base.html's "footer".
func writeDefaultFooter(buf *bytes.Buffer, site SiteData, root string) {
	buf.WriteString("<footer class=\"site\">\n  <div class=\"wrap\">")
	pageEscaper.WriteString(buf, site.Title)
	buf.WriteString(" · <a href=\"")
	buf.WriteString(root)
	buf.WriteString("feed.xml\">订阅 (Atom)</a></div>\n</footer>") // langcheck:ok markup of the default theme (base.html)
}

// canWriteDefaultIndex reports whether writeDefaultIndex prints p.
func canWriteDefaultIndex(p *IndexPage) bool {
	if !urlPlain(p.Root) || !urlPlain(p.Canonical) || !urlPlain(p.Prev) || !urlPlain(p.Next) {
		return false
	}
	for i := range p.Entries {
		if !urlPlain(p.Entries[i].Path) || strings.Contains(p.Entries[i].Path, ":") {
			return false
		}
	}
	for i := range p.Links {
		if !urlPlain(p.Links[i].URL) {
			return false
		}
	}
	return true
}

// writeDefaultIndex writes the default theme's index.html for p.
func writeDefaultIndex(buf *bytes.Buffer, p *IndexPage) {
	e := func(s string) { pageEscaper.WriteString(buf, s) }
	w := buf.WriteString
	w("<!DOCTYPE html>\n<html lang=\"")
	e(p.Site.Lang)
	w("\">\n<head>\n")
	writeDefaultHead(buf, p.Site, p.Root, p.Canonical)
	w("\n<title>")
	e(p.Site.Title)
	if p.Page > 1 {
		w(" - 第 " + strconv.Itoa(p.Page) + " 页")
	}
	w("</title>\n</head>\n<body>\n")
	writeDefaultHeader(buf, p.Site, p.Root)
	w("\n<main class=\"wrap\">\n  <h1 class=\"list-title\">最新文章")
	if p.Page > 1 {
		w(" <small>第 " + strconv.Itoa(p.Page) + " / " + strconv.Itoa(p.Pages) + " 页</small>")
	}
	w("</h1>")
	if len(p.Entries) > 0 {
		w("\n  <ul class=\"entries\">")
		for i := range p.Entries {
			en := &p.Entries[i]
			w("\n    <li>\n      <a class=\"entry-title\" href=\"")
			w(p.Root)
			w(en.Path)
			w("\">")
			e(en.Title)
			w("</a>\n      <div class=\"entry-meta\"><time datetime=\"")
			e(en.DateISO)
			w("\">")
			e(en.DateText)
			w("</time>")
			if en.Source != "" {
				w(" · ")
				e(en.Source)
			}
			if en.Kind == "meeting" {
				w(" · ")
				e(en.KindLabel)
			}
			w("</div>")
			if en.Summary != "" {
				w("\n      <p class=\"summary\">")
				e(en.Summary)
				w("</p>")
			}
			w("\n    </li>")
		}
		w("\n  </ul>")
	} else {
		w("\n  <p class=\"empty\">暂无文章。</p>")
	}
	if p.Pages > 1 {
		w("\n  <nav class=\"pager\" aria-label=\"分页\">")
		if p.Prev != "" {
			w("<a rel=\"prev\" href=\"" + p.Prev + "\">上一页</a>")
		}
		for _, l := range p.Links {
			switch {
			case l.Gap:
				w("<span class=\"gap\">…</span>")
			case l.Current:
				w("<span class=\"current\" aria-current=\"page\">" + strconv.Itoa(l.Number) + "</span>")
			default:
				w("<a href=\"" + l.URL + "\">" + strconv.Itoa(l.Number) + "</a>")
			}
		}
		if p.Next != "" {
			w("<a rel=\"next\" href=\"" + p.Next + "\">下一页</a>")
		}
		w("\n  </nav>")
	}
	w("\n</main>\n")
	writeDefaultFooter(buf, p.Site, p.Root)
	w("\n</body>\n</html>\n")
}
