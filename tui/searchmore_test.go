package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// TestSearchPageListsMore (tester, 2026-12-01): 河长制 matched 33 articles
// of an imported archive; the page said "20 条结果" and ↓ stopped at the
// 20th, so 13 were out of reach and the count was wrong. The footer says
// there are more, and ↓ past the last hit lists them.
func TestSearchPageListsMore(t *testing.T) {
	st := testStore(t)
	for i := 1; i <= 25; i++ {
		if _, err := st.Import(store.Actor{Login: "admin"}, model.Content{Title: fmt.Sprintf("第%d篇巡河报道", i),
			Body: fmt.Sprintf("全县推进河长制工作，第%d次巡河。", i)}, store.ImportOptions{Published: true, Owner: "liwei"}); err != nil {
			t.Fatal(err)
		}
	}
	h, _ := searchHarness(t, st, "liwei", 90, 30)
	h.keys("/", "河长制")
	p := h.app.top().(*searchPage)
	if v := p.view(); !strings.Contains(v, "前 20 条结果，还有更多") {
		t.Fatalf("the footer does not say there are more:\n%s", v)
	}
	for range 19 {
		h.keys("down")
	}
	if p.cursor != 19 {
		t.Fatalf("cursor at %d after 19 downs", p.cursor)
	}
	h.keys("down") // past the last: the next hits
	v := p.view()
	if len(p.res.Hits) != 25 || p.cursor != 20 || !strings.Contains(v, "25 条结果") || strings.Contains(v, "还有更多") {
		t.Fatalf("↓ past the last hit: %d hits, cursor %d:\n%s", len(p.res.Hits), p.cursor, v)
	}
	for range 10 {
		h.keys("down")
	}
	if p.cursor != 24 {
		t.Fatalf("cursor at %d, want the last of 25", p.cursor)
	}
	// a new query starts again with one page
	h.send(tea.KeyMsg{Type: tea.KeyBackspace})
	h.keys("制")
	if v := p.view(); len(p.res.Hits) != 20 || p.cursor != 0 || !strings.Contains(v, "前 20 条结果，还有更多") {
		t.Fatalf("a new query: %d hits, cursor %d:\n%s", len(p.res.Hits), p.cursor, v)
	}
}
