package tui

// 更正 and 撤稿 on the article page (issue 13): the keys are offered only
// when model.Allowed (model.Decide) allows them; the note or reason is
// written in the opinion box and the store decides again.

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// The keys of 更正 (C) and 撤稿 (T) on the article page.

// lifecycleOffered adds the 更正 and 撤稿 keys model.Allowed offers.
func lifecycleOffered(tl tr, allowed []model.Action, out []key.Binding) []key.Binding {
	for _, act := range allowed {
		switch act {
		case model.ActCorrect:
			out = append(out, correctKey(tl))
		case model.ActTakedown:
			out = append(out, takedownKey(tl))
		}
	}
	return out
}

// afterSignOff reports whether act is 更正 or 撤稿: no 三校 gate, no
// waiver, and the text is a note or a reason rather than an opinion.
func afterSignOff(act model.Action) bool {
	return act == model.ActCorrect || act == model.ActTakedown
}

// lifecycleHeader is the article page's line about an open correction or
// a takedown ("" when neither).
func (p *articlePage) lifecycleHeader(w int) string {
	a, sty := p.a, p.s.sty
	if d := a.Takedown; d != nil {
		return "\n " + sty.Bad.Render(cut(locale.T(p.s.lang(), "TUIHeaderTakenDown", locale.Args{"Name": p.name(d.Login), "At": p.s.fmtTime(d.At), "Reason": termsafe.Line(d.Opinion)}), w))
	}
	if c := a.OpenCorrection(); c != nil {
		return "\n " + sty.Warn.Render(cut(locale.T(p.s.lang(), "TUIHeaderCorrecting", locale.Args{"Note": termsafe.Line(c.Note)}), w))
	}
	return ""
}

// historyMark is what the history page adds to revision n's line: the
// correction it carries, or that it was taken down.
func historyMark(tl tr, a *model.Article, n int) string {
	if a == nil {
		return ""
	}
	out := ""
	for _, c := range a.Corrections {
		if !c.SignedAt.IsZero() && c.Rev == n {
			out += "  " + locale.T(tl.lang(), "HistoryCorrection")
		}
	}
	if a.Takedown != nil && a.Takedown.Rev == n {
		out += "  " + locale.T(tl.lang(), "HistoryTakenDown")
	}
	return out
}

// correctKey(tl) is built when asked, in the session's language (tl).
func correctKey(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("C"), key.WithHelp("C", locale.T(tl.lang(), "TUIKeyCorrect")))
}

// takedownKey(tl) is built when asked, in the session's language (tl).
func takedownKey(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("T"), key.WithHelp("T", locale.T(tl.lang(), "TUIKeyTakedown")))
}
