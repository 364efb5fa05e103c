package tui

import (
	"strings"
	"testing"
)

// The editor, however it is reached, loads nothing of an article its
// user may not see (store.MayEdit asks model.MayAct first): the admin,
// whom model.CanEdit would let edit, is told 无权查看 and shown none of
// liwei's draft.
func TestComposeOfAnUnseenArticleShowsNothing(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "draft")
	for _, login := range []string{"admin", "wangyin", "shenjl"} {
		h := newHarness(t, st, login, 100, 30)
		c := newCompose(h.app.s, a.ID)
		h.send(pushMsg{c})
		if c.a != nil {
			t.Errorf("%s: the editor loaded liwei's draft", login)
		}
		if v := h.view(); !strings.Contains(v, "无权查看") || strings.Contains(v, a.Title) || strings.Contains(v, "会议指出") {
			t.Errorf("%s: the editor of a draft they may not see:\n%s", login, v)
		}
	}
}

// The history page likewise: its header, revisions and trail are read as
// its user (store.MayRead, Revisions, Trail).
func TestHistoryOfAnUnseenArticleShowsNothing(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "draft")
	h := newHarness(t, st, "wangyin", 100, 30)
	p := newHistory(h.app.s, a.ID)
	h.send(pushMsg{p})
	if v := h.view(); !strings.Contains(v, "无权查看") || strings.Contains(v, a.Title) {
		t.Errorf("the history of a draft wangyin may not see:\n%s", v)
	}
}
