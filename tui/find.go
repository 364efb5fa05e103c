package tui

import (
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/termsafe"
)

// Find in the article: `/` on the article page's text asks for words, enter
// marks every place they occur (matched as search matches them: full- and
// half-width alike, case alike, line breaks and Markdown marks between
// characters ignored — search.Find), and n / N jump to the next and the
// previous place; esc ends it.

// finder is the state of find-in-article.
type finder struct {
	typing bool
	input  textinput.Model
	query  string
	hits   []findHit
	cur    int
}

// findHit is one place: paragraph and byte range in the paragraph's
// terminal-safe text.
type findHit struct {
	para       int
	start, end int
}

// findText is a paragraph as the text tab shows it (wrapText's cleaning).
func findText(para string) string {
	return strings.ReplaceAll(termsafe.String(para), "\t", "    ")
}

// findKey() handles find's keys; ok is false for keys find leaves alone.
func (p *articlePage) findKey(msg tea.KeyMsg) (tea.Cmd, bool) {
	f := &p.find
	if f.typing {
		switch msg.String() {
		case "esc":
			f.typing = false
			return nil, true
		case "enter":
			f.typing = false
			p.findRun(strings.TrimSpace(f.input.Value()))
			return nil, true
		}
		var cmd tea.Cmd
		f.input, cmd = f.input.Update(msg)
		return cmd, true
	}
	switch {
	case key.Matches(msg, findKey(p.s.tr)):
		f.typing = true
		f.input = p.s.sty.textInput(locale.T(p.s.lang(), "TUIFindPlaceholder"), search.MaxQueryRunes)
		f.input.Prompt = locale.T(p.s.lang(), "TUIFindPrompt")
		f.input.PromptStyle = p.s.sty.Accent
		f.input.SetValue(f.query)
		f.input.CursorEnd()
		if p.tab != tabText {
			p.tab = tabText
		}
		return f.input.Focus(), true
	case f.query == "":
		return nil, false
	case msg.String() == "n":
		p.findJump(+1)
		return nil, true
	case msg.String() == "N":
		p.findJump(-1)
		return nil, true
	case msg.String() == "esc":
		*f = finder{}
		p.layoutText()
		return nil, true
	}
	return nil, false
}

// findRun finds q in every paragraph of the head revision and shows the
// first place at or after the current paragraph.
func (p *articlePage) findRun(q string) {
	f := &p.find
	f.query, f.hits, f.cur = q, nil, 0
	if q == "" || p.head == nil {
		p.layoutText()
		return
	}
	for i, para := range model.Paragraphs(p.head.Content.Body) {
		for _, m := range search.Find(findText(para), q) {
			f.hits = append(f.hits, findHit{para: i, start: m[0], end: m[1]})
		}
	}
	for i, h := range f.hits {
		if h.para >= p.para {
			f.cur = i
			break
		}
	}
	p.findShow()
}

// findJump moves to the next (d = 1) or previous (d = -1) place, round.
func (p *articlePage) findJump(d int) {
	f := &p.find
	if len(f.hits) == 0 {
		return
	}
	f.cur = (f.cur + d + len(f.hits)) % len(f.hits)
	p.findShow()
}

// findShow selects the current place's paragraph and lays the text out
// again with the places marked.
func (p *articlePage) findShow() {
	f := &p.find
	p.tab = tabText
	if len(f.hits) > 0 {
		p.para = f.hits[f.cur].para
	}
	p.layoutText()
}

// findRanges are the find places in paragraph i (in findText's bytes),
// the current one in reverse video; nil when find is off.
func (p *articlePage) findRanges(i int) []markRange {
	f := &p.find
	if f.query == "" {
		return nil
	}
	sty := p.s.sty
	mark := sty.Accent.Bold(true).Underline(true)
	now := sty.r.NewStyle().Reverse(true).Bold(true)
	var out []markRange
	for k, h := range f.hits {
		if h.para != i {
			continue
		}
		r := markRange{start: h.start, end: h.end, style: &mark, open: "【", close: "】"} // langcheck:ok marks a hit inside the article's own text
		if k == f.cur {
			r.style = &now
		}
		out = append(out, r)
	}
	return out
}

// markRange is a marked byte range of a paragraph's findText, drawn in
// style; without colour it is bracketed by open and close instead.
type markRange struct {
	start, end  int
	style       *lipgloss.Style
	open, close string
}

// markedLines wraps paragraph i to width with the find places and the
// 三校 findings in it marked (a find place wins where they overlap); nil
// when nothing in it is marked.
func (p *articlePage) markedLines(i int, para string, w int) []string {
	ranges := append(p.findRanges(i), p.proofRanges(i, para)...)
	if len(ranges) == 0 {
		return nil
	}
	sort.SliceStable(ranges, func(a, b int) bool { return ranges[a].start < ranges[b].start })
	text := findText(para)
	ascii := p.s.sty.ascii
	var out []string
	at := 0
	for _, line := range strings.Split(text, "\n") {
		lstart, lend := at, at+len(line)
		at = lend + 1
		var spans []span
		pos := lstart
		for _, h := range ranges {
			s, e := max(h.start, lstart, pos), min(h.end, lend)
			if s >= e {
				continue
			}
			if s > pos {
				spans = append(spans, span{text: text[pos:s]})
			}
			seg := text[s:e]
			if ascii {
				seg = h.open + seg + h.close
			}
			spans = append(spans, span{text: seg, style: h.style})
			pos = e
		}
		if pos < lend {
			spans = append(spans, span{text: text[pos:lend]})
		}
		if len(spans) == 0 {
			spans = []span{{text: ""}}
		}
		out = append(out, wrapSpans(spans, w)...)
	}
	return out
}

// findLine is the line under the text while find is on.
func (p *articlePage) findLine() string {
	f := &p.find
	sty := p.s.sty
	switch {
	case f.typing:
		return " " + f.input.View()
	case f.query == "":
		return ""
	case len(f.hits) == 0:
		return " " + sty.Warn.Render(locale.T(p.s.lang(), "TUIFindNone", locale.Args{"Query": termsafe.Line(f.query)}))
	}
	return " " + sty.Dim.Render(locale.T(p.s.lang(), "TUIFindAt", locale.Args{"Query": termsafe.Line(f.query), "N": f.cur + 1, "Total": len(f.hits)}))
}

// findKey(tl) is built when asked, in the session's language (tl).
func findKey(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("/"), key.WithHelp("/", locale.T(tl.lang(), "TUIFindKey")))
}

// findNextKey(tl) is built when asked, in the session's language (tl).
func findNextKey(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("n"), key.WithHelp("n/N", locale.T(tl.lang(), "TUIFindNextKey")))
}
