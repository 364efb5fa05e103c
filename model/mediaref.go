package model

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// MediaRef is one stored media file an article body refers to.
type MediaRef struct {
	ID    string // 16 lowercase hex digits (see MediaID)
	Image bool   // used as an image (![…](media:ID)) at least once; else only linked
}

// mediaTypes are the media types that can be published: the sniffed MIME
// type (http.DetectContentType) → file extension on the site, and whether
// it is shown as an image. Anything else (SVG, which can carry scripts,
// HTML, text, …) is never published.
var mediaTypes = map[string]struct {
	ext   string
	image bool
}{
	"image/jpeg":      {"jpg", true},
	"image/png":       {"png", true},
	"image/gif":       {"gif", true},
	"image/webp":      {"webp", true},
	"application/pdf": {"pdf", false},
}

// MediaType says how a media file of the sniffed MIME type typ is
// published: its file extension, whether it is an image, and ok false for
// a type that is never published. The store (at save) and the exporter use
// this one table.
func MediaType(typ string) (ext string, image, ok bool) {
	t, ok := mediaTypes[typ]
	return t.ext, t.image, ok
}

// ParseMediaDest reads a link or image destination: "media:ID" in any case
// of the scheme (MEDIA:, Media:) with ID 16 hex digits (either case; the
// result is lower case). ok is false for a destination that is not a media
// reference; err (an ErrInvalid *FieldError) is set when it is one with a
// malformed ID.
func ParseMediaDest(dest string) (id string, ok bool, err error) {
	dest = strings.TrimSpace(dest)
	if len(dest) < 6 || !strings.EqualFold(dest[:6], "media:") {
		return "", false, nil
	}
	id = strings.ToLower(dest[6:])
	if len(id) != 16 || strings.Trim(id, "0123456789abcdef") != "" {
		return "", true, fieldMsg("body", "ErrMediaRefMalformed", map[string]any{"Dest": dest}, "%q is not a media reference: write media: and the 16 hex digits that copydesk media add printed", dest)
	}
	return id, true, nil
}

// mdRefs parses Markdown the way the exporter does (CommonMark with the GFM
// extensions) to find references; only the AST is used, nothing rendered.
var mdRefs = goldmark.New(goldmark.WithExtensions(extension.GFM))

// FindMediaRefs returns the media a Markdown body refers to, each once, in
// order of first appearance, found in its syntax tree: images and links
// (inline, with a title, in angle brackets, by reference), autolinks
// (<media:ID>) and link reference definitions, with the scheme in any case.
// Text in code spans and code blocks is not a reference. A media reference
// with a malformed ID is an ErrInvalid *FieldError. Work is linear in the
// size of body: the body is bounded first (BoundMarkdown), as the exporter
// bounds it before it renders, so both see the same references and a
// hostile body (a megabyte of "[" or of "[a](") cannot hold the store's
// write transaction for seconds or hours.
func FindMediaRefs(body string) ([]MediaRef, error) {
	if body == "" || !mayReferMedia(body) {
		return nil, nil
	}
	body, _ = BoundMarkdown(body)
	src := []byte(body)
	pc := parser.NewContext()
	doc := mdRefs.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var out []MediaRef
	index := map[string]int{}
	var firstErr error
	add := func(dest string, image bool) {
		id, ok, err := ParseMediaDest(dest)
		if err != nil && firstErr == nil {
			firstErr = err
		}
		if !ok || err != nil {
			return
		}
		if i, seen := index[id]; seen {
			out[i].Image = out[i].Image || image
			return
		}
		index[id] = len(out)
		out = append(out, MediaRef{ID: id, Image: image})
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			add(string(n.Destination), true)
		case *ast.Link:
			add(string(n.Destination), false)
		case *ast.AutoLink:
			add(string(n.URL(src)), false)
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	for _, r := range pc.References() {
		add(string(r.Destination()), false)
	}
	return out, firstErr
}

// MediaRefs returns the ids of the media body refers to (FindMediaRefs),
// in order, without repeats; malformed references are left out.
func MediaRefs(body string) []string {
	refs, _ := FindMediaRefs(body)
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids
}

// CheckMediaUse checks one reference against the stored media it names
// (m nil: not stored): the media must exist, be of a type that can be
// published, and be an image where it is used as one. The error is an
// ErrInvalid *FieldError that says what to do.
func CheckMediaUse(r MediaRef, m *Media) error {
	if m == nil {
		return fieldMsg("body", "ErrMediaMissing", map[string]any{"ID": r.ID}, "refers to media:%s, which is not stored; add it with copydesk media add FILE", r.ID)
	}
	_, image, ok := MediaType(m.Type)
	switch {
	case !ok:
		return fieldMsg("body", "ErrMediaType", map[string]any{"ID": r.ID, "Name": m.Name, "Type": m.Type}, "media:%s (%s) is of type %s, which is never published; use JPEG, PNG, GIF, WebP or PDF", r.ID, m.Name, m.Type)
	case r.Image && !image:
		return fieldMsg("body", "ErrMediaNotImage", map[string]any{"ID": r.ID, "Name": m.Name, "Type": m.Type}, "media:%s (%s, %s) is not an image but is used as one (![…](media:%s)); link it instead: [%s](media:%s)",
			r.ID, m.Name, m.Type, r.ID, m.Name, r.ID)
	}
	return nil
}

// mayReferMedia is the fast path of FindMediaRefs: a body without the word
// "media" in any case and without "&" (an entity such as &#109; could spell
// it) cannot hold a media reference, and is not parsed.
func mayReferMedia(body string) bool {
	if strings.IndexByte(body, '&') >= 0 {
		return true
	}
	for i := 0; i+5 <= len(body); i++ {
		if c := body[i]; (c == 'm' || c == 'M') && strings.EqualFold(body[i:i+5], "media") {
			return true
		}
	}
	return false
}
