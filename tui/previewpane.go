package tui

import (
	"context"
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/tui/preview"
)

// previewDelay is how long typing must pause before the preview is redrawn.
var previewDelay = 300 * time.Millisecond

// previewPane shows the rendered article beside the editor (wide
// terminals) or instead of it (ctrl+p on narrow ones). Renders run in
// commands; typing never waits for one, and only one runs at a time.
type previewPane struct {
	r     *preview.Renderer
	err   error
	shown bool // narrow terminals: the preview replaces the editor

	w, h        int
	lines       []string
	sc          scroller
	width       int    // width the lines were rendered for
	seq         uint64 // compose change counter of the text shown
	rendering   bool
	again       bool
	tickPending bool
	// ctx ends when the compose page is left (cancel, from close); a
	// render running then stops between stages and delivers nothing.
	ctx    context.Context
	cancel context.CancelFunc
}

type (
	previewMsg struct {
		seq   uint64
		width int
		out   string
		err   error
	}
	previewTickMsg struct{}
)

// newPreview makes the pane with the session's preview renderer.
func newPreview(s *session) previewPane {
	r, err := s.previewer()
	ctx, cancel := s.pageContext()
	return previewPane{r: r, err: err, ctx: ctx, cancel: cancel}
}

// previewer returns the session's preview renderer, made on first use in
// the glamour style that suits the terminal: its cache is shared by the
// compose and review pages of the session.
func (s *session) previewer() (*preview.Renderer, error) {
	if s.pvr != nil || s.pvErr != nil {
		return s.pvr, s.pvErr
	}
	style := preview.StyleDark
	switch {
	case s.sty.ascii:
		style = preview.StyleASCII
	case !s.sty.r.HasDarkBackground():
		style = preview.StyleLight
	}
	s.pvr, s.pvErr = preview.NewIn(s.sty.r, style, s.lang())
	return s.pvr, s.pvErr
}

func (p *previewPane) active(c *composePage) bool { return c.wide() || p.shown }

func (p *previewPane) setSize(w, h int) {
	p.w, p.h = max(w, preview.MinWidth), h
	p.sc.height = h
}

// changed schedules a redraw after typing pauses.
func (p *previewPane) changed(c *composePage) tea.Cmd {
	if !p.active(c) || p.tickPending {
		return nil
	}
	p.tickPending = true
	return tea.Tick(previewDelay, func(time.Time) tea.Msg { return pageMsg{to: c, msg: previewTickMsg{}} })
}

func (p *previewPane) tick(c *composePage) tea.Cmd {
	p.tickPending = false
	if quiet := time.Since(c.lastChange); quiet < previewDelay {
		p.tickPending = true
		return tea.Tick(previewDelay-quiet, func(time.Time) tea.Msg { return pageMsg{to: c, msg: previewTickMsg{}} })
	}
	return p.request(c)
}

// request renders what is on screen now, from the cache when it can.
func (p *previewPane) request(c *composePage) tea.Cmd {
	if !p.active(c) || p.r == nil || c.a == nil {
		return nil
	}
	if p.rendering {
		p.again = true
		return nil
	}
	md := "# " + c.titleIn.Value() + "\n\n" + c.body.Value()
	width, seq := p.w, c.seq
	key := p.r.DraftKey(c.id, md, width)
	if out, ok := p.r.Cached(key); ok {
		p.show(out, width, seq)
		return nil
	}
	p.rendering = true
	r, ctx := p.r, p.ctx
	return tell(c, func() tea.Msg {
		out, err := r.RenderContext(ctx, key, md, width)
		if ctx.Err() != nil {
			return nil // the page was left: drop the result
		}
		return previewMsg{seq: seq, width: width, out: out, err: err}
	})
}

func (p *previewPane) rendered(m previewMsg, c *composePage) tea.Cmd {
	p.rendering = false
	p.err = m.err
	if m.err == nil {
		p.show(m.out, m.width, m.seq)
	}
	if p.again || m.width != p.w || m.seq != c.seq {
		p.again = false
		return p.request(c)
	}
	return nil
}

func (p *previewPane) show(out string, width int, seq uint64) {
	p.lines = strings.Split(out, "\n")
	p.width, p.seq = width, seq
	p.sc.set(p.lines)
}

func (p *previewPane) toggle(c *composePage) tea.Cmd {
	p.shown = !p.shown
	if p.shown {
		return p.request(c)
	}
	return c.body.Focus()
}

// key scrolls the preview while it replaces the editor.
func (p *previewPane) key(msg tea.KeyMsg, k keyMap) tea.Cmd {
	p.sc.lineKey(msg, k)
	return nil
}

func (p *previewPane) view(tl tr, c *composePage) string {
	sty := c.s.sty
	if p.err != nil && p.lines == nil {
		return sty.Bad.Render(tl.wt("TUIPreviewFailed", locale.Args{"Err": tl.errText(p.err)}))
	}
	if p.lines == nil {
		return sty.Dim.Render(tl.wt("TUIPreviewRendering"))
	}
	if c.wide() {
		// Keep the preview near the part being written.
		line, lines := c.body.Position()
		if lines > 1 {
			p.sc.offset = (len(p.lines) - p.sc.height) * line / (lines - 1)
			p.sc.clamp()
		}
	}
	v := p.sc.view()
	if p.seq != c.seq || p.width != p.w {
		v = fitBlock(v, p.w, max(p.h-1, 1)) + "\n" + sty.Faint.Render(tl.wt("TUIPreviewUpdating"))
	}
	return v
}
