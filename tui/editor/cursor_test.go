package editor

import (
	"fmt"
	"strings"
	"testing"
)

// before returns the text of the cursor's line before the cursor.
func before(m Model) string {
	line, col := m.Cursor()
	l := m.st.buf.line(line)
	return l.s[:l.offAt(col)]
}

// wantCursor checks the cursor position and where View draws it.
func wantCursor(t *testing.T, m Model, line, col, row, x int, cell string) {
	t.Helper()
	if l, c := m.Cursor(); l != line || c != col {
		t.Fatalf("cursor at (%d,%d), want (%d,%d)", l, c, line, col)
	}
	m.Styles = colorStyles()
	r, cx, got := cursorCell(t, m.View())
	if r != row || cx != x || got != cell {
		t.Fatalf("cursor drawn at row %d x %d on %q, want row %d x %d on %q", r, cx, got, row, x, cell)
	}
}

func TestCursorAcrossWideCharacters(t *testing.T) {
	m := newEditor("中文ab，", 20, 3)
	wantCursor(t, m, 0, 0, 0, 0, "中")
	m = press(m, kRight)
	wantCursor(t, m, 0, 1, 0, 2, "文")
	m = press(m, kRight)
	wantCursor(t, m, 0, 2, 0, 4, "a")
	m = press(m, kEnd)
	wantCursor(t, m, 0, 5, 0, 8, " ")
	m = press(m, kLeft)
	wantCursor(t, m, 0, 4, 0, 6, "，")
}

func TestCursorOverEmojiAndCombiningMarks(t *testing.T) {
	family := "👩‍👩‍👧"
	m := newEditor("a"+family+"e\u0301b", 20, 3)
	m = press(m, kRight)
	wantCursor(t, m, 0, 1, 0, 1, family)
	m = press(m, kRight)
	wantCursor(t, m, 0, 2, 0, 3, "e\u0301")
	m = press(m, kRight)
	wantCursor(t, m, 0, 3, 0, 4, "b")

	// Backspace deletes the whole cluster, then the whole emoji sequence.
	m = press(m, kBackspace)
	if got := m.Value(); got != "a"+family+"b" {
		t.Fatalf("after backspace %q", got)
	}
	m = press(m, kBackspace)
	if got := m.Value(); got != "ab" {
		t.Fatalf("after second backspace %q", got)
	}
	// Delete also works by cluster.
	m.SetValue(family + "x")
	m = press(m, kDelete)
	if got := m.Value(); got != "x" {
		t.Fatalf("after delete %q", got)
	}

	// A combining mark typed after a letter joins it: one cluster, the
	// cursor after it.
	m.SetValue("")
	m = press(m, typed("e"), typed("\u0301"), typed("x"))
	if m.Value() != "e\u0301x" || m.Len() != 2 {
		t.Fatalf("value %q len %d", m.Value(), m.Len())
	}
	wantCursor(t, m, 0, 2, 0, 2, " ")
	m = press(m, kLeft, kLeft)
	wantCursor(t, m, 0, 0, 0, 0, "e\u0301")
}

// Up and down go through wrapped rows and keep the goal column across short
// rows, lines and wide characters.
func TestCursorGoalColumnThroughWrappedRows(t *testing.T) {
	m := newEditor("一二三四五六七八九十一二\nab\n一二三四五六七八", 10, 8)
	m = press(m, kRight, kRight, kRight)
	wantCursor(t, m, 0, 3, 0, 6, "四")
	m = press(m, kDown) // row 2 of line 0, same column
	wantCursor(t, m, 0, 8, 1, 6, "九")
	m = press(m, kDown) // short last row "一二": end of line
	wantCursor(t, m, 0, 12, 2, 4, " ")
	m = press(m, kDown) // "ab": end of line
	wantCursor(t, m, 1, 2, 3, 2, " ")
	m = press(m, kDown) // the goal column 6 is kept
	wantCursor(t, m, 2, 3, 4, 6, "四")
	m = press(m, kUp, kUp, kUp)
	wantCursor(t, m, 0, 8, 1, 6, "九")

	// A goal column in the middle of a wide character lands on it.
	m.SetValue("ab\n一二三")
	m = press(m, kRight, kDown)
	wantCursor(t, m, 1, 0, 1, 0, "一")
	// Up on the first row goes to the start, down on the last to the end.
	m = press(m, kDown)
	wantCursor(t, m, 1, 3, 1, 6, " ")
	m = press(m, kUp, kUp)
	wantCursor(t, m, 0, 0, 0, 0, "a")
}

func TestWordMoves(t *testing.T) {
	text := "Hello, world 今天开会，研究部署。  next\n第二行"
	m := newEditor(text, 80, 3)
	var got []string
	for i := 0; i < 10; i++ {
		m = press(m, kCtrlRight)
		l, _ := m.Cursor()
		got = append(got, fmt.Sprintf("%d:%s", l, before(m)))
	}
	want := []string{
		"0:Hello", "0:Hello,", "0:Hello, world", "0:Hello, world 今天开会",
		"0:Hello, world 今天开会，", "0:Hello, world 今天开会，研究部署",
		"0:Hello, world 今天开会，研究部署。", "0:Hello, world 今天开会，研究部署。  next",
		"1:", "1:第二行",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("ctrl+right stops:\n got %q\nwant %q", got, want)
	}
	got = got[:0]
	for i := 0; i < 10; i++ {
		m = press(m, kAltLeft)
		l, _ := m.Cursor()
		got = append(got, fmt.Sprintf("%d:%s", l, before(m)))
	}
	want = []string{
		"1:", "0:Hello, world 今天开会，研究部署。  next", "0:Hello, world 今天开会，研究部署。  ",
		"0:Hello, world 今天开会，研究部署", "0:Hello, world 今天开会，", "0:Hello, world 今天开会",
		"0:Hello, world ", "0:Hello, ", "0:Hello", "0:",
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("alt+left stops:\n got %q\nwant %q", got, want)
	}
	// alt+right and ctrl+left are bound too.
	m = press(m, kAltRight, kAltRight, kCtrlLeft)
	if before(m) != "Hello" {
		t.Fatalf("alt+right, alt+right, ctrl+left: %q", before(m))
	}
}

func TestDeleteWordBackward(t *testing.T) {
	m := newEditor("Hello world 今天开会，研究部署", 80, 3)
	m = press(m, kCtrlEnd, kCtrlW)
	if got := m.Value(); got != "Hello world 今天开会，" {
		t.Fatalf("ctrl+w: %q", got)
	}
	m = press(m, kAltBksp, kAltBksp)
	if got := m.Value(); got != "Hello world " {
		t.Fatalf("alt+backspace twice: %q", got)
	}
	m = press(m, kCtrlW)
	if got := m.Value(); got != "Hello " {
		t.Fatalf("ctrl+w over the space: %q", got)
	}
	// At the start of a line, it joins the line with the one before.
	m.SetValue("ab\ncd")
	m = press(m, kDown, kHome, kCtrlW)
	if got := m.Value(); got != "abcd" {
		t.Fatalf("ctrl+w at line start: %q", got)
	}
}

// A paragraph is a non-blank line; blank lines are skipped.
func TestParagraphMoves(t *testing.T) {
	m := newEditor("第一段\n第一段续\n\n第二段\n\n  \n第三段", 80, 10)
	var got []string
	for i := 0; i < 5; i++ {
		m = press(m, kCtrlDown)
		l, c := m.Cursor()
		got = append(got, fmt.Sprint(l, c))
	}
	if want := "1 0|3 0|6 0|6 3|6 3"; strings.Join(got, "|") != want {
		t.Fatalf("ctrl+down: %v, want %s", got, want)
	}
	got = got[:0]
	for i := 0; i < 5; i++ {
		m = press(m, kCtrlUp)
		l, c := m.Cursor()
		got = append(got, fmt.Sprint(l, c))
	}
	if want := "6 0|3 0|1 0|0 0|0 0"; strings.Join(got, "|") != want {
		t.Fatalf("ctrl+up: %v, want %s", got, want)
	}
}

// Home and end work on the wrapped row first, then on the line.
func TestHomeEnd(t *testing.T) {
	m := newEditor("一二三四五六七八九十一二", 10, 4)
	m.SetCursor(0, 7)
	m = press(m, kHome)
	wantCursor(t, m, 0, 5, 1, 0, "六")
	m = press(m, kHome)
	wantCursor(t, m, 0, 0, 0, 0, "一")
	m.SetCursor(0, 7)
	m = press(m, kEnd)
	wantCursor(t, m, 0, 9, 1, 8, "十")
	m = press(m, kEnd)
	wantCursor(t, m, 0, 12, 2, 4, " ")
	m = press(m, kCtrlHome)
	wantCursor(t, m, 0, 0, 0, 0, "一")
	m = press(m, kCtrlEnd)
	wantCursor(t, m, 0, 12, 2, 4, " ")
}

func numbered(n int) string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf("第%d行", i+1)
	}
	return strings.Join(lines, "\n")
}

func TestPageUpDown(t *testing.T) {
	m := newEditor(numbered(100), 20, 10)
	m = press(m, kRight, kPgDown)
	rows := screen(m.View())
	if strings.TrimSpace(rows[0]) != "第11行" || strings.TrimSpace(rows[9]) != "第20行" {
		t.Fatalf("after pgdown the screen shows %q … %q", rows[0], rows[9])
	}
	wantCursor(t, m, 10, 1, 0, 2, "1")
	m = press(m, kPgDown, kPgUp)
	wantCursor(t, m, 10, 1, 0, 2, "1")
	m = press(m, kPgUp)
	wantCursor(t, m, 0, 1, 0, 2, "1")
	m = press(m, kPgUp)
	wantCursor(t, m, 0, 0, 0, 0, "第")
	for i := 0; i < 12; i++ {
		m = press(m, kPgDown)
	}
	wantCursor(t, m, 99, 5, 9, 7, " ")
	if rows := screen(m.View()); strings.TrimSpace(rows[9]) != "第100行" {
		t.Fatalf("last screen ends with %q", rows[9])
	}
}
