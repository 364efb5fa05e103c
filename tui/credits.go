package tui

import (
	"strings"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// creditsLine is the closing line the export prints under an article, built
// from the record: the source department, the photographers, the reviewers
// whose approvals still hold, and the chief who signs —
//
//	(图文来源:党委宣传部 /摄:赵丽焕 审核:王音 主编:沈建龙)
//
// Parts with nobody in them are left out. chief is the display name of the
// user signing off.
func creditsLine(a *model.Article, c *model.Content, chief string) string {
	var parts []string
	if src := termsafe.Line(c.Source); src != "" {
		parts = append(parts, "图文来源:"+src)
	}
	if len(c.Photographers) > 0 {
		p := "摄:" + joinNames(c.Photographers)
		if len(parts) > 0 {
			p = "/" + p
		}
		parts = append(parts, p)
	}
	var reviewers []string
	for _, ap := range a.ValidApprovals() {
		if a.Workflow.IsFinal(ap.Stage) {
			continue
		}
		name := ap.Display
		if name == "" {
			name = ap.Login
		}
		reviewers = appendUnique(reviewers, name)
	}
	if len(reviewers) > 0 {
		parts = append(parts, "审核:"+joinNames(reviewers))
	}
	if chief = termsafe.Line(chief); chief != "" {
		parts = append(parts, "主编:"+chief)
	}
	return "(" + strings.Join(parts, " ") + ")"
}

func joinNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = termsafe.Line(n)
	}
	return strings.Join(out, "、")
}

func appendUnique(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}
