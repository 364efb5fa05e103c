package tui

import (
	"testing"
)

// TestChiefStaysOnSignoffQueue: signing one of two waiting articles keeps
// the chief on 待我签发 with the other selected; signing the last one
// follows it to 已签发.
func TestChiefStaysOnSignoffQueue(t *testing.T) {
	st := testStore(t)
	first := seed(t, st, "approved")
	second := seed(t, st, "approved")
	h := newHarness(t, st, "shenjl", 120, 40)
	home := h.app.home
	if home.current() != qSignoff || len(home.rows(qSignoff)) != 2 {
		t.Fatalf("home does not open on 待我签发 with two rows:\n%s", h.view())
	}
	sign := func() uint64 {
		id := home.rows(qSignoff)[home.cursor[qSignoff]].sum.ID
		h.keys("enter", "a", "同意签发。", "enter", "y")
		h.run(home.load()) // the store's event, which the harness does not wait for
		return id
	}
	done := sign()
	if home.current() != qSignoff {
		t.Fatalf("signing one of two left 待我签发 for %s:\n%s", home.current().label(zhTR), h.view())
	}
	rows := home.rows(qSignoff)
	if len(rows) != 1 || rows[home.cursor[qSignoff]].sum.ID == done || (done != first.ID && done != second.ID) {
		t.Fatalf("the next article is not selected: %+v\n%s", rows, h.view())
	}
	sign()
	h.run(home.wantRecent())
	if home.current() != qPublished {
		t.Errorf("signing the last one did not follow it to 已签发 (on %s):\n%s", home.current().label(zhTR), h.view())
	}
}
