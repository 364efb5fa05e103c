package proof

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// doc is one field's text prepared for the rules: its runes, the byte offset
// of every rune and which runes are not prose (code, URLs, e-mail
// addresses, link destinations, HTML tags, list markers) and must be skipped.
type doc struct {
	s     string
	field Field
	r     []rune
	off   []int  // off[i] = byte offset of rune i; off[len(r)] = len(s)
	skip  []bool // rune i is not prose
	lines []int  // rune index of each line start
	paras []int  // rune index of each paragraph start
}

func newDoc(field Field, s string) *doc {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	n := utf8.RuneCountInString(s)
	d := &doc{s: s, field: field, r: make([]rune, 0, n), off: make([]int, 0, n+1)}
	for i, c := range s {
		d.r = append(d.r, c)
		d.off = append(d.off, i)
	}
	d.off = append(d.off, len(s))
	d.skip = make([]bool, n)
	d.lines = append(d.lines, 0)
	for i, c := range d.r {
		if c == '\n' {
			d.lines = append(d.lines, i+1)
		}
	}
	// Paragraphs as model.Paragraphs counts them: a non-empty line after
	// one or more empty lines starts the next paragraph.
	d.paras = append(d.paras, 0)
	started, prevBlank := false, false
	for k, ls := range d.lines {
		le := len(d.r)
		if k+1 < len(d.lines) {
			le = d.lines[k+1] - 1
		}
		blank := le == ls // model.Paragraphs splits on "\n\n" exactly
		if !blank && started && prevBlank {
			d.paras = append(d.paras, ls)
		}
		if !blank {
			started = true
		}
		prevBlank = blank
	}
	if field == FieldBody {
		d.maskMarkdown()
	}
	d.maskInline()
	return d
}

// rune index of byte offset b (b on a rune boundary).
func (d *doc) runeAt(b int) int {
	return sort.SearchInts(d.off, b)
}

func (d *doc) at(i int) rune {
	if i < 0 || i >= len(d.r) {
		return 0
	}
	return d.r[i]
}

func (d *doc) lineCol(i int) (line, col int) {
	l := sort.Search(len(d.lines), func(k int) bool { return d.lines[k] > i }) - 1
	return l + 1, i - d.lines[l] + 1
}

func (d *doc) para(i int) int {
	return sort.Search(len(d.paras), func(k int) bool { return d.paras[k] > i }) - 1
}

func (d *doc) str(a, b int) string { return d.s[d.off[a]:d.off[b]] }

func (d *doc) skipped(a, b int) bool {
	for i := a; i < b && i < len(d.skip); i++ {
		if d.skip[i] {
			return true
		}
	}
	return false
}

func (d *doc) mask(a, b int) {
	for i := max(a, 0); i < b && i < len(d.skip); i++ {
		d.skip[i] = true
	}
}

// maskMarkdown marks fenced and indented code blocks and ordered-list
// markers ("12. ", "3) "); other Markdown syntax uses no mark the rules check.
func (d *doc) maskMarkdown() {
	var fence rune
	fenceLen := 0
	prevBlank := true
	inIndented := false
	for k, ls := range d.lines {
		le := len(d.r)
		if k+1 < len(d.lines) {
			le = d.lines[k+1] - 1
		}
		j := ls // first non-space rune of the line
		for j < le && d.r[j] == ' ' {
			j++
		}
		indent := j - ls
		blank := true
		for m := j; m < le; m++ {
			if !isSpace(d.r[m]) {
				blank = false
				break
			}
		}
		run := func(c rune) int {
			n := 0
			for m := j; m < le && d.r[m] == c; m++ {
				n++
			}
			return n
		}
		switch {
		case fence != 0:
			d.mask(ls, le)
			if n := run(fence); indent < 4 && n >= fenceLen {
				rest := true
				for m := j + n; m < le; m++ {
					if !isSpace(d.r[m]) {
						rest = false
					}
				}
				if rest {
					fence = 0
				}
			}
		case indent < 4 && (run('`') >= 3 || run('~') >= 3):
			fence = d.r[j]
			fenceLen = run(fence)
			d.mask(ls, le)
		case !blank && (d.at(ls) == '\t' || indent >= 4) && (prevBlank || inIndented):
			inIndented = true
			d.mask(ls, le)
		default:
			if !blank {
				inIndented = false
			}
			k2 := j
			for k2 < le && isDigit(d.r[k2]) && k2-j < 9 {
				k2++
			}
			if k2 > j && k2 < le && (d.r[k2] == '.' || d.r[k2] == ')') && (k2+1 == le || d.r[k2+1] == ' ') {
				d.mask(j, k2+1)
			}
		}
		prevBlank = blank
	}
}

// maxSpanScan bounds how far a code span or link destination is looked for
// (runes), so a line full of unmatched backticks stays linear.
const maxSpanScan = 4000

func isURLRune(c rune) bool {
	return c < 0x80 && c > ' ' && c != '<' && c != '>' && c != '"' && c != '`'
}

// maskInline marks code spans, URLs, e-mail addresses, link destinations
// and HTML tags/autolinks.
func (d *doc) maskInline() {
	r := d.r
	n := len(r)
	for i := 0; i < n; i++ {
		if d.skip[i] {
			continue
		}
		c := r[i]
		switch {
		case c == '`' && d.field == FieldBody:
			j := i
			for j < n && r[j] == '`' {
				j++
			}
			run := j - i
			// find a closing run of the same length before the paragraph ends
			for k := j; k < n && k-j < maxSpanScan; k++ {
				if r[k] == '\n' && k+1 < n && r[k+1] == '\n' {
					break
				}
				if r[k] == '`' {
					m := k
					for m < n && r[m] == '`' {
						m++
					}
					if m-k == run {
						d.mask(i, m)
						i = m - 1
						break
					}
					k = m - 1
				}
			}
		case c == 'h' || c == 'H' || c == 'f' || c == 'w' || c == 'W':
			if l := urlAt(r, i); l > 0 {
				e := i + l
				// trailing sentence punctuation is not part of the URL
				for e > i && strings.ContainsRune(".,:;!?'", r[e-1]) {
					e--
				}
				if e > i && r[e-1] == ')' && !strings.ContainsRune(string(r[i:e]), '(') {
					e--
				}
				d.mask(i, e)
				i = e - 1
			}
		case c == '@':
			a := i
			for a > 0 && isEmailLocal(r[a-1]) {
				a--
			}
			b := i + 1
			idn := false // an internationalised domain (RFC 6531/5890: 用户@例子.中国)
			for b < n {
				c := r[b]
				if isAlnum(c) || c == '-' || c == '.' {
					b++
					continue
				}
				if isIDNRune(c) && (b == i+1 || r[b-1] >= 0x80 || r[b-1] == '.' || r[b-1] == '-') {
					idn = true
					b++
					continue
				}
				break
			}
			for b > i+1 && r[b-1] == '.' {
				b--
			}
			if (a < i || idn) && b > i+1 && strings.ContainsRune(string(r[i+1:b]), '.') {
				d.mask(a, b)
				i = b - 1
			}
		case c == ']' && i+1 < n && r[i+1] == '(' && d.field == FieldBody:
			depth := 0
			for k := i + 1; k < n && r[k] != '\n' && k-i < maxSpanScan; k++ {
				if r[k] == '(' {
					depth++
				} else if r[k] == ')' {
					depth--
					if depth == 0 {
						d.mask(i+1, k+1)
						i = k
						break
					}
				}
			}
		case c == '<' && d.field == FieldBody && i+1 < n && (isASCIILetter(r[i+1]) || r[i+1] == '/' || r[i+1] == '!'):
			for k := i + 1; k < n && r[k] != '\n' && k-i < 2000; k++ {
				if r[k] == '>' {
					d.mask(i, k+1)
					i = k
					break
				}
				if r[k] == '<' {
					break
				}
			}
		}
	}
}

// urlAt returns the length in runes of a URL starting at i, or 0.
func urlAt(r []rune, i int) int {
	if i > 0 && (isAlnum(r[i-1]) || r[i-1] == '.' || r[i-1] == '/') {
		return 0
	}
	rest := r[i:]
	pre := 0
	for _, p := range []string{"https://", "http://", "ftp://", "www."} {
		if hasPrefixFold(rest, p) {
			pre = len(p)
			break
		}
	}
	if pre == 0 {
		return 0
	}
	k := pre
	inPath := false
	for k < len(rest) {
		c := rest[k]
		if isURLRune(c) {
			inPath = inPath || c == '/' || c == '?' || c == '#'
			k++
			continue
		}
		// A letter outside ASCII belongs to an internationalised host
		// (RFC 5890: 例子.中国) at the host's start or after a label
		// boundary, or to a path or query (RFC 3987 IRI: /路径?名=值) at
		// a segment's start; after ASCII text it is the prose that follows
		// the address (www.example.cn了解详情).
		if !isIDNRune(c) {
			break
		}
		prev := rest[k-1]
		if k == pre || prev >= 0x80 || prev == '.' || prev == '-' ||
			(inPath && strings.ContainsRune("/?#=&_", prev)) {
			k++
			continue
		}
		break
	}
	if k == pre {
		return 0
	}
	return k
}

// isIDNRune reports a letter, digit or combining mark outside ASCII: what
// an internationalised domain label or IRI path may hold besides ASCII.
// Chinese punctuation (。，？) is none of these and always ends an address.
func isIDNRune(c rune) bool {
	return c >= 0x80 && (unicode.IsLetter(c) || unicode.IsNumber(c) || unicode.Is(unicode.Mn, c))
}

func hasPrefixFold(r []rune, p string) bool {
	if len(r) < len(p) {
		return false
	}
	for k := 0; k < len(p); k++ {
		if unicode.ToLower(r[k]) != rune(p[k]) {
			return false
		}
	}
	return true
}

func isEmailLocal(c rune) bool {
	return isAlnum(c) || strings.ContainsRune("._%+-", c)
}

func isASCIILetter(c rune) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }
func isDigit(c rune) bool       { return c >= '0' && c <= '9' }
func isAlnum(c rune) bool       { return isASCIILetter(c) || isDigit(c) }
func isSpace(c rune) bool       { return c == ' ' || c == '\t' || c == '\u3000' }

// isHan reports a CJK ideograph.
func isHan(c rune) bool {
	return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) || c == '〇' ||
		(c >= 0x20000 && c <= 0x2FA1F) || (c >= 0xF900 && c <= 0xFAFF)
}

// fullPunct is the set of Chinese (full-width) punctuation marks.
const fullPunct = "，。、；：？！“”‘’《》〈〉（）【】「」『』…—～·"

func isFullPunct(c rune) bool { return c >= 0x2000 && strings.ContainsRune(fullPunct, c) }

// isChinese: a Han character or a Chinese punctuation mark.
func isChinese(c rune) bool { return isHan(c) || isFullPunct(c) }
