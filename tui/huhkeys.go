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
		relabel(b, wt("TUIKeyPrevField"))
	}
	for _, b := range []*key.Binding{&km.Input.Next, &km.Text.Next, &km.Note.Next, &km.Confirm.Next, &km.FilePicker.Next} {
		relabel(b, wt("TUIKeyNextField"))
	}
	for _, b := range []*key.Binding{&km.Input.Submit, &km.Text.Submit, &km.Select.Submit, &km.MultiSelect.Submit, &km.Note.Submit, &km.Confirm.Submit, &km.FilePicker.Submit} {
		relabel(b, wt("TUIDone"))
	}
	relabel(&km.Input.AcceptSuggestion, wt("TUIKeyComplete"))
	relabel(&km.Text.NewLine, wt("EdNewLine"))
	relabel(&km.Text.Editor, wt("TUIKeyExternal"))
	relabel(&km.Select.Next, wt("TUIKeySelect"))
	relabel(&km.MultiSelect.Next, wt("TUIKeyOK"))
	relabel(&km.Select.Up, wt("EdUp"))
	relabel(&km.Select.Down, wt("EdDown"))
	relabel(&km.MultiSelect.Up, wt("EdUp"))
	relabel(&km.MultiSelect.Down, wt("EdDown"))
	relabel(&km.Select.Filter, wt("TUIKeyFilter"))
	relabel(&km.MultiSelect.Filter, wt("TUIKeyFilter"))
	relabel(&km.Select.SetFilter, wt("TUIKeyApplyFilter"))
	relabel(&km.MultiSelect.SetFilter, wt("TUIKeyApplyFilter"))
	relabel(&km.Select.ClearFilter, wt("TUIClearFilter"))
	relabel(&km.MultiSelect.ClearFilter, wt("TUIClearFilter"))
	relabel(&km.Select.HalfPageUp, wt("TUIKeyHalfUp"))
	relabel(&km.Select.HalfPageDown, wt("TUIKeyHalfDown"))
	relabel(&km.MultiSelect.HalfPageUp, wt("TUIKeyHalfUp"))
	relabel(&km.MultiSelect.HalfPageDown, wt("TUIKeyHalfDown"))
	relabel(&km.Select.GotoTop, wt("TUIKeyGoStart"))
	relabel(&km.Select.GotoBottom, wt("TUIKeyGoEnd"))
	relabel(&km.MultiSelect.GotoTop, wt("TUIKeyGoStart"))
	relabel(&km.MultiSelect.GotoBottom, wt("TUIKeyGoEnd"))
	relabel(&km.MultiSelect.Toggle, wt("TUIKeyToggleOne"))
	relabel(&km.MultiSelect.SelectAll, wt("TUIKeySelectAll"))
	relabel(&km.MultiSelect.SelectNone, wt("TUIKeySelectNone"))
	relabel(&km.Confirm.Toggle, wt("TUIKeyToggle"))
	relabel(&km.Confirm.Accept, wt("FormYes"))
	relabel(&km.Confirm.Reject, wt("FormNo"))
	return km
}
