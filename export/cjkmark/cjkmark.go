// Package cjkmark holds the goldmark extension for Chinese newsroom
// Markdown that the HTML export and the terminal preview share, so both
// read the same text the same way:
//
//   - CJK-friendly emphasis and strikethrough: the flanking rule of the
//     "CommonMark CJK-friendly amendments" (tats-u/markdown-cjk-friendly
//     specification.md, as in markdown-it-cjk-friendly, micromark and
//     comrak), so 学院党委**高度重视，**多次召开会议 and
//     要落实**“一岗双责”**， are bold; text without CJK characters next to
//     the delimiters is parsed exactly as CommonMark 0.31.2 says;
//   - soft line breaks decided in the AST: dropped between CJK characters
//     and next to CJK punctuation, kept (a space) next to Latin words and
//     inline elements that start or end with one;
//   - bare URLs, www. and e-mail addresses linked right after CJK text
//     or punctuation (报名网址：https://…).
//
// Use [Extension] together with goldmark's Linkify, Strikethrough, Table
// and TaskList extensions (see [GFM]).
package cjkmark

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Priorities: inline parsers run in increasing order; goldmark's emphasis
// and strikethrough parsers have 500, so ours (499) answer first. The AST
// transformers run before the export's own (100): linking first, then the
// line breaks (they look at link labels).
const (
	inlinePriority   = 499
	linkifyPriority  = 10
	softBreakPriorty = 20
)

type ext struct{}

// Extension is the goldmark extender described in the package comment.
var Extension goldmark.Extender = ext{}

func (ext) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(
			util.Prioritized(emphasisParser{}, inlinePriority),
			util.Prioritized(strikeParser{}, inlinePriority),
		),
		parser.WithASTTransformers(
			util.Prioritized(newCJKLinkify(), linkifyPriority),
			util.Prioritized(softBreaks{}, softBreakPriorty),
		),
	)
}

// GFM returns the extensions every renderer of article bodies uses: GFM's
// linkify, strikethrough, task lists and table (with the given table
// options), then [Extension].
func GFM(table ...extension.TableOption) []goldmark.Extender {
	return []goldmark.Extender{
		extension.Linkify, extension.Strikethrough, extension.TaskList,
		extension.NewTable(table...),
		Extension,
	}
}
