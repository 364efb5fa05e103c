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
		Quit:    b("q", "退出", "q"),
		ForceQ:  b("ctrl+c", "退出", "ctrl+c"),
		Back:    b("esc", "返回", "esc"),
		Help:    b("?", "帮助", "?"),
		HelpAny: b("f1", "帮助", "f1"),
		Refresh: b("ctrl+l", "刷新", "ctrl+l"),
		Up:      b("↑/k", "上", "up", "k"),
		Down:    b("↓/j", "下", "down", "j"),
		PgUp:    b("pgup", "上页", "pgup", "b"),
		PgDown:  b("pgdn", "下页", "pgdown", "f", " "),
		Top:     b("g", "顶部", "home", "g"),
		Bottom:  b("G", "底部", "end", "G"),
		NextTab: b("tab/→", "下一栏", "tab", "right", "l"),
		PrevTab: b("shift+tab/←", "上一栏", "shift+tab", "left", "h"),
		Enter:   b("enter", "打开", "enter"),

		Search:     b("/", "搜索", "/"),
		Filter:     b("ctrl+f", "筛选", "ctrl+f"),
		NewNews:    b("n", "写新闻", "n"),
		NewMeeting: b("m", "写会议报道", "m"),
		History:    b("v", "历史", "v"),
		Export:     b("E", "导出网站", "E"),
		Notify:     b("N", "通知设置", "N"),
		Workflows:  b("W", locale.T(locale.Default, "TUIWorkflowsTitle"), "W"),
		Delete:     b("D", "删除草稿", "D"),
		Trash:      b("T", locale.T(locale.Default, "TUITrashTitle"), "T"),

		Save:      b("ctrl+s", "保存", "ctrl+s"),
		Submit:    b("ctrl+t", "送审", "ctrl+t"),
		Preview:   b("ctrl+p", "预览", "ctrl+p"),
		External:  b("ctrl+e", "外部编辑器", "ctrl+e"),
		Meta:      b("ctrl+o", "稿件信息", "ctrl+o"),
		NextField: b("tab", "下一栏", "tab"),
		PrevField: b("shift+tab", "上一栏", "shift+tab"),

		Approve: b("a", "批准/签发", "a"),
		Return:  b("r", "退回", "r"),
		Comment: b("c", "批注本段", "c"),
		Resolve: b("x", "解决批注", "x"),
		Edit:    b("e", "修改", "e"),

		Mark:        b("space", "设为比较基准", " "),
		PrintRecord: b("p", locale.T(locale.Default, "KeyPrintRecord"), "p"),

		ProofNext: b("f7", "下一处三校", "f7"),
		ProofPrev: b("shift+f7", "上一处三校", "shift+f7", "f19"),
		ProofFix:  b("f8", "应用修正", "f8"),

		Yes: b("y", "确认", "y"),
		No:  b("n", "取消", "n", "esc"),
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
