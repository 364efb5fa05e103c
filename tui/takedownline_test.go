package tui

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// TestTakenDownArticleIsNotOnline: after 撤稿 the article page's
// publication line says who took it down and when, never 已上线.
func TestTakenDownArticleIsNotOnline(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "published")
	h := newHarness(t, st, "shenjl", 120, 40)
	h.send(pushMsg{newArticlePage(h.app.s, a.ID)})
	if v := h.view(); !strings.Contains(v, "手动标记上线") {
		t.Fatalf("a published article's page lacks its publication line:\n%s", v)
	}
	if _, err := st.Decide(shenjl, a.ID, store.Decision{Action: model.ActTakedown, Opinion: "数据有误，先撤下核实"}); err != nil {
		t.Fatal(err)
	}
	h.send(pushMsg{newArticlePage(h.app.s, a.ID)})
	v := h.view()
	if strings.Contains(v, "已上线") || strings.Contains(v, "手动标记上线") {
		t.Errorf("a taken-down article's page still says it is online:\n%s", v)
	}
	if !strings.Contains(v, "由 沈建龙 撤稿，现不在网站上") {
		t.Errorf("the publication line does not say who took it down:\n%s", v)
	}
}
