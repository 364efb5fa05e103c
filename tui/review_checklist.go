package tui

// The checklist step of a decision (保密审查): after the opinion, the
// stage's yes/no questions one at a time; the answers go with the
// decision (store.Decision.Answers) and show in the confirm box.

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

func checklistHelp(tl tr) bindings {
	return bindings{short: []key.Binding{answerYes(tl), answerNo(tl), answerBack(tl)}}
}

// checklist is what the decision being made must answer: the current
// stage's questions for an approval or sign-off; nothing for a return or
// an extra reader's approval.
func (p *articlePage) checklist() []string {
	if p.a == nil || p.action == model.ActReturn || p.a.ReaderIndex(p.s.user.Login) >= 0 {
		return nil
	}
	if st := p.a.Current(); st != nil {
		return st.Checklist
	}
	return nil
}

// answerKey answers the next question (y/n), or steps back (esc: the
// previous question, or the opinion before the first).
func (p *articlePage) answerKey(msg tea.KeyMsg) tea.Cmd {
	qs := p.checklist()
	switch {
	case key.Matches(msg, answerYes(p.s.tr)), key.Matches(msg, answerNo(p.s.tr)):
		if len(p.answers) < len(qs) {
			p.answers = append(p.answers, model.Answer{Question: qs[len(p.answers)], Yes: key.Matches(msg, answerYes(p.s.tr))})
		}
		if len(p.answers) >= len(qs) {
			p.mode = modeConfirm
		}
	case key.Matches(msg, answerBack(p.s.tr)):
		if len(p.answers) == 0 {
			p.mode = modeOpinion
			return p.input.Focus()
		}
		p.answers = p.answers[:len(p.answers)-1]
	}
	return nil
}

// checklistBox asks the next question, under the ones already answered.
func (p *articlePage) checklistBox(w int) string {
	sty := p.s.sty
	qs := p.checklist()
	var c strings.Builder
	st := p.a.Current()
	c.WriteString(sty.Title.Render(locale.T(p.s.lang(), "TUIChecklistTitle", locale.Args{"Stage": termsafe.Line(st.Name)})) + "\n")
	c.WriteString(sty.Dim.Render(locale.T(p.s.lang(), "TUIChecklistHint")) + "\n\n")
	c.WriteString(p.answerLines(w))
	if i := len(p.answers); i < len(qs) {
		for _, l := range wrapText(fmt.Sprintf("%d/%d  %s", i+1, len(qs), termsafe.Line(qs[i])), w, &sty.Accent) {
			c.WriteString(l + "\n")
		}
		c.WriteString("\n" + sty.Accent.Render("y "+locale.T(p.s.lang(), "TUIAnswerYes")) + "   " + sty.Accent.Render("n "+locale.T(p.s.lang(), "TUIAnswerNo")) + "   " + sty.Dim.Render("esc "+locale.T(p.s.lang(), "TUIAnswerBack")))
	}
	return c.String()
}

// answerLines are the answers given so far, one per line ("" for none).
func (p *articlePage) answerLines(w int) string {
	var c strings.Builder
	for i, an := range p.answers {
		word := locale.T(p.s.lang(), "TUIAnswerNo")
		if an.Yes {
			word = locale.T(p.s.lang(), "TUIAnswerYes")
		}
		c.WriteString(cut(fmt.Sprintf("%d. %s  %s", i+1, termsafe.Line(an.Question), word), w) + "\n")
	}
	return c.String()
}

// flowLine names who the article still waits for besides the stage's role:
// a countersign's (会签) named users, the extra readers (本人审阅); "" when
// none.
func (p *articlePage) flowLine() string {
	a := p.a
	if a == nil || a.State != model.StateReview {
		return ""
	}
	var parts []string
	if st := a.Current(); st != nil && st.All {
		var names []string
		for _, l := range a.Countersigners(a.Stage) {
			names = append(names, p.name(l))
		}
		if len(names) > 0 {
			parts = append(parts, locale.T(p.s.lang(), "TUICountersignWaiting", locale.Args{"Names": termsafe.Line(strings.Join(names, p.s.listSep()))}))
		}
	}
	var readers []string
	for _, r := range a.PendingReaders() {
		readers = append(readers, p.name(r.Login))
	}
	if len(readers) > 0 {
		parts = append(parts, locale.T(p.s.lang(), "TUIReadersWaiting", locale.Args{"Names": termsafe.Line(strings.Join(readers, p.s.listSep()))}))
	}
	return strings.Join(parts, " · ")
}

// answerYes(tl) is built when asked, in the session's language (tl).
func answerYes(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("y", "Y"), key.WithHelp("y", locale.T(tl.lang(), "TUIAnswerYes")))
}

// answerNo(tl) is built when asked, in the session's language (tl).
func answerNo(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n", locale.T(tl.lang(), "TUIAnswerNo")))
}

// answerBack(tl) is built when asked, in the session's language (tl).
func answerBack(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("esc", "backspace"), key.WithHelp("esc", locale.T(tl.lang(), "TUIAnswerBack")))
}
