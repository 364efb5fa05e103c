package editor

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// Styles are the styles the editor draws with. Build them from the session's
// renderer (over SSH, the one bubbletea's middleware makes), for example with
// [DefaultStyles]; the editor never falls back to lipgloss's global renderer.
//
// The styles should carry colours and text attributes only: the editor lays
// out rows itself, so widths, padding, margins and borders are not applied
// per cell (put the editor's View inside a bordered style instead).
type Styles struct {
	Text             lipgloss.Style // the text
	Cursor           lipgloss.Style // the cell under the cursor (reverse video)
	Placeholder      lipgloss.Style // the placeholder shown in an empty editor
	LineNumber       lipgloss.Style // line numbers, when shown
	CursorLineNumber lipgloss.Style // the number of the line the cursor is on
	Control          lipgloss.Style // placeholders for control characters (^[, �)
	// Marked text (see Mark), by kind; the sign column uses the same
	// style without its underline.
	MarkError, MarkWarning, MarkHint lipgloss.Style
}

// DefaultStyles returns the default styles built from renderer r.
func DefaultStyles(r *lipgloss.Renderer) Styles {
	return Styles{
		Text:             r.NewStyle(),
		Cursor:           r.NewStyle().Reverse(true),
		Placeholder:      r.NewStyle().Foreground(lipgloss.Color("8")),
		LineNumber:       r.NewStyle().Foreground(lipgloss.Color("8")),
		CursorLineNumber: r.NewStyle().Foreground(lipgloss.Color("7")),
		Control:          r.NewStyle().Foreground(lipgloss.Color("1")),
		MarkError:        r.NewStyle().Underline(true).Foreground(lipgloss.Color("1")),
		MarkWarning:      r.NewStyle().Underline(true).Foreground(lipgloss.Color("3")),
		MarkHint:         r.NewStyle().Underline(true),
	}
}

// span applies a style to short pieces of text. When rendering the style
// only wraps its input in SGR sequences (the usual case), span keeps the
// prefix and suffix and concatenates them around each piece, instead of
// calling Style.Render for every run of every row.
type span struct {
	st       lipgloss.Style
	pre, suf string
	fast     bool
}

func newSpan(st lipgloss.Style) span {
	out := st.Render("x")
	i := strings.IndexByte(out, 'x')
	if i < 0 || !sgrOnly(out[:i]) || !sgrOnly(out[i+1:]) {
		return span{st: st}
	}
	return span{st: st, pre: out[:i], suf: out[i+1:], fast: true}
}

// write writes s in the span's style.
func (p *span) write(sb *strings.Builder, s string) {
	if s == "" {
		return
	}
	if !p.fast {
		sb.WriteString(p.st.Render(s))
		return
	}
	sb.WriteString(p.pre)
	sb.WriteString(s)
	sb.WriteString(p.suf)
}

// sgrOnly reports whether s is a sequence of SGR escape sequences
// (ESC [ digits and semicolons m).
func sgrOnly(s string) bool {
	for s != "" {
		if !strings.HasPrefix(s, "\x1b[") {
			return false
		}
		j := 2
		for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
			j++
		}
		if j >= len(s) || s[j] != 'm' {
			return false
		}
		s = s[j+1:]
	}
	return true
}

// spans holds the spans of one View call.
type spans struct {
	text, cursor, placeholder, lineNo, cursorLineNo, control span
	mark, sign                                               [3]span // by MarkKind
}

func (s Styles) spans() spans {
	return spans{
		text:         newSpan(s.Text),
		cursor:       newSpan(s.Cursor),
		placeholder:  newSpan(s.Placeholder),
		lineNo:       newSpan(s.LineNumber),
		cursorLineNo: newSpan(s.CursorLineNumber),
		control:      newSpan(s.Control),
		mark:         [3]span{newSpan(s.MarkError), newSpan(s.MarkWarning), newSpan(s.MarkHint)},
		sign: [3]span{newSpan(s.MarkError.UnsetUnderline()), newSpan(s.MarkWarning.UnsetUnderline()),
			newSpan(s.MarkHint.UnsetUnderline())},
	}
}
