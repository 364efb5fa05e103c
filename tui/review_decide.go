package tui

// Decisions on the article page: the opinion box, the confirm box and the
// store call.

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

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
		return notifyErr(err) // the checklist is answered after the opinion
	}
	p.action = act
	p.mode = modeOpinion
	p.input = p.s.sty.textArea(opinionPlaceholder(act))
	p.input.SetWidth(min(p.w-4, 76))
	p.input.SetHeight(4)
	return p.input.Focus()
}

func opinionPlaceholder(act model.Action) string {
	switch act {
	case model.ActCorrect:
		return locale.T(uiLang, "TUICorrectPlaceholder")
	case model.ActTakedown:
		return locale.T(uiLang, "TUITakedownPlaceholder")
	case model.ActReturn:
		return wt("TUIReturnPlaceholder")
	case model.ActSignOff:
		return wt("TUISignoffPlaceholder")
	case model.ActSchedule:
		return locale.T(uiLang, "TUIScheduleOpinion")
	}
	return wt("TUIReviewPlaceholder")
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
// names the revision and content hash the decision binds to.
func (p *articlePage) dialog() string {
	sty := p.s.sty
	w := min(p.w-4, 72)
	var b strings.Builder
	switch p.mode {
	case modeScheduleAt:
		b.WriteString(p.scheduleDialog())
	case modeComment:
		b.WriteString(sty.Title.Render(wt("TUICommentTitle", locale.Args{"N": p.para + 1})) + "\n")
		if paras := model.Paragraphs(p.head.Content.Body); p.para < len(paras) {
			b.WriteString(sty.Faint.Render(cut("「"+termsafe.Line(model.Quote(paras[p.para], 40))+"」", w)) + "\n")
		}
		b.WriteString("\n" + p.input.View())
	case modeOpinion:
		switch p.action {
		case model.ActCorrect:
			b.WriteString(sty.Title.Render(locale.T(uiLang, "TUICorrectTitle")) + sty.Dim.Render(locale.T(uiLang, "TUICorrectHint")) + "\n\n")
		case model.ActTakedown:
			b.WriteString(sty.Title.Render(locale.T(uiLang, "TUITakedownTitle")) + sty.Dim.Render(locale.T(uiLang, "TUITakedownHint")) + "\n\n")
		default:
			b.WriteString(sty.Title.Render(wt("TUIOpinionTitle", locale.Args{"Action": actionTitle(p.action)})) + sty.Dim.Render(wt("TUIOpinionRequiredNote")) + "\n\n")
		}
		b.WriteString(p.input.View())
	case modeIgnore:
		b.WriteString(p.ignoreDialog(w))
	case modeWaive:
		b.WriteString(sty.Title.Render(wt("TUIReleaseWarnings")) + sty.Dim.Render(wt("TUIReleaseWarningsNote")) + "\n")
		b.WriteString(sty.Dim.Render(cut(p.proof.confirmLine(), w)) + "\n\n")
		b.WriteString(p.input.View())
	case modeChecklist:
		b.WriteString(sty.BoxFocused.Width(w).Render(p.checklistBox(w - 4)))
	case modeConfirm:
		var c strings.Builder
		c.WriteString(sty.Title.Render(wt("TUIConfirmAction", locale.Args{"Action": actionTitle(p.action)})) + "\n")
		c.WriteString(cut(fmt.Sprintf("#%d《%s》", p.a.ID, termsafe.Line(p.a.Title)), w-4) + "\n")
		c.WriteString(wt("TUIConfirmRevHash", locale.Args{"Rev": p.a.Rev, "Hash": shortHash(p.a.Hash)}) + "\n")
		if st := p.a.Current(); st != nil {
			c.WriteString(wt("TUIStageLine", locale.Args{"Stage": termsafe.Line(st.Name)}) + "\n")
		}
		label := wt("TUIOpinionLabel")
		if afterSignOff(p.action) {
			label = locale.T(uiLang, "TUIConfirmNote")
			if p.action == model.ActTakedown {
				label = locale.T(uiLang, "TUIConfirmReason")
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
		if earlier := p.decisionLines(w - 4); len(earlier) > 0 {
			c.WriteString("\n" + strings.Join(earlier, "\n") + "\n")
		}
		if p.action == model.ActSignOff {
			c.WriteString(wt("TUICreditsHeading"))
			for _, l := range wrapText(p.credits, w-4, &sty.Accent) {
				c.WriteString(l + "\n")
			}
		}
		if p.action != model.ActReturn && !afterSignOff(p.action) {
			c.WriteString("\n" + cut(p.proof.confirmLine(), w-4) + "\n" + p.proof.ignoredLines(w-4))
			if p.proof != nil && p.proof.counts.Errors > 0 {
				c.WriteString(sty.Warn.Render(wt("TUIProofErrorsRefuse")) + "\n")
			} else if p.proof != nil && p.proof.unwaived() > 0 {
				c.WriteString(sty.Warn.Render(wt("TUIProofWarningsReason")) + "\n")
			}
		}
		if sl := p.scheduleConfirmLines(); sl != "" {
			c.WriteString("\n" + sl)
		}
		if p.stale {
			c.WriteString(sty.Warn.Render(wt("TUIStaleRefuse")) + "\n")
		}
		c.WriteString("\n" + sty.Accent.Render(wt("TUIYConfirm")) + "   " + sty.Dim.Render(wt("TUINBackEdit")))
		b.WriteString(sty.BoxFocused.Width(w).Render(c.String()))
	}
	return indent(b.String(), "  ")
}

func actionTitle(act model.Action) string {
	switch act {
	case model.ActCorrect, model.ActTakedown:
		return actionLabel(act)
	case model.ActReturn:
		return wt("ActionReturn")
	case model.ActSignOff:
		return wt("ActionSignoff")
	case model.ActSchedule:
		return locale.T(uiLang, "ActionSchedule")
	}
	return wt("ActionApprove")
}
