// Package editor is a CJK-aware multi-line text editor component for Bubble
// Tea v1, built for long Chinese articles.
//
// Unlike bubbles/textarea, which re-wraps the whole text on every key, the
// editor keeps a buffer of logical lines, each caching its grapheme clusters
// and its soft-wrapped rows for the current width. An edit touches only the
// line it happens in, and [Model.View] renders only the rows inside the
// viewport, so a key costs about the same in a 4,000-character draft as in a
// 100,000-character one.
//
// Text model:
//   - The cursor moves by grapheme cluster (Unicode UAX #29, via rivo/uniseg):
//     a Han character, an emoji ZWJ sequence such as 👩‍👩‍👧 or a letter with
//     combining marks (e + U+0301) is one step and is never split.
//   - Rows are wrapped by display width, the same width lipgloss.Width
//     measures: Han characters, full-width punctuation and emoji take two
//     cells and are never split across rows. Latin text breaks after a space
//     when the word fits; CJK text may break between any two characters,
//     except that closing punctuation (，。、；：？！」』）》… and the like) is
//     never put at the start of a row and opening punctuation (「『（《“…) never
//     at the end (the previous character moves down with it). A word longer
//     than a row is broken anywhere.
//   - A tab is kept in the text as a tab and shown as four blank cells.
//   - Control characters never reach the terminal: C0 controls and DEL are
//     shown in caret notation (ESC as ^[), C1 controls, format characters
//     (zero-width space, bidi overrides…), U+2028/U+2029 and invalid UTF-8 as
//     �, and a combining mark with nothing to combine with on a dotted circle.
//
// The application polls [Model.Version] (bumped on every content change) to
// debounce autosave off the UI goroutine; Update does no I/O.
//
// The Model holds its document behind a pointer, like a handle: keep the
// Model that Update returns and do not use copies of it as independent
// editors.
package editor
