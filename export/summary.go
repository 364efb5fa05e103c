package export

import (
	"strings"
	"unicode/utf8"
)

// summaryRunes is the length of the summary shown in lists and feeds.
const summaryRunes = 110

// summarize returns the start of the first text paragraph of a Markdown
// body as plain text, cut to about summaryRunes characters. It reads the
// Markdown source directly (no parse) and stops after that paragraph, so it
// costs about a microsecond whatever the length of the body. The result is
// escaped by whoever prints it.
func summarize(body string) string {
	var b strings.Builder
	n := 0
	inFence := false
	for len(body) > 0 && n <= summaryRunes {
		var line string
		if i := strings.IndexByte(body, '\n'); i >= 0 {
			line, body = body[:i], body[i+1:]
		} else {
			line, body = body, ""
		}
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if t == "" || isBlockStart(t) {
			if b.Len() > 0 {
				break
			}
			continue
		}
		t = strings.TrimSpace(strings.TrimLeft(t, "> "))
		t = plainInline(t)
		if t == "" {
			continue
		}
		if b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(t)
			if last < 0x2E80 && first < 0x2E80 {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t)
		n += utf8.RuneCountInString(t)
	}
	return cutRunes(b.String(), summaryRunes)
}

// isBlockStart tells whether a trimmed line starts a block that is not
// running text: heading, table, HTML, list item, rule.
func isBlockStart(t string) bool {
	switch t[0] {
	case '#', '|', '<':
		return true
	case '-', '*', '+':
		return len(t) == 1 || t[1] == ' ' || t[1] == t[0]
	case '=':
		return strings.Trim(t, "=") == ""
	}
	i := 0
	for i < len(t) && t[i] >= '0' && t[i] <= '9' {
		i++
	}
	return i > 0 && i+1 < len(t) && (t[i] == '.' || t[i] == ')') && t[i+1] == ' '
}

// plainInline drops inline Markdown: images go, links keep their text,
// emphasis, code and strike marks and inline HTML tags go.
func plainInline(s string) string {
	if !strings.ContainsAny(s, "![]*_`~<") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				if end := linkEnd(s, i+1); end > 0 {
					i = end - 1
					continue
				}
			}
		case '[':
			if end := linkEnd(s, i); end > 0 {
				close := strings.IndexByte(s[i:], ']') + i
				b.WriteString(plainInline(s[i+1 : close]))
				i = end - 1
				continue
			}
		case '*', '_', '`', '~':
			continue
		case '<':
			if j := strings.IndexByte(s[i:], '>'); j > 0 {
				i += j
				continue
			}
		}
		b.WriteByte(c)
	}
	return strings.TrimSpace(b.String())
}

// linkEnd returns the index just past "[text](dest)" starting at s[i]
// == '[', or 0 when it is not a link.
func linkEnd(s string, i int) int {
	close := strings.IndexByte(s[i:], ']')
	if close < 0 {
		return 0
	}
	j := i + close + 1
	if j >= len(s) || s[j] != '(' {
		return 0
	}
	end := strings.IndexByte(s[j:], ')')
	if end < 0 {
		return 0
	}
	return j + end + 1
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
