package tui

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
)

// cut shortens s, which may carry ANSI styling, to at most w terminal
// cells, ending with "…" when it was longer. It measures and cuts by
// grapheme cluster (a flag, a ZWJ emoji or a letter with its accents is
// never split) — the same rule as model.Shorten, by width instead of by
// count. Every column and line the TUI shortens goes through it.
func cut(s string, w int) string {
	return ansi.Truncate(s, w, model.Ellipsis)
}
