package export

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// subsetSeeds are HTML and Markdown inputs for FuzzSanitizeSubset: our
// renderer's ordinary output, the hostile bodies of the earlier attack
// rounds, raw HTML that bluemonday rewrites or drops, and forms just
// outside the subset.
var subsetSeeds = []string{
	hostileBody,
	"<p>正文 &amp; &lt;b&gt; &quot;引号&quot; 'x' &#39; &#34; a > b</p>\n",
	`<p><a href="https://example.org/a" rel="nofollow noopener">外部</a> <a href="../2/">站内</a> <a href="mailto:a@b.cn">邮件</a></p>`,
	`<a href="javascript:alert(1)">x</a><a href="JaVaScRiPt:alert(2)">y</a><a href="&#106;avascript:alert(3)">z</a>`,
	`<a href=" javascript:alert(4)">x</a><a href="java&#x09;script:alert(5)">y</a><a href="data:text/html,x">d</a>`,
	`<img src="../../media/` + strings.Repeat("a", 64) + `.png" alt="图&quot;&gt;&lt;script&gt;" width="96" height="64" loading="lazy">`,
	`<img src="https://evil.example/x.png" alt="x"><img src="x" onerror="alert(1)">`,
	`<figure><img src="media/` + strings.Repeat("b", 64) + `.jpg" alt="说明" loading="lazy"><figcaption>说明<span class="credit">摄：张三</span></figcaption></figure>`,
	`<table><thead><tr><th align="left">左</th><th align="center">中</th><th align="right">右</th><th align="justify">x</th></tr></thead><tbody><tr><td align="left">1</td></tr></tbody></table>`,
	`<ul><li><input checked="" disabled="" type="checkbox"> 完成</li><li><input disabled="" type="checkbox"> 未完成</li></ul>`,
	`<ol start="3"><li>三</li></ol><ol start="x"><li>x</li></ol>`,
	`<p style="text-align:center">居中</p><div align="center" class="x"><strong>粗</strong></div><center>旧</center><font color="red">红</font>`,
	`<script>alert(1)</script>后文<style>p{}</style><title>t</title><textarea><p>x</p></textarea><xmp><b>x</b></xmp>`,
	`<svg onload="alert(1)"><circle r="5"></circle></svg><math><mi xlink:href="javascript:alert(2)">x</mi></math>`,
	`<!-- 注释 --><!DOCTYPE html><?xml x?><P>大写</P><p >空格</p><br/><br /><hr>` + "\r\n\x00",
	`<a href="https://ok.example/" title="标题&quot;onmouseover=&quot;x">g</a><abbr title="x">缩写</abbr>`,
	"&copy; &nbsp; &#x41; &amp &ampx; &lt", "<", "</", "<a", `<a href="`, "</p", "<p x>",
	"正文第一段。\n\n## 标题\n\n1. 一\n2. 二\n\n> 引用 **粗** *斜* ~~删~~ `code <b>`\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n- [x] 完成\n- [ ] 未完成\n",
	"[a](javascript:alert(7)) [b](<javascript:alert(16)>) <javascript:alert(15)> ![j](javascript:alert(17)) ![l](https://evil.example/t.png)\n",
	"www.example.org 与 https://example.org/路径 以及 news@example.edu.cn，还有<https://x.example/>\n",
	"脚注[^1]。\n\n[^1]: 注释内容 <b>粗</b> [链接](https://example.org)\n",
	"[e](data:text/html;base64,PHNjcmlwdD4=) [g](java\tscript:alert(13)) [h](&#106;avascript:alert(14)) [c](javascript&colon;alert(9))\n",
	`![m"><script>alert(19)</script>](https://example.org/x.png "t\"><script>")` + "\n\n[标题](https://example.org/ \"title 'x' \\\"y\\\"\")\n",
	"```html\n<script>alert(23)</script>\n```\n\n    缩进代码 <i>\n\n行一\\\n行二  \n行三\n",
	"<div>\n*强调* <span onclick=\"x\">文字</span>\n</div>\n\n<details open ontoggle=alert(21)>x</details>\n",
}

// checkSubset fails when the sanitizer's output differs from bluemonday's
// for b, or when cleanSubset vouches for b and gets it wrong.
func checkSubset(t *testing.T, what string, b []byte) {
	t.Helper()
	want := bodyPolicy().SanitizeBytes(b)
	var sb strings.Builder
	if ok := cleanSubset(&sb, b); ok && sb.String() != string(want) {
		t.Fatalf("%s: cleanSubset differs from bluemonday\ninput: %q\ngot:   %q\nwant:  %q", what, b, sb.String(), want)
	}
	if got := sanitizeString(b); got != string(want) {
		t.Fatalf("%s: sanitizeString differs from bluemonday\ninput: %q\ngot:   %q\nwant:  %q", what, b, got, want)
	}
	if got := sanitize(b); !bytes.Equal(got, want) {
		t.Fatalf("%s: sanitize differs from bluemonday\ninput: %q\ngot:   %q\nwant:  %q", what, b, got, want)
	}
}

// FuzzSanitizeSubset: whatever the input, as HTML or as a Markdown body
// rendered by our renderer, the sanitizer writes exactly what the
// bluemonday policy writes, so the shortcut never lets through anything
// the policy would strip. `go test ./export -run '^$' -fuzz FuzzSanitizeSubset`.
func FuzzSanitizeSubset(f *testing.F) {
	for _, s := range subsetSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkSubset(t, "html", []byte(s))
		st := &mdState{article: 1, used: map[string]bool{}, prefix: "../../"}
		if raw, err := renderMarkdown(st, s); err == nil {
			checkSubset(t, "markdown", raw)
		}
	})
}

// TestSanitizeSubsetTakesOrdinaryBodies: the bodies of the benchmark
// corpus (headings, lists, tables, quotes, links, photos) and ordinary
// Chinese text are in the subset, so they skip bluemonday's pass, with
// its output; raw HTML that bluemonday must rewrite is not.
func TestSanitizeSubsetTakesOrdinaryBodies(t *testing.T) {
	src := genSource(9, 3000, 2)
	for _, a := range src.arts {
		media, ids := mediaOf(t, src, &a)
		st := &mdState{article: a.ID, media: media, used: map[string]bool{}, prefix: "../../"}
		raw, err := renderMarkdown(st, a.Body)
		if err != nil {
			t.Fatal(err)
		}
		var sb strings.Builder
		ok := cleanSubset(&sb, raw)
		got := []byte(sb.String())
		if !ok {
			t.Fatalf("article %d: not in the subset:\n%s", a.ID, raw)
		}
		if want := bodyPolicy().SanitizeBytes(raw); !bytes.Equal(got, want) {
			t.Fatalf("article %d: differs from bluemonday:\n got %s\nwant %s", a.ID, got, want)
		}
		if len(ids) > 0 && !bytes.Contains(got, []byte("<figure><img src=\"../../media/")) {
			t.Errorf("article %d: photo lost: %s", a.ID, got)
		}
	}
	for _, s := range subsetSeeds {
		checkSubset(t, "seed", []byte(s))
	}
	for _, raw := range []string{
		`<p onclick="x">a</p>`, `<a href="javascript:alert(1)">x</a>`, `<script>x</script>`, `<p>a<!-- c --></p>`,
		`<a href="https://evil.example/">x</a>`, `<img src="https://evil.example/x.png">`,
	} {
		var out strings.Builder
		if ok := cleanSubset(&out, []byte(raw)); ok && out.String() == raw {
			t.Errorf("%s: passed through unchanged", raw)
		}
	}
}

// FuzzPlainTextWriter: the page's text writer writes what goldmark's
// (with escaped spaces, as the CJK extension sets it) writes, for Write
// and RawWrite.
func FuzzPlainTextWriter(f *testing.F) {
	for _, s := range []string{"正文，没有特殊字符。", `a\*b\ c &amp; &#x41; &#65; &copy; &bogus; < > " ' ` + "\x00", `\`, "&", "中\\ 文", "\\\x00"} {
		f.Add(s)
	}
	ref := gmhtml.NewWriter(gmhtml.WithEscapedSpace())
	ours := plainTextWriter{ref}
	f.Fuzz(func(t *testing.T, s string) {
		for _, raw := range []bool{false, true} {
			var want, got bytes.Buffer
			ww, gw := bufio.NewWriter(&want), bufio.NewWriter(&got)
			if raw {
				ref.RawWrite(ww, []byte(s))
				ours.RawWrite(gw, []byte(s))
			} else {
				ref.Write(ww, []byte(s))
				ours.Write(gw, []byte(s))
			}
			_, _ = ww.Flush(), gw.Flush()
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("raw=%v %q: got %q, want %q", raw, s, got.Bytes(), want.Bytes())
			}
		}
	})
}

// TestPlainTags: the common tags of a body are in the lock-free table,
// and nothing bluemonday would change or drop is.
func TestPlainTags(t *testing.T) {
	m := plainTags()
	for _, tag := range []string{"<p>", "</p>", "<td>", "</td>", "<li>", "</li>", "<strong>", "</blockquote>", "<br>", "<figure>"} {
		if !m[tag] {
			t.Errorf("%s not in the table", tag)
		}
	}
	for tag := range m {
		if got := string(bodyPolicy().SanitizeBytes([]byte(tag))); got != tag {
			t.Errorf("%s: bluemonday writes %q", tag, got)
		}
	}
	for _, tag := range []string{"<a>", "<img>", "<input>", "<script>", "<title>", "<style>"} {
		if m[tag] {
			t.Errorf("%s in the table", tag)
		}
	}
}
