package model

import (
	"errors"
	"testing"
	"time"
)

// signedArticle is article 1 by liwei, approved by wangyin and signed off
// by shen at t0.
func signedArticle(t *testing.T, t0 time.Time) (Article, *User, *User, *User) {
	t.Helper()
	writer := &User{Login: "liwei", Display: "李伟", Roles: []Role{RoleWriter}}
	reviewer := &User{Login: "wangyin", Display: "王音", Roles: []Role{RoleReviewer}}
	chief := &User{Login: "shen", Display: "沈建龙", Roles: []Role{RoleChief}}
	a := Article{ID: 1, Owner: "liwei", State: StateDraft, Workflow: DefaultWorkflow.Clone(), Rev: 1, Hash: "h1"}
	var err error
	for _, st := range []struct {
		act Action
		u   *User
	}{{ActSubmit, writer}, {ActApprove, reviewer}, {ActSignOff, chief}} {
		if a, err = Decide(a, Request{Action: st.act, Actor: st.u, Opinion: "同意", Rev: 1, Hash: "h1", Now: t0}); err != nil {
			t.Fatalf("%s: %v", st.act, err)
		}
	}
	return a, writer, reviewer, chief
}

func TestScheduleWhoAndWhen(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	a, writer, reviewer, chief := signedArticle(t, t0)
	at := t0.Add(2 * time.Hour)
	for _, u := range []*User{writer, reviewer} {
		_, err := Decide(a, Request{Action: ActSchedule, Actor: u, Opinion: "明早发", At: at, Now: t0})
		if !errors.Is(err, ErrDenied) {
			t.Errorf("%s scheduled: %v", u.Login, err)
		}
	}
	if _, err := Decide(a, Request{Action: ActSchedule, Actor: chief, At: at, Now: t0}); !errors.Is(err, ErrOpinionRequired) {
		t.Errorf("no opinion: %v", err)
	}
	if _, err := Decide(a, Request{Action: ActSchedule, Actor: chief, Opinion: "x", At: t0.Add(-time.Minute), Now: t0}); !errors.Is(err, ErrInvalid) {
		t.Errorf("past time: %v", err)
	}
	s, err := Decide(a, Request{Action: ActSchedule, Actor: chief, Opinion: "会后发布", At: at, Now: t0})
	if err != nil {
		t.Fatal(err)
	}
	if a.Schedule != nil {
		t.Fatal("Decide changed its input")
	}
	if sc := s.Schedule; sc == nil || !sc.At.Equal(at) || sc.Rev != 1 || sc.Hash != "h1" || sc.Login != "shen" || sc.Opinion != "会后发布" {
		t.Fatalf("schedule %+v", s.Schedule)
	}
	if !s.Embargoed(at.Add(-time.Second)) || s.Embargoed(at) {
		t.Error("embargo does not end exactly at its time")
	}
	if s.Due(at.Add(-time.Second)) || !s.Due(at) {
		t.Error("due at the wrong time")
	}
	if _, err := Decide(s, Request{Action: ActPublish, Actor: chief, Now: t0}); !errors.Is(err, ErrState) {
		t.Errorf("manual mark under embargo: %v", err)
	}
	if _, err := Decide(s, Request{Action: ActUnschedule, Actor: writer, Opinion: "x", Now: t0}); !errors.Is(err, ErrDenied) {
		t.Errorf("writer unscheduled: %v", err)
	}
	u, err := Decide(s, Request{Action: ActUnschedule, Actor: chief, Opinion: "提前发", Now: t0})
	if err != nil || u.Schedule != nil || u.Embargoed(t0) {
		t.Fatalf("unschedule: %v %+v", err, u.Schedule)
	}
	// A stale approval: an edit after the schedule keeps it off the site
	// past its time, and ScheduleProblem says why.
	e := ApplySave(s, 2, "h2", t0.Add(time.Minute))
	var se *ScheduleStaleError
	if err := e.ScheduleProblem(); !errors.As(err, &se) || se.Reason != "ErrScheduleEdited" || se.Head != 2 {
		t.Fatalf("problem after edit: %v", err)
	}
	if !e.Embargoed(at.Add(time.Hour)) {
		t.Error("a stale schedule lifted the embargo")
	}
}

func TestSignOffWithTime(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	writer := &User{Login: "liwei", Roles: []Role{RoleWriter}}
	reviewer := &User{Login: "wangyin", Roles: []Role{RoleReviewer}}
	chief := &User{Login: "shen", Roles: []Role{RoleChief}}
	a := Article{ID: 1, Owner: "liwei", State: StateDraft, Workflow: DefaultWorkflow.Clone(), Rev: 1, Hash: "h1"}
	a, _ = Decide(a, Request{Action: ActSubmit, Actor: writer, Now: t0})
	a, _ = Decide(a, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Rev: 1, Now: t0})
	if _, err := Decide(a, Request{Action: ActSignOff, Actor: chief, Opinion: "同意", Rev: 1, Now: t0, At: t0}); !errors.Is(err, ErrInvalid) {
		t.Errorf("sign-off scheduled in the past: %v", err)
	}
	s, err := Decide(a, Request{Action: ActSignOff, Actor: chief, Opinion: "同意", Rev: 1, Now: t0, At: t0.Add(time.Hour)})
	if err != nil || s.State != StateSigned || s.Schedule == nil || s.Schedule.Rev != 1 {
		t.Fatalf("sign-off with time: %v %+v", err, s.Schedule)
	}
	// Publication at the time marks it online and the schedule done.
	p := Publication{Target: "web", At: t0.Add(90 * time.Minute), Rev: 1, Hash: "h1", Late: true}
	if !s.RecordPublication(p) || s.State != StatePublished || !s.PublishedAt.Equal(p.At) || s.Schedule.Pending() {
		t.Fatalf("after publication: %s %v %+v", s.State, s.PublishedAt, s.Schedule)
	}
	if s.Embargoed(t0) {
		t.Error("a done schedule still embargoes")
	}
	if s.RecordPublication(Publication{Target: "web", At: t0, Rev: 2, Hash: "h2"}) {
		t.Error("recorded a revision that was never signed")
	}
	// An update of an online article is never scheduled: the embargo would
	// take the online page down until its time.
	e := ApplySave(s, 2, "h2", t0.Add(2*time.Hour))
	e, err = Decide(e, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Rev: 2, Now: t0.Add(2 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Decide(e, Request{Action: ActSignOff, Actor: chief, Opinion: "同意", Rev: 2, Now: t0.Add(2 * time.Hour), At: t0.Add(5 * time.Hour)}); !errors.Is(err, ErrState) {
		t.Errorf("scheduled an update of an online article: %v", err)
	}
}
