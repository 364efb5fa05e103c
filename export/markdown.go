package export

import (
	"bytes"
	"html"
	"strconv"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/copydesk/copydesk/export/cjkmark"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// Raw HTML in Markdown is passed through (html.WithUnsafe) and then cleaned
// by the sanitizer (sanitize.go), which keeps the text and the allowed
// markup of, say, an archive imported from an old site
// (<p style="text-align:center">文字</p> becomes <p>文字</p>) instead of
// dropping it whole as goldmark's safe mode would. Every body goes through
// the sanitizer; nothing reaches a page without it.
var md = withPlainTextWriter(goldmark.New(
	goldmark.WithExtensions(append(
		// GFM, with table alignment as align= (the sanitizer allows no
		// style), and the Chinese rules shared with the TUI preview:
		// CJK-friendly emphasis, soft line breaks decided in the AST,
		// linking after full-width punctuation (see cjkmark).
		cjkmark.GFM(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		// "\ " between CJK characters is no space.
		extension.NewCJK(extension.WithEscapedSpace()),
	)...),
	goldmark.WithParserOptions(parser.WithASTTransformers(
		util.Prioritized(summaryTransformer{}, 50),
		util.Prioritized(mediaTransformer{}, 100),
	)),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe(), renderer.WithNodeRenderers(util.Prioritized(mediaRenderer{}, 100))),
))

// withPlainTextWriter sets m's HTML text writer to plainTextWriter around
// the one its extensions chose (goldmark applies extensions after the
// options given to New, and the last writer set wins).
func withPlainTextWriter(m goldmark.Markdown) goldmark.Markdown {
	m.Renderer().AddOptions(gmhtml.WithWriter(plainTextWriter{gmhtml.NewWriter(gmhtml.WithEscapedSpace())}))
	return m
}

// plainTextWriter writes text that holds nothing goldmark's writer would
// change as it is, and hands the rest to that writer: its Write resolves
// backslash escapes and character references and escapes < > & " and NUL
// byte by byte, which was 6 % of a cold export. Byte-identical
// (FuzzPlainTextWriter).
type plainTextWriter struct{ gmhtml.Writer }

// textSpecial marks the bytes goldmark's Write and RawWrite may change or
// act on ('\\' only Write).
var textSpecial = func() (t [256]bool) {
	for _, c := range "\x00\"&<>\\" {
		t[c] = true
	}
	return t
}()

func plainText(s []byte) bool {
	for _, c := range s {
		if textSpecial[c] {
			return false
		}
	}
	return true
}

func (p plainTextWriter) Write(w util.BufWriter, source []byte) {
	if plainText(source) {
		_, _ = w.Write(source)
		return
	}
	p.Writer.Write(w, source)
}

func (p plainTextWriter) RawWrite(w util.BufWriter, source []byte) {
	if plainText(source) {
		_, _ = w.Write(source)
		return
	}
	p.Writer.RawWrite(w, source)
}

var mdStateKey = parser.NewContextKey()

// mdState carries one article's media and the first error through a parse.
type mdState struct {
	article uint64
	media   map[string]*resolvedMedia // by id; nil value: not found
	used    map[string]bool           // ids actually rendered
	prefix  string                    // path from the page to the site root
	summary string                    // set by the parse: see summaryOf
	err     error
	// resolve, when set, is asked once per parse for the media ids the
	// body refers to (before any is looked up) and fills media: the
	// pipeline fetches them from the Source then, so a body not in the
	// render cache is parsed once, not once for its references and once
	// to render. An error is the article's.
	resolve func(ids []string) (map[string]*resolvedMedia, error)
}

// resolvedMedia is a media file as the page refers to it.
type resolvedMedia struct {
	ID            string
	Path          string // site path: media/<sha256>.<ext>
	Caption       string
	Credit        string
	Image         bool // shown as <img>; otherwise linked
	Width, Height int  // 0 when unknown
}

// renderMarkdown converts an article body to HTML (not yet sanitized).

// relExternal is the rel attribute of a link that leaves the site.
const relExternal = "nofollow noopener" // langcheck:ok HTML attribute value

func renderMarkdown(st *mdState, body string) ([]byte, error) {
	var buf bytes.Buffer
	if err := renderMarkdownTo(&buf, st, body); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// renderMarkdownTo is renderMarkdown writing into buf.
func renderMarkdownTo(buf *bytes.Buffer, st *mdState, body string) error {
	src := []byte(body)
	pc := parser.NewContext()
	pc.Set(mdStateKey, st)
	pc.Set(summaryKey, &st.summary)
	doc := md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	if st.err != nil {
		return st.err
	}
	buf.Grow(len(src) + len(src)/4)
	if err := md.Renderer().Render(buf, src, doc); err != nil {
		return locale.NewError("ExportRender", locale.Args{"ID": st.article, "Err": err}, err)
	}
	return nil
}

// rawPool holds the buffers rendered bodies are written into before they
// are sanitized (into a slice of their own), so a body's raw HTML is not
// garbage.
var rawPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// renderSanitized renders body (renderMarkdown) and returns it sanitized.
func renderSanitized(st *mdState, body string) (string, error) {
	buf := rawPool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 {
			buf.Reset()
			rawPool.Put(buf)
		}
	}()
	if err := renderMarkdownTo(buf, st, body); err != nil {
		return "", err
	}
	return sanitizeString(buf.Bytes()), nil
}

// mediaTransformer resolves media images and marks external links.
type mediaTransformer struct{}

func (mediaTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(mdStateKey).(*mdState)
	if st == nil {
		return
	}
	src := reader.Source()
	var images []*ast.Image
	var mediaLinks []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Image:
			images = append(images, n)
		case *ast.Link:
			if _, ok, _ := model.ParseMediaDest(string(n.Destination)); ok {
				mediaLinks = append(mediaLinks, n)
			} else if isExternal(string(n.Destination)) {
				n.SetAttributeString("rel", []byte(relExternal))
			}
		case *ast.AutoLink:
			u := strings.ToLower(string(n.URL(src)))
			if _, ok, _ := model.ParseMediaDest(u); ok {
				mediaLinks = append(mediaLinks, n)
			} else if n.AutoLinkType == ast.AutoLinkURL && (isExternal(u) || strings.HasPrefix(u, "www.")) {
				n.SetAttributeString("rel", []byte(relExternal))
			}
		}
		return ast.WalkContinue, nil
	})
	if st.resolve != nil {
		var ids []string
		seen := map[string]bool{}
		add := func(dest string) {
			if id, ok, err := model.ParseMediaDest(dest); ok && err == nil && !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		for _, img := range images {
			add(string(img.Destination))
		}
		for _, n := range mediaLinks {
			switch n := n.(type) {
			case *ast.Link:
				add(string(n.Destination))
			case *ast.AutoLink:
				add(string(n.URL(src)))
			}
		}
		if len(ids) > 0 {
			m, err := st.resolve(ids)
			if err != nil {
				st.err = err
				return
			}
			st.media = m
		}
	}
	for _, img := range images {
		if st.err != nil {
			return
		}
		transformImage(st, img, src)
	}
	for _, n := range mediaLinks {
		if st.err != nil {
			return
		}
		transformMediaLink(st, n, src)
	}
}

// lookupMedia resolves a media destination (model.ParseMediaDest) to its
// file, recording an error in st when it is malformed or not stored.
func lookupMedia(st *mdState, dest string) *resolvedMedia {
	id, _, err := model.ParseMediaDest(dest)
	if err != nil {
		st.err = locale.NewError("ExportArticleErr", locale.Args{"ID": st.article, "Err": err}, err)
		return nil
	}
	m := st.media[id]
	if m == nil {
		st.err = locale.NewError("ExportUnknownMedia", locale.Args{"ID": st.article, "Media": id})
		return nil
	}
	st.used[id] = true
	return m
}

// transformMediaLink points a link to stored media ([议程](media:ID),
// <media:ID>) at its published file.
func transformMediaLink(st *mdState, n ast.Node, src []byte) {
	switch n := n.(type) {
	case *ast.Link:
		if m := lookupMedia(st, string(n.Destination)); m != nil {
			n.Destination = []byte(st.prefix + m.Path)
		}
	case *ast.AutoLink:
		m := lookupMedia(st, string(n.URL(src)))
		if m == nil {
			return
		}
		link := ast.NewLink()
		link.Destination = []byte(st.prefix + m.Path)
		label := m.Caption
		if label == "" {
			label = "附件"
		}
		link.AppendChild(link, ast.NewString([]byte(label)))
		n.Parent().ReplaceChild(n.Parent(), n, link)
	}
}

func transformImage(st *mdState, img *ast.Image, src []byte) {
	dest := string(img.Destination)
	alt := strings.TrimSpace(nodeText(img, src))
	parent := img.Parent()
	if _, isMedia, _ := model.ParseMediaDest(dest); !isMedia {
		// An image from elsewhere is never loaded: it becomes a link (the
		// sanitizer still checks its URL), so no page asks another host.
		link := ast.NewLink()
		link.Destination = img.Destination
		link.Title = img.Title
		if isExternal(dest) {
			link.SetAttributeString("rel", []byte(relExternal))
		}
		if alt == "" {
			alt = dest
		}
		link.AppendChild(link, ast.NewString([]byte(alt)))
		parent.ReplaceChild(parent, img, link)
		return
	}
	m := lookupMedia(st, dest)
	if m == nil {
		return
	}
	caption := alt
	if caption == "" {
		caption = m.Caption
	}
	if !m.Image {
		link := ast.NewLink()
		link.Destination = []byte(st.prefix + m.Path)
		label := caption
		if label == "" {
			label = "附件"
		}
		link.AppendChild(link, ast.NewString([]byte(label)))
		parent.ReplaceChild(parent, img, link)
		return
	}
	if p, ok := parent.(*ast.Paragraph); ok && onlyChild(p, img, src) {
		fig := &figureNode{Src: st.prefix + m.Path, Caption: caption, Credit: m.Credit, Width: m.Width, Height: m.Height}
		gp := p.Parent()
		gp.ReplaceChild(gp, p, fig)
		return
	}
	parent.ReplaceChild(parent, img, &mediaImageNode{Src: st.prefix + m.Path, Alt: caption, Width: m.Width, Height: m.Height})
}

// onlyChild tells whether n is p's only child apart from blank text.
func onlyChild(p *ast.Paragraph, n ast.Node, src []byte) bool {
	for c := p.FirstChild(); c != nil; c = c.NextSibling() {
		if c == n {
			continue
		}
		if t, ok := c.(*ast.Text); ok && len(bytes.TrimSpace(t.Segment.Value(src))) == 0 {
			continue
		}
		return false
	}
	return true
}

// nodeText collects the plain text below n.
func nodeText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// isExternal tells whether a link leaves the site.
func isExternal(u string) bool {
	l := strings.ToLower(strings.TrimSpace(u))
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "//")
}

var (
	kindFigure     = ast.NewNodeKind("CopydeskFigure")
	kindMediaImage = ast.NewNodeKind("CopydeskMediaImage")
)

// figureNode is a media image standing alone in its paragraph.
type figureNode struct {
	ast.BaseBlock
	Src, Caption, Credit string
	Width, Height        int
}

func (n *figureNode) Kind() ast.NodeKind { return kindFigure }

func (n *figureNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Src": n.Src}, nil)
}

// mediaImageNode is a media image inside running text.
type mediaImageNode struct {
	ast.BaseInline
	Src, Alt      string
	Width, Height int
}

func (n *mediaImageNode) Kind() ast.NodeKind { return kindMediaImage }

func (n *mediaImageNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Src": n.Src}, nil)
}

// mediaRenderer renders figureNode and mediaImageNode.
type mediaRenderer struct{}

func (mediaRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindFigure, renderFigure)
	reg.Register(kindMediaImage, renderMediaImage)
}

func imgTag(w util.BufWriter, src, alt string, width, height int) {
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.WriteString(html.EscapeString(src))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.WriteString(html.EscapeString(alt))
	_ = w.WriteByte('"')
	if width > 0 && height > 0 {
		_, _ = w.WriteString(` width="` + strconv.Itoa(width) + `" height="` + strconv.Itoa(height) + `"`)
	}
	_, _ = w.WriteString(` loading="lazy">`)
}

func renderFigure(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*figureNode)
	_, _ = w.WriteString("<figure>")
	imgTag(w, n.Src, n.Caption, n.Width, n.Height)
	if n.Caption != "" || n.Credit != "" {
		_, _ = w.WriteString("<figcaption>")
		_, _ = w.WriteString(html.EscapeString(n.Caption))
		if n.Credit != "" {
			_, _ = w.WriteString(`<span class="credit">摄：`)
			_, _ = w.WriteString(html.EscapeString(n.Credit))
			_, _ = w.WriteString("</span>")
		}
		_, _ = w.WriteString("</figcaption>")
	}
	_, _ = w.WriteString("</figure>\n")
	return ast.WalkSkipChildren, nil
}

func renderMediaImage(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*mediaImageNode)
		imgTag(w, n.Src, n.Alt, n.Width, n.Height)
	}
	return ast.WalkSkipChildren, nil
}
