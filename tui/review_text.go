package tui

import (
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// The article page's 全文 and 批注 tabs: the paragraphs with the cursor
// paragraph, open comments, find places and 三校 findings marked
// (proofread.go), and the list of comments.

// layoutText lays out the paragraphs with the cursor paragraph marked and
// the number of open comments on each.
func (p *articlePage) layoutText() {
	if p.head == nil {
		return
	}
	sty := p.s.sty
	w := p.contentWidth() - 2
	open := map[int]int{}
	for _, c := range p.comments {
		if !c.Resolved && c.Rev == p.head.N {
			open[c.Para]++
		}
	}
	var lines []string
	p.paraLine = p.paraLine[:0]
	c := p.head.Content
	lines = append(lines, wrapText(c.Title, w+2, &sty.Title)...)
	if c.Subtitle != "" {
		lines = append(lines, wrapText(c.Subtitle, w+2, &sty.Dim)...)
	}
	if by := articleByline(p.s.tr, &c); by != "" {
		lines = append(lines, sty.Dim.Render(cut(by, w+2)))
	}
	marks, headMarks := p.proof.byParagraph()
	for _, i := range headMarks {
		lines = append(lines, p.proof.markLineAt(p.s.tr, sty, i, w))
	}
	lines = append(lines, "")
	paras := model.Paragraphs(c.Body)
	p.para = max(min(p.para, len(paras)-1), 0)
	var from, to int
	for i, para := range paras {
		p.paraLine = append(p.paraLine, len(lines))
		if i == p.para {
			from = len(lines)
		}
		bar := "  "
		if i == p.para {
			bar = sty.ParaCursor.Render("┃ ")
		}
		wrapped := p.markedLines(i, para, w)
		if wrapped == nil {
			wrapped = wrapText(para, w, nil)
		}
		for _, l := range wrapped {
			lines = append(lines, bar+l)
		}
		if n := open[i]; n > 0 {
			lines = append(lines, "  "+sty.Warn.Render(p.s.wt("TUICommentMark", locale.Args{"N": n})))
		}
		for _, k := range marks[i] {
			l := p.proof.markLineAt(p.s.tr, sty, k, w)
			if k == p.proofCur {
				l = sty.Accent.Render(" ▸") + l[2:]
			}
			lines = append(lines, l)
		}
		if i == p.para {
			to = len(lines)
		}
		lines = append(lines, "")
	}
	p.sc[tabText].set(lines)
	p.sc[tabText].show(from, to)
}

// articleByline is the line of facts under a title: source, authors,
// photographers, and the meeting's when and where.
func articleByline(tl tr, c *model.Content) string {
	var parts []string
	if c.Source != "" {
		parts = append(parts, tl.wt("TUITextSource", locale.Args{"V": termsafe.Line(c.Source)}))
	}
	if len(c.Authors) > 0 {
		parts = append(parts, tl.wt("TUITextAuthors", locale.Args{"V": joinNames(tl, c.Authors)}))
	}
	if len(c.Photographers) > 0 {
		parts = append(parts, tl.wt("TUITextPhotographers", locale.Args{"V": joinNames(tl, c.Photographers)}))
	}
	if m := c.Meeting; m != nil {
		parts = append(parts, tl.wt("TUITextMeeting", locale.Args{"Name": termsafe.Line(m.Name), "Date": termsafe.Line(m.Date)}))
	}
	return strings.Join(parts, " · ")
}

func (p *articlePage) layoutComments() {
	sty := p.s.sty
	w := p.contentWidth() - 2
	if len(p.comments) == 0 {
		p.sc[tabComments].set([]string{sty.Dim.Render(p.s.wt("TUINoComments"))})
		return
	}
	p.ccur = max(min(p.ccur, len(p.comments)-1), 0)
	var lines []string
	var from, to int
	for i, c := range p.comments {
		if i == p.ccur {
			from = len(lines)
		}
		bar := "  "
		if i == p.ccur {
			bar = sty.ParaCursor.Render("┃ ")
		}
		state := sty.Warn.Render(p.s.wt("TUIOpen"))
		if c.Resolved {
			state = sty.OK.Render(p.s.wt("TUIResolvedBy", locale.Args{"Who": p.name(c.ResolvedBy)}))
		}
		head := p.s.wt("TUICommentHead", locale.Args{"Who": p.name(c.Author), "Rev": c.Rev, "Para": c.Para + 1, "At": p.s.fmtTime(c.At)}) + " "
		lines = append(lines, bar+sty.Dim.Render(head)+state)
		lines = append(lines, bar+sty.Faint.Render(cut(p.s.wt("TUIQuote", locale.Args{"Text": termsafe.Line(c.Quote)}), w)))
		for _, l := range wrapText(c.Text, w, nil) {
			lines = append(lines, bar+l)
		}
		if i == p.ccur {
			to = len(lines)
		}
		lines = append(lines, "")
	}
	p.sc[tabComments].set(lines)
	p.sc[tabComments].show(from, to)
}
