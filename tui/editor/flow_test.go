package editor

import (
	"bytes"
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
)

// page is a tiny application around the editor, as a copydesk page would
// embed it: it sizes the editor from the window and quits on esc.
type page struct {
	ed      Model
	version uint64 // the version last seen, as an autosave poller would
	changes int
}

func (p page) Init() tea.Cmd { return nil }

func (p page) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		p.ed.SetSize(msg.Width, msg.Height-1)
		return p, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyEsc {
			return p, tea.Quit
		}
	}
	var cmd tea.Cmd
	p.ed, cmd = p.ed.Update(msg)
	if v := p.ed.Version(); v != p.version {
		p.version = v
		p.changes++
	}
	return p, cmd
}

func (p page) View() string {
	line, col := p.ed.Cursor()
	return p.ed.View() + "\n" +
		"字数 " + strconv.Itoa(p.ed.CharCount()) + "  行 " + strconv.Itoa(line+1) + " 列 " + strconv.Itoa(col+1)
}

// typeInto types s one rune per key message. (teatest's Type sends one
// message per byte, which turns Chinese into C1 controls and Latin-1.)
func typeInto(tm *teatest.TestModel, s string) {
	for _, r := range s {
		tm.Send(typed(string(r)))
	}
}

// A whole editing session through a real tea.Program: typing, a new line, a
// bracketed paste, undo, more typing; the screen shows the text and the
// status line, and the final model holds the expected text.
func TestEditingSessionInProgram(t *testing.T) {
	ed := New()
	ed.Styles = colorStyles()
	ed.Focus()
	tm := teatest.NewTestModel(t, page{ed: ed}, teatest.WithInitialTermSize(40, 10))

	typeInto(tm, "今天上午开会")
	tm.Send(kEnter)
	tm.Send(paste("第二段：粘贴的文字。\r\n第三段。"))
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("第三段。")) && bytes.Contains(b, []byte("字数 20"))
	}, teatest.WithDuration(5*time.Second))

	tm.Send(kUndo)
	typeInto(tm, "完")
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("字数 7  行 2 列 2"))
	}, teatest.WithDuration(5*time.Second))

	tm.Send(tea.KeyMsg{Type: tea.KeyEsc})
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(page)
	if got, want := final.ed.Value(), "今天上午开会\n完"; got != want {
		t.Fatalf("final text %q, want %q", got, want)
	}
	if final.changes != 6+1+1+1+1 {
		t.Errorf("the poller saw %d version changes, want 10", final.changes)
	}
}
