package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/copydesk/copydesk/store"
)

// TestAutosaveIsAWorkingCopyNotARevision is fault 9.5: typing for a while
// makes no revision and no audit record; the text sits in the user's
// working copy a moment after each pause; a session that ends without
// saving (killed, link dropped) gets it offered back when the article is
// opened again; a stray letter typed and deleted is never a revision; a
// long pause makes one revision.
func TestAutosaveIsAWorkingCopyNotARevision(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	trail0, _ := st.Trail(store.Holder(), 1)

	p := run(t, st, "liwei")
	p.waitFor("草稿 1")
	p.key(tea.KeyEnter)
	p.waitFor("编辑 #1")
	p.key(tea.KeyCtrlEnd)
	for _, chunk := range []string{"会议", "要求", "各单位", "认真落实。"} {
		p.typ(chunk)
		time.Sleep(120 * time.Millisecond) // pauses longer than autosaveDelay
	}
	p.waitFor("已暂存")
	wc, err := st.WorkingCopyOf(store.Actor{Login: "liwei"}, 1)
	if err != nil || wc == nil || !strings.Contains(wc.Content.Body, "会议要求各单位认真落实。") {
		t.Fatalf("working copy: %+v %v", wc, err)
	}
	if a, _ := st.Get(1); a.Rev != 1 {
		t.Fatalf("typing made revisions: head is %d", a.Rev)
	}
	if trail, _ := st.Trail(store.Holder(), 1); len(trail) != len(trail0) {
		t.Fatalf("typing wrote %d audit records", len(trail)-len(trail0))
	}
	// The session dies without saving (no quit, no esc): like kill -9.
	p.tm.Quit()
	p.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	// Reopening offers the text back; saving makes it revision 2 and drops
	// the working copy. (revisionPause is short from here on, set before
	// the program starts so no goroutine reads it while it changes.)
	old := revisionPause
	revisionPause = 150 * time.Millisecond
	t.Cleanup(func() { revisionPause = old })
	p2 := run(t, st, "liwei")
	p2.waitFor("草稿 1")
	p2.key(tea.KeyEnter)
	p2.waitFor("已恢复", "会议要求各单位认真落实。")
	p2.key(tea.KeyCtrlS)
	// Revision 2 comes from ctrl+s, or from the 150 ms pause when the
	// machine is slow enough (-race) for it to fire first: either way one
	// revision, which the store says (the status line differs).
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if a, _ := st.Get(1); a.Rev == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("neither ctrl+s nor the pause made revision 2")
		}
	}
	if wc, _ := st.WorkingCopyOf(store.Actor{Login: "liwei"}, 1); wc != nil {
		t.Fatal("the working copy outlived the revision")
	}
	// A stray letter, deleted again, then a long pause: no revision.
	p2.typ("x")
	p2.waitFor("x")
	p2.key(tea.KeyBackspace)
	time.Sleep(600 * time.Millisecond)
	if a, _ := st.Get(1); a.Rev != 2 {
		t.Fatalf("identical text became revision %d", a.Rev)
	}
	// A real change and a long pause: one revision.
	p2.typ("补充。")
	time.Sleep(700 * time.Millisecond)
	if a, _ := st.Get(1); a.Rev != 3 {
		t.Fatalf("after a long pause the head is %d, want 3", a.Rev)
	}
	p2.quit()
}

// Fault 9.5 as a kind: typing in the 稿件信息 form is autosaved like the
// body — a kill -9 with the form still open loses at most about a second
// of it; reopening offers it back. esc in the form still restores the
// fields as they were.
func TestMetaFormTypingIsAutosaved(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	p := run(t, st, "liwei")
	p.waitFor("草稿 1")
	p.key(tea.KeyEnter)
	p.waitFor("编辑 #1")
	p.key(tea.KeyCtrlO)
	p.waitFor("稿件信息")
	p.key(tea.KeyTab) // 副标题 → 资讯来源
	p.typ("学院办公室")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if wc, _ := st.WorkingCopyOf(store.Actor{Login: "liwei"}, 1); wc != nil && wc.Content.Source == "党委宣传部学院办公室" {
			break
		}
		if time.Now().After(deadline) {
			wc, _ := st.WorkingCopyOf(store.Actor{Login: "liwei"}, 1)
			t.Fatalf("the form's typing is not in the working copy: %+v", wc)
		}
	}
	if a, _ := st.Get(1); a.Rev != 1 {
		t.Fatalf("typing in the form made revisions: head is %d", a.Rev)
	}
	p.tm.Quit() // dies with the form open, as under kill -9
	p.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	p2 := run(t, st, "liwei")
	p2.waitFor("草稿 1")
	p2.key(tea.KeyEnter)
	p2.waitFor("已恢复")
	p2.key(tea.KeyCtrlO)
	p2.waitFor("党委宣传部学院办公室")
	p2.quit() // a program left running races the cleanup's Close and the next test
}
