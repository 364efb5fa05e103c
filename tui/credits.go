package tui

import (
	"strings"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// signoffCredits is the closing line the export will print under article a
// once signer signs off, built by the export itself (export.PreviewCredits)
// in the office's credits format and with its own roles' names:
//
//	（图文来源：党委宣传部 /摄：赵丽焕 审核：王音 主编：沈建龙）
//
// 摄 is store.CreditedPhotographers: the photos' credits when the
// article names no photographer. The sign-off confirm box shows it. It reads the settings once, when the
// page loads, never while drawing. A format that fails gives the error's
// text, so the chief sees why the site would refuse it.
func signoffCredits(tl tr, st *store.Store, a *model.Article, c *model.Content, signer string, custom []model.CustomRole) string {
	set, err := st.Settings()
	if err != nil {
		return termsafe.Line(tl.describeErr(err))
	}
	// 摄 names the photos' credits when the article names no photographer.
	photographers, err := st.CreditedPhotographers(c)
	if err != nil {
		return termsafe.Line(tl.describeErr(err))
	}
	cc := *c
	cc.Photographers = photographers
	return creditsText(tl, set.CreditsFormat, a, &cc, signer, custom)
}

// creditsText is signoffCredits with the format given ("" the default).
func creditsText(tl tr, format string, a *model.Article, c *model.Content, signer string, custom []model.CustomRole) string {
	line, err := export.PreviewCredits(format, a, c, signer, custom)
	if err != nil {
		return termsafe.Line(tl.describeErr(err))
	}
	return termsafe.Line(line)
}

// joinNames lists names for one line: each made safe, joined by the
// session's list separator (、 in Chinese, ", " in English).
func joinNames(tl tr, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = termsafe.Line(n)
	}
	return strings.Join(out, tl.listSep())
}
