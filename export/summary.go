package export

import (
	"bufio"
	"bytes"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"

	"github.com/copydesk/copydesk/export/cjkmark"
	"github.com/copydesk/copydesk/model"
)

// summaryLen is the length of the summary shown in lists, the feed and
// <meta name="description">, in characters (grapheme clusters).
const summaryLen = 110

// summaryBytes bounds the text collected for a summary: enough for
// summaryLen clusters of any sane size (model.Shorten bounds a cluster).
const summaryBytes = summaryLen * 64

// summarize returns the summary of a Markdown body: see summaryOf. It
// parses the body (linear time; no media are resolved); renderMarkdown
// takes the same summary from the parse it renders the page from.
func summarize(body string) string {
	var sum string
	pc := parser.NewContext()
	pc.Set(summaryKey, &sum)
	md.Parser().Parse(text.NewReader([]byte(body)), parser.WithContext(pc))
	return sum
}

var summaryKey = parser.NewContextKey()

// summaryTransformer stores the summary in the *string under summaryKey,
// after cjkmark has decided the line breaks and before the media
// transform changes images, so a page and a list agree.
type summaryTransformer struct{}

func (summaryTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if p, ok := pc.Get(summaryKey).(*string); ok && p != nil {
		*p = summaryOf(doc, reader.Source())
	}
}

// summaryOf returns the plain text of the first paragraph of doc that has
// any (outside lists, tables, headings, code and HTML blocks), cut to
// summaryLen characters on a grapheme boundary with "…". It is the text a
// reader sees: emphasis and link marks go, link text and code stay,
// struck-through (deleted) text, images and raw HTML go, escapes and
// entities are resolved, and line breaks read as on the page (a space
// between Latin words, nothing between CJK characters). The result is
// escaped by whoever prints it.
func summaryOf(doc ast.Node, src []byte) string {
	return model.Shorten(leadText(doc, src), summaryLen)
}

// leadText is the text of the first paragraph that has any, uncut (at most
// about summaryBytes).
func leadText(doc ast.Node, src []byte) string {
	var out string
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.(type) {
		case *ast.Document, *ast.Blockquote:
			return ast.WalkContinue, nil
		case *ast.Paragraph:
			if s := paragraphText(n, src); s != "" {
				out = s
				return ast.WalkStop, nil
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return out
}

// paragraphText collects the visible text of an inline subtree, stopping
// once it has more than summaryBytes.
func paragraphText(p ast.Node, src []byte) string {
	var b strings.Builder
	brk := false // a line break waits for the next character
	write := func(s []byte) {
		if len(s) == 0 {
			return
		}
		if bytes.IndexByte(s, 0) >= 0 { // the page shows U+FFFD for NUL
			s = bytes.ReplaceAll(s, []byte{0}, []byte("\uFFFD"))
		}
		if brk && b.Len() > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRune(s)
			if cjkmark.KeepSpace(last, first) {
				b.WriteByte(' ')
			}
		}
		brk = false
		b.Write(s)
	}
	_ = ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if b.Len() > summaryBytes {
			return ast.WalkStop, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			v := n.Segment.Value(src)
			if !n.IsRaw() {
				v = pageText(v)
			}
			write(v)
			if n.HardLineBreak() || n.SoftLineBreak() {
				// a soft break cjkmark kept reads as a space; a hard one
				// as a space or nothing, by the same rule
				brk = true
			}
		case *ast.String:
			write(n.Value)
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					v := t.Segment.Value(src)
					if bytes.HasSuffix(v, []byte("\n")) { // as the page: a space
						v = append(v[:len(v)-1:len(v)-1], ' ')
					}
					write(v)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.AutoLink:
			write(n.Label(src))
			return ast.WalkSkipChildren, nil
		case *extast.Strikethrough, *ast.Image, *ast.RawHTML, *mediaImageNode:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// textWriter writes text as the page's renderer does (export's md): with
// backslash escapes, entities and escaped spaces resolved.
var textWriter = gmhtml.NewWriter(gmhtml.WithEscapedSpace())

// pageText returns the text a Markdown text segment shows on the page.
func pageText(v []byte) []byte {
	if bytes.IndexAny(v, "\\&") < 0 {
		return v
	}
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	textWriter.Write(w, v)
	_ = w.Flush()
	return []byte(html.UnescapeString(b.String()))
}
