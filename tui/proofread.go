package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// 三校 on the article page: the findings of the head — the revision the
// gate checks when this reviewer decides — are marked inline in the 全文
// tab (underlined in their severity's colour; bracketed 〖…〗 without
// colour) and listed under their paragraph with ✗ ! · and words; f7 /
// shift+f7 select the next / previous one (reverse video, ▸ in the list),
// f9 lets the selected one stand with a written reason, which the gate
// then counts as a waiver naming the reviewer. The page does not edit:
// f8 says to fix it in the editor (e).

// paraStarts are the byte offsets in body of model.Paragraphs(body), or
// nil when body is not in the normalized form Paragraphs splits (stored
// bodies are).
func paraStarts(body string) []int {
	if model.NormalizeText(body) != body {
		return nil
	}
	var out []int
	at := 0
	for _, chunk := range strings.Split(body, "\n\n") {
		if t := strings.TrimSpace(chunk); t != "" {
			out = append(out, at+strings.Index(chunk, t))
		}
		at += len(chunk) + 2
	}
	return out
}

// proofRanges are the findings of paragraph i (text para) not ignored, as
// ranges of its findText.
func (p *articlePage) proofRanges(i int, para string) []markRange {
	ps := p.proof
	if ps == nil || ps.err != nil || p.head == nil || ps.rev != p.head.N {
		return nil
	}
	if p.starts == nil || p.startsRev != p.head.N {
		p.starts, p.startsRev = paraStarts(p.head.Content.Body), p.head.N
	}
	if i >= len(p.starts) {
		return nil
	}
	sty := p.s.sty
	st := [3]lipgloss.Style{sty.Bad.Underline(true), sty.Warn.Underline(true), sty.Dim.Underline(true)}
	now := sty.r.NewStyle().Reverse(true)
	base := p.starts[i]
	var out []markRange
	for k, f := range ps.findings {
		if f.Field != proof.FieldBody || f.Paragraph != i {
			continue
		}
		if _, ok := ps.ignored[k]; ok {
			continue
		}
		a, b := f.Start-base, f.End-base
		if a < 0 || b > len(para) || a >= b || para[a:b] != f.Text {
			continue
		}
		r := markRange{start: len(findText(para[:a])), end: len(findText(para[:b])), open: "〖", close: "〗"}
		s := st[markKind(f.Severity)]
		r.style = &s
		if k == p.proofCur {
			r.style = &now
		}
		out = append(out, r)
	}
	return out
}

// proofJump selects the next (d = 1) or previous (d = -1) finding of the
// head not ignored, round, shows its paragraph and names it.
func (p *articlePage) proofJump(d int) tea.Cmd {
	ps := p.proof
	var idx []int
	if ps != nil {
		for k := range ps.findings {
			if _, ok := ps.ignored[k]; !ok {
				idx = append(idx, k)
			}
		}
	}
	if len(idx) == 0 {
		return notify(noticeOK, "%s", locale.T(p.s.lang(), "TUIProofNone"))
	}
	pos := -1
	for n, k := range idx {
		if k == p.proofCur {
			pos = n
		}
	}
	switch {
	case pos < 0 && d > 0:
		pos = 0
	case pos < 0:
		pos = len(idx) - 1
	default:
		pos = (pos + d + len(idx)) % len(idx)
	}
	p.proofCur = idx[pos]
	f := ps.findings[p.proofCur]
	p.tab = tabText
	if f.Field == proof.FieldBody {
		p.para = f.Paragraph
	}
	p.layoutText()
	return notify(noticeInfo, "%s", findingNotice(p.s.tr, f, pos, len(idx)))
}

// proofSelected is the selected finding, if any.
func (p *articlePage) proofSelected() (proof.Finding, bool) {
	if p.proof == nil || p.proofCur < 0 || p.proofCur >= len(p.proof.findings) {
		return proof.Finding{}, false
	}
	return p.proof.findings[p.proofCur], true
}

// proofIgnoreStart (f9) asks for the reason to let the selected finding
// stand.
func (p *articlePage) proofIgnoreStart() tea.Cmd {
	f, ok := p.proofSelected()
	if !ok {
		return notify(noticeInfo, "%s", locale.T(p.s.lang(), "TUIProofSelectFirst"))
	}
	if f.Severity == proof.Error {
		return notify(noticeErr, "%s", locale.Err(p.s.lang(), store.ErrIgnoreError))
	}
	p.mode = modeIgnore
	p.input = p.s.sty.textArea(locale.T(p.s.lang(), "TUIProofIgnoreReason"))
	p.input.SetWidth(min(p.w-4, 76))
	p.input.SetHeight(3)
	return p.input.Focus()
}

// proofIgnore records the reason typed for the selected finding.
func (p *articlePage) proofIgnore(reason string) tea.Cmd {
	f, ok := p.proofSelected()
	p.mode = modeRead
	if !ok {
		return nil
	}
	st, act, id, rev, key := p.s.store, p.s.actor, p.id, p.proof.rev, store.FindingKey(f)
	return tell(p, func() tea.Msg {
		g, err := st.IgnoreFinding(act, id, rev, key, reason)
		return proofIgnoredMsg{g: g, err: err}
	})
}

// proofIgnored reports the ignore and reloads the page.
func (p *articlePage) proofIgnored(m proofIgnoredMsg) tea.Cmd {
	if m.err != nil {
		return notifyErr(p.s.tr, m.err)
	}
	p.proofCur = -1
	return tea.Batch(notify(noticeOK, "%s", locale.T(p.s.lang(), "TUIProofIgnoredDone", locale.Args{"Text": termsafe.Line(m.g.Text)})), p.load())
}

// ignoreDialog is the box asking for the reason.
func (p *articlePage) ignoreDialog(w int) string {
	sty := p.s.sty
	var b strings.Builder
	b.WriteString(sty.Title.Render(locale.T(p.s.lang(), "TUIProofIgnoreTitle")) + "\n")
	if f, ok := p.proofSelected(); ok {
		b.WriteString(cut(p.s.label(f.Severity)+" "+f.RuleID+" “"+termsafe.Line(f.Text)+"” "+findingMsg(p.s.tr, f), w) + "\n")
	}
	for _, l := range wrapText(locale.T(p.s.lang(), "TUIProofIgnoreNote"), w, &sty.Dim) {
		b.WriteString(l + "\n")
	}
	b.WriteString("\n")
	b.WriteString(p.input.View())
	return b.String()
}
