package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

// statusBar is the bottom line: who you are and in which roles, the current
// notice, and the page's own status (字数, revision, save state).
func (a *App) statusBar() string {
	sty := a.s.sty
	user := sty.BarUser.Render(a.s.me())
	roles := sty.BarMode.Render(rolesLabel(a.s.tr, a.s.user, a.s.roles))
	status := a.top().status()
	right := sty.BarInfo.Render(status)
	if status == "" {
		right = ""
	}
	used := ansi.StringWidth(user) + ansi.StringWidth(roles) + ansi.StringWidth(right)
	room := a.width - used
	// The notice is what just happened (a 三校 finding and its fix, a
	// refusal) and is read whole: the page's status gives way from its
	// front ("第2版 · 已保存 · 178字 · 三校 1警" keeps its 三校 counts last)
	// until the notice fits.
	if need := ansi.StringWidth(a.notice.text) + 2; a.notice.text != "" && room < need && status != "" {
		parts := strings.Split(status, " · ")
		for room < need && len(parts) > 0 {
			parts = parts[1:]
			right = ""
			if len(parts) > 0 {
				right = sty.BarInfo.Render(strings.Join(parts, " · "))
			}
			room = a.width - ansi.StringWidth(user) - ansi.StringWidth(roles) - ansi.StringWidth(right)
		}
	}
	mid := ""
	if a.notice.text != "" && room > 4 {
		st := sty.NoticeInfo
		switch a.notice.kind {
		case noticeOK:
			st = sty.NoticeOK
		case noticeErr:
			st = sty.NoticeErr
		}
		mid = st.Inherit(sty.Bar).Render(" " + cut(a.notice.text, room-2) + " ")
	}
	if gap := room - ansi.StringWidth(mid); gap > 0 {
		mid += sty.Bar.Render(strings.Repeat(" ", gap))
	}
	line := user + roles + mid + right
	if ansi.StringWidth(line) > a.width {
		line = cut(line, a.width)
	}
	return line
}

// rolesLabel lists the user's roles in Chinese: 撰稿·审核; a custom role by
// the office's name for it (部门负责人·保密员), from custom.
func rolesLabel(tl tr, u *model.User, custom []model.CustomRole) string {
	if u == nil || len(u.Roles) == 0 {
		return tl.wt("RoleNone")
	}
	out := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		out[i] = tl.label(r)
		if d, ok := model.CustomRoleDisplay(r, custom); ok {
			out[i] = termsafe.Line(d)
		}
	}
	return strings.Join(out, "·")
}
