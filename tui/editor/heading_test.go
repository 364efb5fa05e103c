package editor

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// TestToggleHeading: alt+h turns the current line into a section heading,
// then a sub-heading, then plain text again; the cursor stays on its
// character, other lines are untouched, and each press is one undo step.
func TestToggleHeading(t *testing.T) {
	altH := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("h"), Alt: true}
	m := newEditor("会议要求：\n一、压实责任\n各部门要", 40, 6)
	m.SetCursor(1, 2) // after 一、
	steps := []string{
		"会议要求：\n## 一、压实责任\n各部门要",
		"会议要求：\n### 一、压实责任\n各部门要",
		"会议要求：\n一、压实责任\n各部门要",
	}
	for i, want := range steps {
		m = press(m, altH)
		if m.Value() != want {
			t.Fatalf("press %d: %q, want %q", i+1, m.Value(), want)
		}
		if got := before(m); got != map[int]string{0: "## 一、", 1: "### 一、", 2: "一、"}[i] {
			t.Fatalf("press %d: cursor after %q", i+1, got)
		}
	}
	m = press(m, kUndo)
	if m.Value() != steps[1] {
		t.Fatalf("undo: %q", m.Value())
	}
	// "# 标题" and "#####  x" become a section heading; "#话题" is text
	for in, want := range map[string]string{"# 标题": "## 标题", "#####  x": "## x", "#话题": "## #话题", "": "## "} {
		m := newEditor(in, 40, 3)
		if m = press(m, altH); m.Value() != want {
			t.Errorf("%q → %q, want %q", in, m.Value(), want)
		}
	}
	if !matches("alt+h", DefaultKeyMap().ToggleHeading) {
		t.Error("alt+h is not bound")
	}
}
