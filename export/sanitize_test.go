package export

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

const hostileTitle = `</title><script>alert("t")</script>标题`

// hostileBody tries every way we know to get script into a page.
const hostileBody = "正文第一段，包含<script>alert(1)</script>脚本。\n\n" +
	"<script>alert(2)</script>\n\n" +
	"<img src=x onerror=alert(3)>\n\n" +
	`<iframe src="https://evil.example/"></iframe>` + "\n\n" +
	"<svg onload=alert(4)><circle r=5/></svg>\n\n" +
	`<object data="x.swf"></object><embed src="x.swf">` + "\n\n" +
	`<div onclick="alert(5)">点击</div><style>body{display:none}</style>` + "\n\n" +
	`<a href="javascript:alert(6)">html link</a> <form action="https://evil.example/"><input name=q></form>` + "\n\n" +
	"[a](javascript:alert(7)) [b](JaVaScRiPt:alert(8)) [c](javascript&colon;alert(9)) [d](vbscript:msgbox(10))\n\n" +
	"[e](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMSk8L3NjcmlwdD4=) [f](  javascript:alert(12)) [g](java\tscript:alert(13))\n\n" +
	"[h](&#106;avascript:alert(14)) <javascript:alert(15)> [i](<javascript:alert(16)>)\n\n" +
	"![j](javascript:alert(17)) ![k](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMTgpPg==) ![l](https://evil.example/track.png)\n\n" +
	`![m"><script>alert(19)</script>](media:` + "MEDIAID" + `)` + "\n\n" +
	"<math><mi xlink:href=\"javascript:alert(20)\">x</mi></math> <details open ontoggle=alert(21)>x</details>\n\n" +
	"`<script>alert(22)</script>` 行内代码只是文字。\n\n" +
	"```html\n<script>alert(23)</script>\n```\n\n" +
	"[外部链接](https://example.org/page) [站内链接](../2/) [邮件](mailto:news@example.edu.cn)\n"

// hostileSource is one article whose every text field is hostile.
func hostileSource() *memSource {
	img := newMedia(genPNG(1, 40, 30), "../../etc/passwd", `<script>alert("cap")</script>`, `"><img src=x onerror=alert("credit")>`)
	a := Article{
		ID: 7, Kind: "meeting", Title: hostileTitle,
		Subtitle:      `"><img src=x onerror=alert("sub")>`,
		Source:        `<script>alert("src")</script>宣传部`,
		Publisher:     `<iframe src=javascript:alert(1)>`,
		Authors:       []string{`<b onmouseover=alert(1)>x</b>`},
		Photographers: []string{`<svg onload=alert("ph")>`},
		Body:          strings.ReplaceAll(hostileBody, "MEDIAID", img.ID),
		Rev:           2, SignedAt: baseTime, UpdatedAt: baseTime,
		Meeting: &Meeting{Name: `<script>alert("m")</script>`, Date: "2025-03-01", Place: `javascript:alert(1)`, Chair: `<img src=x onerror=1>`, Attendees: []string{`<script>`}},
	}
	rehash(&a, baseTime)
	a.Approvals[0].Display = `<script>alert("rev")</script>`
	a.Approvals[0].Stage = `"><script>alert("stage")</script>`
	return &memSource{arts: []Article{a}, media: map[string]MediaFile{img.ID: img}}
}

// checkNoActiveContent parses an HTML document and fails on anything that
// could run code or load from elsewhere.
func checkNoActiveContent(t *testing.T, name string, doc []byte) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("%s: parse: %v", name, err)
	}
	forbidden := map[string]bool{"script": true, "iframe": true, "frame": true, "svg": true, "object": true,
		"embed": true, "math": true, "style": true, "form": true, "base": true, "applet": true, "video": true, "audio": true}
	urlAttrs := map[string]bool{"href": true, "src": true, "action": true, "formaction": true, "data": true,
		"poster": true, "srcset": true, "xlink:href": true, "background": true, "cite": true, "ping": true}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if forbidden[n.Data] {
				t.Errorf("%s: forbidden element <%s>", name, n.Data)
			}
			for _, a := range n.Attr {
				key := strings.ToLower(a.Key)
				if a.Namespace != "" {
					key = a.Namespace + ":" + key
				}
				if strings.HasPrefix(key, "on") {
					t.Errorf("%s: event handler attribute %s=%q on <%s>", name, a.Key, a.Val, n.Data)
				}
				if key == "style" {
					t.Errorf("%s: style attribute on <%s>", name, n.Data)
				}
				if urlAttrs[key] {
					v := strings.ToLower(strings.Map(func(r rune) rune {
						if r <= ' ' {
							return -1
						}
						return r
					}, a.Val))
					for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:"} {
						if strings.HasPrefix(v, bad) {
							t.Errorf("%s: %s URL in <%s %s=%q>", name, bad, n.Data, a.Key, a.Val)
						}
					}
					if (key == "src" || key == "srcset" || key == "poster" || key == "data") &&
						(strings.Contains(v, "//") || strings.HasPrefix(v, "/")) {
						t.Errorf("%s: <%s %s=%q> loads from another host", name, n.Data, a.Key, a.Val)
					}
				}
				if n.Data == "link" && key == "href" && (strings.Contains(a.Val, "//") && !strings.HasPrefix(a.Val, "https://news.example.edu.cn/")) {
					t.Errorf("%s: <link href=%q> points to another host", name, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
}

func TestHostileContentIsInert(t *testing.T) {
	src := hostileSource()
	dir := t.TempDir()
	opts := Options{BaseURL: "https://news.example.edu.cn/", SiteTitle: `<script>alert("site")</script>校园网`}
	mustExport(t, src, dir, opts)

	var pages int
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch {
		case strings.HasSuffix(p, ".html"):
			pages++
			checkNoActiveContent(t, rel, b)
		case strings.HasSuffix(p, ".xml"):
			if err := xml.Unmarshal(b, new(struct{})); err != nil {
				t.Errorf("%s: not well-formed XML: %v", rel, err)
			}
		case strings.HasSuffix(p, ".json"):
			if !json.Valid(b) {
				t.Errorf("%s: not valid JSON", rel)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages != 2 {
		t.Fatalf("want 2 HTML pages, got %d", pages)
	}

	page := readSite(t, dir, "articles/7/index.html")
	doc, _ := html.Parse(strings.NewReader(page))
	if got := textOf(find(doc, "title")); !strings.HasPrefix(got, hostileTitle) {
		t.Errorf("title text = %q, want it to start with the hostile title as text", got)
	}
	if got := textOf(find(doc, "h1")); got != hostileTitle {
		t.Errorf("h1 text = %q", got)
	}
	for _, want := range []string{
		`<a href="https://example.org/page" rel="nofollow noopener">外部链接</a>`,
		`<a href="../2/">站内链接</a>`,
		`<a href="mailto:news@example.edu.cn">邮件</a>`,
		`<figure><img src="../../media/`,
		`&lt;script&gt;alert(22)&lt;/script&gt;`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(page, "evil.example/track.png\"") && strings.Contains(page, "<img src=\"https://evil") {
		t.Error("an external image is loaded")
	}
	feed := readSite(t, dir, "feed.xml")
	var f struct {
		Entries []struct {
			Title string `xml:"title"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(feed), &f); err != nil || len(f.Entries) != 1 || f.Entries[0].Title != hostileTitle {
		t.Errorf("feed title round trip: %+v, %v", f, err)
	}
}

// TestSanitizerAlone feeds raw hostile HTML straight to the sanitizer
// (the same policy every article body goes through).
func TestSanitizerAlone(t *testing.T) {
	raw := `<p>ok</p><script>alert(1)</script><img src=x onerror=alert(2)><img src="https://evil.example/x.png">
<iframe src="//evil.example"></iframe><svg onload=alert(3)></svg><object data=x></object><embed src=x>
<a href="javascript:alert(4)">a</a><a href="JaVaScRiPt:alert(5)">b</a><a href="javascript&colon;alert(6)">c</a>
<a href="vbscript:msgbox(7)">d</a><a href="data:text/html,<script>alert(8)</script>">e</a>
<a href=" &#x6a;avascript:alert(9)">f</a><a href="https://ok.example/" onmouseover="alert(10)">g</a>
<img src="data:image/png;base64,iVBORw0KGgo="><img src="../../media/` + strings.Repeat("a", 64) + `.png" onload="x">
<p style="background:url(javascript:alert(11))">s</p><math><a xlink:href="javascript:alert(12)">m</a></math>`
	out := sanitize([]byte(raw))
	checkNoActiveContent(t, "sanitized", append([]byte("<!DOCTYPE html><html><body>"), out...))
	if !bytes.Contains(out, []byte(`<img src="../../media/`+strings.Repeat("a", 64)+`.png">`)) {
		t.Errorf("our media image was dropped: %s", out)
	}
	if !bytes.Contains(out, []byte(`href="https://ok.example/" rel="nofollow"`)) {
		t.Errorf("external link lacks nofollow: %s", out)
	}
}

func find(n *html.Node, tag string) *html.Node {
	if n.Type == html.ElementNode && n.Data == tag {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, tag); f != nil {
			return f
		}
	}
	return nil
}

// textOf is the text of n's subtree, leaving out the elements named in
// skip (script, style …).
func textOf(n *html.Node, skip ...string) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && slices.Contains(skip, n.Data) {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// TestRawHTMLKeepsText: HTML inside Markdown (as in archives imported from
// an old site) keeps its text and allowed markup, loses the rest.
func TestRawHTMLKeepsText(t *testing.T) {
	body := `<p style="text-align:center">居中的一段文字</p>

<div align="center" class="x"><strong>加粗的标题</strong></div>

<center>旧式居中</center>

正文里有<br>换行，还有<font color="red">红色的字</font>和<span style="color:red">行内样式</span>。
`
	st := &mdState{article: 1, used: map[string]bool{}, prefix: "../../"}
	raw, err := renderMarkdown(st, body)
	if err != nil {
		t.Fatal(err)
	}
	out := string(sanitize(raw))
	for _, want := range []string{"<p>居中的一段文字</p>", "<div><strong>加粗的标题</strong></div>", "旧式居中", "<br>", "红色的字", "<span>行内样式</span>"} {
		if !strings.Contains(out, want) {
			t.Errorf("lost %q in %s", want, out)
		}
	}
	for _, bad := range []string{"style=", "align=", "class=", "<font", "<center"} {
		if strings.Contains(out, bad) {
			t.Errorf("kept %q: %s", bad, out)
		}
	}
}
