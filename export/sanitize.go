package export

import (
	"bytes"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/microcosm-cc/bluemonday"
)

// mediaSrcRE is the only form an <img src> may take in an article body:
// one of our media files, relative to the page.
var mediaSrcRE = regexp.MustCompile(`^(\.\./)*media/[0-9a-f]{64}\.[a-z0-9]{1,5}$`)

// bodyElements are the elements an article body may hold (with the
// attributes bodyPolicy allows, or none).
var bodyElements = []string{"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
	"strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small",
	"code", "pre", "kbd", "samp", "var", "abbr", "q", "cite", "dfn", "time",
	"blockquote", "ul", "ol", "li", "dl", "dt", "dd",
	"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
	"figure", "figcaption", "span", "div"}

var (
	policyOnce sync.Once
	policy     *bluemonday.Policy
)

// bodyPolicy is bluemonday's UGC policy, tightened. It is written out here
// rather than built on bluemonday.UGCPolicy(), because bluemonday only adds
// attribute rules (a later, stricter rule cannot replace UGC's "any img
// src"). Compared with UGC:
//   - URLs: http, https, mailto and relative only; they must parse;
//   - <img src> only our media files (media/<sha256>.<ext>), so no page
//     makes a request to another host;
//   - links to other hosts carry rel="nofollow" as bluemonday writes it
//     (no target attribute is allowed, so a link never opens a window
//     that noopener would guard); internal links get no rel;
//   - no id, class (except the credit span), style, usemap, area/map;
//   - alt and title may hold any text (UGC's patterns refuse "，。"); the
//     values are escaped on output.
//
// The policy is safe for concurrent use once built.
func bodyPolicy() *bluemonday.Policy {
	policyOnce.Do(func() {
		p := bluemonday.NewPolicy()
		p.AllowStandardURLs()
		p.AllowURLSchemes("http", "https", "mailto")
		p.RequireNoFollowOnLinks(false)
		p.RequireNoFollowOnFullyQualifiedLinks(true)

		p.AllowElements(bodyElements...)

		p.AllowAttrs("href").OnElements("a")
		p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow noopener$`)).OnElements("a")
		p.AllowAttrs("title").OnElements("a", "img", "abbr")

		p.AllowAttrs("src").Matching(mediaSrcRE).OnElements("img")
		p.AllowAttrs("alt").OnElements("img")
		p.AllowAttrs("width", "height").Matching(bluemonday.Integer).OnElements("img")
		p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")

		p.AllowAttrs("start").Matching(bluemonday.Integer).OnElements("ol")
		p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|center|right)$`)).OnElements("th", "td")
		p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("th", "td")
		// GFM task lists: <input checked="" disabled="" type="checkbox">.
		p.AllowAttrs("type").Matching(regexp.MustCompile(`^checkbox$`)).OnElements("input")
		p.AllowAttrs("checked", "disabled").Matching(regexp.MustCompile(`^(|checked|disabled)$`)).OnElements("input")

		p.AllowAttrs("class").Matching(regexp.MustCompile(`^credit$`)).OnElements("span")
		policy = p
	})
	return policy
}

// sanitize cleans rendered HTML with bodyPolicy. The result is byte for
// byte bluemonday's (bodyPolicy().SanitizeBytes(b)): cleanSubset writes it
// directly when b is in the subset it can vouch for, which is what our
// renderer makes of a body without raw HTML; anything else goes through
// bluemonday whole.
func sanitize(b []byte) []byte {
	var out strings.Builder
	if cleanSubset(&out, b) {
		return []byte(out.String())
	}
	return bodyPolicy().SanitizeBytes(b)
}

// sanitizeString is sanitize returning a string (without a copy on the
// usual path).
func sanitizeString(b []byte) string {
	var out strings.Builder
	if cleanSubset(&out, b) {
		return out.String()
	}
	return string(bodyPolicy().SanitizeBytes(b))
}

// cleanSubset writes to out what bodyPolicy().SanitizeBytes(b) returns,
// without running bluemonday's tokenizer and policy over the whole of b,
// or returns false when b is not in the subset it handles (then the
// caller discards out and runs bluemonday). The subset, and why the output is bluemonday's:
//
//   - Text with no '<' except at a tag (below), no NUL or CR, and '&' only
//     in &amp; &lt; &gt; &quot; &#39; &#34;. bluemonday writes a text
//     token as html.EscapeString of its unescaped text (x/net/html's
//     escaping of & ' < > "), which is what the text table writes.
//   - Tags exactly of the form <name>, </name> or <name a="v" b="v"…>
//     with lowercase ASCII names (the form goldmark and our renderers
//     write). x/net/html starts every such tag in the data state, so a
//     tag tokenizes alone as it does in context; bluemonday's verdict on
//     a start or end tag depends only on the tag itself as long as no tag
//     before it was dropped (a dropped tag starts the skipping of a
//     closing tag or of an element's content). So each tag is sanitized
//     alone by bluemonday (cached by its bytes), and the first tag it
//     drops whole, or an element whose content is raw text, sends all of
//     b to bluemonday.
//
// Anything else (comments, doctypes, other entities, unquoted or bare
// attributes, self-closing slashes, uppercase) is not in the subset.
// FuzzSanitizeSubset checks the claim on arbitrary input and on rendered
// Markdown.
func cleanSubset(out *strings.Builder, b []byte) bool {
	out.Grow(len(b) + len(b)/32)
	for i := 0; i < len(b); {
		c := b[i]
		if textByte[c] == 0 {
			j := i + 1
			for j < len(b) && textByte[b[j]] == 0 {
				j++
			}
			out.Write(b[i:j])
			i = j
			continue
		}
		switch c {
		case '<':
			end := subsetTag(b, i)
			if end < 0 {
				return false
			}
			clean, ok := cleanTag(b[i:end])
			if !ok {
				return false
			}
			out.Write(clean)
			i = end
		case '&':
			n, esc := subsetEntity(b[i:])
			if n == 0 {
				return false
			}
			out.WriteString(esc)
			i += n
		case '"':
			out.WriteString("&#34;")
			i++
		case '\'':
			out.WriteString("&#39;")
			i++
		case '>':
			out.WriteString("&gt;") // langcheck:ok HTML character reference
			i++
		default: // NUL, CR
			return false
		}
	}
	return true
}

// textByte marks the bytes text cannot copy as they are (see cleanSubset).
var textByte = func() (t [256]byte) {
	for _, c := range "<&\"'>\x00\r" {
		t[c] = 1
	}
	return t
}()

// subsetEntity returns the length of the character reference at the start
// of s and what bluemonday writes for it, or 0 when it is not one of the
// references cleanSubset handles.
func subsetEntity(s []byte) (int, string) {
	for _, e := range [...]struct{ ref, esc string }{
		{"&amp;", "&amp;"}, {"&lt;", "&lt;"}, {"&gt;", "&gt;"}, {"&quot;", "&#34;"}, {"&#39;", "&#39;"}, {"&#34;", "&#34;"},
	} {
		if len(s) >= len(e.ref) && string(s[:len(e.ref)]) == e.ref {
			return len(e.ref), e.esc
		}
	}
	return 0, ""
}

// subsetTag returns the end (exclusive) of the tag at b[i] == '<', or -1
// when it is not of a form cleanSubset handles: <name>, </name>, <name a="v" …>; names and attribute names
// lowercase ASCII letters, digits and (attributes) '-'.
func subsetTag(b []byte, i int) int {
	j := i + 1
	closing := j < len(b) && b[j] == '/'
	if closing {
		j++
	}
	if j >= len(b) || b[j] < 'a' || b[j] > 'z' {
		return -1
	}
	for j < len(b) && (b[j] >= 'a' && b[j] <= 'z' || b[j] >= '0' && b[j] <= '9') {
		j++
	}
	for j < len(b) {
		switch {
		case b[j] == '>':
			return j + 1
		case closing || b[j] != ' ':
			return -1
		}
		j++ // the space
		k := j
		for j < len(b) && (b[j] >= 'a' && b[j] <= 'z' || j > k && (b[j] >= '0' && b[j] <= '9' || b[j] == '-')) {
			j++
		}
		if j == k || j+1 >= len(b) || b[j] != '=' || b[j+1] != '"' {
			return -1
		}
		q := bytes.IndexByte(b[j+2:], '"')
		if q < 0 {
			return -1
		}
		j += 2 + q + 1
	}
	return -1
}

// rawTextElements are the elements whose content x/net/html does not
// tokenize as markup: a tag after one of them is not alone.
var rawTextElements = map[string]bool{"iframe": true, "noembed": true, "noframes": true, "noscript": true,
	"plaintext": true, "script": true, "style": true, "textarea": true, "title": true, "xmp": true}

var (
	tagCacheMu sync.RWMutex
	tagCache   = map[string][]byte{} // tag → bluemonday's output for it alone
	tagCacheN  atomic.Int32
)

// tagCacheMax bounds the tags remembered (each at most 256 bytes).
const tagCacheMax = 4096

// plainTags are the start and end tags without attributes of
// bodyElements that bluemonday, given one alone, writes as they are: a
// table built once and only read, so the most frequent tags (<p>, </td>)
// need no lock.
var plainTags = sync.OnceValue(func() map[string]bool {
	m := map[string]bool{}
	for _, name := range bodyElements {
		if rawTextElements[name] {
			continue
		}
		for _, t := range []string{"<" + name + ">", "</" + name + ">"} {
			if string(bodyPolicy().SanitizeBytes([]byte(t))) == t {
				m[t] = true
			}
		}
	}
	return m
})

// cleanTag returns bluemonday's output for tag alone, or false when it
// drops the tag whole or the tag opens a raw-text element.
func cleanTag(tag []byte) ([]byte, bool) {
	if plainTags()[string(tag)] {
		return tag, true
	}
	tagCacheMu.RLock()
	clean, ok := tagCache[string(tag)]
	tagCacheMu.RUnlock()
	if ok {
		return clean, true
	}
	name := tag[1:]
	if name[0] == '/' {
		name = name[1:]
	}
	if k := bytes.IndexAny(name, " >"); k >= 0 {
		name = name[:k]
	}
	if rawTextElements[string(name)] {
		return nil, false
	}
	clean = bodyPolicy().SanitizeBytes(tag)
	if len(clean) == 0 {
		return nil, false
	}
	if len(tag) <= 256 && tagCacheN.Load() < tagCacheMax {
		tagCacheMu.Lock()
		if _, ok := tagCache[string(tag)]; !ok {
			tagCache[string(tag)] = clean
			tagCacheN.Add(1)
		}
		tagCacheMu.Unlock()
	}
	return clean, true
}
