package editor

import (
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/mattn/go-runewidth"
)

// TestMain sets the width condition the application sets at start.
func TestMain(m *testing.M) {
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(m.Run())
}

// asciiStyles returns styles from a renderer with no colours at all, so View
// holds only text.
func asciiStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(3) // termenv.Ascii
	return DefaultStyles(r)
}

// colorStyles returns styles from a true-colour renderer, so the cursor is
// drawn in reverse video.
func colorStyles() Styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(0) // termenv.TrueColor
	return DefaultStyles(r)
}

// newEditor returns a focused editor of the given size holding s, with
// colourless styles.
func newEditor(s string, w, h int) Model {
	m := New()
	m.Styles = asciiStyles()
	m.SetSize(w, h)
	m.SetValue(s)
	m.Focus()
	return m
}

// Key messages as the terminal would deliver them.
var (
	kRight     = tea.KeyMsg{Type: tea.KeyRight}
	kLeft      = tea.KeyMsg{Type: tea.KeyLeft}
	kUp        = tea.KeyMsg{Type: tea.KeyUp}
	kDown      = tea.KeyMsg{Type: tea.KeyDown}
	kCtrlRight = tea.KeyMsg{Type: tea.KeyCtrlRight}
	kCtrlLeft  = tea.KeyMsg{Type: tea.KeyCtrlLeft}
	kAltRight  = tea.KeyMsg{Type: tea.KeyRight, Alt: true}
	kAltLeft   = tea.KeyMsg{Type: tea.KeyLeft, Alt: true}
	kCtrlUp    = tea.KeyMsg{Type: tea.KeyCtrlUp}
	kCtrlDown  = tea.KeyMsg{Type: tea.KeyCtrlDown}
	kHome      = tea.KeyMsg{Type: tea.KeyHome}
	kEnd       = tea.KeyMsg{Type: tea.KeyEnd}
	kCtrlHome  = tea.KeyMsg{Type: tea.KeyCtrlHome}
	kCtrlEnd   = tea.KeyMsg{Type: tea.KeyCtrlEnd}
	kPgUp      = tea.KeyMsg{Type: tea.KeyPgUp}
	kPgDown    = tea.KeyMsg{Type: tea.KeyPgDown}
	kBackspace = tea.KeyMsg{Type: tea.KeyBackspace}
	kDelete    = tea.KeyMsg{Type: tea.KeyDelete}
	kCtrlW     = tea.KeyMsg{Type: tea.KeyCtrlW}
	kAltBksp   = tea.KeyMsg{Type: tea.KeyBackspace, Alt: true}
	kEnter     = tea.KeyMsg{Type: tea.KeyEnter}
	kTab       = tea.KeyMsg{Type: tea.KeyTab}
	kSpace     = tea.KeyMsg{Type: tea.KeySpace, Runes: []rune{' '}}
	kUndo      = tea.KeyMsg{Type: tea.KeyCtrlZ}
	kRedo      = tea.KeyMsg{Type: tea.KeyCtrlY}
)

// typed returns the key message for typed (or IME-committed) text.
func typed(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// paste returns the key message of a bracketed paste.
func paste(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s), Paste: true} }

// press sends keys to m and returns the updated model.
func press(m Model, keys ...tea.Msg) Model {
	for _, k := range keys {
		m, _ = m.Update(k)
	}
	return m
}

// typeText types s one grapheme-sized rune at a time (spaces as the space key).
func typeText(m Model, s string) Model {
	for _, r := range s {
		if r == ' ' {
			m = press(m, kSpace)
		} else {
			m = press(m, typed(string(r)))
		}
	}
	return m
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// screen returns the rows of a View with styling removed.
func screen(v string) []string { return strings.Split(sgr.ReplaceAllString(v, ""), "\n") }

// cursorCell finds the reverse-video cell in a View drawn with colorStyles:
// the screen row, the display column and the text in the cell.
func cursorCell(t *testing.T, v string) (row, x int, cell string) {
	t.Helper()
	for i, r := range strings.Split(v, "\n") {
		if j := strings.Index(r, "\x1b[7m"); j >= 0 {
			rest := r[j+len("\x1b[7m"):]
			k := strings.Index(rest, "\x1b[")
			return i, lipgloss.Width(sgr.ReplaceAllString(r[:j], "")), rest[:k]
		}
	}
	t.Fatalf("no cursor cell in view:\n%s", v)
	return
}
