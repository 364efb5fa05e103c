package editor

import (
	"strings"
	"testing"
	"time"
)

func TestUndoRedoCoalescesTyping(t *testing.T) {
	m := newEditor("", 40, 5)
	m = typeText(m, "hello world")
	if m.Value() != "hello world" {
		t.Fatalf("typed %q", m.Value())
	}
	m = press(m, kUndo)
	if m.Value() != "hello " {
		t.Fatalf("one undo: %q, want the last word undone", m.Value())
	}
	m = press(m, kUndo)
	if m.Value() != "" {
		t.Fatalf("two undos: %q", m.Value())
	}
	m = press(m, kUndo) // nothing left: no change
	m = press(m, kRedo)
	if m.Value() != "hello " {
		t.Fatalf("redo: %q", m.Value())
	}
	m = press(m, kRedo)
	if m.Value() != "hello world" || before(m) != "hello world" {
		t.Fatalf("second redo: %q, cursor after %q", m.Value(), before(m))
	}

	// Chinese typed through an IME arrives a word at a time; a typing step
	// ends after sentence punctuation.
	m.SetValue("")
	m = press(m, typed("今天"), typed("上午"), typed("开会"), typed("。"), typed("明天"), typed("放假"))
	m = press(m, kUndo)
	if m.Value() != "今天上午开会。" {
		t.Fatalf("undo after IME typing: %q", m.Value())
	}

	// A cursor move ends the step.
	m.SetValue("")
	m = press(m, typed("ab"), kLeft, kRight, typed("cd"), kUndo)
	if m.Value() != "ab" {
		t.Fatalf("undo after a move: %q", m.Value())
	}

	// Enter is a step of its own; undo puts the cursor back.
	m.SetValue("一二三")
	m = press(m, kRight, kEnter)
	if m.Value() != "一\n二三" {
		t.Fatalf("enter: %q", m.Value())
	}
	m = press(m, kUndo)
	if l, c := m.Cursor(); m.Value() != "一二三" || l != 0 || c != 1 {
		t.Fatalf("undo enter: %q cursor (%d,%d)", m.Value(), l, c)
	}
}

func TestUndoBackspaceRun(t *testing.T) {
	m := newEditor("第一行\n第二行", 40, 5)
	m = press(m, kCtrlEnd)
	for i := 0; i < 5; i++ {
		m = press(m, kBackspace)
	}
	if m.Value() != "第一" {
		t.Fatalf("after 5 backspaces: %q", m.Value())
	}
	m = press(m, kUndo)
	if l, c := m.Cursor(); m.Value() != "第一行\n第二行" || l != 1 || c != 3 {
		t.Fatalf("one undo restores the run: %q (%d,%d)", m.Value(), l, c)
	}
	m = press(m, kCtrlHome, kDelete, kDelete, kUndo)
	if m.Value() != "第一行\n第二行" {
		t.Fatalf("delete run undo: %q", m.Value())
	}
}

func TestNewEditClearsRedo(t *testing.T) {
	m := newEditor("", 40, 5)
	m = press(m, typed("a"), kUndo, typed("b"), kRedo)
	if m.Value() != "b" {
		t.Fatalf("redo after a new edit changed the text: %q", m.Value())
	}
}

// paste1MiB returns 1 MiB of Chinese and ASCII text with newlines.
func paste1MiB() string {
	var sb strings.Builder
	seed := uint64(1)
	for sb.Len() < 1<<20 {
		sb.WriteString(genArticle(2000, seed))
		sb.WriteString("\nASCII line: the quick brown fox, 12345.\n")
		seed++
	}
	return sb.String()[:1<<20-64] + strings.Repeat("x", 64)
}

// A bracketed paste of 1 MiB is one edit, one undo step, and fast.
func TestPaste1MiBIsOneUndoStep(t *testing.T) {
	big := paste1MiB()
	m := newEditor("前文。\n后文。", 80, 24)
	m = press(m, kRight, kRight, kRight) // after "前文。"
	v0 := m.Version()
	start := time.Now()
	m = press(m, paste(big))
	view := m.View()
	elapsed := time.Since(start)
	want := "前文。" + big + "\n后文。"
	if m.Value() != want {
		t.Fatal("value after paste is wrong")
	}
	if m.Version() != v0+1 {
		t.Fatalf("paste bumped the version by %d, want 1", m.Version()-v0)
	}
	if !strings.Contains(view, "xxxxxxxx") {
		t.Fatalf("the view does not show the end of the paste:\n%s", view)
	}
	if elapsed > 500*time.Millisecond {
		t.Errorf("paste + view took %v", elapsed)
	}
	t.Logf("1 MiB paste + view: %v", elapsed)
	if l, _ := m.Cursor(); l != strings.Count(big, "\n") {
		t.Fatalf("cursor on line %d after paste", l)
	}
	wantChars := 0
	for _, r := range want {
		if r != ' ' && r != '\n' {
			wantChars++
		}
	}
	if got := m.CharCount(); got != wantChars {
		t.Errorf("CharCount after paste = %d, want %d", got, wantChars)
	}

	m = press(m, kUndo)
	if m.Value() != "前文。\n后文。" {
		t.Fatalf("one undo did not remove the paste: %d bytes left", len(m.Value()))
	}
	if l, c := m.Cursor(); l != 0 || c != 3 {
		t.Fatalf("cursor after undo (%d,%d)", l, c)
	}
	m = press(m, kRedo)
	if m.Value() != want {
		t.Fatal("redo did not restore the paste")
	}
	m = press(m, kUndo, kUndo)
	if m.Value() != "前文。\n后文。" {
		t.Fatal("the paste took more than one undo step")
	}
}

func TestVersionAndDirty(t *testing.T) {
	m := newEditor("稿件", 40, 5)
	if m.Dirty() {
		t.Fatal("dirty right after SetValue")
	}
	v := m.Version()
	m = press(m, kRight, kLeft, kDown, kCtrlEnd)
	if m.Version() != v || m.Dirty() {
		t.Fatal("moving the cursor changed the version")
	}
	m = press(m, typed("正文"))
	if m.Version() == v || !m.Dirty() {
		t.Fatal("typing did not change the version")
	}
	saving := m.Version()
	m = press(m, typed("又"))
	m.MarkSaved(saving)
	if !m.Dirty() {
		t.Fatal("text typed during the save is not dirty")
	}
	m.MarkSaved(m.Version())
	if m.Dirty() {
		t.Fatal("dirty after MarkSaved")
	}
	m = press(m, kUndo)
	if !m.Dirty() || m.Version() == saving+1 {
		t.Fatal("undo is a change")
	}
}

func TestReadOnly(t *testing.T) {
	m := newEditor("只读稿件", 40, 5)
	m.ReadOnly = true
	v := m.Version()
	m = press(m, typed("x"), kRight, kBackspace, kDelete, kEnter, paste("y"), kCtrlW, kUndo)
	if m.Value() != "只读稿件" || m.Version() != v {
		t.Fatalf("read-only editor changed: %q", m.Value())
	}
	if _, c := m.Cursor(); c != 1 {
		t.Fatalf("cursor did not move in read-only mode: %d", c)
	}
}

func TestReplaceRangeIsOneUndoStep(t *testing.T) {
	m := New()
	m.SetValue("第一行\n会议,召开。")
	if m.ReplaceRange(1, 0, 1, "x") { // inside 会 (3 bytes)
		t.Fatal("a range inside a character was replaced")
	}
	if !m.ReplaceRange(1, 6, 7, "，") {
		t.Fatal("ReplaceRange refused a valid range")
	}
	if got := m.Value(); got != "第一行\n会议，召开。" {
		t.Fatalf("after replace: %q", got)
	}
	if l, c := m.Cursor(); l != 1 || c != 3 {
		t.Fatalf("cursor %d:%d, want 1:3", l, c)
	}
	m.Undo()
	if got := m.Value(); got != "第一行\n会议,召开。" {
		t.Fatalf("after undo: %q", got)
	}
}
