package model

import (
	"fmt"
	"strings"
	"time"
)

// Actions of 定时发布 (scheduled publishing, issue 13).
const (
	// ActSchedule sets (or moves) the time a signed-off article goes on
	// the public site: until then it is under embargo.
	ActSchedule Action = "schedule"
	// ActUnschedule cancels a pending schedule: the embargo is lifted and
	// the article goes out with the next export and publish.
	ActUnschedule Action = "unschedule"
	// ActPublished records that an export containing the article was
	// copied to a site target (发布 → 上线); see Publication.
	ActPublished Action = "published"
	// ActScheduleRefused records that the scheduler refused to publish a
	// scheduled article because its approval went stale.
	ActScheduleRefused Action = "schedule.refused"
	// ActTarget records a change to the site targets (copydesk site target).
	ActTarget Action = "site.target"
)

// Schedule is an article's 定时发布: the time its signed revision goes on
// the public site, bound to the revision and content hash the chief
// scheduled (which must be the signed head). Before At the article is
// under embargo: every export leaves it out (Embargoed). At At the server
// publishes exactly that revision, or refuses when the approval went stale
// (ScheduleProblem), recording why in Refused.
type Schedule struct {
	At      time.Time `json:"at"`   // the publish time (UTC; shown in the office zone)
	Rev     int       `json:"rev"`  // the signed revision scheduled
	Hash    string    `json:"hash"` // its content hash
	Login   string    `json:"login"`
	Display string    `json:"display,omitempty"` // as it was at the time
	Opinion string    `json:"opinion"`
	Set     time.Time `json:"set"` // when the schedule was set
	// AuditSeq is the audit record of the schedule (verify holds them
	// against each other).
	AuditSeq uint64 `json:"audit_seq,omitempty"`
	// Done is when the scheduler published it to the site targets (zero
	// while pending). A done schedule no longer embargoes anything.
	Done time.Time `json:"done,omitzero"`
	// Refused is why the scheduler did not publish it (a catalog message
	// id of ScheduleStaleError, e.g. ErrScheduleEdited), RefusedAt when;
	// empty while nothing was refused.
	Refused   string    `json:"refused,omitempty"`
	RefusedAt time.Time `json:"refused_at,omitzero"`
}

// Pending reports whether the schedule has not run yet.
func (s *Schedule) Pending() bool { return s != nil && s.Done.IsZero() }

// Publication is one copy of an article onto the public site: the export
// that contained revision Rev (content hash Hash) was published to Target
// at At. Target "" is a manual mark (article publish, for offices that copy
// the site by other means). Late is set when a scheduled publish ran after
// its time (the server was down).
type Publication struct {
	Target string    `json:"target,omitempty"`
	URL    string    `json:"url,omitempty"`
	At     time.Time `json:"at"`
	Rev    int       `json:"rev"`
	Hash   string    `json:"hash"`
	Late   bool      `json:"late,omitempty"`
}

// Manual reports whether the publication is a hand-made mark (no target).
func (p Publication) Manual() bool { return p.Target == "" }

// ScheduleStaleError says why a schedule can no longer run: the article
// was edited since (the head is not the scheduled content), its sign-off
// is no longer valid, or it was withdrawn. It wraps ErrState.
type ScheduleStaleError struct {
	Article uint64
	Rev     int    // the scheduled revision
	Head    int    // the head revision
	Reason  string // catalog id: ErrScheduleEdited, ErrScheduleUnsigned, ErrScheduleWithdrawn
}

func (e *ScheduleStaleError) Error() string {
	switch e.Reason {
	case "ErrScheduleEdited":
		return fmt.Sprintf("article %d: the scheduled revision %d is no longer the head (revision %d): sign it off and schedule it again", e.Article, e.Rev, e.Head)
	case "ErrScheduleWithdrawn":
		return fmt.Sprintf("article %d was withdrawn or deleted after revision %d was scheduled", e.Article, e.Rev)
	}
	return fmt.Sprintf("article %d: the sign-off of the scheduled revision %d is no longer valid: sign it off and schedule it again", e.Article, e.Rev)
}

// Unwrap makes it an ErrState.
func (e *ScheduleStaleError) Unwrap() error { return ErrState }

// MessageID is Reason.
func (e *ScheduleStaleError) MessageID() string { return e.Reason }

// MessageArgs are the article, the scheduled revision and the head.
func (e *ScheduleStaleError) MessageArgs() map[string]any {
	return map[string]any{"ID": e.Article, "Rev": e.Rev, "Head": e.Head}
}

// ScheduleProblem returns why a's pending schedule may not run (a
// *ScheduleStaleError), or nil when the scheduled revision is still the
// signed head or nothing is scheduled.
func (a *Article) ScheduleProblem() error {
	s := a.Schedule
	if s == nil {
		return nil
	}
	e := &ScheduleStaleError{Article: a.ID, Rev: s.Rev, Head: a.Rev}
	switch {
	case a.Deleted != nil || a.State == StateWithdrawn || a.Takedown != nil:
		e.Reason = "ErrScheduleWithdrawn"
	case a.Hash != s.Hash || a.Rev != s.Rev:
		e.Reason = "ErrScheduleEdited"
	case a.Signed == nil || a.Signed.Hash != s.Hash || (a.State != StateSigned && a.State != StatePublished):
		e.Reason = "ErrScheduleUnsigned"
	default:
		return nil
	}
	return e
}

// Embargoed reports whether a must stay off the public site at now: it
// has a pending schedule whose time has not come, or whose approval went
// stale (a refused schedule keeps the article off until the chief signs
// and schedules again, or cancels the schedule). Every export path filters
// with it (export/schedule.go), whoever runs the export.
func (a *Article) Embargoed(now time.Time) bool {
	return now.Before(a.EmbargoUntil())
}

// EmbargoUntil is the time before which a stays off the public site: zero
// without a pending schedule, the schedule's time, or EmbargoHeld while
// the schedule is stale (see Embargoed).
func (a *Article) EmbargoUntil() time.Time {
	s := a.Schedule
	if !s.Pending() {
		return time.Time{}
	}
	if a.ScheduleProblem() != nil {
		return EmbargoHeld
	}
	return s.At
}

// EmbargoHeld is the embargo of a stale schedule: until further notice.
var EmbargoHeld = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)

// Due reports whether a's pending schedule should run at now.
func (a *Article) Due(now time.Time) bool {
	return a.Schedule.Pending() && a.Schedule.Refused == "" && !now.Before(a.Schedule.At)
}

// LastPublication returns the newest publication (nil: never published).
func (a *Article) LastPublication() *Publication {
	if len(a.Publications) == 0 {
		return nil
	}
	return &a.Publications[len(a.Publications)-1]
}

// DownAfter returns the 撤稿 that took a off the site after pub went
// online (nil: none, or pub is newer than it). pub nil: any takedown in
// force. A 撤稿 from before Takedown existed (State withdrawn with only
// TakenDown) counts too.
func (a *Article) DownAfter(pub *Publication) *Decision {
	d := a.Takedown
	if d == nil && a.State == StateWithdrawn {
		d = a.TakenDown
	}
	if d == nil || pub != nil && d.At.Before(pub.At) {
		return nil
	}
	return d
}

// mayScheduleAs checks who may schedule: the actors of the sign-off stage,
// never the article's author.
func (a *Article) mayScheduleAs(u *User) error {
	if len(a.Workflow.Stages) == 0 {
		return denied(ErrRoleRequired, "ErrScheduleRole", map[string]any{"Who": "", "Stage": ""}, "scheduling needs the sign-off stage's actors")
	}
	st := a.Workflow.Stages[len(a.Workflow.Stages)-1]
	if !st.Allows(u) {
		who := st.Who()
		return denied(ErrRoleRequired, "ErrScheduleRole", map[string]any{"Who": who, "Stage": st.Name}, "scheduling needs the actors of %s (%s)", st.Name, who)
	}
	if a.Owner == u.Login {
		return denied(ErrOwnArticle, "ErrOwnArticle", map[string]any{"Login": u.Login, "ID": a.ID}, "%s wrote article %d", u.Login, a.ID)
	}
	return nil
}

// setSchedule binds a schedule at req.At to the signed head.
func (a *Article) setSchedule(u *User, req Request) error {
	if req.At.IsZero() {
		return ParseWhenRequired()
	}
	if !a.PublishedAt.IsZero() || len(a.Publications) > 0 {
		// An embargo would take the page that is online off the site
		// until the time: an update of an online article is not scheduled.
		return &StateError{Action: ActSchedule, State: a.State, Hint: "it has been online already: an update goes online with the next publish",
			HintID: "HintScheduleWasOnline"}
	}
	if !req.At.After(req.Now) {
		return fieldMsg("at", "ErrSchedulePast", map[string]any{"At": ShowTime(req.At)}, "%s is not in the future", req.At.Format(time.RFC3339))
	}
	a.Schedule = &Schedule{At: req.At.UTC(), Rev: a.Rev, Hash: a.Hash, Login: u.Login, Display: u.Name(),
		Opinion: req.Opinion, Set: req.Now}
	return nil
}

// decideSchedule is Decide for ActSchedule and ActUnschedule.
func (a *Article) decideSchedule(u *User, req Request) error {
	if err := a.mayScheduleAs(u); err != nil {
		return err
	}
	if req.Action == ActUnschedule {
		if !a.Schedule.Pending() {
			return &StateError{Action: ActUnschedule, State: a.State, Hint: "nothing is scheduled", HintID: "HintNotScheduled"}
		}
		if err := ValidateOpinion(req.Opinion); err != nil {
			return err
		}
		a.Schedule = nil
		return nil
	}
	if a.State != StateSigned || a.Signed == nil || a.Signed.Hash != a.Hash {
		return &StateError{Action: ActSchedule, State: a.State, Hint: "only a signed-off article that is not online yet can be scheduled", HintID: "HintScheduleNotSigned"}
	}
	if err := ValidateOpinion(req.Opinion); err != nil {
		return err
	}
	return a.setSchedule(u, req)
}

// markPublished is Decide for ActPublish: the manual mark 标记上线, for an
// office that copies the site by other means. It is refused while the
// article is under embargo.
func (a *Article) markPublished(u *User, req Request) error {
	if a.State != StateSigned {
		return &StateError{Action: ActPublish, State: a.State, Hint: "only a signed-off article can be published", HintID: "HintNotSigned"}
	}
	if !u.Has(RoleChief) && !u.Has(RoleAdmin) {
		return denied(ErrRoleRequired, "ErrPublishRole", nil, "publishing needs the chief or admin role")
	}
	if a.Embargoed(req.Now) {
		return &StateError{Action: ActPublish, State: a.State, Hint: "it is scheduled: it goes online at its time",
			HintID: "HintEmbargoed", HintArgs: map[string]any{"At": ShowTime(a.Schedule.At)}}
	}
	a.State = StatePublished
	if a.PublishedAt.IsZero() {
		a.PublishedAt = req.Now
	}
	a.Publications = append(a.Publications, Publication{At: req.Now, Rev: a.Signed.Rev, Hash: a.Signed.Hash})
	return nil
}

// RecordPublication records that the export published to target at now
// contained revision rev (hash) of a: it becomes published (上线) when
// that revision is its signed head, and PublishedAt is set the first time.
// A pending schedule of exactly that revision is done once its time has
// come. It returns false (and changes nothing) when the revision is not
// the one a's record says belongs on the site.
func (a *Article) RecordPublication(p Publication) bool {
	if !a.Live() || a.Signed.Hash != p.Hash || a.Signed.Rev != p.Rev || a.Deleted != nil {
		return false
	}
	if a.State == StateSigned && a.Hash == p.Hash {
		a.State = StatePublished
	}
	if a.PublishedAt.IsZero() {
		a.PublishedAt = p.At
		if s := a.Schedule; s.Pending() && s.Hash == p.Hash && !p.Late && !p.At.Before(s.At) {
			a.PublishedAt = s.At // 发布时间 is the scheduled time the page showed
		}
	}
	if s := a.Schedule; s.Pending() && s.Hash == p.Hash && !p.At.Before(s.At) {
		s.Done = p.At
		s.Refused, s.RefusedAt = "", time.Time{}
	}
	a.Publications = append(a.Publications, p)
	return true
}

// farFuture is the publish time Allowed and May try a schedule with.
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// ShowTime writes a time for a message that cannot know the office's zone
// setting: in OfficeZone, with its offset, so it is never ambiguous.
func ShowTime(t time.Time) string { return t.In(OfficeZone).Format("2006-01-02 15:04 -07:00") }

// whenLayouts are the forms ParseWhen accepts besides RFC 3339.
var whenLayouts = []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"}

// ParseWhen reads a publish time: RFC 3339 (2026-12-01T08:00:00+08:00,
// with its own offset), or a wall-clock time in loc, the office's zone
// ("2026-12-01 08:00", also with seconds or a T). Anything else is an
// ErrInvalid *FieldError for "at".
func ParseWhen(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if loc == nil {
		loc = OfficeZone
	}
	for _, l := range whenLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fieldMsg("at", "ErrWhenFormat", map[string]any{"Value": s},
		"%q is not a time: write 2006-01-02 15:04 (office time zone) or RFC 3339 (2006-01-02T15:04:05+08:00)", s)
}

// ParseWhenRequired is the error of a schedule without a time.
func ParseWhenRequired() error {
	return fieldMsg("at", "ErrScheduleNoTime", nil, "a publish time is required (--at TIME)")
}
