package tui

import (
	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/textarea"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/copydesk/copydesk/model"
)

// The palette. Every colour adapts to light and dark terminals; on an Ascii
// profile they all vanish and the layout still reads.
var (
	colText    = lipgloss.AdaptiveColor{Light: "235", Dark: "252"}
	colDim     = lipgloss.AdaptiveColor{Light: "#8A8A8A", Dark: "#7A7A7A"}
	colFaint   = lipgloss.AdaptiveColor{Light: "#B8B8B8", Dark: "#4E4E4E"}
	colAccent  = lipgloss.AdaptiveColor{Light: "#5A56E0", Dark: "#8E8BFF"}
	colOK      = lipgloss.AdaptiveColor{Light: "#00875F", Dark: "#02BF87"}
	colWarn    = lipgloss.AdaptiveColor{Light: "#A36A00", Dark: "#E5C07B"}
	colBad     = lipgloss.AdaptiveColor{Light: "#D7004F", Dark: "#F0708F"}
	colBarBg   = lipgloss.AdaptiveColor{Light: "#E6E6E6", Dark: "#262626"}
	colBarFg   = lipgloss.AdaptiveColor{Light: "#3A3A3A", Dark: "#BCBCBC"}
	colPill    = lipgloss.AdaptiveColor{Light: "#FFFDF5", Dark: "#FFFDF5"}
	colInsBg   = lipgloss.AdaptiveColor{Light: "#D7F5E3", Dark: "#12402B"}
	colDelBg   = lipgloss.AdaptiveColor{Light: "#FBDDE4", Dark: "#4A1C27"}
	colSelText = lipgloss.AdaptiveColor{Light: "#3F3BBF", Dark: "#B7B5FF"}
)

// styles holds every style of a session, all built from the session's
// renderer so that colours and the background guess follow the terminal at
// the other end of the SSH connection, not the server's.
type styles struct {
	r *lipgloss.Renderer
	// ascii is true when the terminal shows no colour: diffs then carry
	// textual markers ({+ +} and [- -]) instead of colours.
	ascii bool

	Base, Dim, Faint, Bold, Accent, OK, Warn, Bad lipgloss.Style

	Pill, PillWarn   lipgloss.Style // the app name and modal names in the header
	Title            lipgloss.Style // a page heading
	TabActive, Tab   lipgloss.Style
	SelBar, SelTitle lipgloss.Style // the selected row of a list
	ItemTitle, Meta  lipgloss.Style
	Badge            map[model.State]lipgloss.Style
	BadgeReturned    lipgloss.Style

	Bar, BarUser, BarMode, BarInfo  lipgloss.Style // status bar segments
	NoticeInfo, NoticeOK, NoticeErr lipgloss.Style

	Ins, Del, FoldMark lipgloss.Style // diff
	Box, BoxFocused    lipgloss.Style
	Label, LabelFocus  lipgloss.Style
	ParaCursor         lipgloss.Style
	Help               help.Styles
}

// newStyles builds the styles from r.
func newStyles(r *lipgloss.Renderer) *styles {
	s := &styles{r: r, ascii: r.ColorProfile() == termenv.Ascii}
	n := r.NewStyle
	s.Base = n().Foreground(colText)
	s.Dim = n().Foreground(colDim)
	s.Faint = n().Foreground(colFaint)
	s.Bold = n().Foreground(colText).Bold(true)
	s.Accent = n().Foreground(colAccent)
	s.OK = n().Foreground(colOK)
	s.Warn = n().Foreground(colWarn)
	s.Bad = n().Foreground(colBad)

	s.Pill = n().Foreground(colPill).Background(colAccent).Bold(true).Padding(0, 1)
	s.PillWarn = n().Foreground(colPill).Background(colWarn).Bold(true).Padding(0, 1)
	s.Title = n().Foreground(colText).Bold(true)
	s.TabActive = n().Foreground(colAccent).Bold(true).Underline(true)
	s.Tab = n().Foreground(colDim)
	s.SelBar = n().Foreground(colAccent)
	s.SelTitle = n().Foreground(colSelText).Bold(true)
	s.ItemTitle = n().Foreground(colText)
	s.Meta = n().Foreground(colDim)
	s.Badge = map[model.State]lipgloss.Style{
		model.StateDraft:     n().Foreground(colDim),
		model.StateReview:    n().Foreground(colAccent),
		model.StateSigned:    n().Foreground(colOK),
		model.StatePublished: n().Foreground(colOK),
		model.StateWithdrawn: n().Foreground(colBad),
	}
	s.BadgeReturned = n().Foreground(colWarn)

	s.Bar = n().Foreground(colBarFg).Background(colBarBg)
	s.BarUser = n().Foreground(colPill).Background(colAccent).Padding(0, 1)
	s.BarMode = n().Foreground(colBarFg).Background(colBarBg).Bold(true).Padding(0, 1)
	s.BarInfo = n().Foreground(colBarFg).Background(colBarBg).Padding(0, 1)
	s.NoticeInfo = n().Foreground(colAccent)
	s.NoticeOK = n().Foreground(colOK)
	s.NoticeErr = n().Foreground(colBad).Bold(true)

	s.Ins = n().Foreground(colOK).Background(colInsBg).Underline(true)
	s.Del = n().Foreground(colBad).Background(colDelBg).Strikethrough(true)
	s.FoldMark = n().Foreground(colDim).Italic(true)
	s.Box = n().Border(lipgloss.RoundedBorder()).BorderForeground(colFaint).Padding(0, 1)
	s.BoxFocused = n().Border(lipgloss.RoundedBorder()).BorderForeground(colAccent).Padding(0, 1)
	s.Label = n().Foreground(colDim)
	s.LabelFocus = n().Foreground(colAccent).Bold(true)
	s.ParaCursor = n().Foreground(colAccent)

	s.Help = help.Styles{
		Ellipsis:       n().Foreground(colFaint),
		ShortKey:       n().Foreground(colDim),
		ShortDesc:      n().Foreground(colFaint),
		ShortSeparator: n().Foreground(colFaint),
		FullKey:        n().Foreground(colDim),
		FullDesc:       n().Foreground(colFaint),
		FullSeparator:  n().Foreground(colFaint),
	}
	if s.ascii {
		// Without colour the key column must still stand out from the text.
		s.Help.ShortDesc = n()
		s.Help.FullDesc = n()
	}
	return s
}

// badge renders a state as its Chinese label; returned drafts say so.
func (s *styles) badge(tl tr, st model.State, returned bool) string {
	if returned {
		return s.BadgeReturned.Render(tl.wt("ActionReturn"))
	}
	return s.Badge[st].Render(tl.label(st))
}

// textInput returns a bubbles text input styled from the session renderer.
func (s *styles) textInput(placeholder string, limit int) textinput.Model {
	ti := textinput.New()
	ti.Prompt = ""
	ti.Placeholder = placeholder
	ti.CharLimit = limit
	ti.PromptStyle = s.r.NewStyle()
	ti.TextStyle = s.Base
	ti.PlaceholderStyle = s.Faint
	ti.CompletionStyle = s.Faint
	ti.Cursor.Style = s.r.NewStyle().Reverse(true)
	ti.Cursor.TextStyle = s.r.NewStyle()
	// A blinking cursor costs a redraw per half second per session.
	ti.Cursor.SetMode(cursor.CursorStatic)
	return ti
}

// textArea returns a bubbles textarea for short texts (opinions, comments):
// enter finishes, ctrl+j or alt+enter starts a new line.
func (s *styles) textArea(placeholder string) textarea.Model {
	ta := textarea.New()
	ta.Placeholder = placeholder
	ta.ShowLineNumbers = false
	ta.Prompt = "┃ "
	ta.CharLimit = model.MaxOpinion
	ta.MaxHeight = 12
	ta.KeyMap.InsertNewline.SetKeys("ctrl+j", "alt+enter")
	st := textarea.Style{
		Base:             s.r.NewStyle(),
		CursorLine:       s.r.NewStyle(),
		CursorLineNumber: s.Dim,
		EndOfBuffer:      s.Faint,
		LineNumber:       s.Faint,
		Placeholder:      s.Faint,
		Prompt:           s.Accent,
		Text:             s.Base,
	}
	ta.FocusedStyle, ta.BlurredStyle = st, st
	ta.BlurredStyle.Prompt = s.Faint
	ta.Cursor.Style = s.r.NewStyle().Reverse(true)
	ta.Cursor.TextStyle = s.r.NewStyle()
	ta.Cursor.SetMode(cursor.CursorStatic)
	return ta
}

// huhTheme is a huh form theme built from the session renderer (huh's own
// themes use lipgloss globals, which over SSH describe the server's stdout).
func (s *styles) huhTheme() *huh.Theme {
	n := s.r.NewStyle
	var t huh.Theme
	t.Form.Base = n()
	t.Group.Base = n()
	t.Group.Title = n().Foreground(colAccent).Bold(true).MarginBottom(1)
	t.Group.Description = n().Foreground(colDim)
	t.FieldSeparator = n().SetString("\n")
	button := n().Padding(0, 2).MarginRight(1)

	f := &t.Focused
	f.Base = n().PaddingLeft(1).BorderStyle(lipgloss.ThickBorder()).BorderLeft(true).BorderForeground(colAccent)
	f.Card = f.Base
	f.Title = n().Foreground(colAccent).Bold(true)
	f.NoteTitle = n().Foreground(colAccent).Bold(true).MarginBottom(1)
	f.Description = n().Foreground(colDim)
	f.ErrorIndicator = n().Foreground(colBad).SetString(" *")
	f.ErrorMessage = n().Foreground(colBad).SetString(" *")
	f.SelectSelector = n().Foreground(colAccent).SetString("> ")
	f.NextIndicator = n().Foreground(colAccent).MarginLeft(1).SetString("→")
	f.PrevIndicator = n().Foreground(colAccent).MarginRight(1).SetString("←")
	f.Option = n().Foreground(colText)
	f.MultiSelectSelector = n().Foreground(colAccent).SetString("> ")
	f.SelectedOption = n().Foreground(colOK)
	f.SelectedPrefix = n().Foreground(colOK).SetString("[x] ")
	f.UnselectedOption = n().Foreground(colText)
	f.UnselectedPrefix = n().Foreground(colDim).SetString("[ ] ")
	f.FocusedButton = button.Foreground(colPill).Background(colAccent)
	f.BlurredButton = button.Foreground(colText).Background(colBarBg)
	f.Next = f.FocusedButton
	f.Directory = n().Foreground(colAccent)
	f.File = n().Foreground(colText)
	f.TextInput = huh.TextInputStyles{
		Cursor:      n().Foreground(colAccent),
		CursorText:  n(),
		Placeholder: n().Foreground(colFaint),
		Prompt:      n().Foreground(colAccent),
		Text:        n().Foreground(colText),
	}

	t.Blurred = t.Focused
	t.Blurred.Base = f.Base.BorderStyle(lipgloss.HiddenBorder())
	t.Blurred.Card = t.Blurred.Base
	t.Blurred.Title = n().Foreground(colDim)
	t.Blurred.MultiSelectSelector = n().SetString("  ")
	t.Blurred.NextIndicator = n()
	t.Blurred.PrevIndicator = n()
	t.Blurred.TextInput.Prompt = n().Foreground(colDim)
	t.Help = s.Help
	return &t
}
