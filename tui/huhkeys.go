package tui

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/huh"
)

// huhKeyMap is huh's default key map with the help of every binding a
// form of ours can show in Chinese (huh's own says "enter next",
// "shift+tab back • enter submit"). The keys themselves are huh's.
func huhKeyMap(tl tr) *huh.KeyMap {
	km := huh.NewDefaultKeyMap()
	km.Quit = key.NewBinding(key.WithKeys("ctrl+c"))
	relabel := func(b *key.Binding, desc string) {
		b.SetHelp(b.Help().Key, desc)
	}
	for _, b := range []*key.Binding{&km.Input.Prev, &km.Text.Prev, &km.Select.Prev, &km.MultiSelect.Prev, &km.Note.Prev, &km.Confirm.Prev, &km.FilePicker.Prev} {
		relabel(b, tl.wt("TUIKeyPrevField"))
	}
	for _, b := range []*key.Binding{&km.Input.Next, &km.Text.Next, &km.Note.Next, &km.Confirm.Next, &km.FilePicker.Next} {
		relabel(b, tl.wt("TUIKeyNextField"))
	}
	for _, b := range []*key.Binding{&km.Input.Submit, &km.Text.Submit, &km.Select.Submit, &km.MultiSelect.Submit, &km.Note.Submit, &km.Confirm.Submit, &km.FilePicker.Submit} {
		relabel(b, tl.wt("TUIDone"))
	}
	relabel(&km.Input.AcceptSuggestion, tl.wt("TUIKeyComplete"))
	relabel(&km.Text.NewLine, tl.wt("EdNewLine"))
	relabel(&km.Text.Editor, tl.wt("TUIKeyExternal"))
	relabel(&km.Select.Next, tl.wt("TUIKeySelect"))
	relabel(&km.MultiSelect.Next, tl.wt("TUIKeyOK"))
	relabel(&km.Select.Up, tl.wt("EdUp"))
	relabel(&km.Select.Down, tl.wt("EdDown"))
	relabel(&km.MultiSelect.Up, tl.wt("EdUp"))
	relabel(&km.MultiSelect.Down, tl.wt("EdDown"))
	relabel(&km.Select.Filter, tl.wt("TUIKeyFilter"))
	relabel(&km.MultiSelect.Filter, tl.wt("TUIKeyFilter"))
	relabel(&km.Select.SetFilter, tl.wt("TUIKeyApplyFilter"))
	relabel(&km.MultiSelect.SetFilter, tl.wt("TUIKeyApplyFilter"))
	relabel(&km.Select.ClearFilter, tl.wt("TUIClearFilter"))
	relabel(&km.MultiSelect.ClearFilter, tl.wt("TUIClearFilter"))
	relabel(&km.Select.HalfPageUp, tl.wt("TUIKeyHalfUp"))
	relabel(&km.Select.HalfPageDown, tl.wt("TUIKeyHalfDown"))
	relabel(&km.MultiSelect.HalfPageUp, tl.wt("TUIKeyHalfUp"))
	relabel(&km.MultiSelect.HalfPageDown, tl.wt("TUIKeyHalfDown"))
	relabel(&km.Select.GotoTop, tl.wt("TUIKeyGoStart"))
	relabel(&km.Select.GotoBottom, tl.wt("TUIKeyGoEnd"))
	relabel(&km.MultiSelect.GotoTop, tl.wt("TUIKeyGoStart"))
	relabel(&km.MultiSelect.GotoBottom, tl.wt("TUIKeyGoEnd"))
	relabel(&km.MultiSelect.Toggle, tl.wt("TUIKeyToggleOne"))
	relabel(&km.MultiSelect.SelectAll, tl.wt("TUIKeySelectAll"))
	relabel(&km.MultiSelect.SelectNone, tl.wt("TUIKeySelectNone"))
	relabel(&km.Confirm.Toggle, tl.wt("TUIKeyToggle"))
	relabel(&km.Confirm.Accept, tl.wt("FormYes"))
	relabel(&km.Confirm.Reject, tl.wt("FormNo"))
	return km
}
