package tui

import (
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

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
	findings []proof.Finding
	counts   proof.Counts
	versions store.ProofVersions
	err      error
}

// checkRevision runs the office's checks over a stored revision.
func checkRevision(st *store.Store, id uint64, rev int) *proofState {
	_, fs, v, err := st.CheckRevision(id, rev)
	if err != nil {
		return &proofState{rev: rev, err: err}
	}
	return &proofState{rev: rev, findings: fs, counts: proof.Count(fs), versions: v}
}

// short is the status-bar count: "三校 2错 1警 3示", or "" when clean.
func (ps *proofState) short() string {
	if ps == nil || ps.err != nil {
		return ""
	}
	var parts []string
	if n := ps.counts.Errors; n > 0 {
		parts = append(parts, fmt.Sprintf("%d错", n))
	}
	if n := ps.counts.Warnings; n > 0 {
		parts = append(parts, fmt.Sprintf("%d警", n))
	}
	if n := ps.counts.Hints; n > 0 {
		parts = append(parts, fmt.Sprintf("%d示", n))
	}
	if len(parts) == 0 {
		return ""
	}
	return "三校 " + strings.Join(parts, " ")
}

// confirmLine is what the approve and sign-off boxes show: the counts and
// the list versions the decision will be checked against.
func (ps *proofState) confirmLine() string {
	if ps == nil {
		return "三校：检查中…"
	}
	if ps.err != nil {
		return "三校：无法检查（" + termsafe.Line(ps.err.Error()) + "）"
	}
	return fmt.Sprintf("三校：%d 个错误 · %d 个警告 · %d 个提示（%s）", ps.counts.Errors, ps.counts.Warnings, ps.counts.Hints, versionsText(ps.versions))
}

// versionsText names the list versions in Chinese: "固定表述第3版、姓名–职务第1版；规则第2版".
func versionsText(v store.ProofVersions) string {
	var ls []string
	for _, k := range proof.ListKinds {
		if n := v.Lists[k]; n > 0 {
			ls = append(ls, fmt.Sprintf("%s第%d版", k.Label(), n))
		}
	}
	l := "未导入名单"
	if len(ls) > 0 {
		l = strings.Join(ls, "、")
	}
	r := "默认规则"
	if v.Rules > 0 {
		r = fmt.Sprintf("规则第%d版", v.Rules)
	}
	return l + "；" + r
}

// markLine is one finding under its paragraph: a symbol and words, so it
// reads without colour too ("✗ 错误" / "! 警告" / "· 提示").
func markLine(sty *styles, f proof.Finding, w int) string {
	sym, render := "·", sty.Dim.Render
	switch f.Severity {
	case proof.Error:
		sym, render = "✗", sty.Bad.Render
	case proof.Warning:
		sym, render = "!", sty.Warn.Render
	}
	s := fmt.Sprintf("%s %s %d:%d %s “%s” %s", sym, f.Severity.Label(), f.Line, f.Col, f.RuleID, termsafe.Line(f.Text), f.Message)
	if f.Fix != nil {
		s += " → “" + termsafe.Line(*f.Fix) + "”"
	}
	return "  " + render(cut(s, max(w, 10)))
}

// byParagraph groups a revision's body findings by paragraph index
// (model.Paragraphs' numbering) and returns the title/subtitle ones apart.
func (ps *proofState) byParagraph() (map[int][]proof.Finding, []proof.Finding) {
	out := map[int][]proof.Finding{}
	var head []proof.Finding
	if ps == nil {
		return out, nil
	}
	for _, f := range ps.findings {
		if f.Field == proof.FieldBody {
			out[f.Paragraph] = append(out[f.Paragraph], f)
		} else {
			head = append(head, f)
		}
	}
	return out, head
}

// proofCheckedMsg carries a compose page's check of its last saved text.
type proofCheckedMsg struct {
	seq uint64
	ps  *proofState
}

// checkContent checks text being composed (after an autosave, so typing
// never waits for it and it runs at most once per save).
func checkContent(p page, st *store.Store, seq uint64, c model.Content) tea.Cmd {
	return tell(p, func() tea.Msg {
		ck, v, err := st.Checker()
		if err != nil {
			return proofCheckedMsg{seq: seq, ps: &proofState{err: err}}
		}
		fs := ck.Check(&c)
		return proofCheckedMsg{seq: seq, ps: &proofState{findings: fs, counts: proof.Count(fs), versions: v}}
	})
}
