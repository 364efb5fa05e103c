package editor

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/copydesk/copydesk/locale"
)

// KeyMap holds the editor's key bindings. The application may change or
// disable any of them and list them in its help view (KeyMap implements
// help.KeyMap).
type KeyMap struct {
	CharacterForward  key.Binding // one grapheme right
	CharacterBackward key.Binding // one grapheme left
	LineNext          key.Binding // one row down, keeping the goal column
	LinePrevious      key.Binding // one row up, keeping the goal column
	WordForward       key.Binding // to the end of the next word
	WordBackward      key.Binding // to the start of the previous word
	ParagraphForward  key.Binding // to the start of the next paragraph
	ParagraphBackward key.Binding // to the start of this or the previous paragraph
	LineStart         key.Binding // row start; pressed again, line start
	LineEnd           key.Binding // row end; pressed again, line end
	DocumentStart     key.Binding // start of the text
	DocumentEnd       key.Binding // end of the text
	PageUp            key.Binding // one screen up
	PageDown          key.Binding // one screen down

	DeleteCharacterBackward key.Binding // delete the grapheme before the cursor
	DeleteCharacterForward  key.Binding // delete the grapheme under the cursor
	DeleteWordBackward      key.Binding // delete back to the start of the word
	DeleteWordForward       key.Binding // delete to the end of the word
	DeleteBeforeCursor      key.Binding // delete to the start of the line
	DeleteAfterCursor       key.Binding // delete to the end of the line
	InsertNewline           key.Binding // split the line
	InsertTab               key.Binding // insert Model.TabText
	ToggleHeading           key.Binding // current line: plain → ## section heading → ### sub-heading → plain

	Undo key.Binding // undo the last edit step
	Redo key.Binding // redo the last undone step
}

// DefaultKeyMap returns the default bindings, their help in zh-CN.
func DefaultKeyMap() KeyMap { return KeyMapIn(locale.Default) }

// KeyMapIn returns the default bindings with their help in lang: a
// workstation session's editor speaks the session's language.
func KeyMapIn(lang locale.Lang) KeyMap {
	t := func(id string) string { return locale.T(lang, id) }
	b := func(help, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		CharacterForward:  b("→", t("EdRight"), "right", "ctrl+f"),
		CharacterBackward: b("←", t("EdLeft"), "left", "ctrl+b"),
		LineNext:          b("↓", t("EdDown"), "down", "ctrl+n"),
		LinePrevious:      b("↑", t("EdUp"), "up", "ctrl+p"),
		WordForward:       b("ctrl+→", t("EdWordRight"), "ctrl+right", "alt+right", "alt+f"),
		WordBackward:      b("ctrl+←", t("EdWordLeft"), "ctrl+left", "alt+left", "alt+b"),
		ParagraphForward:  b("ctrl+↓", t("EdNextParagraph"), "ctrl+down", "alt+down"),
		ParagraphBackward: b("ctrl+↑", t("EdPrevParagraph"), "ctrl+up", "alt+up"),
		LineStart:         b("home", t("EdLineStart"), "home", "ctrl+a"),
		LineEnd:           b("end", t("EdLineEnd"), "end", "ctrl+e"),
		DocumentStart:     b("ctrl+home", t("EdTop"), "ctrl+home", "alt+<"),
		DocumentEnd:       b("ctrl+end", t("EdBottom"), "ctrl+end", "alt+>"),
		PageUp:            b("pgup", t("EdPageUp"), "pgup"),
		PageDown:          b("pgdn", t("EdPageDown"), "pgdown"),

		DeleteCharacterBackward: b("backspace", t("EdDeleteLeft"), "backspace", "ctrl+h"),
		DeleteCharacterForward:  b("del", t("EdDeleteRight"), "delete", "ctrl+d"),
		DeleteWordBackward:      b("ctrl+w", t("EdDeleteWordLeft"), "ctrl+w", "alt+backspace"),
		DeleteWordForward:       b("alt+d", t("EdDeleteWordRight"), "alt+d", "alt+delete"),
		DeleteBeforeCursor:      b("ctrl+u", t("EdDeleteToLineStart"), "ctrl+u"),
		DeleteAfterCursor:       b("ctrl+k", t("EdDeleteToLineEnd"), "ctrl+k"),
		InsertNewline:           b("enter", t("EdNewLine"), "enter", "ctrl+m"),
		InsertTab:               b("tab", t("EdTab"), "tab"),
		ToggleHeading:           b("alt+h", t("EdHeading"), "alt+h"),

		Undo: b("ctrl+z", t("EdUndo"), "ctrl+z"),
		Redo: b("ctrl+y", t("EdRedo"), "ctrl+y"),
	}
}

// ShortHelp returns the bindings shown in short help.
func (k KeyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Undo, k.Redo, k.ToggleHeading, k.WordForward, k.PageDown}
}

// FullHelp returns all bindings, grouped by column.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.CharacterForward, k.CharacterBackward, k.LineNext, k.LinePrevious, k.WordForward, k.WordBackward, k.ParagraphForward},
		{k.ParagraphBackward, k.LineStart, k.LineEnd, k.DocumentStart, k.DocumentEnd, k.PageUp, k.PageDown},
		{k.DeleteCharacterBackward, k.DeleteCharacterForward, k.DeleteWordBackward, k.DeleteWordForward, k.DeleteBeforeCursor, k.DeleteAfterCursor},
		{k.InsertNewline, k.InsertTab, k.ToggleHeading, k.Undo, k.Redo},
	}
}

// matches reports whether the key string s (tea.KeyMsg.String()) triggers
// the enabled binding b. It is key.Matches without re-formatting the message
// for every binding.
func matches(s string, b key.Binding) bool {
	if !b.Enabled() {
		return false
	}
	for _, k := range b.Keys() {
		if k == s {
			return true
		}
	}
	return false
}
