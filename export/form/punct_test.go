package form_test

import (
	"testing"

	"golang.org/x/net/html"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// TestFormPunctuationIsChinese: the printed 审核登记表 and 保密审查表 use
// full-width punctuation in their Chinese text (GB/T 15834-2011), outside
// the print style sheet.
func TestFormPunctuationIsChinese(t *testing.T) {
	st, id := office(t, sample())
	doc, _ := makeHTML(t, st, wangyin, id)
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (n.Data == "style" || n.Data == "script") {
			return
		}
		if n.Type == html.TextNode {
			for _, hit := range langcheck.HalfWidthPunct(n.Data) {
				t.Errorf("half-width mark in the form's Chinese text: %q (in %q)", hit, n.Data)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
}
