package tui

import (
	"slices"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// queueKind is one of the home screen's queues.
type queueKind int

// The queues, in tab order.
const (
	qDrafts    queueKind = iota // my drafts
	qReturned                   // returned to me, with the opinion
	qSubmitted                  // mine, in review
	qReview                     // waiting for my review at my stage
	qSignoff                    // waiting for my sign-off (签发)
	qPublished                  // recently signed off or published
	qWithdrawn                  // taken down (撤稿) or withdrawn, that the user may see: with the reason
	numQueues
)

func (q queueKind) label(tl tr) string {
	return [...]string{tl.wt("StateDraft"), tl.wt("ActionReturn"), tl.wt("TUIQueueInReview"), tl.wt("TUIQueueReview"), tl.wt("TUIQueueSignoff"), tl.wt("StateSigned"), tl.wt("StateWithdrawn")}[q]
}

// actionable queues are the ones whose new arrivals deserve a notice.
func (q queueKind) actionable() bool { return q == qReturned || q == qReview || q == qSignoff }

// recentLimit is how many signed-off and published articles home shows.
const recentLimit = 50

// headerReads bounds the article headers one load reads per kind of queue:
// the newest drafts are read to tell returned ones apart, the newest
// articles waiting for one of the user's roles to apply the authorship and
// one-stage rules. Beyond that (an office with thousands waiting) rows are
// shown as the index describes them and the store still refuses what the
// rules forbid when the user acts.
const headerReads = 200

// item is one row of a queue: the index row, plus what the queue needs to
// say about it (the return opinion, the stage it waits at).
type item struct {
	sum      model.Summary
	returned *model.Decision
	stage    string
	// deletable: the user may delete this draft (删除草稿), as
	// model.Decide's ActDelete rule says for its header.
	deletable bool
	// sched is the article's 定时发布 (signed and online rows).
	sched *model.Schedule
	// takedown is the 撤稿 decision of a taken-down row: who, when, why.
	takedown *model.Decision
}

// queues are the home screen's rows, newest first within each queue.
type queues [numQueues][]item

// queuesMsg is the result of loadQueues. It carries every queue but the
// signed-off and published one, which loadRecent reads when it is shown.
type queuesMsg struct {
	user        *model.User
	names       map[string]string // login → display name
	q           queues
	recentCount int // how many articles are signed off or published
	// refused are the schedules the scheduler refused (stale approval),
	// read for a user who may schedule (schedule.go shows them).
	refused []model.Article
	err     error
}

// recentMsg is the result of loadRecent.
type recentMsg struct {
	rows []item
	err  error
}

// loadRecent reads the newest signed-off and published articles. It is
// kept apart from loadQueues because the store's List scans a whole state
// to return its newest rows, and the archive is most of the database: the
// queues people act on are drawn first, and the archive only when its tab
// is opened.
func loadRecent(st *store.Store) tea.Cmd {
	return func() tea.Msg {
		var m recentMsg
		for _, state := range []model.State{model.StateSigned, model.StatePublished} {
			rows, err := st.List(store.Filter{States: []model.State{state}, Limit: recentLimit})
			if err != nil {
				m.err = err
				return m
			}
			for _, s := range rows {
				it := item{sum: s}
				if state == model.StateSigned { // only a signed article can wait for its time
					if a, err := st.Get(s.ID); err == nil {
						it.sched = a.Schedule
					}
				}
				m.rows = append(m.rows, it)
			}
		}
		slices.SortStableFunc(m.rows, func(a, b item) int { return b.sum.Updated.Compare(a.sum.Updated) })
		if len(m.rows) > recentLimit {
			m.rows = m.rows[:recentLimit]
		}
		return m
	}
}

// visibleQueues are the tabs a user with these roles sees, and any queue
// that holds something for them (q may be nil): a custom role (保密员,
// 分管领导), a stage that names them, or an extra reader's article.
func visibleQueues(u *model.User, q *queues) []queueKind {
	custom := slices.ContainsFunc(u.Roles, func(r model.Role) bool { return !slices.Contains(model.AllRoles, r) })
	has := func(k queueKind) bool { return q != nil && len(q[k]) > 0 }
	var out []queueKind
	if u.Has(model.RoleWriter) || u.Has(model.RoleAdmin) {
		out = append(out, qDrafts, qReturned, qSubmitted)
	}
	if u.Has(model.RoleReviewer) || custom || has(qReview) {
		out = append(out, qReview)
	}
	if u.Has(model.RoleChief) || has(qSignoff) {
		out = append(out, qSignoff)
	}
	out = append(out, qPublished)
	if has(qWithdrawn) {
		out = append(out, qWithdrawn)
	}
	return out
}

// loadQueues reads the queues of login. Lists come from the store's state
// index, whose rows carry the stage and role an article waits for; no body
// is read. The headers needed to tell returned drafts from fresh ones and
// to apply the authorship and one-stage rules to the articles waiting for
// one of the user's roles are read one by one (at most headerReads of
// each), each in its own short transaction.
func loadQueues(st *store.Store, login string) tea.Cmd {
	return func() tea.Msg {
		var m queuesMsg
		m.user, m.err = st.User(login)
		if m.err != nil {
			return m
		}
		users, err := st.Users()
		if err != nil {
			m.err = err
			return m
		}
		m.names = make(map[string]string, len(users))
		for _, u := range users {
			m.names[u.Login] = u.Name()
		}
		// Drafts: the user's own and those they co-wrote or are named
		// authors of (model.Article.VisibleTo, the rule of store.MayRead).
		mine, err := st.List(store.Filter{States: []model.State{model.StateDraft}, Viewer: login})
		if err != nil {
			m.err = err
			return m
		}
		for i, s := range mine {
			if i >= headerReads { // old drafts: not read, shown as drafts
				if s.Owner == login {
					m.q[qDrafts] = append(m.q[qDrafts], item{sum: s})
				}
				continue
			}
			a, err := st.Get(s.ID)
			if err != nil {
				continue // deleted meanwhile
			}
			if !a.IsAuthor(m.user) && !a.IsNamed(m.user) {
				continue // visible for another reason (a reviewer who returned it): not their draft
			}
			if a.Returned != nil {
				m.q[qReturned] = append(m.q[qReturned], item{sum: s, returned: a.Returned})
			} else {
				m.q[qDrafts] = append(m.q[qDrafts], item{sum: s, deletable: model.May(*a, m.user, model.ActDelete)})
			}
		}
		review, err := st.List(store.Filter{States: []model.State{model.StateReview}})
		if err != nil {
			m.err = err
			return m
		}
		read, authorReads := 0, 0
		for _, s := range review {
			if s.Owner == login {
				m.q[qSubmitted] = append(m.q[qSubmitted], item{sum: s, stage: s.StageName})
				continue
			}
			if m.user.Has(model.RoleWriter) && authorReads < headerReads {
				// a co-author's or named author's article in review is
				// theirs too (model.Article.IsAuthor, IsNamed)
				authorReads++
				if a, err := st.Get(s.ID); err == nil && (a.IsAuthor(m.user) || a.IsNamed(m.user)) {
					m.q[qSubmitted] = append(m.q[qSubmitted], item{sum: s, stage: s.StageName})
					continue
				}
			}
			if s.StageRole != "" && !m.user.Has(s.StageRole) {
				continue // the row says which role it waits for: no header needed
			}
			if s.StageRole == "" && read >= headerReads {
				continue // a stage of named users: only the header says who
			}
			q := qReview
			if s.StageRole == model.RoleChief {
				q = qSignoff // the chief's stage is the last (model.Workflow.Validate)
			}
			if read < headerReads {
				read++
				a, err := st.Get(s.ID)
				if err != nil {
					continue
				}
				var ok bool
				if q, ok = reviewQueue(a, m.user); !ok {
					continue
				}
			}
			m.q[q] = append(m.q[q], item{sum: s, stage: s.StageName})
		}
		// 本人审阅: articles this user was named an extra reader of and
		// has not approved as they are now.
		ids, err := st.ReaderOf(login, headerReads)
		if err != nil {
			m.err = err
			return m
		}
		for _, id := range ids {
			a, err := st.Get(id)
			if err != nil || a.State != model.StateReview || !slices.ContainsFunc(a.PendingReaders(), func(r model.Reader) bool { return r.Login == login }) {
				continue
			}
			m.q[qReview] = append(m.q[qReview], item{sum: a.Summary(), stage: model.ReaderStageName})
		}
		// 撤稿: the articles taken down that this user may still see
		// (their own, ones they decided on), with the reason.
		gone, err := st.List(store.Filter{States: []model.State{model.StateWithdrawn}, Viewer: login, Limit: headerReads})
		if err != nil {
			m.err = err
			return m
		}
		for _, s := range gone {
			it := item{sum: s}
			if a, err := st.Get(s.ID); err == nil {
				it.takedown = a.Takedown
			}
			m.q[qWithdrawn] = append(m.q[qWithdrawn], it)
		}
		if counts, err := st.Counts(); err == nil {
			m.recentCount = counts[model.StateSigned] + counts[model.StatePublished]
		}
		m.refused = refusedSchedules(st, m.user)
		return m
	}
}

// reviewQueue decides whether an article in review waits for u: its current
// stage is one u may act at (its role, or it names u), u did not write it,
// is not one of its extra readers, has not acted at another stage of it
// (三审 separation of duties), and at a countersign (会签) has not approved
// it yet. The final stage is the sign-off queue.
func reviewQueue(a *model.Article, u *model.User) (queueKind, bool) {
	st := a.Current()
	if st == nil || !st.Allows(u) || a.IsAuthor(u) || a.ReaderIndex(u.Login) >= 0 {
		return 0, false
	}
	if prev, ok := a.Actors[u.Login]; ok && prev != a.Stage {
		return 0, false
	}
	if st.All && !slices.Contains(a.Countersigners(a.Stage), u.Login) {
		return 0, false
	}
	if a.Workflow.IsFinal(a.Stage) {
		return qSignoff, true
	}
	return qReview, true
}
