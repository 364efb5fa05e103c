package export

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// summaryRunes is the length of the summary shown in lists and feeds.
const summaryRunes = 110

var (
	mdImageRE  = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	mdLinkRE   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdMarkupRE = regexp.MustCompile("[*_`~]+|<[^>]*>")
	orderedRE  = regexp.MustCompile(`^\d+[.)]\s`)
)

// summarize returns the start of the first text paragraph of a Markdown
// body as plain text, cut to about summaryRunes characters. It reads the
// Markdown source directly (no parse), so it is cheap enough to run for
// every article on every export, rendered or not. The result is escaped by
// whoever prints it.
func summarize(body string) string {
	var para []string
	inFence := false
	for line := range strings.Lines(body) {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if t == "" {
			if len(para) > 0 {
				break
			}
			continue
		}
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "<") ||
			strings.HasPrefix(t, "- ") || strings.HasPrefix(t, "* ") || strings.HasPrefix(t, "+ ") ||
			strings.HasPrefix(t, "---") || strings.HasPrefix(t, "===") || orderedRE.MatchString(t) {
			if len(para) > 0 {
				break
			}
			continue
		}
		t = strings.TrimSpace(strings.TrimLeft(t, "> "))
		t = mdImageRE.ReplaceAllString(t, "")
		t = mdLinkRE.ReplaceAllString(t, "$1")
		t = mdMarkupRE.ReplaceAllString(t, "")
		t = strings.TrimSpace(t)
		if t == "" {
			continue
		}
		para = append(para, t)
		if n := len(para); n > 0 && utf8.RuneCountInString(strings.Join(para, "")) > summaryRunes {
			break
		}
	}
	return cutRunes(joinCJK(para), summaryRunes)
}

// joinCJK joins lines, with a space only between two non-CJK ends.
func joinCJK(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(l)
			if last < 0x2E80 && first < 0x2E80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

// cutRunes cuts s to n runes, adding "…" when it was longer.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return strings.TrimSpace(s[:pos]) + "…"
		}
		i++
	}
	return s
}
