package model

import (
	"strings"
	"unicode"

	"github.com/rivo/uniseg"
)

// Ellipsis is appended to text that was shortened.
const Ellipsis = "…"

// maxClusterBytes bounds the bytes Shorten keeps per character: a crafted
// "character" of thousands of combining marks ends the text before it
// instead of making a 110-character summary megabytes long.
const maxClusterBytes = 64

// Shorten returns s cut to at most n user-perceived characters (Unicode
// grapheme clusters, UAX #29: a flag, a ZWJ emoji sequence or a letter with
// its accents count as one), followed by [Ellipsis] when anything was cut.
// It never cuts inside a cluster, never drops a character before the cut,
// trims white space before the ellipsis, and reads at most about n
// clusters of s whatever its length. n <= 0 gives "" (or the ellipsis
// alone when s is not empty).
//
// It is the one rule for every place that shortens user text for display:
// comment quotes ([Quote]), summaries on the public site and in the feed,
// log lines. Terminal columns, which are cut by display width, use the
// same grapheme rule (tui's cut helper).
func Shorten(s string, n int) string {
	if s == "" {
		return s
	}
	state, i, count := -1, 0, 0
	for i < len(s) {
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[i:], state)
		if count == n || (len(c) > maxClusterBytes && n*maxClusterBytes < i+len(c)) {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + Ellipsis
		}
		count++
		i += len(c)
	}
	return s
}
