package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"maps"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// The outbox: notices are written in the same transaction as the change that
// caused them (wtx.queueNotices, called by update once fn succeeded), so a
// committed change always has its notices and a rolled-back one never does.
// The dispatcher (package notify) fans each notice out into deliveries, one
// per recipient and channel, in one transaction that also deletes the
// notice, then sends the deliveries and records the outcome. Delivery is at
// least once: a crash after a send and before its outcome is recorded sends
// again, with the same Delivery.ID, which receivers use to drop duplicates.

// NoticeKind is the event a notice tells about. Users and channels choose
// the kinds they want; the names are stable (they are stored and typed).
type NoticeKind string

// The notice kinds. The lifecycle kinds (schedule, unschedule, correct,
// takedown) are produced as soon as an audit record with that action name
// is written; noticeFor maps actions to kinds in one table.
const (
	NoticeSubmit     NoticeKind = "submit"     // a draft went to review: the first stage's actors
	NoticeApprove    NoticeKind = "approve"    // a stage approved: the next stage's actors, the author
	NoticeReturn     NoticeKind = "return"     // returned to the author with an opinion
	NoticeSignOff    NoticeKind = "signoff"    // signed off (签发): the author, the approvers
	NoticePublish    NoticeKind = "publish"    // published
	NoticeWithdraw   NoticeKind = "withdraw"   // withdrawn (撤稿)
	NoticeTakedown   NoticeKind = "takedown"   // taken down (lifecycle)
	NoticeSchedule   NoticeKind = "schedule"   // scheduled for publication (lifecycle)
	NoticeUnschedule NoticeKind = "unschedule" // schedule cancelled (lifecycle)
	NoticeCorrect    NoticeKind = "correct"    // a published article was corrected (lifecycle)
	NoticeStale      NoticeKind = "stale"      // an edit made approvals stale: the stage it went back to
	NoticeComment    NoticeKind = "comment"    // a comment: the author
	NoticeMention    NoticeKind = "mention"    // someone was @mentioned in a comment or opinion (a recipient reason, also choosable)
	NoticeOverdue    NoticeKind = "overdue"    // waited past the stage deadline: the stage's actors, later the chief
	NoticeTest       NoticeKind = "test"       // copydesk notify test
)

// NoticeKinds lists every kind a user or channel can choose, in display order.
var NoticeKinds = []NoticeKind{NoticeSubmit, NoticeApprove, NoticeReturn, NoticeSignOff, NoticePublish,
	NoticeWithdraw, NoticeTakedown, NoticeSchedule, NoticeUnschedule, NoticeCorrect, NoticeStale, NoticeComment,
	NoticeMention, NoticeOverdue}

// noticeFor maps the audit action of a change to the notice it causes; an
// action not listed causes none. Lifecycle actions are named by string so
// they slot in when the model defines them.
var noticeFor = map[model.Action]NoticeKind{
	model.ActSubmit:   NoticeSubmit,
	model.ActApprove:  NoticeApprove,
	model.ActReturn:   NoticeReturn,
	model.ActSignOff:  NoticeSignOff,
	model.ActPublish:  NoticePublish,
	model.ActWithdraw: NoticeWithdraw,
	model.ActComment:  NoticeComment,
	model.ActSave:     NoticeStale, // only when the save sent the article back (see queueNotices)
	"takedown":        NoticeTakedown,
	"schedule":        NoticeSchedule,
	"unschedule":      NoticeUnschedule,
	"correct":         NoticeCorrect,
}

// Notice is the record of one event, with the facts a message needs, taken
// inside the transaction that caused it.
type Notice struct {
	ID       uint64     `json:"id"` // outbox sequence, unique in this database
	Kind     NoticeKind `json:"kind"`
	AuditSeq uint64     `json:"audit_seq,omitempty"`
	At       time.Time  `json:"at"`

	Article uint64      `json:"article,omitempty"`
	Title   string      `json:"title,omitempty"`
	Rev     int         `json:"rev,omitempty"`
	State   model.State `json:"state,omitempty"`
	// Stage, StageName and StageRole are where the article waits now
	// (Stage is -1 when it is not in review).
	Stage     int        `json:"stage"`
	StageName string     `json:"stage_name,omitempty"`
	StageRole model.Role `json:"stage_role,omitempty"`
	// StageUsers are the named users the stage waits for when it names
	// users (a 会签: those who have not approved yet); Final says it is the
	// sign-off; Readers are the extra readers (本人审阅) who have not
	// approved the current text. The recipients come from these as from
	// StageRole (model.Stage.Allows).
	StageUsers []string `json:"stage_users,omitempty"`
	Final      bool     `json:"final,omitempty"`
	Readers    []string `json:"readers,omitempty"`
	// DecidedAt is the stage at which the decision was made (approve,
	// return, sign-off).
	DecidedAt string         `json:"decided_at,omitempty"`
	Owner     string         `json:"owner,omitempty"`
	Authors   []string       `json:"authors,omitempty"`
	Approvers []string       `json:"approvers,omitempty"` // logins with a current approval
	Actors    map[string]int `json:"actors,omitempty"`    // login → the stage they acted at (they may act at no other)

	Actor     string `json:"actor,omitempty"`
	ActorName string `json:"actor_name,omitempty"`
	Opinion   string `json:"opinion,omitempty"` // the written opinion of a decision
	Text      string `json:"text,omitempty"`    // a comment's text
	Para      int    `json:"para,omitempty"`    // a comment's paragraph, 1-based

	// Overdue notices: since when the article waits, and the level
	// (1: the stage's actors, 2: escalated to the chief).
	Since time.Time `json:"since,omitzero"`
	Level int       `json:"level,omitempty"`
	// To names the one recipient of a test notice (a login or a channel).
	To string `json:"to,omitempty"`
}

// Delivery is one message to one recipient over one channel.
type Delivery struct {
	// ID is stable across retries: "n<notice>-<channel>-<login>". Receivers
	// drop a second message with the same ID.
	ID      string `json:"id"`
	Key     uint64 `json:"key"` // position in the delivery bucket
	Notice  Notice `json:"notice"`
	Channel string `json:"channel"`         // a channel name, or "email"/"webhook" for a user's own address
	Kind    string `json:"kind"`            // email, webhook, wecom, dingtalk, feishu
	Login   string `json:"login,omitempty"` // the user it is for ("" for a group robot)
	Reason  string `json:"reason,omitempty"`

	Attempts int       `json:"attempts"`
	NextAt   time.Time `json:"next_at"`
	// LastError is why the last attempt failed, kept as a catalog message
	// (locale.Stored) and rendered in the reader's language; a record
	// written when it was English text reads as that text.
	LastError locale.Stored `json:"last_error,omitzero"`
	LastTry   time.Time     `json:"last_try,omitzero"`
	Failed    bool          `json:"failed,omitempty"` // gave up; kept until retried or cleared
	Created   time.Time     `json:"created"`
}

// Outcome is the result of one send attempt.
type Outcome struct {
	Key uint64
	// Err is nil on success. Otherwise NextAt is when to try again, or Give
	// up marks the delivery failed. It is stored as a message
	// (locale.Keep), so it reads in each reader's language.
	Err    error
	NextAt time.Time
	GiveUp bool
	At     time.Time
}

var (
	keyNotifyOn   = []byte("on")   // present while any channel or user address is set
	keySentCount  = []byte("sent") // deliveries sent so far, uint64
	keyNotifyConf = []byte("config")
)

// queueNotices writes the notices for the audit records of this
// transaction. It runs inside the transaction, after the change itself,
// and costs one Get when notifications are off.
func (t *wtx) queueNotices() error {
	if len(t.audited) == 0 {
		return nil
	}
	nb := t.tx.Bucket(bucketNotify)
	if nb == nil || nb.Get(keyNotifyOn) == nil {
		return nil
	}
	for i := range t.audited {
		rec := &t.audited[i]
		kind, ok := noticeFor[rec.Action]
		if !ok || rec.Article == 0 {
			continue
		}
		if kind == NoticeStale && rec.Detail == "" {
			continue // an ordinary save: no approval went stale
		}
		n, err := t.noticeFrom(kind, rec)
		if err != nil {
			return err
		}
		if err := t.putNotice(n); err != nil {
			return err
		}
	}
	return nil
}

// noticeFrom gathers a notice's facts from the record and the article as it
// is after the change.
func (t *wtx) noticeFrom(kind NoticeKind, rec *model.AuditRecord) (*Notice, error) {
	a, ok := t.heads[rec.Article] // the header as this transaction left it
	if !ok {
		var err error
		if a, err = txArticle(t.tx, rec.Article); err != nil {
			return nil, err
		}
	}
	n := &Notice{Kind: kind, AuditSeq: rec.Seq, At: rec.At, Actor: rec.Actor, ActorName: rec.Actor}
	fillArticle(n, a)
	if t.who != nil && t.who.Login == rec.Actor {
		n.ActorName = t.who.Name()
	} else if u, err := txUser(t.tx, rec.Actor); err == nil {
		n.ActorName = u.Name()
	}
	switch rec.Action {
	case model.ActApprove:
		for _, ap := range a.Record { // every approval, an extra reader's (本人审阅) too
			if ap.AuditSeq == rec.Seq {
				n.Opinion, n.DecidedAt = ap.Opinion, ap.Name
			}
		}
	case model.ActSignOff:
		if a.Signed != nil {
			n.Opinion, n.DecidedAt = a.Signed.Opinion, a.Signed.Name
		}
	case model.ActReturn:
		if a.Returned != nil {
			n.Opinion = a.Returned.Opinion
			if s := a.Returned.Stage; s >= 0 && s < len(a.Workflow.Stages) {
				n.DecidedAt = a.Workflow.Stages[s].Name
			}
		}
	case model.ActComment:
		// The comment this record tells of is the article's newest: comment
		// IDs grow with the bucket sequence.
		c := t.tx.Bucket(bucketComments).Cursor()
		prefix := u64(a.ID)
		k, v := c.Seek(u64(a.ID + 1))
		if k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		if k != nil && hasPrefix(k, prefix) {
			var cm model.Comment
			if err := json.Unmarshal(v, &cm); err == nil {
				n.Text, n.Para, n.Rev = cm.Text, cm.Para+1, cm.Rev
			}
		}
	case model.ActSubmit, model.ActPublish, model.ActSave:
	default: // withdraw and the lifecycle actions: the record's detail is the opinion
		n.Opinion = rec.Detail
	}
	return n, nil
}

func fillArticle(n *Notice, a *model.Article) {
	n.Article, n.Title, n.Rev, n.State, n.Owner = a.ID, a.Title, a.Rev, a.State, a.Owner
	n.Authors = append([]string(nil), a.Authors...)
	n.Stage = -1
	if st := a.Current(); st != nil {
		n.Stage, n.StageName, n.StageRole = a.Stage, st.Name, st.Role
		n.StageUsers, n.Final = slices.Clone(st.Users), a.Workflow.IsFinal(a.Stage)
		if st.All {
			n.StageUsers = a.Countersigners(a.Stage)
		}
		for _, r := range a.PendingReaders() {
			n.Readers = append(n.Readers, r.Login)
		}
	}
	for _, ap := range a.ValidApprovals() {
		n.Approvers = append(n.Approvers, ap.Login)
	}
	n.Actors = maps.Clone(a.Actors)
}

func (t *wtx) putNotice(n *Notice) error {
	b := t.tx.Bucket(bucketOutbox)
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	n.ID = seq
	if n.At.IsZero() {
		n.At = t.s.now().UTC()
	}
	return putJSON(b, u64(seq), n)
}

// Notices returns up to limit notices waiting to be fanned out, oldest first.
func (s *Store) Notices(limit int) ([]Notice, error) {
	var out []Notice
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutbox).Cursor()
		for k, v := c.First(); k != nil && len(out) < limit; k, v = c.Next() {
			var n Notice
			if err := json.Unmarshal(v, &n); err != nil {
				return locale.NewError("StoreOutboxUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
			}
			out = append(out, n)
		}
		return nil
	})
	return out, err
}

// FanOut replaces notices by their deliveries, in one transaction per call:
// each notice in plan is deleted and its deliveries stored as due now. A
// notice already fanned out (absent) is skipped, so a repeated call after a
// crash adds nothing twice.
//
// A user's personal webhook holds at most MaxUserQueue deliveries, waiting
// or failed: beyond that new ones for it are dropped (a webhook that never
// answers cannot grow the database without bound; retries are bounded by
// the dispatcher's MaxAttempts).
func (s *Store) FanOut(plan map[uint64][]Delivery) error {
	if len(plan) == 0 {
		return nil
	}
	return s.update(func(t *wtx) error {
		nb, db, due := t.tx.Bucket(bucketOutbox), t.tx.Bucket(bucketOutboxSend), t.tx.Bucket(bucketOutboxDue)
		now := s.now().UTC()
		var queued map[string]int // personal webhook deliveries by login, counted once when needed
		full := func(d *Delivery) bool {
			if d.Channel != "user" || d.Login == "" {
				return false
			}
			if queued == nil {
				queued = map[string]int{}
				_ = db.ForEach(func(_, v []byte) error {
					var o Delivery
					if json.Unmarshal(v, &o) == nil && o.Channel == "user" {
						queued[o.Login]++
					}
					return nil
				})
			}
			if queued[d.Login] >= MaxUserQueue {
				return true
			}
			queued[d.Login]++
			return false
		}
		for _, id := range slices.Sorted(maps.Keys(plan)) { // deliveries keep the notices' order
			ds := plan[id]
			if nb.Get(u64(id)) == nil {
				continue
			}
			if err := nb.Delete(u64(id)); err != nil {
				return err
			}
			for i := range ds {
				d := ds[i]
				if full(&d) {
					continue
				}
				key, err := db.NextSequence()
				if err != nil {
					return err
				}
				d.Key, d.Created = key, now
				if d.NextAt.IsZero() {
					d.NextAt = now
				}
				if err := putJSON(db, u64(key), &d); err != nil {
					return err
				}
				if err := due.Put(dueKey(d.NextAt, key), nil); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// MaxUserQueue is how many deliveries (waiting or failed) one user's
// personal webhook may hold in the outbox; see FanOut.
const MaxUserQueue = 100

func dueKey(at time.Time, key uint64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), uint64(at.UnixNano())), key)
}

// Due returns up to limit deliveries whose next attempt is at or before now,
// earliest first.
func (s *Store) Due(now time.Time, limit int) ([]Delivery, error) {
	var out []Delivery
	end := uint64(now.UnixNano())
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketOutboxDue).Cursor()
		for k, _ := c.First(); k != nil && len(out) < limit; k, _ = c.Next() {
			if len(k) != 16 || binary.BigEndian.Uint64(k) > end {
				break
			}
			var d Delivery
			ok, err := getJSON(tx, bucketOutboxSend, k[8:], &d)
			if err != nil {
				return err
			}
			if ok {
				out = append(out, d)
			}
		}
		return nil
	})
	return out, err
}

// NextDue returns when the earliest pending delivery is due (false: none).
func (s *Store) NextDue() (time.Time, bool, error) {
	var at time.Time
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		if k, _ := tx.Bucket(bucketOutboxDue).Cursor().First(); len(k) == 16 {
			at, ok = time.Unix(0, int64(binary.BigEndian.Uint64(k))), true
		}
		return nil
	})
	return at, ok, err
}

// Record stores the outcomes of send attempts in one transaction: a sent
// delivery is deleted and counted, a failed one is rescheduled or, when
// given up, kept as failed for notify status.
func (s *Store) Record(outcomes []Outcome) error {
	if len(outcomes) == 0 {
		return nil
	}
	return s.update(func(t *wtx) error {
		db, due, nb := t.tx.Bucket(bucketOutboxSend), t.tx.Bucket(bucketOutboxDue), t.tx.Bucket(bucketNotify)
		sent := uint64(0)
		for _, o := range outcomes {
			var d Delivery
			ok, err := getJSON(t.tx, bucketOutboxSend, u64(o.Key), &d)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := due.Delete(dueKey(d.NextAt, d.Key)); err != nil {
				return err
			}
			if o.Err == nil {
				sent++
				if err := db.Delete(u64(o.Key)); err != nil {
					return err
				}
				continue
			}
			d.Attempts++
			d.LastError, d.LastTry = locale.Keep(o.Err), o.At
			if o.GiveUp {
				d.Failed = true
			} else {
				d.NextAt = o.NextAt
				if err := due.Put(dueKey(d.NextAt, d.Key), nil); err != nil {
					return err
				}
			}
			if err := putJSON(db, u64(o.Key), &d); err != nil {
				return err
			}
		}
		if sent > 0 {
			var n uint64
			if raw := nb.Get(keySentCount); len(raw) == 8 {
				n = binary.BigEndian.Uint64(raw)
			}
			return nb.Put(keySentCount, u64(n+sent))
		}
		return nil
	})
}

// OutboxStatus is what notify status shows.
type OutboxStatus struct {
	Notices int        // waiting to be fanned out
	Pending int        // deliveries not yet sent, still being tried
	Sent    uint64     // deliveries sent since the database was made
	Failed  []Delivery // deliveries given up on, oldest first
	Retries []Delivery // pending deliveries that failed at least once
}

// Outbox reports the outbox's state.
func (s *Store) Outbox() (*OutboxStatus, error) {
	st := &OutboxStatus{}
	err := s.view(func(tx *bolt.Tx) error {
		st.Notices = tx.Bucket(bucketOutbox).Stats().KeyN
		if raw := tx.Bucket(bucketNotify).Get(keySentCount); len(raw) == 8 {
			st.Sent = binary.BigEndian.Uint64(raw)
		}
		return tx.Bucket(bucketOutboxSend).ForEach(func(k, v []byte) error {
			var d Delivery
			if err := json.Unmarshal(v, &d); err != nil {
				return locale.NewError("StoreOutboxUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
			}
			switch {
			case d.Failed:
				st.Failed = append(st.Failed, d)
			case d.Attempts > 0:
				st.Pending++
				st.Retries = append(st.Retries, d)
			default:
				st.Pending++
			}
			return nil
		})
	})
	return st, err
}

// Retry makes failed deliveries due again (admin only): the one with this
// ID, or every failed one when id is "".
func (s *Store) Retry(act Actor, id string) (int, error) {
	n := 0
	err := s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatNotifyRetry", nil)); err != nil {
			return err
		}
		db, due := t.tx.Bucket(bucketOutboxSend), t.tx.Bucket(bucketOutboxDue)
		now := s.now().UTC()
		var retry []Delivery
		err := db.ForEach(func(k, v []byte) error {
			var d Delivery
			if json.Unmarshal(v, &d) == nil && d.Failed && (id == "" || d.ID == id) {
				retry = append(retry, d)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if id != "" && len(retry) == 0 {
			return locale.NewError("StoreNoFailedNotice", locale.Args{"ID": id}, ErrNotFound)
		}
		for _, d := range retry {
			d.Failed, d.Attempts, d.NextAt = false, 0, now
			if err := putJSON(db, u64(d.Key), &d); err != nil {
				return err
			}
			if err := due.Put(dueKey(d.NextAt, d.Key), nil); err != nil {
				return err
			}
		}
		n = len(retry)
		if n > 0 {
			_, err = t.audit(act, model.AuditRecord{Action: model.ActSettings, Detail: fmt.Sprintf("notify: %d failed notification(s) queued again", n)})
		}
		return err
	})
	return n, err
}

// QueueTest queues a test notice for one channel or user (admin only) and
// returns it; the dispatcher fans it out to that recipient only.
func (s *Store) QueueTest(act Actor, to string) (*Notice, error) {
	var n *Notice
	err := s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatNotifyTest", nil)); err != nil {
			return err
		}
		u, _ := t.actor(act)
		n = &Notice{Kind: NoticeTest, To: to, Actor: act.Login, ActorName: u.Name(), Stage: -1, At: s.now().UTC()}
		if err := t.putNotice(n); err != nil {
			return err
		}
		// recorded, and the commit wakes a running dispatcher
		_, err := t.audit(act, model.AuditRecord{Action: model.ActSettings, Detail: "notify: test message to " + to})
		return err
	})
	return n, err
}

// OverdueRule says when an article in review is overdue: After the last
// change at a stage, or — with NextDay — at the clock time At (a duration
// since midnight in the office's time zone, the timezone setting) of the
// day after that change
// ("before 10:00 next day"); Escalate after that again, the chief is told.
type OverdueRule struct {
	After    time.Duration
	NextDay  bool
	At       time.Duration
	Escalate time.Duration
}

// Due is when an article that last changed at since becomes overdue; false
// when the rule sets no deadline. A next-day deadline is the clock time
// At on the next calendar day in loc, the office's zone
// (SiteSettings.Zone); nil is model.OfficeZone.
func (r OverdueRule) Due(since time.Time, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = model.OfficeZone
	}
	switch {
	case r.NextDay:
		l := since.In(loc)
		return time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, loc).Add(r.At), true
	case r.After > 0:
		return since.Add(r.After), true
	}
	return time.Time{}, false
}

// ParseClock reads "HH:MM" as a duration since midnight.
func ParseClock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, &model.FieldError{Field: "deadline", Reason: fmt.Sprintf("%q is not a time of day HH:MM (e.g. 10:00)", s), ID: "StoreBadClock", Args: locale.Args{"Value": s}}
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// QueueOverdue writes overdue notices for articles that have waited at their
// stage past the rule for that stage (by stage name, "" the default; a rule
// without After or NextDay means no deadline). Each article, stage, wait and level is
// notified once. It returns the number of notices written.
func (s *Store) QueueOverdue(rules map[string]OverdueRule) (int, error) {
	now := s.now().UTC()
	type due struct {
		id    uint64
		since time.Time
		level int
	}
	var found []due
	err := s.view(func(tx *bolt.Tx) error {
		var set SiteSettings
		if _, err := getJSON(tx, bucketMeta, keySiteSettings, &set); err != nil {
			return err
		}
		loc := set.Zone()
		c := tx.Bucket(bucketByState).Cursor()
		prefix := append([]byte(model.StateReview), 0)
		marks := tx.Bucket(bucketNotify)
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			sum, err := decodeSummary(v)
			if err != nil {
				return err
			}
			r, ok := rules[sum.StageName]
			if !ok {
				r = rules[""]
			}
			dueAt, ok := r.Due(sum.Updated, loc)
			if !ok {
				continue
			}
			level := 0
			switch {
			case r.Escalate > 0 && !now.Before(dueAt.Add(r.Escalate)):
				level = 2
			case !now.Before(dueAt):
				level = 1
			}
			for l := 1; l <= level; l++ {
				if marks.Get(overdueMark(sum.ID, sum.Stage, sum.Updated, l)) == nil {
					found = append(found, due{sum.ID, sum.Updated, l})
				}
			}
		}
		return nil
	})
	if err != nil || len(found) == 0 {
		return 0, err
	}
	n := 0
	err = s.update(func(t *wtx) error {
		marks := t.tx.Bucket(bucketNotify)
		if marks.Get(keyNotifyOn) == nil {
			return nil
		}
		for _, f := range found {
			a, err := txArticle(t.tx, f.id)
			if err != nil || a.State != model.StateReview || !a.Updated.Equal(f.since) {
				continue // changed since the scan
			}
			mk := overdueMark(a.ID, a.Stage, a.Updated, f.level)
			if marks.Get(mk) != nil {
				continue
			}
			nt := &Notice{Kind: NoticeOverdue, At: now, Since: a.Updated, Level: f.level}
			fillArticle(nt, a)
			if err := t.putNotice(nt); err != nil {
				return err
			}
			if err := marks.Put(mk, nil); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func overdueMark(id uint64, stage int, since time.Time, level int) []byte {
	return fmt.Appendf(nil, "overdue/%d/%d/%d/%d", id, stage, since.UnixNano(), level)
}

// RequireAdmin refuses (model.ErrDenied) an actor who is not an admin; what
// names the action in the refusal. Commands that only read admin data over
// SSH use it; changes check the same rule inside their transaction.
func (s *Store) RequireAdmin(act Actor, what locale.Message) error {
	return s.view(func(tx *bolt.Tx) error { return (&wtx{tx: tx, s: s}).requireAdmin(act, what) })
}

// ErrNoChannel: no notification channel by that name.
var ErrNoChannel error = locale.NewError("StoreNoChannel", nil)

// ChannelKinds are the kinds of office channel.
var ChannelKinds = []string{"smtp", "wecom", "dingtalk", "feishu", "webhook"}

// Channel is an office-wide notification channel: the SMTP server that
// carries users' e-mail, or a group robot. Its secrets (webhook URL with
// its key, signing secret, SMTP password) are kept apart, in ChannelSecret,
// and never appear in it.
type Channel struct {
	Name string `json:"name"`
	Kind string `json:"kind"` // one of ChannelKinds
	// Events the channel carries; empty means every kind. Ignored for smtp
	// (users choose their own).
	Events []NoticeKind `json:"events,omitempty"`
	// Where is a redacted address for display: the host of a webhook, or
	// host:port of an SMTP server.
	Where string `json:"where"`
	// SMTP settings (kind smtp).
	SMTPHost string    `json:"smtp_host,omitempty"`
	SMTPPort int       `json:"smtp_port,omitempty"`
	SMTPUser string    `json:"smtp_user,omitempty"`
	From     string    `json:"from,omitempty"`
	TLS      string    `json:"tls,omitempty"` // starttls (default), tls, none
	Added    time.Time `json:"added"`
}

// ChannelSecret holds what must never be printed: the webhook URL (robot
// URLs carry their access key), the signing secret, the SMTP password.
type ChannelSecret struct {
	URL      string `json:"url,omitempty"`
	Secret   string `json:"secret,omitempty"`
	Password string `json:"password,omitempty"`
}

// UserNotify is a user's own notification settings.
type UserNotify struct {
	Login string `json:"login"`
	Email string `json:"email,omitempty"`
	// Webhook is set when the user has a personal webhook; its URL and
	// signing secret are in the secrets bucket. WebhookWhere is its
	// redacted host for display.
	Webhook      bool   `json:"webhook,omitempty"`
	WebhookWhere string `json:"webhook_where,omitempty"`
	// Events the user wants; nil means the defaults (every kind), an empty
	// non-nil list means none.
	Events []NoticeKind `json:"events"`
	Off    bool         `json:"off,omitempty"`
}

// Wants reports whether the user wants notices of kind k (or of mentions
// when mention is true).
func (u *UserNotify) Wants(k NoticeKind, mention bool) bool {
	if u == nil || u.Off {
		return false
	}
	if u.Events == nil || k == NoticeTest {
		return true
	}
	for _, e := range u.Events {
		if e == k || (mention && e == NoticeMention) {
			return true
		}
	}
	return false
}

// NotifySettings are the office's notification settings.
type NotifySettings struct {
	// Act is how users reach copydesk, shown in every message as the way to
	// act: e.g. "ssh -p 23234 desk.example.edu".
	Act string `json:"act,omitempty"`
	// Link is the address of an article for people, with {id} replaced by
	// its ID, e.g. "https://desk.example.edu/a/{id}" (optional).
	Link string `json:"link,omitempty"`
	// Lang is the language of the messages: "zh-CN" (the default when
	// empty) or "en".
	Lang string `json:"lang,omitempty"`
	// Deadlines by stage name ("" is the default for every stage).
	Deadlines map[string]Deadline `json:"deadlines,omitempty"`
	// WebhookAllow are the hosts personal webhooks may reach although they
	// are internal or not https (CheckWebhookURL); set by an admin, audited.
	WebhookAllow []string `json:"webhook_allow,omitempty"`
}

// Deadline is a stage's time limit and the escalation period after it:
// After the last change, or NextDayAt ("10:00", in the office's time zone,
// the timezone setting) the day after it.
type Deadline struct {
	After     time.Duration `json:"after"`
	NextDayAt string        `json:"next_day_at,omitempty"`
	Escalate  time.Duration `json:"escalate"`
}

// Rule is the deadline as QueueOverdue takes it.
func (d Deadline) Rule() OverdueRule {
	r := OverdueRule{After: d.After, Escalate: d.Escalate}
	if d.NextDayAt != "" {
		if at, err := ParseClock(d.NextDayAt); err == nil {
			r.NextDay, r.At = true, at
		}
	}
	return r
}

func channelKey(name string) []byte { return []byte("channel/" + name) }
func userKey(login string) []byte   { return []byte("user/" + login) }

// AddChannel stores an office channel and its secret (admin only). The
// audit record names the channel and its kind, never the secret.
func (s *Store) AddChannel(act Actor, ch Channel, sec ChannelSecret) error {
	if err := model.ValidateLogin(ch.Name); err != nil {
		return &model.FieldError{Field: "channel", Reason: fmt.Sprintf("%q is not a valid channel name: use 1–32 lowercase letters, digits, _ or -", ch.Name), ID: "StoreBadChannelName", Args: locale.Args{"Value": ch.Name}}
	}
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatChannelAdd", nil)); err != nil {
			return err
		}
		nb := t.tx.Bucket(bucketNotify)
		if nb.Get(channelKey(ch.Name)) != nil {
			return locale.NewError("StoreChannelExists", locale.Args{"Name": ch.Name}, ErrExists)
		}
		ch.Added = s.now().UTC()
		if err := putJSON(nb, channelKey(ch.Name), &ch); err != nil {
			return err
		}
		if err := putJSON(t.tx.Bucket(bucketSecrets), channelKey(ch.Name), &sec); err != nil {
			return err
		}
		if err := nb.Put(keyNotifyOn, []byte{1}); err != nil {
			return err
		}
		_, err := t.audit(act, model.AuditRecord{Action: model.ActSettings, Detail: fmt.Sprintf("notify: channel %s (%s) added", ch.Name, ch.Kind)})
		return err
	})
}

// RemoveChannel deletes an office channel and its secret (admin only).
// Deliveries still queued for it fail with "no such channel".
func (s *Store) RemoveChannel(act Actor, name string) error {
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatChannelRemove", nil)); err != nil {
			return err
		}
		nb := t.tx.Bucket(bucketNotify)
		if nb.Get(channelKey(name)) == nil {
			return locale.NewError("StoreNoChannelNamed", locale.Args{"Name": name}, ErrNoChannel)
		}
		if err := nb.Delete(channelKey(name)); err != nil {
			return err
		}
		if err := t.tx.Bucket(bucketSecrets).Delete(channelKey(name)); err != nil {
			return err
		}
		_, err := t.audit(act, model.AuditRecord{Action: model.ActSettings, Detail: "notify: channel " + name + " removed"})
		return err
	})
}

// Channels lists the office channels by name, without secrets.
func (s *Store) Channels() ([]Channel, error) {
	var out []Channel
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketNotify).Cursor()
		prefix := []byte("channel/")
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var ch Channel
			if err := json.Unmarshal(v, &ch); err != nil {
				return locale.NewError("StoreChannelUnreadable", locale.Args{"Key": string(k), "Err": err}, ErrNotDatabase)
			}
			out = append(out, ch)
		}
		return nil
	})
	return out, err
}

// Secret returns the secret of a channel ("channel/NAME") or of a user's
// webhook ("user/LOGIN"). Only the dispatcher calls it; nothing prints it.
func (s *Store) Secret(key string) (ChannelSecret, error) {
	var sec ChannelSecret
	err := s.view(func(tx *bolt.Tx) error {
		ok, err := getJSON(tx, bucketSecrets, []byte(key), &sec)
		if err == nil && !ok {
			err = locale.NewError("StoreNoSecret", locale.Args{"Key": key}, ErrNotFound)
		}
		return err
	})
	return sec, err
}

// SetUserNotify stores a user's notification settings; the user themself or
// an admin may. sec, when non-nil, replaces the personal webhook's URL and
// secret (an empty URL removes the webhook).
func (s *Store) SetUserNotify(act Actor, un UserNotify, sec *ChannelSecret) error {
	return s.update(func(t *wtx) error {
		if act.Login != un.Login {
			if err := t.requireAdmin(act, locale.M("WhatOtherNotify", nil)); err != nil {
				return err
			}
		} else if _, err := t.actor(act); err != nil {
			return err
		}
		if _, err := txUser(t.tx, un.Login); err != nil {
			return err
		}
		nb, sb := t.tx.Bucket(bucketNotify), t.tx.Bucket(bucketSecrets)
		if sec != nil {
			if sec.URL == "" {
				un.Webhook, un.WebhookWhere = false, ""
				if err := sb.Delete(userKey(un.Login)); err != nil {
					return err
				}
			} else {
				var ns NotifySettings
				if _, err := getJSON(t.tx, bucketNotify, keyNotifyConf, &ns); err != nil {
					return err
				}
				if err := CheckWebhookURL(sec.URL, ns.WebhookAllow); err != nil {
					return err
				}
				un.Webhook = true
				if err := putJSON(sb, userKey(un.Login), sec); err != nil {
					return err
				}
			}
		}
		if err := putJSON(nb, userKey(un.Login), &un); err != nil {
			return err
		}
		if un.Email != "" || un.Webhook {
			if err := nb.Put(keyNotifyOn, []byte{1}); err != nil {
				return err
			}
		}
		var what []string
		if un.Email != "" {
			what = append(what, "e-mail")
		}
		if un.Webhook {
			what = append(what, "webhook")
		}
		if un.Off {
			what = append(what, "off")
		}
		_, err := t.audit(act, model.AuditRecord{Action: model.ActSettings,
			Detail: fmt.Sprintf("notify: settings of %s (%s)", un.Login, strings.Join(what, ", "))})
		return err
	})
}

// UserNotifications returns every user's notification settings by login.
func (s *Store) UserNotifications() (map[string]UserNotify, error) {
	out := map[string]UserNotify{}
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketNotify).Cursor()
		prefix := []byte("user/")
		for k, v := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, v = c.Next() {
			var un UserNotify
			if err := json.Unmarshal(v, &un); err != nil {
				return locale.NewError("StoreNotifyUnreadable", locale.Args{"Key": string(k), "Err": err}, ErrNotDatabase)
			}
			out[un.Login] = un
		}
		return nil
	})
	return out, err
}

// NotifySettings returns the office's notification settings.
func (s *Store) NotifySettings() (NotifySettings, error) {
	var ns NotifySettings
	err := s.view(func(tx *bolt.Tx) error {
		_, err := getJSON(tx, bucketNotify, keyNotifyConf, &ns)
		return err
	})
	return ns, err
}

// SetNotifySettings changes the office's notification settings (admin
// only): fn edits a copy, which is stored when fn returns nil.
func (s *Store) SetNotifySettings(act Actor, fn func(*NotifySettings) error) error {
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatNotifySettings", nil)); err != nil {
			return err
		}
		var ns NotifySettings
		if _, err := getJSON(t.tx, bucketNotify, keyNotifyConf, &ns); err != nil {
			return err
		}
		allowed := strings.Join(ns.WebhookAllow, ",")
		if err := fn(&ns); err != nil {
			return err
		}
		if err := putJSON(t.tx.Bucket(bucketNotify), keyNotifyConf, &ns); err != nil {
			return err
		}
		detail := "notify: office settings changed"
		if now := strings.Join(ns.WebhookAllow, ","); now != allowed {
			// Who let personal webhooks reach which internal host is
			// in the record.
			detail += fmt.Sprintf("; personal webhooks may reach %q (was %q)", now, allowed)
		}
		_, err := t.audit(act, model.AuditRecord{Action: model.ActSettings, Detail: detail})
		return err
	})
}
