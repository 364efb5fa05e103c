package tui

// 定时发布 on the article page: the chief sets a publish time after the
// sign-off (t on the article page) or in the sign-off's confirmation (t
// there too); the head line shows a schedule, its refusal and where the
// article went online. The decision is model.Decide's, like every other
// (model.May offers the key).

import (
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// mayScheduleHere reports whether t sets a time now: on the article page
// when model.May offers ActSchedule, or in the sign-off's confirmation.
func (p *articlePage) mayScheduleHere() bool {
	if p.a == nil {
		return false
	}
	if p.mode == modeConfirm {
		return p.action == model.ActSignOff
	}
	return p.mode == modeRead && model.May(*p.a, p.s.user, model.ActSchedule)
}

// startSchedule asks for the publish time.
func (p *articlePage) startSchedule() tea.Cmd {
	if p.mode == modeRead {
		p.action, p.at = model.ActSchedule, time.Time{}
	}
	p.mode = modeScheduleAt
	p.atInput = p.s.sty.textArea(locale.T(p.s.lang(), "TUISchedulePlaceholder", locale.Args{"Example": p.s.now().Add(24 * time.Hour).In(p.s.zone).Format("2006-01-02 08:00")}))
	p.atInput.SetWidth(min(p.w-4, 40))
	p.atInput.SetHeight(1)
	p.atInput.KeyMap.InsertNewline.SetEnabled(false) // a time is one line
	return p.atInput.Focus()
}

// scheduleKeyMsg handles a key while the time is typed: enter reads it in
// the office's time zone; then the opinion follows (schedule) or the
// confirmation again (sign-off).
func (p *articlePage) scheduleKeyMsg(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		if p.action == model.ActSignOff {
			p.mode = modeConfirm
		} else {
			p.mode = modeRead
		}
		return nil
	case "enter":
		at, err := model.ParseWhen(p.atInput.Value(), p.s.zone)
		if err != nil {
			return notifyErr(p.s.tr, err)
		}
		if !at.After(p.s.now()) {
			return notifyErr(p.s.tr, &model.FieldError{Field: "at", ID: "ErrSchedulePast", Args: map[string]any{"At": model.ShowTime(at)}})
		}
		p.at = at
		if p.action == model.ActSignOff {
			p.mode = modeConfirm
			return nil
		}
		p.mode = modeOpinion
		p.input = p.s.sty.textArea(locale.T(p.s.lang(), "TUIScheduleOpinion"))
		p.input.SetWidth(min(p.w-4, 76))
		p.input.SetHeight(3)
		return p.input.Focus()
	}
	var cmd tea.Cmd
	p.atInput, cmd = p.atInput.Update(msg)
	return cmd
}

// scheduleDialog is the time box.
func (p *articlePage) scheduleDialog() string {
	sty := p.s.sty
	var b strings.Builder
	b.WriteString(sty.Title.Render(locale.T(p.s.lang(), "TUIScheduleTitle", locale.Args{"Zone": zoneLabel(p.s.tr, p.s.zone)})) + "\n\n")
	b.WriteString(p.atInput.View())
	return b.String()
}

// scheduleConfirmLines are the confirmation's lines about the time.
func (p *articlePage) scheduleConfirmLines() string {
	sty := p.s.sty
	if !p.at.IsZero() {
		return sty.Accent.Render(locale.T(p.s.lang(), "TUIScheduleConfirm", locale.Args{"At": p.s.fmtTime(p.at), "Zone": p.s.zoneNote()})) + "\n"
	}
	if p.action == model.ActSignOff {
		return sty.Dim.Render(locale.T(p.s.lang(), "TUIScheduleHint")) + "\n"
	}
	return ""
}

// scheduleLine is the article page's line about its schedule and where it
// went online; "" when there is neither.
func (p *articlePage) scheduleLine() string {
	a := p.a
	sty := p.s.sty
	var parts []string
	if sc := a.Schedule; sc.Pending() {
		switch {
		case sc.Refused != "":
			parts = append(parts, sty.Warn.Render(locale.T(p.s.lang(), "TUIScheduleRefused", locale.Args{"At": p.s.fmtTime(sc.At),
				"Reason": locale.Render(p.s.lang(), &model.ScheduleStaleError{Article: a.ID, Rev: sc.Rev, Head: a.Rev, Reason: sc.Refused})})))
		case a.ScheduleProblem() != nil:
			parts = append(parts, sty.Warn.Render(locale.T(p.s.lang(), "TUIScheduleStale", locale.Args{"At": p.s.fmtTime(sc.At),
				"Reason": locale.Err(p.s.lang(), a.ScheduleProblem())})))
		default:
			parts = append(parts, sty.Accent.Render(locale.T(p.s.lang(), "TUIScheduled", locale.Args{"At": p.s.fmtTime(sc.At), "Name": termsafe.Line(sc.Display)})))
		}
	}
	if pub := a.LastPublication(); pub != nil {
		id := "TUIOnline"
		switch {
		case pub.Manual():
			id = "TUIOnlineManual"
		case pub.Late:
			id = "TUIOnlineLate"
		}
		args := locale.Args{"At": p.s.fmtTime(pub.At), "Target": termsafe.Line(pub.Target), "Rev": pub.Rev, "URL": termsafe.Line(pub.URL)}
		if d := a.DownAfter(pub); d != nil {
			// online once, taken down since: the line says so, never 已上线
			args["Name"], args["DownAt"] = p.name(d.Login), p.s.fmtTime(d.At)
			parts = append(parts, sty.Bad.Render(locale.T(p.s.lang(), "TUIOnlineTakenDown", args)))
		} else {
			parts = append(parts, sty.Meta.Render(locale.T(p.s.lang(), id, args)))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + cut(strings.Join(parts, sty.Meta.Render(" · ")), p.w-2)
}

// scheduleMeta is a home row's note on a schedule: its time, or that it
// was refused.
func (h *homePage) scheduleMeta(sc *model.Schedule) string {
	if !sc.Pending() {
		return ""
	}
	if sc.Refused != "" {
		return " · " + h.s.sty.Warn.Render(locale.T(h.s.lang(), "TUIHomeScheduleRefused"))
	}
	return " · " + h.s.sty.Accent.Render(locale.T(h.s.lang(), "TUIHomeScheduled", locale.Args{"At": h.s.fmtTime(sc.At)}))
}

// refusedSchedules are the refused schedules a user who may schedule
// (a chief; an admin) is told about on home; nil for anyone else.
func refusedSchedules(st *store.Store, u *model.User) []model.Article {
	if u == nil || (!u.Has(model.RoleChief) && !u.Has(model.RoleAdmin)) {
		return nil
	}
	all, err := st.Scheduled()
	if err != nil {
		return nil
	}
	var out []model.Article
	for _, a := range all {
		if a.Schedule.Refused != "" {
			out = append(out, a)
		}
	}
	return out
}

// refusedNote is home's warning line about refused schedules: which
// articles, and that they are not online.
func (h *homePage) refusedNote() string {
	if len(h.refused) == 0 {
		return ""
	}
	ids := make([]string, 0, len(h.refused))
	for _, a := range h.refused {
		ids = append(ids, "#"+strconv.FormatUint(a.ID, 10))
	}
	a := h.refused[0]
	why := locale.Render(h.s.lang(), &model.ScheduleStaleError{Article: a.ID, Rev: a.Schedule.Rev, Head: a.Rev, Reason: a.Schedule.Refused})
	return " " + cut(h.s.sty.Warn.Render(locale.T(h.s.lang(), "TUIHomeRefused", locale.Args{"N": len(h.refused), "IDs": strings.Join(ids, " "), "Reason": why})), max(h.w-2, 10))
}

// scheduleKey(tl) is built when asked, in the session's language (tl).
func scheduleKey(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("t"), key.WithHelp("t", locale.T(tl.lang(), "TUIScheduleKey")))
}
