package editor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// ctrl+end on a 5,000-line article shows its last rows with the cursor on
// the bottom row; ctrl+home shows the first rows again.
func TestJumpToEndAndBack(t *testing.T) {
	lines := make([]string, 5000)
	for i := range lines {
		lines[i] = strings.Repeat("第", 1+i%7) + "段落" + strings.Repeat("文字", i%50)
	}
	lines[4999] = "全文完。"
	text := strings.Join(lines, "\n")
	m := newEditor(text, 40, 12)
	m = press(m, kCtrlEnd)
	wantCursor(t, m, 4999, 4, 11, 8, " ")
	rows := screen(m.View())
	if strings.TrimRight(rows[11], " ") != "全文完。" {
		t.Fatalf("bottom row %q", rows[11])
	}
	// The rows above are the end of the lines before, wrapped.
	prev := strings.Join(lines[4990:4999], "")
	shown := ""
	for _, r := range rows[:11] {
		shown += strings.TrimRight(r, " ")
	}
	if !strings.HasSuffix(prev, shown) || len(shown) == 0 {
		t.Fatalf("rows above the last line are not the end of the lines before it: %q", shown)
	}
	// Only the last screen was wrapped, not the whole document.
	wrapped := 0
	for _, l := range m.st.buf.lines {
		if l.wrapW != 0 {
			wrapped++
		}
	}
	if wrapped > 20 {
		t.Errorf("%d lines wrapped for one screen", wrapped)
	}
	m = press(m, kCtrlHome)
	wantCursor(t, m, 0, 0, 0, 0, "第")
	if rows := screen(m.View()); strings.TrimRight(rows[0], " ") != "第段落" || strings.TrimRight(rows[1], " ") != "第第段落文字" {
		t.Fatalf("top rows %q %q", rows[0], rows[1])
	}
}

// Escape sequences and control characters in the text are drawn as visible
// placeholders and never reach the terminal.
func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	text := "red \x1b[31mRED\x1b[0m title \x1b]0;pwned\x07 csi \u009b2J bidi \u202eevil nul \x00 bs \b del \x7f tab\tend\n" +
		"\x1b[2J\x1b[H清屏\x1b]52;c;aGk=\x07剪贴板\xff"
	m := newEditor(text, 40, 6)
	v := m.View()
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 && c != '\n' || c == 0x7f {
			t.Fatalf("raw control byte %#x in view:\n%q", c, v)
		}
	}
	for _, bad := range []string{"\u009b", "\u202e", "\u0085"} {
		if strings.Contains(v, bad) {
			t.Fatalf("raw %q in view", bad)
		}
	}
	got := strings.Join(screen(v), "\n")
	for _, want := range []string{"^[[31mRED^[[0m", "^[]0;pwned^G", "�2J", "�evil", "^@", "^H", "^?", "tab    end", "^[[2J^[[H清屏", "剪贴板�"} {
		if !strings.Contains(strings.ReplaceAll(got, "\n", ""), want) {
			t.Errorf("view does not show %q:\n%s", want, got)
		}
	}
	for _, r := range screen(v) {
		if lipgloss.Width(r) != 40 {
			t.Errorf("row %q is %d cells", r, lipgloss.Width(r))
		}
	}
	if m.Value() != text {
		t.Error("the text itself was changed")
	}

	// With colours, the only escapes are the editor's own SGR sequences,
	// and the cursor on an ESC shows ^[ in reverse video.
	m.Styles = colorStyles()
	m = press(m, kRight, kRight, kRight, kRight)
	v = m.View()
	if rest := sgr.ReplaceAllString(v, ""); strings.ContainsAny(rest, "\x1b\x07\x00") {
		t.Fatalf("escapes other than SGR in view: %q", rest)
	}
	if _, x, cell := cursorCell(t, v); x != 4 || cell != "^[" {
		t.Fatalf("cursor on ESC drawn as %q at %d", cell, x)
	}
}

func TestViewSizeAndBlur(t *testing.T) {
	m := newEditor(genArticle(500, 3), 33, 7)
	m.Styles = colorStyles()
	rows := strings.Split(m.View(), "\n")
	if len(rows) != 7 {
		t.Fatalf("%d rows, want 7", len(rows))
	}
	for _, r := range rows {
		if lipgloss.Width(r) != 33 {
			t.Fatalf("row %q is %d cells", r, lipgloss.Width(r))
		}
	}
	if !strings.Contains(m.View(), "\x1b[7m") {
		t.Fatal("focused editor draws no cursor")
	}
	m.Blur()
	if strings.Contains(m.View(), "\x1b[7m") {
		t.Fatal("blurred editor draws a cursor")
	}
	m = press(m, typed("x"))
	if strings.Contains(m.Value(), "x") {
		t.Fatal("blurred editor took a key")
	}
}

func TestPlaceholder(t *testing.T) {
	m := newEditor("", 20, 3)
	m.Placeholder = "请输入正文……"
	rows := screen(m.View())
	if strings.TrimRight(rows[0], " ") != "请输入正文……" || lipgloss.Width(rows[0]) != 20 {
		t.Fatalf("placeholder row %q", rows[0])
	}
	m.Styles = colorStyles()
	if _, x, cell := cursorCell(t, m.View()); x != 0 || cell != "请" {
		t.Fatalf("cursor on placeholder: %q at %d", cell, x)
	}
	m = press(m, typed("正"))
	if rows := screen(m.View()); strings.TrimRight(rows[0], " ") != "正" {
		t.Fatalf("placeholder still shown: %q", rows[0])
	}
}

func TestLineNumbers(t *testing.T) {
	m := newEditor("一二三四五六七八\n第二行", 14, 4)
	m.ShowLineNumbers = true
	m.SetSize(14, 4)
	rows := screen(m.View())
	want := []string{"  1 一二三四五", "    六七八", "  2 第二行", ""}
	for i, w := range want {
		if strings.TrimRight(rows[i], " ") != w || lipgloss.Width(rows[i]) != 14 {
			t.Errorf("row %d %q, want %q", i, rows[i], w)
		}
	}
}

// Resizing keeps the first visible text on screen and re-wraps.
func TestResize(t *testing.T) {
	m := newEditor(numbered(50), 20, 5)
	m = press(m, kPgDown, kPgDown)
	m.SetSize(6, 5)
	rows := screen(m.View())
	// "第11行" fills the 6 cells exactly, so an empty row follows it for
	// the cursor at its end.
	if strings.TrimSpace(rows[0]) != "第11行" || strings.TrimSpace(rows[1]) != "" || strings.TrimSpace(rows[2]) != "第12行" {
		t.Fatalf("after resize to 6 the top rows are %q", rows[:3])
	}
	m.SetSize(4, 5)
	rows = screen(m.View())
	if strings.TrimSpace(rows[0]) != "第11" || strings.TrimSpace(rows[1]) != "行" {
		t.Fatalf("after resize to 4 the top rows are %q", rows[:2])
	}
	if l, _ := m.Cursor(); l != 10 {
		t.Fatalf("cursor line %d", l)
	}
}
