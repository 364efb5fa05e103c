package notify

import (
	"fmt"
	"slices"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Office is what fan-out needs to know about the office, read once a pass.
type Office struct {
	Dir      *Directory
	Users    []model.User
	Prefs    map[string]store.UserNotify
	Channels []store.Channel
	Settings store.NotifySettings
}

// LoadOffice reads users, notification settings and channels.
func LoadOffice(st *store.Store) (*Office, error) {
	users, err := st.Users()
	if err != nil {
		return nil, err
	}
	prefs, err := st.UserNotifications()
	if err != nil {
		return nil, err
	}
	chans, err := st.Channels()
	if err != nil {
		return nil, err
	}
	ns, err := st.NotifySettings()
	if err != nil {
		return nil, err
	}
	return &Office{Dir: NewDirectory(users), Users: users, Prefs: prefs, Channels: chans, Settings: ns}, nil
}

func (o *Office) smtp() *store.Channel {
	for i := range o.Channels {
		if o.Channels[i].Kind == "smtp" {
			return &o.Channels[i]
		}
	}
	return nil
}

type recipient struct {
	login  string
	reason string
}

// Recipients decides who hears of a notice and why, before preferences:
// the people it waits for, its authors, its approvers, the chief, and
// everyone @mentioned in its opinion or comment. The actor is never told
// of their own action.
func (o *Office) Recipients(n store.Notice) []recipient {
	var out []recipient
	seen := map[string]bool{n.Actor: true}
	add := func(login, reason string) {
		if login == "" || seen[login] || o.Dir.User(login) == nil {
			return
		}
		seen[login] = true
		out = append(out, recipient{login, reason})
	}
	// Mentions first: a mentioned reviewer hears "you were mentioned".
	for _, login := range o.Dir.Mentions(n.Opinion + "\n" + n.Text) {
		add(login, ReasonMention)
	}
	stage := func() {
		for _, u := range o.Users {
			may := n.StageRole != "" && u.Has(n.StageRole)
			if len(n.StageUsers) > 0 { // a stage of named users (会签: those still to approve)
				may = slices.Contains(n.StageUsers, u.Login)
			}
			if !may || o.isAuthor(n, &u) || slices.Contains(n.Readers, u.Login) {
				continue
			}
			if s, acted := n.Actors[u.Login]; acted && s != n.Stage {
				continue // acted at another stage: may not act at this one
			}
			add(u.Login, ReasonStage)
		}
		for _, login := range n.Readers { // 本人审阅: the sign-off waits for them too
			add(login, ReasonStage)
		}
	}
	authors := func() {
		add(n.Owner, ReasonAuthor)
		for _, u := range o.Users {
			if u.Login != n.Owner && o.isAuthor(n, &u) {
				add(u.Login, ReasonAuthor)
			}
		}
	}
	approvers := func() {
		for _, l := range n.Approvers {
			add(l, ReasonApprover)
		}
	}
	chiefs := func() {
		for _, u := range o.Users {
			if u.Has(model.RoleChief) {
				add(u.Login, ReasonChief)
			}
		}
	}
	switch n.Kind {
	case store.NoticeSubmit, store.NoticeStale:
		stage()
	case store.NoticeApprove:
		if n.State == model.StateReview {
			stage()
		}
		authors()
	case store.NoticeReturn, store.NoticeComment:
		authors()
	case store.NoticeSignOff, store.NoticePublish:
		authors()
		approvers()
	case store.NoticeWithdraw, store.NoticeTakedown, store.NoticeCorrect, store.NoticeSchedule, store.NoticeUnschedule:
		authors()
		approvers()
		chiefs()
	case store.NoticeOverdue:
		if n.Level >= 2 {
			chiefs()
		} else {
			stage()
		}
	case store.NoticeTest:
		seen[n.Actor] = false
		add(n.To, ReasonTest)
	}
	return out
}

func (o *Office) isAuthor(n store.Notice, u *model.User) bool {
	return n.Owner == u.Login || slices.Contains(n.Authors, u.Login) || (u.Display != "" && slices.Contains(n.Authors, u.Display))
}

// Plan fans a notice out into deliveries: for each recipient who wants this
// kind, their e-mail (through the office's SMTP channel) and their personal
// webhook; and each group robot whose events include it. A test notice goes
// to the one channel or user it names.
func (o *Office) Plan(n store.Notice) []store.Delivery {
	var out []store.Delivery
	mk := func(channel, kind, login, reason string) store.Delivery {
		id := fmt.Sprintf("n%d-%s", n.ID, channel)
		if login != "" {
			id += "-" + login
		}
		return store.Delivery{ID: id, Notice: n, Channel: channel, Kind: kind, Login: login, Reason: reason}
	}
	smtp := o.smtp()
	for _, r := range o.Recipients(n) {
		p, ok := o.Prefs[r.login]
		if !ok || !p.Wants(n.Kind, r.reason == ReasonMention) {
			continue
		}
		if p.Email != "" && smtp != nil {
			out = append(out, mk(smtp.Name, "email", r.login, r.reason))
		}
		if p.Webhook {
			out = append(out, mk("user", "webhook", r.login, r.reason))
		}
	}
	for _, ch := range o.Channels {
		if ch.Kind == "smtp" {
			continue
		}
		if n.Kind == store.NoticeTest {
			if n.To == ch.Name {
				out = append(out, mk(ch.Name, ch.Kind, "", ReasonTest))
			}
			continue
		}
		if len(ch.Events) == 0 || slices.Contains(ch.Events, n.Kind) {
			out = append(out, mk(ch.Name, ch.Kind, "", ReasonGroup))
		}
	}
	return out
}
