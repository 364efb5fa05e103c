package export

import (
	"regexp"
	"sync"

	"github.com/microcosm-cc/bluemonday"
)

// mediaSrcRE is the only form an <img src> may take in an article body:
// one of our media files, relative to the page.
var mediaSrcRE = regexp.MustCompile(`^(\.\./)*media/[0-9a-f]{64}\.[a-z0-9]{1,5}$`)

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
//   - links to other hosts carry rel="nofollow noopener" (internal links
//     get no rel);
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

		p.AllowElements("p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6",
			"strong", "em", "b", "i", "u", "s", "del", "ins", "sub", "sup", "mark", "small",
			"code", "pre", "kbd", "samp", "var", "abbr", "q", "cite", "dfn", "time",
			"blockquote", "ul", "ol", "li", "dl", "dt", "dd",
			"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
			"figure", "figcaption", "span", "div")

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

// sanitize cleans rendered HTML with bodyPolicy.
func sanitize(b []byte) []byte {
	return bodyPolicy().SanitizeBytes(b)
}
