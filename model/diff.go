package model

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/rivo/uniseg"
	"github.com/sergi/go-diff/diffmatchpatch"
)

// DiffOp says what a [DiffChunk] does to the old text.
type DiffOp int

// The three kinds of chunk.
const (
	// DiffEqual is text present in both versions.
	DiffEqual DiffOp = iota
	// DiffInsert is text only in the new version.
	DiffInsert
	// DiffDelete is text only in the old version.
	DiffDelete
)

// String returns "equal", "insert" or "delete".
func (op DiffOp) String() string {
	switch op {
	case DiffEqual:
		return "equal"
	case DiffInsert:
		return "insert"
	case DiffDelete:
		return "delete"
	}
	return "DiffOp(" + strconv.Itoa(int(op)) + ")"
}

// DiffChunk is one run of text of a diff. Concatenating the Equal and Delete
// chunks of a diff gives the old text; the Equal and Insert chunks give the
// new text.
type DiffChunk struct {
	Op   DiffOp
	Text string
}

// DiffTimeout bounds the time [Diff] spends looking for a minimal diff. Real
// edits of an article finish in a few milliseconds, and for them the result
// is deterministic; only when two versions share almost nothing can the
// search hit the bound and fall back to a coarser (still exact) diff.
const DiffTimeout = time.Second

// Diff compares two versions of a text character by character and returns
// the chunks that turn old into new, cleaned up so that an edit to Chinese
// text reads as whole phrases rather than scattered characters
// (diff-match-patch's semantic cleanup).
//
// A "character" is a user-perceived character, a grapheme cluster: an emoji
// ZWJ sequence, a flag, a letter with combining marks or CR LF is never split
// across chunks. Adjacent chunks never have the same Op, and no chunk is
// empty. Invalid UTF-8 is carried through byte for byte, so the old and new
// texts can always be reconstructed exactly.
func Diff(old, new string) []DiffChunk {
	if old == new {
		if old == "" {
			return nil
		}
		return []DiffChunk{{DiffEqual, old}}
	}
	m := newDiffClusterMap(old, new)
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = DiffTimeout
	diffs := dmp.DiffMainRunes(m.runes1, m.runes2, false)
	diffs = dmp.DiffCleanupSemantic(diffs)

	chunks := make([]DiffChunk, 0, len(diffs))
	for _, d := range diffs {
		if d.Text == "" {
			continue
		}
		var op DiffOp
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = DiffInsert
		case diffmatchpatch.DiffDelete:
			op = DiffDelete
		default:
			op = DiffEqual
		}
		text := m.decode(d.Text)
		if n := len(chunks); n > 0 && chunks[n-1].Op == op {
			chunks[n-1].Text += text
			continue
		}
		chunks = append(chunks, DiffChunk{op, text})
	}
	return chunks
}

// DiffStats counts the characters (grapheme clusters) inserted and deleted by
// a diff.
func DiffStats(chunks []DiffChunk) (inserted, deleted int) {
	for _, c := range chunks {
		switch c.Op {
		case DiffInsert:
			inserted += diffClusterCount(c.Text)
		case DiffDelete:
			deleted += diffClusterCount(c.Text)
		}
	}
	return inserted, deleted
}

// diffClusterMap turns two texts into rune sequences with one rune per grapheme
// cluster, so that diff-match-patch, which works on runes, can never split a
// cluster. A cluster that is a single valid rune stands for itself, so the
// semantic cleanup still sees real letters, punctuation and line breaks; any
// other cluster (emoji sequences, combining marks, CR LF, invalid bytes) gets
// a code point from the supplementary private use areas that occurs in
// neither text.
type diffClusterMap struct {
	runes1, runes2 []rune
	codes          map[rune]string // private code point → cluster
}

// Private use code points handed out to multi-rune clusters.
const (
	diffPUAAStart, diffPUAAEnd = 0xF0000, 0xFFFFD
	diffPUABStart, diffPUABEnd = 0x100000, 0x10FFFD
)

func newDiffClusterMap(old, new string) *diffClusterMap {
	m := &diffClusterMap{}
	var used map[rune]bool // private code points that occur in the texts
	var multi []string     // multi-rune clusters in order of appearance
	seen := map[string]bool{}
	scan := func(s string) {
		diffForEachCluster(s, func(c string, single rune) {
			if single >= 0 {
				if single >= diffPUAAStart {
					if used == nil {
						used = map[rune]bool{}
					}
					used[single] = true
				}
				return
			}
			if !seen[c] {
				seen[c] = true
				multi = append(multi, c)
			}
		})
	}
	scan(old)
	scan(new)

	ids := make(map[string]rune, len(multi))
	if len(multi) > 0 {
		m.codes = make(map[rune]string, len(multi))
		next := rune(diffPUAAStart)
		for _, c := range multi {
			for used[next] {
				next = diffNextPUA(next)
			}
			if next < 0 {
				// Out of private code points (over 130,000 distinct
				// multi-rune clusters): fall back to one code for the
				// whole text so that nothing is ever split.
				return diffWholeTextMap(old, new, used)
			}
			ids[c] = next
			m.codes[next] = c
			next = diffNextPUA(next)
		}
	}
	encode := func(s string) []rune {
		rs := make([]rune, 0, utf8.RuneCountInString(s))
		diffForEachCluster(s, func(c string, single rune) {
			if single >= 0 {
				rs = append(rs, single)
			} else {
				rs = append(rs, ids[c])
			}
		})
		return rs
	}
	m.runes1 = encode(old)
	m.runes2 = encode(new)
	return m
}

// diffNextPUA returns the private code point after r, or -1 when none is left.
func diffNextPUA(r rune) rune {
	switch {
	case r < diffPUAAEnd:
		return r + 1
	case r == diffPUAAEnd:
		return diffPUABStart
	case r < diffPUABEnd:
		return r + 1
	}
	return -1
}

// diffWholeTextMap encodes each text as a single code point: the diff is then a
// plain replacement, coarse but exact.
func diffWholeTextMap(old, new string, used map[rune]bool) *diffClusterMap {
	m := &diffClusterMap{codes: map[rune]string{}}
	var free []rune
	for r := rune(diffPUAAStart); r >= 0 && len(free) < 2; r = diffNextPUA(r) {
		if !used[r] {
			free = append(free, r)
		}
	}
	if old != "" {
		m.runes1 = []rune{free[0]}
		m.codes[free[0]] = old
	}
	if new != "" {
		m.runes2 = []rune{free[1]}
		m.codes[free[1]] = new
	}
	return m
}

// decode turns diff text back into the original clusters.
func (m *diffClusterMap) decode(s string) string {
	if len(m.codes) == 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if c, ok := m.codes[r]; ok {
			b.WriteString(c)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// diffClusterCount returns the number of grapheme clusters in s.
func diffClusterCount(s string) int {
	n := 0
	diffForEachCluster(s, func(string, rune) { n++ })
	return n
}

// diffForEachCluster calls f for each grapheme cluster of s. single is the rune
// when the cluster is exactly one valid rune, and -1 otherwise. Runs of
// runes whose clusters are certainly single (ASCII, Han, CJK and general
// punctuation, full-width forms) skip the grapheme state machine.
func diffForEachCluster(s string, f func(c string, single rune)) {
	state := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if size > 1 || r != utf8.RuneError {
			if diffSimpleRune(r) {
				next, _ := utf8.DecodeRuneInString(s[i+size:])
				if i+size == len(s) || diffSimpleRune(next) {
					f(s[i:i+size], r)
					i += size
					state = -1
					continue
				}
			}
		}
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[i:], state)
		if cr, n := utf8.DecodeRuneInString(c); n == len(c) && (cr != utf8.RuneError || n > 1) {
			f(c, cr)
		} else {
			f(c, -1)
		}
		i += len(c)
	}
}

// diffSimpleRune reports whether r is certain to form a grapheme cluster on its
// own when it is followed by another simple rune: it is none of CR, Prepend,
// Extend, ZWJ, SpacingMark, Regional Indicator, Hangul jamo or syllable, nor
// an Extended_Pictographic that a ZWJ could join.
func diffSimpleRune(r rune) bool {
	switch {
	case r >= 0x20 && r < 0x7f, r == '\n', r == '\t':
		return true
	case r >= 0x4e00 && r <= 0x9fff, r >= 0x3400 && r <= 0x4dbf: // Han
		return true
	case r >= 0x3000 && r <= 0x3029, r >= 0x3030 && r <= 0x303f: // CJK punctuation (U+302A–U+302F are marks)
		return r != 0x3030 && r != 0x303d // wavy dash and part alternation mark are pictographic
	case r >= 0xff01 && r <= 0xff60: // full-width forms
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2030 && r <= 0x203b, r >= 0x203d && r <= 0x2048, r >= 0x204a && r <= 0x205e:
		return true // general punctuation (U+203C and U+2049 are pictographic)
	}
	return false
}

// DiffHunk is one entry of a folded diff (see [FoldDiff]): either a hunk —
// changes with the unchanged context around them — or a fold, a marker that
// stands for a stretch of unchanged text the reviewer need not read.
//
// Reading the entries in order, the old text is the folds' Text together
// with the Equal and Delete chunks of the hunks; the new text is the folds'
// Text with the Equal and Insert chunks.
type DiffHunk struct {
	// Fold is true for a fold marker and false for a hunk.
	Fold bool
	// Chunks are a hunk's changes and context, in order; nil for a fold.
	Chunks []DiffChunk
	// Text is the unchanged text a fold stands for, so that the UI can
	// expand it on demand; empty for a hunk.
	Text string
	// FoldedChars is the number of characters (grapheme clusters) of a
	// fold's Text; zero for a hunk.
	FoldedChars int
	// FoldedLines is the number of line breaks in a fold's Text; zero for a
	// hunk.
	FoldedLines int
	// OldLine and NewLine are the 1-based line numbers, in the old and the
	// new text, at which the entry starts.
	OldLine, NewLine int
}

// FoldDiff groups a diff into hunks for review. Every unchanged stretch that
// is longer than 2*context characters between two changes (longer than
// context before the first change or after the last) is folded: context
// characters stay on each side of it and the rest becomes a fold marker
// holding the left-out text and the number of characters and line breaks in
// it.
//
// Hunks follow paragraphs: the context kept after a change stops at the end
// of the change's line (paragraph) and the context kept before a change
// starts at the beginning of its line, and an unchanged stretch too short to
// fold but containing a line break ends one hunk at that line break and
// starts the next. So a reviewer reads the changes paragraph by paragraph,
// and a hunk ends either with a line break, at a fold, or at the end of the
// text. A diff without changes folds into a single marker; a negative
// context counts as zero.
func FoldDiff(chunks []DiffChunk, context int) []DiffHunk {
	if context < 0 {
		context = 0
	}
	chunks = mergeDiffChunks(chunks)
	f := diffFolder{oldLine: 1, newLine: 1}
	for i, c := range chunks {
		if c.Op != DiffEqual {
			f.add(c)
			continue
		}
		first, last := i == 0, i == len(chunks)-1
		n := diffClusterCount(c.Text)
		switch {
		case first && last:
			f.fold(c.Text, n)
		case first:
			if n <= context {
				f.add(c)
				break
			}
			cut := diffTailStart(c.Text, context)
			f.fold(c.Text[:cut], -1)
			f.add(DiffChunk{DiffEqual, c.Text[cut:]})
		case last:
			if n <= context {
				f.add(c)
				break
			}
			cut := diffHeadEnd(c.Text, context)
			f.add(DiffChunk{DiffEqual, c.Text[:cut]})
			f.fold(c.Text[cut:], -1)
		case n > 2*context:
			head := diffHeadEnd(c.Text, context)
			tail := diffTailStart(c.Text, context)
			f.add(DiffChunk{DiffEqual, c.Text[:head]})
			f.fold(c.Text[head:tail], -1)
			f.add(DiffChunk{DiffEqual, c.Text[tail:]})
		default:
			if nl := strings.IndexByte(c.Text, '\n'); nl >= 0 {
				f.add(DiffChunk{DiffEqual, c.Text[:nl+1]})
				f.close()
				f.add(DiffChunk{DiffEqual, c.Text[nl+1:]})
			} else {
				f.add(c)
			}
		}
	}
	f.close()
	return f.out
}

// diffFolder accumulates the entries of FoldDiff.
type diffFolder struct {
	out              []DiffHunk
	cur              *DiffHunk // the open hunk, if any
	oldLine, newLine int       // line numbers at the current position
}

// add appends a chunk to the open hunk, opening one if needed.
func (f *diffFolder) add(c DiffChunk) {
	if c.Text == "" {
		return
	}
	if f.cur == nil {
		f.cur = &DiffHunk{OldLine: f.oldLine, NewLine: f.newLine}
	}
	if n := len(f.cur.Chunks); n > 0 && f.cur.Chunks[n-1].Op == c.Op {
		f.cur.Chunks[n-1].Text += c.Text
	} else {
		f.cur.Chunks = append(f.cur.Chunks, c)
	}
	lines := strings.Count(c.Text, "\n")
	if c.Op != DiffInsert {
		f.oldLine += lines
	}
	if c.Op != DiffDelete {
		f.newLine += lines
	}
}

// close ends the open hunk.
func (f *diffFolder) close() {
	if f.cur != nil {
		f.out = append(f.out, *f.cur)
		f.cur = nil
	}
}

// fold closes the open hunk and appends a fold for text; chars is its
// character count, or -1 to count it here.
func (f *diffFolder) fold(text string, chars int) {
	if text == "" {
		return
	}
	f.close()
	if chars < 0 {
		chars = diffClusterCount(text)
	}
	lines := strings.Count(text, "\n")
	f.out = append(f.out, DiffHunk{
		Fold:        true,
		Text:        text,
		FoldedChars: chars,
		FoldedLines: lines,
		OldLine:     f.oldLine,
		NewLine:     f.newLine,
	})
	f.oldLine += lines
	f.newLine += lines
}

// diffHeadEnd returns the byte length of the context kept after a change:
// at most n characters of s, and nothing past the first line break.
func diffHeadEnd(s string, n int) int {
	end := 0
	state := -1
	for i := 0; i < n && end < len(s); i++ {
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[end:], state)
		if strings.HasPrefix(c, "\n") || strings.HasPrefix(c, "\r") {
			break
		}
		end += len(c)
	}
	return end
}

// diffTailStart returns the byte offset where the context kept before a
// change starts: at most n characters from the end of s, and nothing before
// the last line break.
func diffTailStart(s string, n int) int {
	if n == 0 {
		return len(s)
	}
	start := 0
	if nl := strings.LastIndexByte(s, '\n'); nl >= 0 {
		start = nl + 1
	}
	// Cluster boundaries from start to the end; keep the last n.
	var bounds []int
	state := -1
	for i := start; i < len(s); {
		bounds = append(bounds, i)
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[i:], state)
		i += len(c)
	}
	if len(bounds) <= n {
		return start
	}
	return bounds[len(bounds)-n]
}

// mergeDiffChunks drops empty chunks and joins neighbours with the same Op.
func mergeDiffChunks(chunks []DiffChunk) []DiffChunk {
	out := make([]DiffChunk, 0, len(chunks))
	for _, c := range chunks {
		if c.Text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Op == c.Op {
			out[n-1].Text += c.Text
			continue
		}
		out = append(out, c)
	}
	return out
}
