package tui

import (
	"testing"

	"github.com/copydesk/copydesk/tui/preview"
)

// previewCmd opens article 1 on the 预览 tab and returns the page and the
// render command it starts (the cache is empty, so one is started).
func previewCmd(t *testing.T, h *harness) (*articlePage, func() any) {
	t.Helper()
	p := newArticlePage(h.app.s, 1)
	h.send(pushMsg{p})
	if p.head == nil {
		t.Fatal("article not loaded")
	}
	p.tab = tabPreview
	cmd := p.requestPreview()
	if cmd == nil {
		t.Fatal("no render started")
	}
	return p, func() any { return cmd() }
}

// Leaving the article page cancels its preview render: the command
// delivers nothing and caches nothing.
func TestLeavingPageCancelsPreview(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	h := newHarness(t, st, "wangyin", 100, 30)
	p, cmd := previewCmd(t, h)
	h.send(popMsg{})
	if msg := cmd(); msg != nil {
		t.Errorf("render of a left page delivered %#v", msg)
	}
	if _, ok := h.app.s.pvr.Cached(p.pvWant); ok {
		t.Error("render of a left page finished and was cached")
	}
}

// A new render for the same pane cancels the one in flight; the newer one
// delivers its preview.
func TestNewPreviewCancelsOld(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	h := newHarness(t, st, "wangyin", 100, 30)
	p, first := previewCmd(t, h)
	second := p.requestPreview()
	if msg := first(); msg != nil {
		t.Errorf("superseded render delivered %#v", msg)
	}
	msg, ok := second().(pageMsg)
	if !ok {
		t.Fatal("current render delivered nothing")
	}
	if r, ok := msg.msg.(preview.RenderedMsg); !ok || r.Err != nil || r.Out == "" {
		t.Errorf("current render = %#v", msg.msg)
	}
}

// Ending the session (App.Close) cancels renders of every page, the
// compose page's too.
func TestCloseCancelsPreview(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	h := newHarness(t, st, "wangyin", 100, 30)
	_, cmd := previewCmd(t, h)
	c := newCompose(h.app.s, 1)
	h.app.Close()
	if msg := cmd(); msg != nil {
		t.Errorf("render after Close delivered %#v", msg)
	}
	if c.pv.ctx.Err() == nil {
		t.Error("compose preview context still live after Close")
	}
}

// A 三校 check started by a compose page that has been left delivers
// nothing; one of a live page delivers its findings.
func TestLeftPageProofCheckDropped(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	h := newHarness(t, st, "wangyin", 100, 30)
	c := newCompose(h.app.s, 1)
	live := checkContent(c.pv.ctx, c, st, c.s.actor, 1, 1, meetingContent())
	left := checkContent(c.pv.ctx, c, st, c.s.actor, 1, 1, meetingContent())
	if m, ok := live().(pageMsg); !ok || m.msg.(proofCheckedMsg).ps.err != nil {
		t.Fatalf("live check = %#v", m)
	}
	c.close()
	if msg := left(); msg != nil {
		t.Errorf("check of a left page delivered %#v", msg)
	}
}
