package editor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
)

// markedText returns, for each screen row of a View drawn with
// colorStyles, the text drawn underlined (SGR 4), joined per row.
func markedText(v string) []string {
	var out []string
	for _, row := range strings.Split(v, "\n") {
		var sb strings.Builder
		on := false
		for i := 0; i < len(row); {
			if row[i] == 0x1b {
				j := strings.IndexByte(row[i:], 'm')
				seq := row[i+2 : i+j]
				on = false
				for _, p := range strings.Split(seq, ";") {
					if p == "4" {
						on = true
					}
				}
				i += j + 1
				continue
			}
			if on {
				sb.WriteByte(row[i])
			}
			i++
		}
		out = append(out, sb.String())
	}
	return out
}

// Marks are drawn underlined on exactly their text, wrapped CJK rows keep
// their display width, and the sign column shows each row's most severe
// sign, so the marks read without colour too.
func TestMarksDrawnInlineWithSigns(t *testing.T) {
	text := "会议在北京召开,代表们参加了讨论.\n第二段没有问题。\n第三段的的重复。"
	m := New()
	m.Styles = colorStyles()
	m.ShowSigns = true
	m.SetSize(20, 8)
	m.SetValue(text)
	l0 := "会议在北京召开"
	m.SetMarks([]Mark{
		{Line: 0, From: len(l0), To: len(l0) + 1, Kind: MarkError, ID: 1},
		{Line: 0, From: len("会议在北京召开,代表们参加了讨论"), To: len("会议在北京召开,代表们参加了讨论."), Kind: MarkWarning, ID: 2},
		{Line: 2, From: len("第三段"), To: len("第三段的的"), Kind: MarkHint, ID: 3},
		{Line: 9, From: 0, To: 1},        // no such line: dropped
		{Line: 1, From: 1, To: 2},        // inside a character: dropped
		{Line: 1, From: 0, To: len("第")}, // fine (ID 0)
	})
	if n := len(m.Marks()); n != 4 {
		t.Fatalf("%d marks kept, want 4: %+v", n, m.Marks())
	}
	v := m.View()
	rows := screen(v)
	for i, r := range rows {
		if w := lipgloss.Width(r); w != 20 {
			t.Errorf("row %d is %d cells wide: %q", i, w, r)
		}
	}
	// 18 cells of text a row: "会议在北京召开,代表" is 15+… (wrapped by width)
	if !strings.HasPrefix(rows[0], "✗ 会议在北京召开,") {
		t.Errorf("row 0 %q: want the error sign and the text", rows[0])
	}
	if !strings.HasPrefix(rows[1], "! ") || !strings.Contains(rows[1], "讨论.") {
		t.Errorf("row 1 %q: want the warning sign on the row with the ASCII full stop", rows[1])
	}
	um := markedText(v)
	if um[0] != "," || um[1] != "." {
		t.Errorf("underlined %q %q, want \",\" and \".\"", um[0], um[1])
	}
	if !strings.HasPrefix(rows[3], "· ") || um[3] != "的的" {
		t.Errorf("row 3 %q underlined %q", rows[3], um[3])
	}
	// Without colour: the signs remain, the text is unchanged.
	m.Styles = asciiStyles()
	plain := screen(m.View())
	if !strings.HasPrefix(plain[0], "✗ ") || !strings.HasPrefix(plain[3], "· ") || strings.Contains(m.View(), "\x1b") {
		t.Errorf("colourless view %q", plain)
	}
}

// Edits keep marks on their text: an edit before a mark moves it (also
// across lines), an edit touching it removes it; undo does not resurrect a
// stale position.
func TestMarksFollowEdits(t *testing.T) {
	m := newEditor("甲乙,丙丁.\n戊己", 40, 5)
	m.SetMarks([]Mark{{Line: 0, From: len("甲乙"), To: len("甲乙,"), ID: 1}, {Line: 0, From: len("甲乙,丙丁"), To: len("甲乙,丙丁."), ID: 2}, {Line: 1, From: 0, To: len("戊"), ID: 3}})
	m = press(m, typed("前")) // at the start of line 0: everything after moves
	ms := m.Marks()
	if len(ms) != 3 || ms[0].From != len("前甲乙") || ms[1].From != len("前甲乙,丙丁") || ms[2].Line != 1 {
		t.Fatalf("after typing before: %+v", ms)
	}
	m = press(m, kEnter) // a new line before: the marks move down a line
	ms = m.Marks()
	if ms[0].Line != 1 || ms[0].From != 0+len("甲乙") || ms[2].Line != 2 {
		t.Fatalf("after a newline: %+v", ms)
	}
	m.SelectMark(ms[0])
	if k, ok := m.MarkAt(); !ok || k.ID != 1 {
		t.Fatalf("MarkAt after SelectMark: %+v %v", k, ok)
	}
	if !m.ReplaceRange(ms[0].Line, ms[0].From, ms[0].To, "，") {
		t.Fatal("ReplaceRange refused")
	}
	ms = m.Marks()
	if len(ms) != 2 || ms[0].ID != 2 || ms[0].From != len("甲乙，丙丁") {
		t.Fatalf("after replacing the marked comma: %+v", ms)
	}
	if m.Value() != "前\n甲乙，丙丁.\n戊己" {
		t.Fatalf("text %q", m.Value())
	}
	m = press(m, kUndo)
	if m.Value() != "前\n甲乙,丙丁.\n戊己" {
		t.Fatalf("undo gave %q", m.Value())
	}
	for _, k := range m.Marks() {
		l := strings.Split(m.Value(), "\n")[k.Line]
		if k.To > len(l) {
			t.Fatalf("mark %+v past its line %q", k, l)
		}
	}
	v0 := m.Version()
	m.SetMarks(nil)
	if m.Version() != v0 || len(m.Marks()) != 0 {
		t.Fatal("SetMarks changed the version or kept marks")
	}
}
