package tui

import (
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// diffContext is how many unchanged characters stay on each side of a change.
const diffContext = 40

// diffLines renders a character-level diff of two bodies for reading in the
// terminal: insertions underlined in green, deletions struck through in red
// (and, on a terminal without colour, marked {+…+} and [-…-]), unchanged
// stretches folded into a one-line marker. Every line fits width.
func diffLines(tl tr, sty *styles, old, new string, width int) (lines []string, ins, del int) {
	chunks := model.Diff(termsafe.String(old), termsafe.String(new))
	ins, del = model.DiffStats(chunks)
	if ins == 0 && del == 0 {
		return []string{sty.Dim.Render(tl.wt("TUIDiffBodyUnchanged"))}, 0, 0
	}
	for i, h := range model.FoldDiff(chunks, diffContext) {
		if h.Fold {
			mark := tl.wt("TUIDiffFolded", locale.Args{"N": h.FoldedChars})
			if h.FoldedLines > 0 {
				mark += tl.wt("TUIDiffFoldedLines", locale.Args{"N": h.FoldedLines})
			}
			lines = append(lines, sty.FoldMark.Render(mark+" ⋯"))
			continue
		}
		if i > 0 && len(lines) > 0 {
			lines = append(lines, "")
		}
		lines = append(lines, sty.Faint.Render(tl.wt("TUIDiffLine", locale.Args{"N": h.NewLine})))
		lines = append(lines, hunkLines(sty, h.Chunks, width)...)
	}
	return lines, ins, del
}

// hunkLines lays out one hunk: a line break in the new text starts a new
// line; a deleted line break is shown as ↵ in the deletion.
func hunkLines(sty *styles, chunks []model.DiffChunk, width int) []string {
	var out []string
	var cur []span
	flush := func() {
		out = append(out, wrapSpans(cur, width)...)
		cur = nil
	}
	add := func(text string, op model.DiffOp) {
		text = strings.ReplaceAll(text, "\t", "    ")
		switch op {
		case model.DiffEqual:
			cur = append(cur, span{text: text})
		case model.DiffInsert:
			if sty.ascii {
				text = "{+" + text + "+}"
			}
			cur = append(cur, span{text: text, style: &sty.Ins})
		case model.DiffDelete:
			if sty.ascii {
				text = "[-" + text + "-]"
			}
			cur = append(cur, span{text: text, style: &sty.Del})
		}
	}
	for _, c := range chunks {
		if c.Op == model.DiffDelete {
			add(strings.ReplaceAll(c.Text, "\n", "↵"), c.Op)
			continue
		}
		parts := strings.Split(c.Text, "\n")
		for i, p := range parts {
			if i > 0 {
				if c.Op == model.DiffInsert {
					add("↵", c.Op)
				}
				flush()
			}
			if p != "" {
				add(p, c.Op)
			}
		}
	}
	if len(cur) > 0 {
		flush()
	}
	// Drop the empty lines left by a hunk that starts or ends with a line break.
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	for len(out) > 0 && out[0] == "" {
		out = out[1:]
	}
	return out
}
