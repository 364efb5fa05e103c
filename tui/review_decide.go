package tui

// Decisions on the article page: the opinion box, the confirm box and the
// store call.

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// startDecision checks the decision against the workflow rules before the
// user writes an opinion, so a refusal comes at once; the store checks
// again when it is made.
func (p *articlePage) startDecision(act model.Action) tea.Cmd {
	if p.a == nil || p.head == nil {
		return nil
	}
	if _, err := model.Decide(*p.a, model.Request{Action: act, Actor: p.s.user, Opinion: "-",
		Rev: p.a.Rev, Hash: p.a.Hash, Now: p.s.now()}); err != nil && !model.OnlyUnanswered(err) {
		return notifyErr(p.s.tr, err) // the checklist is answered after the opinion
	}
	p.action = act
	p.mode = modeOpinion
	p.input = p.s.sty.textArea(opinionPlaceholder(p.s.tr, act))
	p.input.SetWidth(min(p.w-4, 76))
	p.input.SetHeight(4)
	return p.input.Focus()
}

func opinionPlaceholder(tl tr, act model.Action) string {
	switch act {
	case model.ActCorrect:
		return locale.T(tl.lang(), "TUICorrectPlaceholder")
	case model.ActTakedown:
		return locale.T(tl.lang(), "TUITakedownPlaceholder")
	case model.ActReturn:
		return tl.wt("TUIReturnPlaceholder")
	case model.ActSignOff:
		return tl.wt("TUISignoffPlaceholder")
	case model.ActSchedule:
		return locale.T(tl.lang(), "TUIScheduleOpinion")
	}
	return tl.wt("TUIReviewPlaceholder")
}

// decide makes the decision, bound to the revision and content hash shown.
func (p *articlePage) decide() tea.Cmd {
	p.busy = true
	st, act, id := p.s.store, p.s.actor, p.id
	d := store.Decision{Action: p.action, Opinion: p.opinion, Rev: p.a.Rev, Hash: p.a.Hash, At: p.at}
	if p.waiver != "" && p.action != model.ActReturn {
		d.Waivers = []store.Waiver{{Key: "*", Reason: p.waiver}}
	}
	if p.action != model.ActReturn {
		d.Answers = p.answers
	}
	return tell(p, func() tea.Msg {
		a, err := st.Decide(act, id, d)
		return decidedMsg{action: d.Action, a: a, err: err}
	})
}

// dialog is the opinion box, the comment box, or the confirmation that
// names the revision and content hash the decision binds to. maxH is the
// number of rows left for it on the page: the confirmation shortens its
// list of earlier opinions to fit (fitEarlier), so its 三校 line, its y/n
// line and its border stay on the screen.
func (p *articlePage) dialog(maxH int) string {
	sty := p.s.sty
	w := min(p.w-4, 72)
	var b strings.Builder
	switch p.mode {
	case modeScheduleAt:
		b.WriteString(p.scheduleDialog())
	case modeComment:
		b.WriteString(sty.Title.Render(p.s.wt("TUICommentTitle", locale.Args{"N": p.para + 1})) + "\n")
		if paras := model.Paragraphs(p.head.Content.Body); p.para < len(paras) {
			b.WriteString(sty.Faint.Render(cut(p.s.wt("TUIQuote", locale.Args{"Text": termsafe.Line(model.Quote(paras[p.para], 40))}), w)) + "\n")
		}
		b.WriteString("\n" + p.input.View())
	case modeOpinion:
		switch p.action {
		case model.ActCorrect:
			b.WriteString(sty.Title.Render(locale.T(p.s.lang(), "TUICorrectTitle")) + sty.Dim.Render(locale.T(p.s.lang(), "TUICorrectHint")) + "\n\n")
		case model.ActTakedown:
			b.WriteString(sty.Title.Render(locale.T(p.s.lang(), "TUITakedownTitle")) + sty.Dim.Render(locale.T(p.s.lang(), "TUITakedownHint")) + "\n\n")
		default:
			b.WriteString(sty.Title.Render(p.s.wt("TUIOpinionTitle", locale.Args{"Action": actionTitle(p.s.tr, p.action)})) + sty.Dim.Render(p.s.wt("TUIOpinionRequiredNote")) + "\n\n")
		}
		b.WriteString(p.input.View())
	case modeIgnore:
		b.WriteString(p.ignoreDialog(w))
	case modeWaive:
		b.WriteString(sty.Title.Render(p.s.wt("TUIReleaseWarnings")) + sty.Dim.Render(p.s.wt("TUIReleaseWarningsNote")) + "\n")
		b.WriteString(sty.Dim.Render(cut(p.proof.confirmLine(p.s.tr), w)) + "\n\n")
		b.WriteString(p.input.View())
	case modeChecklist:
		b.WriteString(sty.BoxFocused.Width(w).Render(p.checklistBox(w - 4)))
	case modeConfirm:
		var c strings.Builder
		c.WriteString(sty.Title.Render(p.s.wt("TUIConfirmAction", locale.Args{"Action": actionTitle(p.s.tr, p.action)})) + "\n")
		c.WriteString(cut(p.s.wt("TUIArticleRef", locale.Args{"ID": p.a.ID, "Title": termsafe.Line(p.a.Title)}), w-4) + "\n")
		c.WriteString(p.s.wt("TUIConfirmRevHash", locale.Args{"Rev": p.a.Rev, "Hash": shortHash(p.a.Hash)}) + "\n")
		if st := p.a.Current(); st != nil {
			c.WriteString(p.s.wt("TUIStageLine", locale.Args{"Stage": termsafe.Line(st.Name)}) + "\n")
		}
		label := p.s.wt("TUIOpinionLabel")
		if afterSignOff(p.action) {
			label = locale.T(p.s.lang(), "TUIConfirmNote")
			if p.action == model.ActTakedown {
				label = locale.T(p.s.lang(), "TUIConfirmReason")
			}
		}
		for i, l := range wrapText(label+p.opinion, w-4, nil) {
			if i >= 4 {
				c.WriteString("…\n")
				break
			}
			c.WriteString(l + "\n")
		}
		c.WriteString(p.answerLines(w - 4))
		head := c.String()
		c.Reset()
		if p.action == model.ActSignOff {
			c.WriteString(p.s.wt("TUICreditsHeading"))
			for _, l := range wrapText(p.credits, w-4, &sty.Accent) {
				c.WriteString(l + "\n")
			}
		}
		if p.action != model.ActReturn && !afterSignOff(p.action) {
			c.WriteString("\n" + cut(p.proof.confirmLine(p.s.tr), w-4) + "\n" + p.proof.ignoredLines(p.s.tr, w-4))
			if p.proof != nil && p.proof.counts.Errors > 0 {
				c.WriteString(sty.Warn.Render(p.s.wt("TUIProofErrorsRefuse")) + "\n")
			} else if p.proof != nil && p.proof.unwaived() > 0 {
				c.WriteString(sty.Warn.Render(p.s.wt("TUIProofWarningsReason")) + "\n")
			}
		}
		if sl := p.scheduleConfirmLines(); sl != "" {
			c.WriteString("\n" + sl)
		}
		if p.stale {
			c.WriteString(sty.Warn.Render(p.s.wt("TUIStaleRefuse")) + "\n")
		}
		c.WriteString("\n" + sty.Accent.Render(p.s.wt("TUIYConfirm")) + "   " + sty.Dim.Render(p.s.wt("TUINBackEdit")))
		tail := c.String()
		// rows left for the list: the page's, less the box's two borders,
		// the head (ending in a newline) and the tail
		room := maxH - 2 - (lipgloss.Height(head) - 1) - lipgloss.Height(tail)
		if earlier := fitEarlier(p.s.tr, p.decisionLines(w-4), room); len(earlier) > 0 {
			head += strings.Join(earlier, "\n") + "\n"
		}
		b.WriteString(sty.BoxFocused.Width(w).Render(head + tail))
	}
	return fitDialog(p.s.tr, indent(b.String(), "  "), maxH)
}

// fitDialog makes a dialog of more than h lines fit: its first line (the
// title) and its last lines (the keys that answer it, and a box's bottom
// border) stay, and a marker line names how many lines between them are
// not shown, so no dialog loses its keys off the screen (the confirm box
// shortens its earlier opinions first: fitEarlier).
func fitDialog(tl tr, s string, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) <= h || h < 3 {
		return s
	}
	keep := min(3, h-2) // the keys line, a blank or border line under it
	cutN := len(lines) - h + 1
	head := lines[:h-1-keep]
	marker := "  " + tl.wt("TUIDialogLinesHidden", locale.Args{"N": cutN})
	return strings.Join(append(append(head, marker), lines[len(lines)-keep:]...), "\n")
}

// fitEarlier fits the earlier opinions (decisionLines: a title, then each
// decision's line and its checklist line, if any) into room lines, a blank
// line before them included: all of them; or the title, a line saying how
// many were left out, and the newest decisions whole; or, when not even
// one decision fits, only the line saying how many there are.
func fitEarlier(tl tr, lines []string, room int) []string {
	if len(lines) == 0 || room < 1 {
		return nil
	}
	if len(lines)+1 <= room {
		return append([]string{""}, lines...)
	}
	count := func(ls []string) (n int) {
		for _, l := range ls {
			if !strings.HasPrefix(l, "  ") {
				n++
			}
		}
		return n
	}
	leftOut := func(ls []string) string {
		return tl.wt("TUIEarlierOpinionsLeftOut", locale.Args{"N": count(ls)})
	}
	rest := lines[1:]
	if keep := room - 3; keep < 1 { // the blank line, the title, the 未列出 line
		rest = nil
	} else {
		rest = rest[len(rest)-min(keep, len(rest)):]
	}
	for len(rest) > 0 && strings.HasPrefix(rest[0], "  ") { // a checklist line without its decision
		rest = rest[1:]
	}
	if len(rest) == 0 {
		return []string{leftOut(lines[1:])}
	}
	return append([]string{"", lines[0], leftOut(lines[1 : len(lines)-len(rest)])}, rest...)
}

func actionTitle(tl tr, act model.Action) string {
	switch act {
	case model.ActCorrect, model.ActTakedown:
		return actionLabel(tl, act)
	case model.ActReturn:
		return tl.wt("ActionReturn")
	case model.ActSignOff:
		return tl.wt("ActionSignoff")
	case model.ActSchedule:
		return locale.T(tl.lang(), "ActionSchedule")
	}
	return tl.wt("ActionApprove")
}
