package tui

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/copydesk/copydesk/locale"
)

// keyMap is the one key map of the workstation. The same key means the same
// thing on every page: esc goes back, enter opens or confirms, tab moves
// between views, ? shows every key of the page.
type keyMap struct {
	// Global.
	Quit     key.Binding
	ForceQ   key.Binding
	Back     key.Binding
	Help     key.Binding
	HelpAny  key.Binding // works while typing
	Refresh  key.Binding
	Up, Down key.Binding
	PgUp     key.Binding
	PgDown   key.Binding
	Top      key.Binding
	Bottom   key.Binding
	NextTab  key.Binding
	PrevTab  key.Binding
	Enter    key.Binding

	// Home.
	Search     key.Binding
	Filter     key.Binding
	NewNews    key.Binding
	NewMeeting key.Binding
	History    key.Binding
	Export     key.Binding
	Notify     key.Binding
	Workflows  key.Binding // the read-only workflows page
	Delete     key.Binding // 删除草稿, offered only when model.May allows it
	Trash      key.Binding // the user's deleted drafts, to restore one

	// Compose.
	Save      key.Binding
	Submit    key.Binding
	Preview   key.Binding
	External  key.Binding
	Meta      key.Binding
	NextField key.Binding
	PrevField key.Binding

	// Review.
	Approve key.Binding
	Return  key.Binding
	Comment key.Binding
	Resolve key.Binding
	Edit    key.Binding

	// History.
	Mark key.Binding
	// PrintRecord saves the article's 审核登记表 (history page).
	PrintRecord key.Binding

	// 三校 in the compose and article pages (proofedit.go, proofread.go);
	// terminals send shift+F7 as F19 (xterm's legacy encoding).
	ProofNext, ProofPrev, ProofFix key.Binding

	// Dialogs.
	Yes key.Binding
	No  key.Binding
}

func newKeyMap() keyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Quit:    b("q", wt("TUIKeyQuit"), "q"),
		ForceQ:  b("ctrl+c", wt("TUIKeyQuit"), "ctrl+c"),
		Back:    b("esc", wt("TUIKeyBack"), "esc"),
		Help:    b("?", wt("TUIKeyHelp"), "?"),
		HelpAny: b("f1", wt("TUIKeyHelp"), "f1"),
		Refresh: b("ctrl+l", wt("TUIKeyRefresh"), "ctrl+l"),
		Up:      b("↑/k", wt("TUIKeyUp"), "up", "k"),
		Down:    b("↓/j", wt("TUIKeyDown"), "down", "j"),
		PgUp:    b("pgup", wt("TUIKeyPageUp"), "pgup", "b"),
		PgDown:  b("pgdn", wt("TUIKeyPageDown"), "pgdown", "f", " "),
		Top:     b("g", wt("TUIKeyTop"), "home", "g"),
		Bottom:  b("G", wt("TUIKeyBottom"), "end", "G"),
		NextTab: b("tab/→", wt("TUIKeyNextTab"), "tab", "right", "l"),
		PrevTab: b("shift+tab/←", wt("TUIKeyPrevTab"), "shift+tab", "left", "h"),
		Enter:   b("enter", wt("TUIKeyOpen"), "enter"),

		Search:     b("/", wt("TUISearchTitle"), "/"),
		Filter:     b("ctrl+f", wt("TUIKeyFilter"), "ctrl+f"),
		NewNews:    b("n", wt("TUIKeyNewNews"), "n"),
		NewMeeting: b("m", wt("TUIKeyNewMeeting"), "m"),
		History:    b("v", wt("TUIKeyHistory"), "v"),
		Export:     b("E", wt("TUIExportSite"), "E"),
		Notify:     b("N", wt("TUINotifyTitle"), "N"),
		Workflows:  b("W", locale.T(uiLang, "TUIWorkflowsTitle"), "W"),
		Delete:     b("D", wt("KeyDeleteDraft"), "D"),
		Trash:      b("T", locale.T(uiLang, "TUITrashTitle"), "T"),

		Save:      b("ctrl+s", wt("ActionSave"), "ctrl+s"),
		Submit:    b("ctrl+t", wt("ActionSubmit"), "ctrl+t"),
		Preview:   b("ctrl+p", wt("TUIKeyPreview"), "ctrl+p"),
		External:  b("ctrl+e", wt("TUIKeyExternal"), "ctrl+e"),
		Meta:      b("ctrl+o", wt("TUIKeyMeta"), "ctrl+o"),
		NextField: b("tab", wt("TUIKeyNextTab"), "tab"),
		PrevField: b("shift+tab", wt("TUIKeyPrevTab"), "shift+tab"),

		Approve: b("a", wt("TUIKeyApprove"), "a"),
		Return:  b("r", wt("ActionReturn"), "r"),
		Comment: b("c", wt("TUIKeyComment"), "c"),
		Resolve: b("x", wt("ActionResolve"), "x"),
		Edit:    b("e", wt("TUIKeyEdit"), "e"),

		Mark:        b("space", wt("TUIKeyMark"), " "),
		PrintRecord: b("p", locale.T(uiLang, "KeyPrintRecord"), "p"),

		ProofNext: b("f7", wt("TUIKeyProofNext"), "f7"),
		ProofPrev: b("shift+f7", wt("TUIKeyProofPrev"), "shift+f7", "f19"),
		ProofFix:  b("f8", wt("TUIKeyProofFix"), "f8"),

		Yes: b("y", wt("TUIKeyConfirm"), "y"),
		No:  b("n", wt("TUICancel"), "n", "esc"),
	}
}

// bindings is a help.KeyMap made of a short line and full columns.
type bindings struct {
	short []key.Binding
	full  [][]key.Binding
}

// ShortHelp implements help.KeyMap.
func (b bindings) ShortHelp() []key.Binding { return b.short }

// FullHelp implements help.KeyMap.
func (b bindings) FullHelp() [][]key.Binding {
	if b.full == nil {
		return [][]key.Binding{b.short}
	}
	return b.full
}
