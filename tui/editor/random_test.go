package editor

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
)

// Random editing sessions: after every key the caches agree with a fresh
// computation, the view is a clean rectangle with one cursor cell, and in
// the end undo takes everything back and redo re-does it.
func TestRandomEditing(t *testing.T) {
	keys := []tea.KeyMsg{
		kRight, kLeft, kUp, kDown, kCtrlRight, kCtrlLeft, kCtrlUp, kCtrlDown, kHome, kEnd,
		kPgUp, kPgDown, kCtrlHome, kCtrlEnd, kBackspace, kBackspace, kDelete, kCtrlW, kEnter, kTab, kSpace,
		{Type: tea.KeyCtrlK}, {Type: tea.KeyCtrlU},
	}
	for seed := uint64(0); seed < 40; seed++ {
		rng := rand.New(rand.NewPCG(seed, 99))
		start := genArticle(300, seed) + "\nmixed 👩‍👩‍👧 e\u0301 \x1b[1m text"
		w := 8 + rng.IntN(40)
		m := newEditor(start, w, 2+rng.IntN(10))
		m.ShowLineNumbers = seed%3 == 0
		m.Styles = colorStyles()
		for op := 0; op < 300; op++ {
			var k tea.KeyMsg
			switch x := rng.IntN(10); {
			case x < 4:
				k = keys[rng.IntN(len(keys))]
			case x < 8:
				k = typed(segAlphabet[rng.IntN(len(segAlphabet))])
			case x < 9:
				k = paste(randomText(rng, rng.IntN(8)) + "\n" + genArticle(rng.IntN(100), uint64(op)))
			default:
				k = kUndo
			}
			m = press(m, k)
			checkInvariants(t, m, k)
		}
		final, steps := m.Value(), len(m.st.hist.undo)
		for m.Undo() {
		}
		if m.Value() != start {
			t.Fatalf("seed %d: undoing everything does not give the start text back", seed)
		}
		for i := 0; i < steps; i++ {
			m.Redo()
		}
		if m.Value() != final {
			t.Fatalf("seed %d: redoing everything does not give the final text back", seed)
		}
	}
}

func checkInvariants(t *testing.T, m Model, k tea.KeyMsg) {
	t.Helper()
	st := m.st
	li, col := m.Cursor()
	if li < 0 || li >= m.LineCount() || col < 0 || col > st.buf.line(li).n() {
		t.Fatalf("after %v: cursor (%d,%d) out of the text", k, li, col)
	}
	graphemes, chars := 0, 0
	for _, l := range st.buf.lines {
		if !l.seg {
			continue
		}
		fresh := &line{s: l.s}
		fresh.segmentAll()
		if !equalInts(offsets(l), offsets(fresh)) && !strings.ContainsAny(l.s, "🇨🇳") {
			t.Fatalf("after %v: stale clusters for %q", k, l.s)
		}
		graphemes += l.n()
		chars += l.chars
		if l.wrapW != 0 && !l.edit.pending {
			fresh.wrap(l.wrapW)
			if !equalInts32(l.rows, fresh.rows) {
				t.Fatalf("after %v: rows %v of %q at width %d, fresh wrap gives %v", k, l.rows, l.s, l.wrapW, fresh.rows)
			}
		}
	}
	if graphemes != st.buf.graphemes || chars != st.buf.chars {
		t.Fatalf("after %v: totals %d/%d, recount %d/%d", k, st.buf.graphemes, st.buf.chars, graphemes, chars)
	}
	v := m.View()
	rows := strings.Split(v, "\n")
	if len(rows) != st.height {
		t.Fatalf("after %v: %d rows, want %d", k, len(rows), st.height)
	}
	for _, r := range rows {
		if lipgloss.Width(r) != st.width {
			t.Fatalf("after %v: row %q is %d cells, want %d", k, r, lipgloss.Width(r), st.width)
		}
	}
	if n := strings.Count(v, "\x1b[7m"); n != 1 {
		t.Fatalf("after %v: %d cursor cells in view:\n%s", k, n, v)
	}
}

func equalInts32(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Typing and deleting inside a long wrapped line re-wraps it incrementally;
// the rows must be those of a full wrap.
func TestIncrementalRewrap(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	text := strings.ReplaceAll(genArticle(3000, 9), "\n", " ")
	for _, w := range []int{7, 20, 41, 80} {
		l := &line{s: text}
		l.segmentAll()
		l.wrap(w)
		for e := 0; e < 300; e++ {
			a := rng.IntN(l.n() + 1)
			b := min(l.n(), a+rng.IntN(4))
			ins := []string{"", "字", "ab ", "，", "Party ", "👩‍👩‍👧", "。”", "中文字符"}[rng.IntN(8)]
			l.splice(l.offAt(a), l.offAt(b), ins)
			l.wrap(w)
			fresh := &line{s: l.s}
			fresh.segmentAll()
			fresh.wrap(w)
			if !equalInts32(l.rows, fresh.rows) {
				t.Fatalf("w=%d edit %d: incremental rows differ from a full wrap", w, e)
			}
		}
	}
}
