package tui

import (
	"context"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

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
	body     string // the body that was checked (compose page)
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

// findingMsg is what a finding says is wrong, from the catalog, made safe
// for the terminal (its arguments quote the article's text).
func findingMsg(f proof.Finding) string {
	return termsafe.Line(locale.Render(locale.Default, f))
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
	s := fmt.Sprintf("%s %s %d:%d %s “%s” %s", sym, f.Severity.Label(), f.Line, f.Col, f.RuleID, termsafe.Line(f.Text), findingMsg(f))
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
// never waits for it and it runs at most once per save). When ctx (the
// page's) ends before the check starts or while it runs, the command
// delivers nothing.
func checkContent(ctx context.Context, p page, st *store.Store, seq uint64, c model.Content) tea.Cmd {
	return tell(p, func() tea.Msg {
		if ctx.Err() != nil {
			return nil
		}
		ck, v, err := st.Checker()
		if err != nil {
			return proofCheckedMsg{seq: seq, ps: &proofState{err: err}}
		}
		fs := ck.Check(&c)
		if ctx.Err() != nil {
			return nil
		}
		return proofCheckedMsg{seq: seq, ps: &proofState{body: c.Body, findings: fs, counts: proof.Count(fs), versions: v}}
	})
}

// bodyFindings are the 三校 findings of the text now in the compose
// page's editor: the last check when it was of this very text, else a
// check made now (an explicit key, not typing, so a few ms on the UI
// goroutine are acceptable).
func (c *composePage) bodyFindings() []proof.Finding {
	body := c.body.Value()
	var fs []proof.Finding
	if c.proof != nil && c.proof.err == nil && c.proof.body == body {
		fs = c.proof.findings
	} else {
		ck, _, err := c.s.store.Checker()
		if err != nil {
			return nil
		}
		fs = ck.CheckField(proof.FieldBody, body, false)
	}
	var out []proof.Finding
	for _, f := range fs {
		if f.Field == proof.FieldBody {
			out = append(out, f)
		}
	}
	return out
}

// proofJump (f7 / shift+f7) moves the cursor to the next or previous
// finding and says what it is.
func (c *composePage) proofJump(dir int) tea.Cmd {
	fs := c.bodyFindings()
	if len(fs) == 0 {
		return notify(noticeOK, "三校：正文没有发现问题")
	}
	line, col := c.body.m.Cursor()
	at := func(f proof.Finding) int { return (f.Line-1)<<20 | (f.Col - 1) }
	cur := line<<20 | col
	pick := -1
	if dir > 0 {
		for i, f := range fs {
			if at(f) > cur {
				pick = i
				break
			}
		}
		if pick < 0 {
			pick = 0 // wrap around
		}
	} else {
		for i := len(fs) - 1; i >= 0; i-- {
			if at(fs[i]) < cur {
				pick = i
				break
			}
		}
		if pick < 0 {
			pick = len(fs) - 1
		}
	}
	f := fs[pick]
	c.body.m.SetCursor(f.Line-1, f.Col-1)
	return notify(noticeInfo, "%s", findingNotice(f, pick, len(fs)))
}

func findingNotice(f proof.Finding, i, n int) string {
	s := fmt.Sprintf("三校 %d/%d %s %s：“%s” %s", i+1, n, f.Severity.Label(), f.RuleID, termsafe.Line(f.Text), findingMsg(f))
	if f.Fix != nil {
		s += "（f8 改为“" + termsafe.Line(*f.Fix) + "”）"
	}
	return s
}

// proofFix (f8) applies the fix of the finding at the cursor as one edit,
// which ctrl+z takes back.
func (c *composePage) proofFix() tea.Cmd {
	body := c.body.Value()
	line, col := c.body.m.Cursor()
	for _, f := range c.bodyFindings() {
		if f.Line-1 != line || col < f.Col-1 || col > f.Col-1+(f.RuneEnd-f.RuneStart) {
			continue
		}
		if f.Fix == nil {
			return notify(noticeInfo, "这一处没有自动修正：%s", findingMsg(f))
		}
		ls := strings.LastIndex(body[:f.Start], "\n") + 1
		if strings.Contains(body[f.Start:f.End], "\n") || !c.body.m.ReplaceRange(line, f.Start-ls, f.End-ls, *f.Fix) {
			return notify(noticeErr, "无法在这里应用修正")
		}
		return tea.Batch(c.noticeChange(), notify(noticeOK, "已改为“%s”（ctrl+z 撤销）", termsafe.Line(*f.Fix)))
	}
	return notify(noticeInfo, "光标处没有三校问题；f7 跳到下一处")
}

// submitCounts checks the text about to be submitted (saved first if
// dirty, so it is what the store will check).
func (c *composePage) submitCounts() proof.Counts {
	ck, _, err := c.s.store.Checker()
	if err != nil {
		return proof.Counts{}
	}
	ct := c.current()
	return proof.Count(ck.Check(&ct))
}

// submitProofLines are the 三校 lines of the 送审 box.
func (c *composePage) submitProofLines(w int) string {
	ck, v, err := c.s.store.Checker()
	if err != nil {
		return ""
	}
	ct := c.current()
	n := proof.Count(ck.Check(&ct))
	ps := &proofState{counts: n, versions: v}
	sty := c.s.sty
	s := "\n" + cut(ps.confirmLine(), max(w, 10)) + "\n"
	switch {
	case n.Errors > 0:
		s += sty.Warn.Render("有三校错误，送审会被拒绝：按 n 返回，f7 跳到问题处，f8 修正。") + "\n"
	case n.Warnings > 0 && c.waiver == "":
		s += sty.Warn.Render("有三校警告：送审前须写明放行理由。") + "\n"
	}
	return s
}
