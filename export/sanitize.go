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

// bodyPolicy is bluemonday's UGC policy, tightened:
//   - URLs: http, https, mailto and relative only; they must parse;
//   - <img src> only our media files (media/<sha256>.<ext>), so no page
//     makes a request to another host;
//   - links to other hosts carry rel="nofollow noopener";
//   - the few classes our renderer emits, nothing else;
//   - alt and title may hold any text (UGC's patterns refuse "，。").
//
// The policy is safe for concurrent use once built.
func bodyPolicy() *bluemonday.Policy {
	policyOnce.Do(func() {
		p := bluemonday.UGCPolicy()
		p.AllowURLSchemes("http", "https", "mailto")
		p.RequireParseableURLs(true)
		p.AllowRelativeURLs(true)
		p.AllowAttrs("src").Matching(mediaSrcRE).OnElements("img")
		p.AllowAttrs("loading").Matching(regexp.MustCompile(`^lazy$`)).OnElements("img")
		p.AllowAttrs("rel").Matching(regexp.MustCompile(`^nofollow noopener$`)).OnElements("a")
		p.RequireNoFollowOnLinks(false) // UGC puts nofollow on every link
		p.RequireNoFollowOnFullyQualifiedLinks(true)
		// UGC's alt/title patterns refuse Chinese punctuation; the values
		// are escaped on output, so any text is safe there.
		p.AllowAttrs("alt").OnElements("img")
		p.AllowAttrs("title").OnElements("a", "img")
		p.AllowAttrs("class").Matching(regexp.MustCompile(`^credit$`)).OnElements("span")
		p.AllowElements("figure", "figcaption")
		policy = p
	})
	return policy
}

// sanitize cleans rendered HTML with bodyPolicy.
func sanitize(b []byte) []byte {
	return bodyPolicy().SanitizeBytes(b)
}
