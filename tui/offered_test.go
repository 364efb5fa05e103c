package tui

import (
	"strings"
	"testing"
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
