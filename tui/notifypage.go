package tui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// noticeKindIDs are the catalog IDs naming the events a user can choose,
// rendered in the workstation's language where shown.
var noticeKindIDs = map[store.NoticeKind]string{
	store.NoticeSubmit: "TUINoticeSubmit", store.NoticeApprove: "TUINoticeApprove",
	store.NoticeReturn: "ActionReturn", store.NoticeSignOff: "ActionSignoff", store.NoticePublish: "TUINoticePublish",
	store.NoticeWithdraw: "TUINoticeWithdraw", store.NoticeTakedown: "TUINoticeTakedown", store.NoticeSchedule: "ActionSchedule",
	store.NoticeUnschedule: "TUINoticeUnschedule", store.NoticeCorrect: "ActionCorrect", store.NoticeStale: "TUINoticeStale",
	store.NoticeComment: "TUINoticeComment", store.NoticeMention: "TUINoticeMention", store.NoticeOverdue: "TUINoticeOverdue",
}

// notifyLoadedMsg carries the settings and, for admins, the outbox.
type notifyLoadedMsg struct {
	mine   store.UserNotify
	outbox *store.OutboxStatus
	chans  []store.Channel
	err    error
}

// notifySavedMsg ends a save.
type notifySavedMsg struct{ err error }

// notifyPage lets a user choose which events notify them (the same
// store.SetUserNotify as copydesk me notify) and shows an admin what the
// outbox holds: pending, retrying and failed messages.
type notifyPage struct {
	s      *session
	w, h   int
	loaded bool
	mine   store.UserNotify
	on     map[store.NoticeKind]bool
	cursor int
	dirty  bool
	outbox *store.OutboxStatus
	chans  []store.Channel
	err    error
}

func newNotifyPage(s *session) *notifyPage { return &notifyPage{s: s} }

func (p *notifyPage) init() tea.Cmd { return tell(p, p.load) }

func (p *notifyPage) load() tea.Msg {
	st, login := p.s.store, p.s.actor.Login
	all, err := st.UserNotifications()
	if err != nil {
		return notifyLoadedMsg{err: err}
	}
	m := notifyLoadedMsg{mine: all[login]}
	m.mine.Login = login
	if p.s.user.Has(model.RoleAdmin) {
		if m.outbox, err = st.Outbox(); err != nil {
			return notifyLoadedMsg{err: err}
		}
		if m.chans, err = st.Channels(); err != nil {
			return notifyLoadedMsg{err: err}
		}
	}
	return m
}

func (p *notifyPage) title() string { return p.s.wt("TUINotifyTitle") }

func (p *notifyPage) setSize(w, h int) { p.w, p.h = w, h }

func (p *notifyPage) capturing() bool { return false }

func (p *notifyPage) status() string {
	if p.dirty {
		return p.s.wt("TUIUnsaved")
	}
	return ""
}

func (p *notifyPage) help() help.KeyMap {
	k := p.s.keys
	short := []key.Binding{k.Up, k.Down, notifyToggle(p.s.tr), notifyPause(p.s.tr), k.Save, k.Back, k.Help}
	return bindings{short: short, full: [][]key.Binding{{k.Up, k.Down, notifyToggle(p.s.tr), notifyPause(p.s.tr)}, {k.Save, k.Refresh, k.Back, k.Quit}}}
}

func (p *notifyPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case notifyLoadedMsg:
		p.err = msg.err
		if msg.err != nil {
			return p, nil
		}
		p.loaded, p.mine, p.outbox, p.chans, p.dirty = true, msg.mine, msg.outbox, msg.chans, false
		p.on = map[store.NoticeKind]bool{}
		for _, k := range store.NoticeKinds {
			p.on[k] = msg.mine.Events == nil || slices.Contains(msg.mine.Events, k)
		}
		return p, nil
	case notifySavedMsg:
		if msg.err != nil {
			return p, notify(noticeErr, "%s", p.s.wt("TUISaveFailed", locale.Args{"Err": p.s.errText(msg.err)}))
		}
		p.dirty = false
		return p, tea.Batch(notify(noticeOK, "%s", p.s.wt("TUINotifySaved")), tell(p, p.load))
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *notifyPage) key(msg tea.KeyMsg) tea.Cmd {
	k := p.s.keys
	switch {
	case key.Matches(msg, k.Back):
		if p.dirty {
			return tea.Batch(notify(noticeInfo, "%s", p.s.wt("TUINotifyDiscarded")), pop)
		}
		return pop
	case key.Matches(msg, k.Refresh):
		return tell(p, p.load)
	}
	if !p.loaded {
		return nil
	}
	switch {
	case key.Matches(msg, k.Up):
		p.cursor = max(p.cursor-1, 0)
	case key.Matches(msg, k.Down):
		p.cursor = min(p.cursor+1, len(store.NoticeKinds)-1)
	case key.Matches(msg, notifyToggle(p.s.tr)):
		kind := store.NoticeKinds[p.cursor]
		p.on[kind], p.dirty = !p.on[kind], true
	case key.Matches(msg, notifyPause(p.s.tr)):
		p.mine.Off, p.dirty = !p.mine.Off, true
	case key.Matches(msg, k.Save):
		un := p.mine
		un.Events = []store.NoticeKind{}
		all := true
		for _, kind := range store.NoticeKinds {
			if p.on[kind] {
				un.Events = append(un.Events, kind)
			} else {
				all = false
			}
		}
		if all {
			un.Events = nil // every kind, including kinds added later
		}
		st, act := p.s.store, p.s.actor
		return tell(p, func() tea.Msg { return notifySavedMsg{st.SetUserNotify(act, un, nil)} })
	}
	return nil
}

func (p *notifyPage) view() string {
	sty := p.s.sty
	var b strings.Builder
	b.WriteString(" " + sty.Title.Render(p.s.wt("TUINotifyTitle")) + "\n\n")
	if p.err != nil {
		b.WriteString(" " + sty.Bad.Render(p.s.wt("TUIReadFailed", locale.Args{"Err": p.s.errText(p.err)})) + "\n")
		return b.String()
	}
	if !p.loaded {
		b.WriteString(" " + sty.Dim.Render(p.s.wt("TUIWorkflowsLoading")) + "\n")
		return b.String()
	}
	addr := p.mine.Email
	if addr == "" {
		addr = p.s.wt("TUINotSet")
	}
	hook := p.s.wt("TUINotSet")
	if p.mine.Webhook {
		hook = p.mine.WebhookWhere
	}
	fmt.Fprint(&b, " "+p.s.wt("TUINotifyAddrs", locale.Args{"Email": termsafe.Line(addr), "Hook": termsafe.Line(hook)})+"\n")
	state := sty.OK.Render(p.s.wt("TUINotifyOn"))
	if p.mine.Off {
		state = sty.Bad.Render(p.s.wt("TUINotifyPaused"))
	}
	b.WriteString(" " + p.s.wt("TUINotifyState", locale.Args{"State": state}) + "\n")
	b.WriteString(" " + sty.Dim.Render(p.s.wt("TUINotifyHowTo")) + "\n\n")
	for i, kind := range store.NoticeKinds {
		box := "[ ]"
		if p.on[kind] {
			box = "[x]"
		}
		line := fmt.Sprintf("%s %s", box, p.s.wt(noticeKindIDs[kind]))
		if i == p.cursor {
			b.WriteString(" " + sty.Accent.Render("› "+line) + "\n")
		} else {
			b.WriteString("   " + line + "\n")
		}
	}
	if p.outbox != nil {
		ob := p.outbox
		b.WriteString("\n " + sty.Title.Render(p.s.wt("TUINotifyOutbox")) + "\n")
		names := make([]string, 0, len(p.chans))
		for _, c := range p.chans {
			names = append(names, p.s.wt("TUINotifyChannelName", locale.Args{"Name": termsafe.Line(c.Name), "Kind": c.Kind}))
		}
		if len(names) == 0 {
			names = append(names, p.s.wt("TUINotifyNoTargets"))
		}
		b.WriteString(" " + p.s.wt("TUINotifyChannels", locale.Args{"Names": strings.Join(names, p.s.listSep())}) + "\n")
		fmt.Fprint(&b, " "+p.s.wt("TUIOutboxCounts", locale.Args{"Pending": ob.Pending + ob.Notices, "Retrying": len(ob.Retries), "Failed": len(ob.Failed), "Sent": ob.Sent})+"\n")
		shown := 0
		for _, d := range append(append([]store.Delivery(nil), ob.Failed...), ob.Retries...) {
			if shown == 5 {
				break
			}
			mark := sty.Bad.Render(p.s.wt("TUINotifyFailed"))
			if !d.Failed {
				mark = sty.Dim.Render(p.s.wt("TUINotifyRetrying"))
			}
			fmt.Fprint(&b, " "+p.s.wt("TUIOutboxItem", locale.Args{"Mark": mark, "ID": termsafe.Line(d.ID), "N": d.Attempts, "Err": d.LastError.In(p.s.lang())})+"\n")
			shown++
		}
		if len(ob.Failed) > 0 {
			b.WriteString(" " + sty.Dim.Render(p.s.wt("TUINotifyRetryHint")) + "\n")
		}
	}
	return b.String()
}

// notifyToggle(tl) is built when asked, in the session's language (tl).
func notifyToggle(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys(" "), key.WithHelp("space", tl.wt("TUIKeyPick")))
}

// notifyPause(tl) is built when asked, in the session's language (tl).
func notifyPause(tl tr) key.Binding {
	return key.NewBinding(key.WithKeys("o"), key.WithHelp("o", tl.wt("TUIKeyPauseAll")))
}
