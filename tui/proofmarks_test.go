package tui

import (
	"io"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
)

// colourHarness is a harness whose session draws in true colour, so
// underlines reach the frame.
func colourHarness(t *testing.T, st *store.Store, login string, w, h int) *harness {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.TrueColor)
	r.SetHasDarkBackground(true)
	a := newApp(Options{Store: st, Actor: store.Actor{Login: login}, Renderer: r}, clock)
	t.Cleanup(func() { a.Close() })
	hs := &harness{t: t, app: a}
	hs.run(hs.app.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

var sgrRE = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// underlined returns the text of v drawn with SGR 4 (underline) on.
func underlined(v string) string {
	var sb strings.Builder
	on := false
	for len(v) > 0 {
		if loc := sgrRE.FindStringIndex(v); loc != nil && loc[0] == 0 {
			seq := v[2 : loc[1]-1]
			if seq == "0" || seq == "" {
				on = false
			}
			for _, p := range strings.Split(seq, ";") {
				if p == "4" {
					on = true
				}
			}
			v = v[loc[1]:]
			continue
		}
		if on {
			sb.WriteByte(v[0])
		}
		v = v[1:]
	}
	return sb.String()
}

// composeTop is the compose page on top of the harness's stack.
func composeTop(t *testing.T, h *harness) *composePage {
	t.Helper()
	c, ok := h.app.top().(*composePage)
	if !ok {
		t.Fatalf("top page is %T", h.app.top())
	}
	return c
}

// pause delivers the debounced check's tick for the text as it is now (the
// harness drops timers), and the check's result.
func pause(h *harness, c *composePage) {
	h.send(pageMsg{to: c, msg: proofTickMsg{seq: c.seq}})
}

// TestComposeMarksFindingsInline: findings are marked in the text itself
// (underlined, in colour) with a sign beside their row, counted in the
// status bar; typing never runs the check (it is a command delivered after
// the pause); f7 jumps, f8 fixes as one edit that ctrl+z takes back.
func TestComposeMarksFindingsInline(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	setList(t, st, proof.ListCaution, "先审后发\n")
	h := colourHarness(t, st, "liwei", 110, 30)
	h.keys("enter")
	c := composeTop(t, h)
	h.keys("他说,好的的") // one paste-sized key: the harness waits on timers per key
	if c.proof != nil && strings.Contains(c.proof.body, "他说,好") {
		t.Fatal("a key press ran the check on the UI goroutine")
	}
	if cmd := c.proofTicked(proofTickMsg{seq: c.seq - 1}); cmd != nil {
		t.Fatal("a tick of an older change started a check (not debounced)")
	}
	cmd := c.proofTicked(proofTickMsg{seq: c.seq})
	if cmd == nil || (c.proof != nil && strings.Contains(c.proof.body, "他说,好")) {
		t.Fatal("the tick did not hand the check to a command, or ran it inline")
	}
	h.run(cmd)
	v := h.view()
	plain := sgrRE.ReplaceAllString(v, "")
	if !strings.Contains(plain, "三校 2错 1警") {
		t.Fatalf("status bar:\n%s", plain)
	}
	var row string
	for _, l := range strings.Split(plain, "\n") {
		if strings.Contains(l, "他说,好的的") {
			row = l
		}
	}
	if !strings.Contains(row, "✗ ") {
		t.Fatalf("no error sign beside the row %q:\n%s", row, plain)
	}
	if u := underlined(v); !strings.Contains(u, ",") || !strings.Contains(u, "的的") {
		t.Fatalf("underlined text %q", u)
	}
	// CJK display width is kept: every frame row fits the terminal.
	for i, l := range strings.Split(v, "\n") {
		if w := lipgloss.Width(l); w > 110 {
			t.Errorf("row %d is %d cells wide", i, w)
		}
	}
	h.send(tea.KeyMsg{Type: tea.KeyF7}) // from the cursor (after 的的): the warning further down
	if v := sgrRE.ReplaceAllString(h.view(), ""); !strings.Contains(v, "三校 3/3 警告 P16-caution") {
		t.Fatalf("after f7:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyF7}) // round to the first
	if v := sgrRE.ReplaceAllString(h.view(), ""); !strings.Contains(v, "三校 1/3 错误 P1：“,”") {
		t.Fatalf("after f7:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyF19}) // shift+F7 as a terminal sends it: back, round to the last
	if v := sgrRE.ReplaceAllString(h.view(), ""); !strings.Contains(v, "三校 3/3 警告") {
		t.Fatalf("after shift+f7:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyF7})
	h.send(tea.KeyMsg{Type: tea.KeyF8})
	if got := c.body.Value(); !strings.Contains(got, "他说，好的的") {
		t.Fatalf("after f8: %q", got)
	}
	h.send(tea.KeyMsg{Type: tea.KeyCtrlZ})
	if got := c.body.Value(); !strings.Contains(got, "他说,好的的") {
		t.Fatalf("after ctrl+z: %q", got)
	}
}

// TestComposeIgnoreWithReason: f9 on a warning asks for a reason; the
// ignore is stored (who, why, which text), the mark goes, the status bar
// counts it, an error cannot be ignored, and 送审 then needs no waiver:
// the gate records the ignore as the waiver.
func TestComposeIgnoreWithReason(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "draft")
	setList(t, st, proof.ListCaution, "先审后发\n")
	h := newHarness(t, st, "liwei", 110, 30)
	h.keys("enter")
	c := composeTop(t, h)
	pause(h, c)
	if !strings.Contains(h.view(), "三校 1警") {
		t.Fatalf("status:\n%s", h.view())
	}
	h.send(tea.KeyMsg{Type: tea.KeyF7})
	h.send(tea.KeyMsg{Type: tea.KeyF9})
	if v := h.view(); !strings.Contains(v, "忽略这处三校问题") || !strings.Contains(v, "先审后发") {
		t.Fatalf("f9 box:\n%s", v)
	}
	h.keys("enter") // no reason: refused
	if igs, _ := st.ProofIgnores(store.Holder(), a.ID); len(igs) != 0 {
		t.Fatal("ignored without a reason")
	}
	h.keys("校内惯用", "enter")
	igs, err := st.ProofIgnores(store.Holder(), a.ID)
	if err != nil || len(igs) != 1 || igs[0].By != "liwei" || igs[0].Reason != "校内惯用" || igs[0].Text != "先审后发" {
		t.Fatalf("ignores %+v %v", igs, err)
	}
	if v := h.view(); !strings.Contains(v, "（1 处已忽略）") || len(c.body.m.Marks()) != 0 {
		t.Fatalf("after the ignore (marks %+v):\n%s", c.body.m.Marks(), v)
	}
	// An error cannot be ignored.
	h.keys(",")
	pause(h, c)
	h.send(tea.KeyMsg{Type: tea.KeyF7})
	h.send(tea.KeyMsg{Type: tea.KeyF9})
	if v := h.view(); strings.Contains(v, "忽略这处三校问题") {
		t.Fatalf("f9 on an error opened the box:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyCtrlZ}) // the line as it was: the ignore holds again
	h.keys("ctrl+t")
	if v := h.view(); !strings.Contains(v, "已有人忽略") || strings.Contains(v, "送审前须写明放行理由") {
		t.Fatalf("送审 box:\n%s", v)
	}
	h.keys("y")
	got, err := st.Get(a.ID)
	if err != nil || got.State != model.StateReview {
		t.Fatalf("after 送审: %v %v\n%s", got.State, err, h.view())
	}
	trail, _ := st.Trail(store.Holder(), a.ID)
	last := trail[len(trail)-1]
	res, ok, _ := st.ProofResult(last.Seq)
	if !ok || len(res.Waivers) != 1 || res.Waivers[0].By != "liwei" || res.Waivers[0].Reason != "校内惯用" {
		t.Fatalf("the gate's record: %+v", res)
	}
}

// TestReviewMarksAndIgnore: the reviewer sees the head's findings marked in
// the text (bracketed without colour), f7 selects one, f9 lets it stand
// with a reason, and the confirm box then shows it counted; the approval
// needs no further waiver and records the reviewer's ignore.
func TestReviewMarksAndIgnore(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "review")
	setList(t, st, proof.ListCaution, "先审后发\n")
	h := newHarness(t, st, "wangyin", 110, 40)
	h.keys("enter")
	if v := h.view(); !strings.Contains(v, "〖先审后发〗") || !strings.Contains(v, "三校 1警") {
		t.Fatalf("article page:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyF9})
	if v := h.view(); !strings.Contains(v, "先用 f7 选中") {
		t.Fatalf("f9 before f7:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyF7})
	if v := h.view(); !strings.Contains(v, "三校 1/1 警告 P16-caution") || !strings.Contains(v, "▸") {
		t.Fatalf("after f7:\n%s", v)
	}
	h.send(tea.KeyMsg{Type: tea.KeyF9})
	h.keys("会议原话", "enter")
	igs, err := st.ProofIgnores(store.Holder(), a.ID)
	if err != nil || len(igs) != 1 || igs[0].By != "wangyin" || igs[0].Reason != "会议原话" {
		t.Fatalf("ignores %+v %v", igs, err)
	}
	v := h.view()
	if strings.Contains(v, "〖先审后发〗") || !strings.Contains(v, "已忽略") || !strings.Contains(v, "wangyin：会议原话") {
		t.Fatalf("after the ignore:\n%s", v)
	}
	h.keys("a", "同意。", "enter")
	if v := h.view(); !strings.Contains(v, "已有人忽略并写明理由") || strings.Contains(v, "确认后须写明放行理由") {
		t.Fatalf("confirm box:\n%s", v)
	}
	h.keys("y")
	trail, _ := st.Trail(store.Holder(), a.ID)
	last := trail[len(trail)-1]
	res, ok, _ := st.ProofResult(last.Seq)
	if last.Action != model.ActApprove || !ok || len(res.Waivers) != 1 || res.Waivers[0].By != "wangyin" {
		t.Fatalf("approval %+v, check %+v\n%s", last, res, h.view())
	}
}
