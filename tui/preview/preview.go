// Package preview renders an article's Markdown for the terminal without
// blocking the UI.
//
// glamour v1 neither wraps CJK paragraphs (it breaks lines only at spaces)
// nor is it fast (about 30 ms for a 4,000-character article), so a
// [Renderer]:
//
//   - runs glamour without word wrap and re-wraps its output by display
//     width with [Wrap], which keeps the ANSI styling, never splits a wide
//     character, follows Chinese line-breaking rules and keeps the left
//     margin and quote bars on continuation lines;
//   - caches results in a bounded LRU keyed by [Key] — the article and its
//     saved revision, or for a draft the hash of its text, plus width and
//     style — and also keeps glamour's unwrapped output, so a resize only
//     re-wraps;
//   - is safe for concurrent use, and [Cmd] runs a render in a tea.Cmd so
//     that Update never waits for glamour.
//
// Over SSH every session has its own [lipgloss.Renderer]; build one
// Renderer per session from it. Nothing here reads lipgloss or termenv
// globals or asks the terminal for its background colour.
package preview

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"github.com/copydesk/copydesk/model"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	gansi "github.com/charmbracelet/glamour/ansi"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/copydesk/copydesk/locale"
	"github.com/muesli/termenv"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gtext "github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/copydesk/copydesk/export/cjkmark"

	"github.com/copydesk/copydesk/termsafe"
)

// Style names accepted by [New].
const (
	StyleDark  = "dark"
	StyleLight = "light"
	StyleNoTTY = "notty"
	StyleASCII = "ascii"
)

// DraftRev is the Rev of a [Key] for text that has no saved revision yet (a
// draft being typed); such a key is identified by the hash of the text.
const DraftRev = -1

// MinWidth is the narrowest width Render accepts.
const MinWidth = 8

// CacheSize is the number of rendered results a Renderer keeps; RawCacheSize
// the number of unwrapped glamour outputs it keeps for re-wrapping at a new
// width.
const (
	CacheSize    = 64
	RawCacheSize = 16
)

// Errors returned by New and Render.
var (
	// ErrUnknownStyle means New was given a style other than dark, light,
	// notty or ascii.
	ErrUnknownStyle error = locale.NewError("PreviewUnknownStyle", nil)
	// ErrNoRenderer means New was given a nil lipgloss renderer.
	ErrNoRenderer error = locale.NewError("PreviewNoRenderer", nil)
	// ErrWidth means Render was asked for a width below MinWidth.
	ErrWidth error = locale.NewError("PreviewWidth", nil)
	// ErrKey means the key passed to Render does not describe the request:
	// its Width or Style differ from the render's, or a draft key has no
	// Hash, or Rev is below DraftRev.
	ErrKey error = locale.NewError("PreviewKey", nil)
)

// Key identifies a rendered preview in the cache. Build keys with
// [Renderer.Key] for a saved revision and [Renderer.DraftKey] for unsaved
// text. Keys are comparable: the UI remembers the key of the preview it
// wants and drops any [RenderedMsg] whose Key differs.
type Key struct {
	// Article is the article's ID.
	Article uint64
	// Rev is the saved revision number, or DraftRev for unsaved text.
	Rev int
	// Hash is the content hash of the Markdown (see HashText). Required
	// when Rev is DraftRev; optional otherwise.
	Hash string
	// Width is the width in cells the preview is wrapped to.
	Width int
	// Style is the renderer's style name.
	Style string
}

// Renderer renders Markdown previews for one terminal (one session): one
// style, one colour profile. It is safe for concurrent use.
type Renderer struct {
	lang    locale.Lang // the interface text's language ("Image:", the cut note)
	style   string
	styles  gansi.StyleConfig
	profile termenv.Profile

	out *lru[Key, string]     // wrapped output
	raw *lru[Key, rawPreview] // glamour output before wrapping, Width 0

	renders atomic.Int64 // glamour runs, for tests
	stages  atomic.Int64 // stages begun (parse, render, wrap), for tests
	// onStage, when set (tests), is called as each stage begins.
	onStage func(stage string)
}

// stage checks ctx before a stage of a render begins and counts the stage.
func (r *Renderer) stage(ctx context.Context, name string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	r.stages.Add(1)
	if r.onStage != nil {
		r.onStage(name)
	}
	return nil
}

// New returns a Renderer that renders in the given glamour standard style —
// "dark", "light", "notty" or "ascii" — with the colour profile of r, the
// session's lipgloss renderer. Its own text (an image's label, the note
// on a cut preview) is in zh-CN; NewIn chooses the language.
func New(r *lipgloss.Renderer, style string) (*Renderer, error) {
	return NewIn(r, style, locale.Default)
}

// NewIn is New with the interface text in lang: a workstation session
// makes its renderer in its own language (sessions of one server may
// differ).
func NewIn(r *lipgloss.Renderer, style string, lang locale.Lang) (*Renderer, error) {
	if r == nil {
		return nil, ErrNoRenderer
	}
	var cfg gansi.StyleConfig
	switch style {
	case StyleDark:
		cfg = styles.DarkStyleConfig
	case StyleLight:
		cfg = styles.LightStyleConfig
	case StyleNoTTY:
		cfg = styles.NoTTYStyleConfig
	case StyleASCII:
		cfg = styles.ASCIIStyleConfig
	default:
		return nil, locale.NewError("PreviewUnknownStyleName", locale.Args{"Style": string(style)}, ErrUnknownStyle)
	}
	// glamour's styles label images in English ("Image: …"); the
	// workstation speaks Chinese. cfg is a copy of the package's value.
	cfg.ImageText.Format = locale.T(lang, "PreviewImage", locale.Args{"Text": "{{.text}}"})
	// glamour's styles mark headings with the markdown "#"s ("## 一、…");
	// a preview shows a heading as a heading: bold and coloured as the style
	// says, without the marks.
	for _, h := range []*gansi.StyleBlock{&cfg.Heading, &cfg.H1, &cfg.H2, &cfg.H3, &cfg.H4, &cfg.H5, &cfg.H6} {
		if strings.Contains(h.Prefix, "#") {
			h.Prefix = ""
		}
	}
	return &Renderer{
		lang:    lang,
		style:   style,
		styles:  cfg,
		profile: r.ColorProfile(),
		out:     newLRU[Key, string](CacheSize),
		raw:     newLRU[Key, rawPreview](RawCacheSize),
	}, nil
}

// Style returns the renderer's style name.
func (r *Renderer) Style() string { return r.style }

// Key returns the cache key for a saved revision of an article rendered at
// width by r.
func (r *Renderer) Key(article uint64, rev, width int) Key {
	return Key{Article: article, Rev: rev, Width: width, Style: r.style}
}

// DraftKey returns the cache key for unsaved Markdown text of an article
// (a draft being typed), rendered at width by r: the text is identified by
// its hash, so the same text is rendered once however often it is asked for.
func (r *Renderer) DraftKey(article uint64, markdown string, width int) Key {
	return Key{Article: article, Rev: DraftRev, Hash: HashText(markdown), Width: width, Style: r.style}
}

// HashText returns the content hash used in draft keys: hex SHA-256 of the
// text.
func HashText(markdown string) string {
	sum := sha256.Sum256([]byte(markdown))
	return hex.EncodeToString(sum[:])
}

// Cached returns the cached preview for key, if there is one. It never
// renders, so the UI may call it in Update to show a cached preview at
// once.
func (r *Renderer) Cached(key Key) (string, bool) {
	return r.out.get(key)
}

// Render returns the preview of markdown wrapped to width cells, from the
// cache when key has been rendered before. key must have been built for
// this request: key.Width == width and key.Style == r.Style(), and a
// draft key must carry the text's hash (use Key or DraftKey). A saved
// revision's text never changes, so the cache trusts (Article, Rev).
//
// The Markdown is passed through [termsafe.String] first, so stored text
// cannot smuggle escape sequences into the terminal. Render may take tens
// of milliseconds on a miss: call it from a tea.Cmd (see Cmd), not from
// Update.
func (r *Renderer) Render(key Key, markdown string, width int) (string, error) {
	return r.RenderContext(context.Background(), key, markdown, width)
}

// RenderContext is Render that stops when ctx ends: ctx is checked before
// the render starts and between its stages (parse → glamour render → wrap),
// and once it is done RenderContext returns ctx.Err() (context.Canceled or
// context.DeadlineExceeded) without starting another stage or caching a
// partial result. A stage already running finishes (each is bounded by
// MaxPreviewBytes and MaxPreviewNodes, about a second at worst).
func (r *Renderer) RenderContext(ctx context.Context, key Key, markdown string, width int) (string, error) {
	if width < MinWidth {
		return "", locale.NewError("PreviewWidthN", locale.Args{"Width": width, "Min": MinWidth}, ErrWidth)
	}
	switch {
	case key.Width != width:
		return "", locale.NewError("PreviewKeyWidth", locale.Args{"Key": key.Width, "Width": width}, ErrKey)
	case key.Style != r.style:
		return "", locale.NewError("PreviewKeyStyle", locale.Args{"Key": string(key.Style), "Style": string(r.style)}, ErrKey)
	case key.Rev < DraftRev:
		return "", locale.NewError("PreviewKeyRev", locale.Args{"Rev": key.Rev}, ErrKey)
	case key.Rev == DraftRev && key.Hash == "":
		return "", locale.NewError("PreviewKeyHash", nil, ErrKey)
	}
	if out, ok := r.out.get(key); ok {
		return out, nil
	}
	if err := ctx.Err(); err != nil {
		return "", err
	}
	rawKey := key
	rawKey.Width = 0
	raw, ok := r.raw.get(rawKey)
	if !ok {
		var err error
		raw, err = r.glamour(ctx, markdown)
		if err != nil {
			return "", err
		}
		r.raw.put(rawKey, raw)
	}
	if err := r.stage(ctx, "wrap"); err != nil {
		return "", err
	}
	out := wrapRaw(raw, width)
	r.out.put(key, out)
	return out, nil
}

// MaxPreviewBytes is how much of a body the preview renders: glamour
// takes ~2 s and hundreds of MB for a 2 MiB body, and nobody reads that
// much in a terminal. The rest is named in a closing line.
const MaxPreviewBytes = 128 << 10

// MaxPreviewNodes is the preview's syntax-tree budget (model.BoundMarkdownNodes):
// glamour spends tens of microseconds a node.
const MaxPreviewNodes = 5000

// previewHead cuts markdown to MaxPreviewBytes at a line end, with a note.
func previewHead(lang locale.Lang, markdown string) string {
	if len(markdown) <= MaxPreviewBytes {
		return markdown
	}
	cut := strings.LastIndexByte(markdown[:MaxPreviewBytes], '\n')
	if cut < MaxPreviewBytes/2 {
		cut = MaxPreviewBytes
		for cut > 0 && !utf8.RuneStart(markdown[cut]) {
			cut--
		}
	}
	return markdown[:cut] + "\n\n" + locale.T(lang, "TUIPreviewTruncated", locale.Args{"Shown": cut >> 10, "Total": len(markdown) >> 10}) + "\n"
}

// glamour renders markdown without word wrap and trims the blank lines
// glamour puts around the document.
func (r *Renderer) glamour(ctx context.Context, markdown string) (rawPreview, error) {
	if err := r.stage(ctx, "parse"); err != nil {
		return rawPreview{}, err
	}
	r.renders.Add(1)
	// glamour's ANSI renderer on our own goldmark, so the preview parses
	// the body exactly as the export does (cjkmark: CJK-friendly emphasis,
	// soft line breaks, links after full-width punctuation). A goldmark
	// instance is not safe for concurrent use and costs microseconds to
	// build, against milliseconds to render: build one per render.
	md := goldmark.New(
		goldmark.WithExtensions(cjkmark.GFM()...),
		goldmark.WithRenderer(renderer.NewRenderer(renderer.WithNodeRenderers(
			util.Prioritized(gansi.NewRenderer(gansi.Options{
				WordWrap:     0, // we wrap, by display width
				ColorProfile: r.profile,
				Styles:       r.styles,
			}), 1000)))),
	)
	// Bounded first: the preview shows at most MaxPreviewBytes, and
	// bounded as the export bounds it (goldmark is quadratic on some
	// inputs, model.BoundMarkdown), so a preview ends in bounded time.
	markdown = previewHead(r.lang, markdown)
	markdown, _ = model.BoundMarkdownNodes(markdown, MaxPreviewNodes)
	src := []byte(termsafe.String(markdown))
	doc := md.Parser().Parse(gtext.NewReader(src))
	// Tables are drawn at the pane width by wrapRaw (table.go).
	marker := newMarker()
	src, tables := extractTables(doc, src, marker)
	// glamour keeps a soft line break as a newline when it does not wrap;
	// the export shows it as a space. cjkmark has already dropped the
	// breaks that join CJK text; each remaining one becomes a space, taken
	// from one byte appended to a copy of the source (segments before it
	// are unchanged).
	space := len(src)
	src = append(src[:len(src):len(src)], ' ')
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering && t.SoftLineBreak() && !t.HardLineBreak() {
			t.SetSoftLineBreak(false)
			sp := ast.NewTextSegment(gtext.NewSegment(space, space+1))
			t.Parent().InsertAfter(t.Parent(), t, sp)
		}
		return ast.WalkContinue, nil
	})
	if err := r.stage(ctx, "render"); err != nil {
		return rawPreview{}, err
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, src, doc); err != nil {
		return rawPreview{}, locale.NewError("PreviewRender", locale.Args{"Err": err}, err)
	}
	out := buf.String()
	return rawPreview{text: strings.Trim(out, "\n"), marker: marker, tables: tables}, nil
}

// RenderedMsg reports a finished render to the UI. Compare Key with the key
// of the preview currently wanted and drop the message if they differ: the
// user may have typed, resized or switched article meanwhile.
type RenderedMsg struct {
	Key Key
	Out string
	Err error
}

// Cmd returns a tea.Cmd that renders markdown with r off the Update
// goroutine and delivers a [RenderedMsg] carrying key. It is CmdContext
// with context.Background().
func Cmd(r *Renderer, key Key, md string, width int) tea.Cmd {
	return CmdContext(context.Background(), r, key, md, width)
}

// CmdContext is Cmd bound to ctx (the page's context): a render whose ctx
// ends before or while it runs stops between stages (see RenderContext)
// and the command returns nil — no message, its result dropped.
func CmdContext(ctx context.Context, r *Renderer, key Key, md string, width int) tea.Cmd {
	return func() tea.Msg {
		if r == nil {
			return RenderedMsg{Key: key, Err: ErrNoRenderer}
		}
		out, err := r.RenderContext(ctx, key, md, width)
		if ctx.Err() != nil {
			return nil
		}
		return RenderedMsg{Key: key, Out: out, Err: err}
	}
}
