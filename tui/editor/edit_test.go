package editor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
)

func TestEnterSplitsAndDeleteJoins(t *testing.T) {
	m := newEditor("第一句第二句", 40, 4)
	m = press(m, kRight, kRight, kRight, kEnter)
	if l, c := m.Cursor(); m.Value() != "第一句\n第二句" || l != 1 || c != 0 {
		t.Fatalf("enter: %q (%d,%d)", m.Value(), l, c)
	}
	m = press(m, kLeft, kDelete)
	if m.Value() != "第一句第二句" {
		t.Fatalf("delete at line end: %q", m.Value())
	}
	m = press(m, kEnter, kBackspace)
	if m.Value() != "第一句第二句" {
		t.Fatalf("backspace at line start: %q", m.Value())
	}
}

func TestTab(t *testing.T) {
	m := newEditor("正文", 20, 2)
	m = press(m, kTab)
	if m.Value() != "\t正文" {
		t.Fatalf("tab inserted %q", m.Value())
	}
	if row := screen(m.View())[0]; !strings.HasPrefix(row, "    正文") {
		t.Fatalf("tab drawn as %q", row)
	}
	m.TabText = "　　" // the Chinese paragraph indent
	m = press(m, kTab)
	if m.Value() != "\t　　正文" {
		t.Fatalf("tab with TabText: %q", m.Value())
	}
}

func TestInsertString(t *testing.T) {
	m := newEditor("图：说明", 40, 4)
	m = press(m, kRight, kRight)
	m.InsertString("![](media/ab12.jpg)\r\n")
	if m.Value() != "图：![](media/ab12.jpg)\n说明" {
		t.Fatalf("InsertString: %q", m.Value())
	}
	m.Undo()
	if m.Value() != "图：说明" {
		t.Fatalf("undo InsertString: %q", m.Value())
	}
}

func TestKeyMapForHelp(t *testing.T) {
	var _ help.KeyMap = DefaultKeyMap()
	km := DefaultKeyMap()
	n := 0
	for _, col := range km.FullHelp() {
		n += len(col)
	}
	if n != 25 {
		t.Errorf("FullHelp lists %d bindings, want all 25", n)
	}
	// A disabled binding does nothing.
	m := newEditor("ab", 20, 2)
	m.KeyMap.CharacterForward = key.NewBinding(key.WithKeys("right"), key.WithDisabled())
	m = press(m, kRight)
	if _, c := m.Cursor(); c != 0 {
		t.Fatal("disabled binding moved the cursor")
	}
}
