package tui

// The 改动 tab of the article page and the earlier decisions it and the
// confirm box show.

import (
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

func (p *articlePage) layoutDiff() {
	w := p.contentWidth()
	earlier := p.decisionLines(w)
	if len(earlier) > 0 {
		earlier = append([]string{""}, earlier...)
	}
	if p.base == nil {
		msg := p.s.wt("TUIFirstSubmitNoDiff")
		if d := p.by; d != nil {
			msg = p.s.wt("TUIDiffDecidedNoChange", locale.Args{"Rev": d.Rev, "Who": p.decider(d), "Action": actionTitle(p.s.tr, d.Action)})
		} else if ap := p.a.LastApproval(); ap != nil {
			msg = p.s.wt("TUIDiffApprovedNoChange", locale.Args{"Rev": ap.Rev, "Who": termsafe.Line(ap.Display)})
		}
		p.sc[tabDiff].set(append([]string{p.s.sty.Dim.Render(msg)}, earlier...))
		p.ins, p.del = 0, 0
		return
	}
	lines, ins, del := diffLines(p.s.tr, p.s.sty, p.base.Content.Body, p.head.Content.Body, w)
	p.ins, p.del = ins, del
	from := p.s.wt("TUIDiffFromApproved", locale.Args{"Rev": p.base.N, "Who": p.approverOf(p.base.N)})
	if d := p.by; d != nil && d.Rev == p.base.N {
		from = p.s.wt("TUIDiffFromDecided", locale.Args{"Rev": d.Rev, "Who": p.decider(d), "Action": actionTitle(p.s.tr, d.Action)})
	}
	head := p.s.sty.Dim.Render(from+p.s.wt("TUIDiffTo", locale.Args{"Rev": p.head.N})) +
		p.s.sty.OK.Render(p.s.wt("TUIInserted", locale.Args{"N": ins})) + " " + p.s.sty.Bad.Render(p.s.wt("TUIDeleted", locale.Args{"N": del}))
	if meta := metaChanges(p.s.tr, &p.base.Content, &p.head.Content); meta != "" {
		head += p.s.sty.Warn.Render("  " + p.s.wt("TUIAlsoChanged", locale.Args{"What": meta}))
	}
	out := append([]string{head}, earlier...)
	p.sc[tabDiff].set(append(append(out, ""), lines...))
}

// decider is the name a decision was made under (as it was then).
func (p *articlePage) decider(d *model.Decision) string {
	if d.Display != "" {
		return termsafe.Line(d.Display)
	}
	return p.name(d.Login)
}

// decisionLines lists every earlier decision — who, when, at which stage,
// what, with the opinion — each cut to width w, under a heading; none when
// there are none.
func (p *articlePage) decisionLines(w int) []string {
	ds := p.a.EarlierDecisions()
	if len(ds) == 0 {
		return nil
	}
	out := []string{p.s.sty.Title.Render(p.s.wt("TUIEarlierOpinions"))}
	for i := range ds {
		d := &ds[i]
		stage := ""
		if name := p.a.StageLabel(d.Stage); name != "" {
			stage = termsafe.Line(name) + " · "
		}
		line := p.s.wt("TUIEarlierOpinion", locale.Args{"Rev": d.Rev, "Stage": stage, "Who": p.decider(d), "At": p.s.fmtTime(d.At), "Action": actionTitle(p.s.tr, d.Action), "Opinion": termsafe.Line(d.Opinion)})
		out = append(out, cut(line, w))
		if len(d.Answers) > 0 { // 保密审查's checklist, as answered
			out = append(out, cut("  "+locale.T(p.s.lang(), "TUIAnswers", locale.Args{"Answers": termsafe.Line(model.AnswersText(d.Answers, locale.T(p.s.lang(), "TUIAnswerYes"), locale.T(p.s.lang(), "TUIAnswerNo")))}), w))
		}
	}
	return out
}

func (p *articlePage) approverOf(rev int) string {
	for _, ap := range p.a.Approvals {
		if ap.Rev == rev {
			return termsafe.Line(ap.Display)
		}
	}
	return p.s.wt("TUIApproverUnknown")
}

// metaChanges names the published fields other than the body that differ
// (model.ChangedFields: the meeting's fields, 重要 and 标签 too), as the
// catalog labels them, joined by the session's list separator.
func metaChanges(tl tr, a, b *model.Content) string {
	var out []string
	for _, c := range model.ChangedFields(a, b) {
		out = append(out, locale.Render(tl.lang(), c.Field))
	}
	return strings.Join(out, tl.listSep())
}
