package tui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
)

// huhKeyMap is huh's default key map with the help of every binding a
// form of ours can show in Chinese (huh's own says "enter next",
// "shift+tab back • enter submit"). The keys themselves are huh's.
func huhKeyMap() *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("ctrl+c"))
	relabel := func(b *key.Binding, desc string) {
		b.SetHelp(b.Help().Key, desc)
	}
	for _, b := range []*key.Binding{&km.Input.Prev, &km.Text.Prev, &km.Select.Prev, &km.MultiSelect.Prev, &km.Note.Prev, &km.Confirm.Prev, &km.FilePicker.Prev} {
		relabel(b, "上一项")
	}
	for _, b := range []*key.Binding{&km.Input.Next, &km.Text.Next, &km.Note.Next, &km.Confirm.Next, &km.FilePicker.Next} {
		relabel(b, "下一项")
	}
	for _, b := range []*key.Binding{&km.Input.Submit, &km.Text.Submit, &km.Select.Submit, &km.MultiSelect.Submit, &km.Note.Submit, &km.Confirm.Submit, &km.FilePicker.Submit} {
		relabel(b, "完成")
	}
	relabel(&km.Input.AcceptSuggestion, "补全")
	relabel(&km.Text.NewLine, "换行")
	relabel(&km.Text.Editor, "外部编辑器")
	relabel(&km.Select.Next, "选定")
	relabel(&km.MultiSelect.Next, "确定")
	relabel(&km.Select.Up, "上移")
	relabel(&km.Select.Down, "下移")
	relabel(&km.MultiSelect.Up, "上移")
	relabel(&km.MultiSelect.Down, "下移")
	relabel(&km.Select.Filter, "筛选")
	relabel(&km.MultiSelect.Filter, "筛选")
	relabel(&km.Select.SetFilter, "确定筛选")
	relabel(&km.MultiSelect.SetFilter, "确定筛选")
	relabel(&km.Select.ClearFilter, "清除筛选")
	relabel(&km.MultiSelect.ClearFilter, "清除筛选")
	relabel(&km.Select.HalfPageUp, "上半页")
	relabel(&km.Select.HalfPageDown, "下半页")
	relabel(&km.MultiSelect.HalfPageUp, "上半页")
	relabel(&km.MultiSelect.HalfPageDown, "下半页")
	relabel(&km.Select.GotoTop, "到开头")
	relabel(&km.Select.GotoBottom, "到末尾")
	relabel(&km.MultiSelect.GotoTop, "到开头")
	relabel(&km.MultiSelect.GotoBottom, "到末尾")
	relabel(&km.MultiSelect.Toggle, "选中/取消")
	relabel(&km.MultiSelect.SelectAll, "全选")
	relabel(&km.MultiSelect.SelectNone, "全不选")
	relabel(&km.Confirm.Toggle, "切换")
	relabel(&km.Confirm.Accept, "是")
	relabel(&km.Confirm.Reject, "否")
	return km
}
