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
	Language   key.Binding // switch the workstation between zh-CN and en, saved as the user's setting

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

func newKeyMap(tl tr) keyMap {
	b := func(help string, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return keyMap{
		Quit:    b("q", tl.wt("TUIKeyQuit"), "q"),
		ForceQ:  b("ctrl+c", tl.wt("TUIKeyQuit"), "ctrl+c"),
		Back:    b("esc", tl.wt("TUIKeyBack"), "esc"),
		Help:    b("?", tl.wt("TUIKeyHelp"), "?"),
		HelpAny: b("f1", tl.wt("TUIKeyHelp"), "f1"),
		Refresh: b("ctrl+l", tl.wt("TUIKeyRefresh"), "ctrl+l"),
		Up:      b("↑/k", tl.wt("TUIKeyUp"), "up", "k"),
		Down:    b("↓/j", tl.wt("TUIKeyDown"), "down", "j"),
		PgUp:    b("pgup", tl.wt("TUIKeyPageUp"), "pgup", "b"),
		PgDown:  b("pgdn", tl.wt("TUIKeyPageDown"), "pgdown", "f", " "),
		Top:     b("g", tl.wt("TUIKeyTop"), "home", "g"),
		Bottom:  b("G", tl.wt("TUIKeyBottom"), "end", "G"),
		NextTab: b("tab/→", tl.wt("TUIKeyNextTab"), "tab", "right", "l"),
		PrevTab: b("shift+tab/←", tl.wt("TUIKeyPrevTab"), "shift+tab", "left", "h"),
		Enter:   b("enter", tl.wt("TUIKeyOpen"), "enter"),

		Search:     b("/", tl.wt("TUISearchTitle"), "/"),
		Filter:     b("ctrl+f", tl.wt("TUIKeyFilter"), "ctrl+f"),
		NewNews:    b("n", tl.wt("TUIKeyNewNews"), "n"),
		NewMeeting: b("m", tl.wt("TUIKeyNewMeeting"), "m"),
		History:    b("v", tl.wt("TUIKeyHistory"), "v"),
		Export:     b("E", tl.wt("TUIExportSite"), "E"),
		Notify:     b("N", tl.wt("TUINotifyTitle"), "N"),
		Workflows:  b("W", locale.T(tl.lang(), "TUIWorkflowsTitle"), "W"),
		Delete:     b("D", tl.wt("KeyDeleteDraft"), "D"),
		Trash:      b("T", locale.T(tl.lang(), "TUITrashTitle"), "T"),
		Language:   b("L", tl.wt("TUIKeyLanguage"), "L"),

		Save:      b("ctrl+s", tl.wt("ActionSave"), "ctrl+s"),
		Submit:    b("ctrl+t", tl.wt("ActionSubmit"), "ctrl+t"),
		Preview:   b("ctrl+p", tl.wt("TUIKeyPreview"), "ctrl+p"),
		External:  b("ctrl+e", tl.wt("TUIKeyExternal"), "ctrl+e"),
		Meta:      b("ctrl+o", tl.wt("TUIKeyMeta"), "ctrl+o"),
		NextField: b("tab", tl.wt("TUIKeyNextTab"), "tab"),
		PrevField: b("shift+tab", tl.wt("TUIKeyPrevTab"), "shift+tab"),

		Approve: b("a", tl.wt("TUIKeyApprove"), "a"),
		Return:  b("r", tl.wt("ActionReturn"), "r"),
		Comment: b("c", tl.wt("TUIKeyComment"), "c"),
		Resolve: b("x", tl.wt("ActionResolve"), "x"),
		Edit:    b("e", tl.wt("TUIKeyEdit"), "e"),

		Mark:        b("space", tl.wt("TUIKeyMark"), " "),
		PrintRecord: b("p", locale.T(tl.lang(), "KeyPrintRecord"), "p"),

		ProofNext: b("f7", tl.wt("TUIKeyProofNext"), "f7"),
		ProofPrev: b("shift+f7", tl.wt("TUIKeyProofPrev"), "shift+f7", "f19"),
		ProofFix:  b("f8", tl.wt("TUIKeyProofFix"), "f8"),

		Yes: b("y", tl.wt("TUIKeyConfirm"), "y"),
		No:  b("n", tl.wt("TUICancel"), "n", "esc"),
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
