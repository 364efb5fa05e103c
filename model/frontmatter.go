package model

import (
	"bytes"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Limits on an article file's front matter. yaml.v3 is not linear in the
// number of mapping keys (its duplicate-key check compares every pair: 50,000
// keys took 16 s), so the header is bounded before it is decoded. At these
// limits a parse takes a few milliseconds (BENCHMARKS.md, "front matter").
const (
	MaxFrontMatterBytes = 64 << 10 // the YAML between the --- lines
	MaxFrontMatterKeys  = 256      // mapping keys, at every level together
	MaxFrontMatterNodes = 4096     // scalars, lists, maps and aliases together
	MaxFrontMatterDepth = 16       // nested lists and maps
)

// HasFrontMatter reports whether an article file starts with a YAML header
// (a --- line), after an optional UTF-8 BOM and with any line endings (LF,
// CRLF or a lone CR). Every path that reads article files asks this one
// function, so they all see the same header.
func HasFrontMatter(data []byte) bool {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	rest, ok := bytes.CutPrefix(data, []byte("---"))
	rest = bytes.TrimLeft(rest, " \t")
	return ok && (bytes.HasPrefix(rest, []byte("\n")) || bytes.HasPrefix(rest, []byte("\r")))
}

// decodeFrontMatter decodes the YAML header into fm within the limits
// above: the size first, then the node tree (linear in the size) is
// measured, and only a tree within the limits is decoded.
func decodeFrontMatter(head string, fm *FrontMatter) error {
	if len(head) > MaxFrontMatterBytes {
		return &FieldError{Field: "front matter", Reason: fmt.Sprintf("is %d bytes; the limit is %d bytes — move long text into the body", len(head), MaxFrontMatterBytes)}
	}
	var doc yaml.Node
	// One blank line in front makes every line number yaml reports (its
	// errors and the nodes' Line) the line of the file: the header starts
	// on line 2, after "---". (Without it an error on the first line came
	// with no line at all and every other one was one too low.)
	if err := yaml.Unmarshal([]byte("\n"+head), &doc); err != nil {
		return &FieldError{Field: "front matter", Reason: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var keys, nodes int
	var walk func(n *yaml.Node, depth int) error
	walk = func(n *yaml.Node, depth int) error {
		nodes++
		if nodes > MaxFrontMatterNodes {
			return &FieldError{Field: "front matter", Reason: fmt.Sprintf("has more than %d values; the limit is %d", MaxFrontMatterNodes, MaxFrontMatterNodes)}
		}
		if depth > MaxFrontMatterDepth {
			return &FieldError{Field: "front matter", Reason: fmt.Sprintf("line %d: lists and maps nested more than %d deep; the limit is %d", n.Line, MaxFrontMatterDepth, MaxFrontMatterDepth)}
		}
		if n.Kind == yaml.MappingNode {
			keys += len(n.Content) / 2
			if keys > MaxFrontMatterKeys {
				return &FieldError{Field: "front matter", Reason: fmt.Sprintf("line %d: more than %d keys; the limit is %d", n.Line, MaxFrontMatterKeys, MaxFrontMatterKeys)}
			}
		}
		for _, c := range n.Content {
			d := depth
			if n.Kind == yaml.MappingNode || n.Kind == yaml.SequenceNode {
				d++
			}
			if err := walk(c, d); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(&doc, 0); err != nil {
		return err
	}
	if len(doc.Content) == 0 {
		return nil // an empty header
	}
	if err := doc.Decode(fm); err != nil {
		return &FieldError{Field: "front matter", Reason: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	return nil
}
