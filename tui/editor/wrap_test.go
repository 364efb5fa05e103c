package editor

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/lipgloss"
	"github.com/rivo/uniseg"
)

// mixedText is Chinese copy with English sentences, long words, emoji and
// combining marks.
func mixedText() string {
	return genArticle(3000, 7) + "\n" +
		"The committee met on Monday to review the draft; Wang Yin chaired the meeting and 12 members attended.\n" +
		"长链接：https://news.example.edu.cn/2024/06/18/party-committee-meeting-report.html 已发布。\n" +
		"表情👩‍👩‍👧和组合字符e\u0301以及国旗🇨🇳都是一个字符，“引号”（括号）《书名》……——结束。\n" +
		"\n" +
		"Supercalifragilisticexpialidocious-is-a-very-long-word-without-spaces 中英文混排English与中文mixed。"
}

// totalRows returns how many rows the text takes at the editor's width.
func totalRows(m Model) int {
	n := 0
	for i := range m.st.buf.lines {
		n += len(m.rows(i))
	}
	return n
}

// At widths 20, 40 and 80, every drawn row is exactly the width, the rows
// of a line put together give the line back, closing punctuation never
// starts a row, and a Latin word that fits a row is not broken.
func TestWrapMixedText(t *testing.T) {
	text := mixedText()
	for _, w := range []int{20, 40, 80} {
		m := newEditor(text, w, 10)
		m.Blur()
		h := totalRows(m)
		m.SetSize(w, h)
		view := m.View()
		if strings.Contains(view, "\x1b") {
			t.Fatalf("w=%d: colourless view has escapes", w)
		}
		rows := screen(view)
		if len(rows) != h {
			t.Fatalf("w=%d: %d rows, want %d", w, len(rows), h)
		}
		for y, r := range rows {
			if lw, uw := lipgloss.Width(r), uniseg.StringWidth(r); lw != w || uw != w {
				t.Fatalf("w=%d: row %d %q is %d cells (uniseg %d)", w, y, r, lw, uw)
			}
		}
		y := 0
		for li, l := range m.st.buf.lines {
			lrows := m.rows(li)
			var parts []string
			for r := range lrows {
				a, b := int(lrows[r]), rowEnd(lrows, r, l.n())
				content := l.s[l.offAt(a):l.offAt(b)]
				if !utf8.ValidString(content) {
					t.Fatalf("w=%d: row splits a character: %q", w, content)
				}
				if got, want := rows[y], content+strings.Repeat(" ", w-lipgloss.Width(content)); got != want {
					t.Fatalf("w=%d line %d row %d:\n got %q\nwant %q", w, li, r, got, want)
				}
				if r > 0 && a < l.n() && strings.ContainsAny(l.cluster(a), "，。、；：？！）」』》”…") {
					t.Errorf("w=%d: row starts with closing punctuation: %q", w, content)
				}
				if r > 0 && a > 0 && a < l.n() {
					checkWordNotBroken(t, w, l, a)
				}
				parts = append(parts, content)
				y++
			}
			if got := strings.Join(parts, ""); got != l.s {
				t.Fatalf("w=%d: rows of line %d give %q, want %q", w, li, got, l.s)
			}
		}
		if m.Value() != text {
			t.Fatalf("w=%d: Value() differs from the input", w)
		}
	}
}

// checkWordNotBroken fails if a row break at cluster a splits a run of
// narrow non-space characters (a Latin word) that would have fit on a row.
func checkWordNotBroken(t *testing.T, w int, l *line, a int) {
	t.Helper()
	narrow := func(i int) bool { return l.g[i].f&(fSpace|fWide) == 0 }
	if !narrow(a-1) || !narrow(a) {
		return
	}
	i, j := a-1, a
	for i > 0 && narrow(i-1) {
		i--
	}
	for j < l.n() && narrow(j) {
		j++
	}
	run := l.s[l.offAt(i):l.offAt(j)]
	if lipgloss.Width(run) <= w-2 {
		t.Errorf("w=%d: word %q broken although it fits", w, run)
	}
}

func TestWrapExamples(t *testing.T) {
	for _, tc := range []struct {
		text string
		w    int
		want []string
	}{
		// Latin breaks after spaces; a word that does not fit moves down.
		{"The quick brown fox jumps over the lazy dog", 10,
			[]string{"The quick ", "brown fox ", "jumps ", "over the ", "lazy dog"}},
		// CJK breaks anywhere, but '，' may not start a row: 五 moves down with it.
		{"一二三四五，六七八", 10, []string{"一二三四", "五，六七八"}},
		// Opening punctuation may not end a row.
		{"一二三四「五六」", 10, []string{"一二三四", "「五六」"}},
		// A wide character is never split: a 9-cell row, not a half character.
		{"abcdefghi中文", 10, []string{"abcdefghi", "中文"}},
		// A word longer than the row is broken anywhere.
		{"https://example.edu.cn/a/b", 10, []string{"https://ex", "ample.edu.", "cn/a/b"}},
		// Emoji sequences and combining marks stay whole; a row may break
		// after an emoji, so the Latin word starts a row before it is cut.
		{"ab👩‍👩‍👧cde\u0301fghij", 6, []string{"ab👩‍👩‍👧", "cde\u0301fgh", "ij"}},
		// An exactly full last row gets an empty row for the cursor.
		{"一二三四五", 10, []string{"一二三四五", ""}},
	} {
		m := newEditor(tc.text, tc.w, len(tc.want))
		m.Blur()
		var got []string
		for _, r := range screen(m.View()) {
			got = append(got, strings.TrimRight(r, " "))
		}
		want := make([]string, len(tc.want))
		for i, r := range tc.want {
			want[i] = strings.TrimRight(r, " ")
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q at %d:\n got %q\nwant %q", tc.text, tc.w, got, want)
		}
	}
}

// Only the edited line is re-wrapped: other lines keep their cached rows.
func TestEditInvalidatesOnlyItsLine(t *testing.T) {
	m := newEditor("第一段文字。\n第二段文字。\n第三段文字。", 8, 10)
	_ = m.View()
	first, third := &m.rows(0)[0], &m.rows(2)[0]
	m.SetCursor(1, 2)
	m = press(m, typed("新"))
	_ = m.View()
	if &m.rows(0)[0] != first || &m.rows(2)[0] != third {
		t.Error("editing line 1 re-wrapped other lines")
	}
	if m.st.buf.lines[1].wrapW == 0 {
		t.Error("edited line not re-wrapped for the view")
	}
}
