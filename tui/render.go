package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/rivo/uniseg"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/termsafe"
)

// span is a run of text drawn in one style. Text never contains a newline.
type span struct {
	text  string
	style *lipgloss.Style // nil: unstyled
}

// noBreakBefore are the closing marks that Chinese typesetting never puts
// at the start of a line (避头点): wrapping takes one character down with them.
const noBreakBefore = "，。、；：？！）》」』”’…—,.;:?!)]}" // langcheck:ok punctuation for line breaking, not text

// wrapSpans lays out one logical line of styled spans in lines at most width
// columns wide. A wide (CJK) character is two columns and never split, a
// grapheme cluster (emoji, combining marks) is never split, and closing
// punctuation does not start a line. Each line is styled on its own, so a
// style never leaks across lines.
func wrapSpans(spans []span, width int) []string {
	width = max(width, 2)
	type cell struct {
		g  string
		w  int
		si int
	}
	var cells []cell
	for si, sp := range spans {
		state := -1
		s := sp.text
		for len(s) > 0 {
			var g string
			g, s, _, state = uniseg.FirstGraphemeClusterInString(s, state)
			cells = append(cells, cell{g, graphemeWidth(g), si})
		}
	}
	if len(cells) == 0 {
		return []string{""}
	}
	// Break into lines of cells.
	var breaks []int // index of the first cell of every line but the first
	col, start := 0, 0
	for i := 0; i < len(cells); i++ {
		c := cells[i]
		if col+c.w > width && i > start {
			br := i
			for br-1 > start && strings.Contains(noBreakBefore, cells[br].g) {
				br-- // take the previous character down with the mark
			}
			breaks = append(breaks, br)
			start = br
			col = 0
			for j := br; j < i; j++ {
				col += cells[j].w
			}
		}
		col += c.w
	}
	breaks = append(breaks, len(cells))
	lines := make([]string, 0, len(breaks))
	from := 0
	for _, to := range breaks {
		var b strings.Builder
		for i := from; i < to; {
			si := cells[i].si
			var run strings.Builder
			for i < to && cells[i].si == si {
				run.WriteString(cells[i].g)
				i++
			}
			if st := spans[si].style; st != nil {
				b.WriteString(st.Render(run.String()))
			} else {
				b.WriteString(run.String())
			}
		}
		lines = append(lines, b.String())
		from = to
	}
	return lines
}

// graphemeWidth is the display width of one grapheme cluster, as lipgloss
// measures it; a tab counts as four spaces.
func graphemeWidth(g string) int {
	if len(g) == 1 {
		if g[0] == '\t' {
			return 4
		}
		return 1
	}
	return ansi.StringWidth(g)
}

// wrapText lays out text from the database (sanitized here) in lines of at
// most width columns, one or more per source line, in one style.
func wrapText(text string, width int, st *lipgloss.Style) []string {
	text = strings.ReplaceAll(termsafe.String(text), "\t", "    ")
	var out []string
	for _, line := range strings.Split(text, "\n") {
		out = append(out, wrapSpans([]span{{text: line, style: st}}, width)...)
	}
	return out
}

// scroller is a window of lines over a longer text.
type scroller struct {
	lines  []string
	offset int
	height int
}

func (s *scroller) set(lines []string) {
	s.lines = lines
	s.clamp()
}

func (s *scroller) clamp() {
	s.offset = max(min(s.offset, len(s.lines)-s.height), 0)
}

func (s *scroller) scroll(n int) { s.offset += n; s.clamp() }

func (s *scroller) top()    { s.offset = 0 }
func (s *scroller) bottom() { s.offset = len(s.lines); s.clamp() }

// pageKey applies page up/down and top/bottom; false when msg is none of them.
func (s *scroller) pageKey(msg tea.KeyMsg, k keyMap) bool {
	switch {
	case key.Matches(msg, k.PgUp):
		s.scroll(-s.height + 1)
	case key.Matches(msg, k.PgDown):
		s.scroll(s.height - 1)
	case key.Matches(msg, k.Top):
		s.top()
	case key.Matches(msg, k.Bottom):
		s.bottom()
	default:
		return false
	}
	return true
}

// lineKey is pageKey plus line up/down.
func (s *scroller) lineKey(msg tea.KeyMsg, k keyMap) bool {
	switch {
	case key.Matches(msg, k.Up):
		s.scroll(-1)
	case key.Matches(msg, k.Down):
		s.scroll(1)
	default:
		return s.pageKey(msg, k)
	}
	return true
}

// show scrolls just enough that lines [from, to) are visible.
func (s *scroller) show(from, to int) {
	if to-from > s.height || from < s.offset {
		s.offset = from
	} else if to > s.offset+s.height {
		s.offset = to - s.height
	}
	s.clamp()
}

func (s *scroller) view() string {
	end := min(s.offset+s.height, len(s.lines))
	if s.offset >= end {
		return ""
	}
	return strings.Join(s.lines[s.offset:end], "\n")
}

// position is "12–30 / 200" or "" when everything fits.
func (s *scroller) position(tl tr) string {
	if len(s.lines) <= s.height {
		return ""
	}
	return tl.wt("TUIScrollPos", locale.Args{"From": s.offset + 1, "To": min(s.offset+s.height, len(s.lines)), "Total": len(s.lines)})
}
