package editor

import "github.com/charmbracelet/lipgloss"

// Model is the editor component. Create it with [New] (the zero Model is not
// usable); the exported fields are options that may be changed at any time.
type Model struct {
	// KeyMap holds the key bindings.
	KeyMap KeyMap
	// Styles are the styles drawn with; set them from the session's
	// renderer with DefaultStyles(r) or your own.
	Styles Styles
	// Placeholder is shown, dimmed, when the text is empty.
	Placeholder string
	// ReadOnly lets the cursor move but refuses every edit.
	ReadOnly bool
	// ShowLineNumbers shows a gutter with logical line numbers.
	ShowLineNumbers bool
	// ShowSigns reserves a two-cell sign column left of the text, where a
	// row with a mark shows its kind's sign (✗ ! ·): marks read without
	// colour too. Keep it on while marks come and go, so rows do not re-wrap.
	ShowSigns bool
	// TabText is what the tab key inserts. The default is a tab character,
	// kept in the text as is and shown as four blank cells; set it to "  "
	// or "　　" (two ideographic spaces, the Chinese paragraph indent) to
	// insert spaces instead.
	TabText string

	st *state
}

// state is everything that changes as the editor is used. Model holds it
// behind a pointer so that lazily computed caches (segmentation, wrapped
// rows) survive value copies of the Model.
type state struct {
	buf       buffer
	line, col int // cursor: line index, grapheme cluster index in the line
	goal      int // goal display column for vertical moves; -1: none

	topLine, topRow int // first visible row
	width, height   int
	focused         bool

	hist           history
	version, saved uint64
}

// New returns an empty, unfocused editor with the default key map and
// styles from lipgloss's default renderer (over SSH, replace Styles with
// DefaultStyles(sessionRenderer)). Call SetSize before View.
func New() Model {
	return Model{
		KeyMap:  DefaultKeyMap(),
		Styles:  DefaultStyles(lipgloss.DefaultRenderer()),
		TabText: "\t",
		st:      newState(""),
	}
}

func newState(s string) *state {
	return &state{buf: newBuffer(normalizeNewlines(s)), goal: -1}
}

// SetValue replaces the text, puts the cursor at the start, clears the undo
// history and marks the text as saved (Dirty is false). Carriage returns
// (CRLF or lone CR) become newlines.
func (m *Model) SetValue(s string) {
	if m.st == nil {
		m.st = newState("")
	}
	st := m.st
	st.buf = newBuffer(normalizeNewlines(s))
	st.line, st.col, st.goal = 0, 0, -1
	st.topLine, st.topRow = 0, 0
	st.hist = history{}
	st.version++
	st.saved = st.version
}

// Value returns the text, lines joined with "\n".
func (m Model) Value() string {
	if m.st == nil {
		return ""
	}
	return m.st.buf.value()
}

// SetSize sets the size of the editor in cells, the line-number gutter
// included. View renders exactly height rows of exactly width cells (text
// is wrapped to at least two cells, so a narrower editor overflows). The
// editor does not handle tea.WindowSizeMsg itself: the application sizes it.
func (m *Model) SetSize(width, height int) {
	if m.st == nil {
		m.st = newState("")
	}
	st := m.st
	topCol := 0
	if st.width > 0 {
		rows := m.rows(st.topLine)
		topCol = int(rows[min(st.topRow, len(rows)-1)])
	}
	st.width, st.height = max(width, 0), max(height, 0)
	st.topRow = rowOf(m.rows(st.topLine), topCol)
	m.ensureVisible()
}

// Width returns the width set by SetSize.
func (m Model) Width() int { return m.st.width }

// Height returns the height set by SetSize.
func (m Model) Height() int { return m.st.height }

// Focus gives the editor the keyboard: Update handles keys and View draws
// the cursor.
func (m *Model) Focus() { m.st.focused = true }

// Blur takes the keyboard away: Update ignores keys and no cursor is drawn.
func (m *Model) Blur() { m.st.focused = false }

// Focused reports whether the editor has the keyboard.
func (m Model) Focused() bool { return m.st.focused }

// Cursor returns the cursor position: the logical line (0-based) and the
// grapheme cluster index within it.
func (m Model) Cursor() (line, col int) { return m.st.line, m.st.col }

// SetCursor moves the cursor to a line and grapheme index, clamped to the
// text, and scrolls it into view.
func (m *Model) SetCursor(line, col int) {
	st := m.st
	st.line = min(max(line, 0), m.lastLine())
	st.col = min(max(col, 0), st.buf.line(st.line).n())
	st.goal = -1
	st.hist.open = false
	m.ensureVisible()
}

// LineCount returns the number of logical lines.
func (m Model) LineCount() int { return len(m.st.buf.lines) }

// Len returns the length of the text in grapheme clusters, each newline
// counting as one.
func (m Model) Len() int {
	b := &m.st.buf
	b.segmentAll()
	return b.graphemes + len(b.lines) - 1
}

// CharCount returns the character count (字数) the way Chinese editorial
// offices count it, like a word processor's "characters, no spaces": every
// grapheme cluster counts one — a Han character, a full-width or ASCII
// punctuation mark, a Latin letter, a digit, an emoji — except white space
// (spaces, ideographic spaces, tabs, newlines), control characters and
// invisible format characters (zero-width space, bidi marks, soft hyphen).
// Markdown markup in the text counts like any other punctuation. So
// "2024年，Party会议" counts 13: 2024 (4), 年 and ， (2), Party (5), 会议 (2).
func (m Model) CharCount() int {
	b := &m.st.buf
	b.segmentAll()
	return b.chars
}

// Version returns a counter that is bumped on every change of the text
// (edits, undo, redo, SetValue). The application polls it to debounce
// autosave off the UI goroutine.
func (m Model) Version() uint64 { return m.st.version }

// Dirty reports whether the text changed since it was last marked saved
// (by SetValue or MarkSaved). Undoing back to the saved text still counts as
// a change.
func (m Model) Dirty() bool { return m.st.version != m.st.saved }

// MarkSaved records that the text as of version (a value Version returned
// when the text was handed to the saver) is saved. If the text changed since
// then, Dirty stays true.
func (m *Model) MarkSaved(version uint64) { m.st.saved = version }

// InsertString inserts s at the cursor as one undo step, as a paste would.
// It does nothing when ReadOnly.
func (m *Model) InsertString(s string) {
	m.insert(normalizeNewlines(s), kindOther)
	m.ensureVisible()
}

// Undo takes back the last edit step. It reports whether there was one.
func (m *Model) Undo() bool {
	ok := m.undo()
	m.ensureVisible()
	return ok
}

// Redo re-applies the last undone step. It reports whether there was one.
func (m *Model) Redo() bool {
	ok := m.redo()
	m.ensureVisible()
	return ok
}

// ReplaceRange replaces bytes [from, to) of logical line line (0-based) with
// text as one undo step, leaving the cursor after the new text — how a
// proofreading fix is applied. It reports false, changing nothing, when the
// editor is read-only, the line does not exist or the range is not on
// grapheme cluster boundaries of that line.
func (m *Model) ReplaceRange(line, from, to int, text string) bool {
	st := m.st
	if m.ReadOnly || line < 0 || line > m.lastLine() {
		return false
	}
	l := st.buf.line(line)
	if from < 0 || to > len(l.s) || from > to || l.offAt(l.colAt(from)) != from || l.offAt(l.colAt(to)) != to {
		return false
	}
	m.change(bpos{line, from}, bpos{line, to}, normalizeNewlines(text), kindOther)
	m.ensureVisible()
	return true
}
