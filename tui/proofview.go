package tui

import (
	"fmt"
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// proofState is the 三校 result of the revision a page shows: computed off
// the UI goroutine (in the page's load command, or after a save in the
// compose page), never while a key is handled.
type proofState struct {
	rev      int
	body     string        // the body that was checked (compose page)
	content  model.Content // what was checked
	findings []proof.Finding
	counts   proof.Counts
	versions store.ProofVersions
	// ignored are the findings someone let stand (store.IgnoreFinding), by
	// index in findings; ignoredWarn counts the warnings among them, which
	// the gate takes as waived.
	ignored     map[int]store.ProofIgnore
	ignoredWarn int
	err         error
}

// checkRevision runs the office's checks over a stored revision.
func checkRevision(st *store.Store, act store.Actor, id uint64, rev int) *proofState {
	r, fs, v, err := st.CheckRevision(act, id, rev)
	if err != nil {
		return &proofState{rev: rev, err: err}
	}
	ps := &proofState{rev: r.N, body: r.Content.Body, content: r.Content, findings: fs, counts: proof.Count(fs), versions: v}
	return ps.withIgnores(st, act, id)
}

// withIgnores notes which findings stand ignored on article id.
func (ps *proofState) withIgnores(st *store.Store, act store.Actor, id uint64) *proofState {
	igs, err := st.ProofIgnores(act, id)
	if err != nil {
		ps.err = err
		return ps
	}
	ps.ignored = store.IgnoredIn(&ps.content, ps.findings, igs)
	for i := range ps.ignored {
		if ps.findings[i].Severity == proof.Warning {
			ps.ignoredWarn++
		}
	}
	return ps
}

// unwaived is the number of warnings the gate will ask a reason for.
func (ps *proofState) unwaived() int {
	if ps == nil {
		return 0
	}
	return ps.counts.Warnings - ps.ignoredWarn
}

// short is the status-bar count: "三校 2错 1警 3示", or "" when clean.
func (ps *proofState) short(tl tr) string {
	if ps == nil || ps.err != nil {
		return ""
	}
	var parts []string
	if n := ps.counts.Errors; n > 0 {
		parts = append(parts, tl.wt("TUIProofShortErrors", locale.Args{"N": n}))
	}
	if n := ps.counts.Warnings; n > 0 {
		parts = append(parts, tl.wt("TUIProofShortWarnings", locale.Args{"N": n}))
	}
	if n := ps.counts.Hints; n > 0 {
		parts = append(parts, tl.wt("TUIProofShortHints", locale.Args{"N": n}))
	}
	if len(parts) == 0 {
		return ""
	}
	s := tl.wt("TUIProofShort", locale.Args{"Counts": strings.Join(parts, " ")})
	if n := len(ps.ignored); n > 0 {
		s += locale.T(tl.lang(), "TUIProofIgnoredShort", locale.Args{"N": n})
	}
	return s
}

// confirmLine is what the approve and sign-off boxes show: the counts and
// the list versions the decision will be checked against.
func (ps *proofState) confirmLine(tl tr) string {
	if ps == nil {
		return tl.wt("TUIProofCheckingNow")
	}
	if ps.err != nil {
		return tl.wt("TUIProofCannotCheck", locale.Args{"Err": tl.errText(ps.err)})
	}
	return tl.wt("TUIProofCounts", locale.Args{"Errors": ps.counts.Errors, "Warnings": ps.counts.Warnings, "Hints": ps.counts.Hints, "Versions": versionsText(tl, ps.versions)})
}

// ignoredLines are the lines under confirmLine that say which warnings
// stand ignored (the gate counts them as waived), wrapped to w; none
// when there are none.
func (ps *proofState) ignoredLines(tl tr, w int) string {
	if ps == nil || ps.ignoredWarn == 0 {
		return ""
	}
	var b strings.Builder
	for _, l := range wrapText(locale.T(tl.lang(), "TUIProofIgnoredConfirm", locale.Args{"N": ps.ignoredWarn}), w, nil) {
		b.WriteString(l + "\n")
	}
	return b.String()
}

// versionsText names the list versions: "固定表述第3版、姓名–职务第1版；规则第2版".
func versionsText(tl tr, v store.ProofVersions) string { return v.Text(tl.lang()) }

// findingMsg is what a finding says is wrong, from the catalog, made safe
// for the terminal (its arguments quote the article's text).
func findingMsg(tl tr, f proof.Finding) string {
	return termsafe.Line(locale.Render(tl.lang(), f))
}

// markLine is one finding under its paragraph: a symbol and words, so it
// reads without colour too ("✗ 错误" / "! 警告" / "· 提示").
func markLine(tl tr, sty *styles, f proof.Finding, g *store.ProofIgnore, w int) string {
	if g != nil {
		s := fmt.Sprintf("– %s %d:%d %s %s %s", locale.T(tl.lang(), "TUIProofIgnoredLabel"), f.Line, f.Col, f.RuleID, proof.Quote(termsafe.Line(f.Text)),
			locale.T(tl.lang(), "TUIProofIgnoredWhy", locale.Args{"By": termsafe.Line(g.By), "Reason": termsafe.Line(g.Reason)}))
		return "  " + sty.Faint.Render(cut(s, max(w, 10)))
	}
	sym, render := "·", sty.Dim.Render
	switch f.Severity {
	case proof.Error:
		sym, render = "✗", sty.Bad.Render
	case proof.Warning:
		sym, render = "!", sty.Warn.Render
	}
	s := fmt.Sprintf("%s %s %d:%d %s %s %s", sym, tl.label(f.Severity), f.Line, f.Col, f.RuleID, proof.Quote(termsafe.Line(f.Text)), findingMsg(tl, f))
	if f.Fix != nil {
		s += " → “" + termsafe.Line(*f.Fix) + "”"
	}
	return "  " + render(cut(s, max(w, 10)))
}

// byParagraph groups a revision's body findings by paragraph index
// (model.Paragraphs' numbering) and returns the title/subtitle ones apart,
// as indexes into ps.findings.
func (ps *proofState) byParagraph() (map[int][]int, []int) {
	out := map[int][]int{}
	var head []int
	if ps == nil {
		return out, nil
	}
	for i, f := range ps.findings {
		if f.Field == proof.FieldBody {
			out[f.Paragraph] = append(out[f.Paragraph], i)
		} else {
			head = append(head, i)
		}
	}
	return out, head
}

// markLineAt is markLine for finding i of ps.
func (ps *proofState) markLineAt(tl tr, sty *styles, i, w int) string {
	var g *store.ProofIgnore
	if x, ok := ps.ignored[i]; ok {
		g = &x
	}
	return markLine(tl, sty, ps.findings[i], g, w)
}
