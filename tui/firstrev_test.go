package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/copydesk/copydesk/store"
)

// A news article written in the TUI has revision 1 = the first real text:
// the form creates nothing; leaving the editor with no text creates
// nothing; the first save creates the article with what was typed, so the
// history and the audit chain have no empty revision.
func TestNewsFirstRevisionIsTheText(t *testing.T) {
	st := testStore(t)
	p := run(t, st, "liwei")
	p.waitFor("写新闻")

	// Leaving an untouched new article creates nothing.
	p.typ("n")
	p.waitFor("标题")
	p.fill("空稿")
	p.fill("")
	p.waitFor("新稿")
	p.key(tea.KeyEsc)
	p.waitFor("未创建稿件")
	if as, _ := st.List(store.Filter{}); len(as) != 0 {
		t.Fatalf("an untouched new article was stored: %+v", as)
	}

	p.typ("n")
	p.waitFor("标题")
	p.fill("学院举办讲座")
	p.fill("")
	p.waitFor("新稿")
	p.typ("11月20日，学院举办讲座。")
	p.waitFor("已暂存") // the working copy keeps the typing before the article exists
	if wc, _ := st.WorkingCopyOf(store.Actor{Login: "liwei"}, store.NewArticleCopy); wc == nil || !strings.Contains(wc.Content.Body, "学院举办讲座") {
		t.Fatalf("no working copy of the new article: %+v", wc)
	}
	p.key(tea.KeyCtrlS)
	p.waitFor("已创建 #1", "编辑 #1")
	a, head, err := st.Head(1)
	if err != nil || a.Rev != 1 || head.Content.Body != "11月20日，学院举办讲座。" || head.Content.Title != "学院举办讲座" {
		t.Fatalf("revision 1 is not the first text: %+v %+v %v", a, head, err)
	}
	if wc, _ := st.WorkingCopyOf(store.Actor{Login: "liwei"}, store.NewArticleCopy); wc != nil {
		t.Fatal("the new article's working copy outlived its creation")
	}
	p.typ("讲座由王教授主讲。")
	p.key(tea.KeyEsc)
	p.waitFor("草稿")
	p.tm.Quit()
	p.tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	revs, err := st.Revisions(store.Holder(), 1)
	if err != nil || len(revs) != 2 || revs[0].Content.Body == "" {
		t.Fatalf("revisions: %d %v", len(revs), err)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify after a TUI creation: %+v %v", rep, err)
	}
	h := newHarness(t, st, "liwei", 120, 30)
	h.keys("v")
	if v := h.view(); strings.Contains(v, "正文尚空") || !strings.Contains(v, "第1版") {
		t.Fatalf("history still shows an empty revision 1:\n%s", v)
	}
}
