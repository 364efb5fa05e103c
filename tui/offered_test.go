package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"

	"github.com/copydesk/copydesk/model"
)

// TestFooterOffersOnlyAllowedDecisions is fault 9.9 as a user sees it: the
// footer of the article page shows a/r only to someone model.Decide would
// let decide, with the right word (批准 at 审核, 签发 at the chief's stage).
func TestFooterOffersOnlyAllowedDecisions(t *testing.T) {
	for _, tc := range []struct {
		upto, login string
		want, not   []string
	}{
		{"review", "wangyin", []string{"a 批准", "r 退回"}, []string{"a 签发"}},
		{"approved", "shenjl", []string{"a 签发", "r 退回"}, []string{"a 批准"}},
		{"approved", "wangyin", nil, []string{"a 批准", "a 签发", "r 退回"}},
		{"signed", "liwei", nil, []string{"a 批准", "a 签发", "r 退回"}},
		{"signed", "shenjl", nil, []string{"a 批准", "a 签发", "r 退回"}},
	} {
		st := testStore(t)
		seed(t, st, tc.upto)
		h := newHarness(t, st, tc.login, 100, 30)
		h.send(pushMsg{newArticlePage(h.app.s, 1)})
		v := h.view()
		for _, w := range tc.want {
			if !strings.Contains(v, w) {
				t.Errorf("%s at %s: footer lacks %q:\n%s", tc.login, tc.upto, w, v)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(v, n) {
				t.Errorf("%s at %s: footer offers %q:\n%s", tc.login, tc.upto, n, v)
			}
		}
	}
}

// TestEveryOfferedKeyIsAllowed is fault 9.9 as a kind: on the article
// page, in every state and for every role (the writer, the reviewer, the
// chief, an admin who is none of them), every action key the footer or
// the full help offers — a, r, C, T, e and f9 — is one the model (the
// store's own rule) allows that user now.
func TestEveryOfferedKeyIsAllowed(t *testing.T) {
	for _, upto := range []string{"draft", "review", "approved", "signed", "published"} {
		st := testStore(t)
		seed(t, st, upto)
		// a comment by the writer, and one by the reviewer once it reached
		// them: x follows model.MayResolve for the one under the cursor
		if _, err := st.AddComment(liwei, 1, 0, 0, "作者自己的批注"); err != nil {
			t.Fatal(err)
		}
		if upto != "draft" {
			if _, err := st.AddComment(wangyin, 1, 0, 1, "审核人的批注"); err != nil {
				t.Fatal(err)
			}
		}
		for _, login := range []string{"liwei", "wangyin", "shenjl", "admin"} {
			h := newHarness(t, st, login, 100, 30)
			p := newArticlePage(h.app.s, 1)
			h.send(pushMsg{p})
			if p.a == nil {
				// the store's rule (model.MayRead): a user who may not see
				// it is told so and offered nothing
				hd, err := st.Get(1)
				if err != nil {
					t.Fatal(err)
				}
				if model.MayRead(hd, p.s.user) == nil {
					t.Fatalf("%s at %s: the article did not load", login, upto)
				}
				if v := h.view(); !strings.Contains(v, "无权查看") || strings.Contains(v, hd.Title) {
					t.Errorf("%s at %s: the page of an article they may not see:\n%s", login, upto, v)
				}
				continue
			}
			a, u := *p.a, p.s.user
			allowed := map[string]bool{
				"a":  model.May(a, u, model.ActApprove) || model.May(a, u, model.ActSignOff),
				"r":  model.May(a, u, model.ActReturn),
				"C":  model.May(a, u, model.ActCorrect),
				"T":  model.May(a, u, model.ActTakedown),
				"e":  model.CanEdit(&a, u) == nil,
				"f9": model.MayIgnoreFinding(a, u) == nil,
			}
			km := p.help()
			offered := km.ShortHelp()
			for _, col := range km.FullHelp() {
				offered = append(offered, col...)
			}
			for _, b := range offered {
				k := b.Help().Key
				if ok, isAction := allowed[k]; isAction && !ok {
					t.Errorf("%s at %s: offers %s %s, which would be refused", login, upto, k, b.Help().Desc)
				}
			}
			p.tab = tabComments
			for i, c := range p.comments {
				p.ccur = i
				want := !c.Resolved && model.MayResolve(&a, &c, u) == nil
				km := p.help()
				got := slices.ContainsFunc(append(km.ShortHelp(), slices.Concat(km.FullHelp()...)...), func(b key.Binding) bool { return b.Help().Key == "x" })
				if got != want {
					t.Errorf("%s at %s, comment by %s: x offered %v, model.MayResolve allows %v", login, upto, c.Author, got, want)
				}
			}
		}
	}
}
