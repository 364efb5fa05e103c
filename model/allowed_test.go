package model

import (
	"slices"
	"testing"
	"time"
)

// TestAllowedIsWhatDecideAccepts is fault 9.9: the actions a front end
// offers come from Decide, so a writer is offered no approval on their own
// or a signed article, and a reviewer exactly approve and return.
func TestAllowedIsWhatDecideAccepts(t *testing.T) {
	writer := &User{Login: "liwei", Display: "李伟", Roles: []Role{RoleWriter}}
	reviewer := &User{Login: "wangyin", Display: "王音", Roles: []Role{RoleReviewer}}
	chief := &User{Login: "shen", Display: "沈建龙", Roles: []Role{RoleChief}}
	wf, _ := ParseWorkflow("default")
	a := Article{ID: 1, Owner: "liwei", State: StateDraft, Workflow: wf, Rev: 1, Hash: "h1"}
	check := func(what string, a Article, u *User, want ...Action) {
		t.Helper()
		if got := Allowed(a, u); !slices.Equal(got, want) {
			t.Errorf("%s: %s is offered %v, want %v", what, u.Login, got, want)
		}
	}
	check("own draft", a, writer, ActSubmit)
	check("someone's draft", a, reviewer)
	next, err := Decide(a, Request{Action: ActSubmit, Actor: writer, Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	check("own article in review", next, writer)
	check("in review at 审核", next, reviewer, ActApprove, ActReturn)
	check("in review at 审核, chief", next, chief)
	next, err = Decide(next, Request{Action: ActApprove, Actor: reviewer, Opinion: "同意", Rev: 1, Hash: "h1", Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	check("at 主编签发", next, chief, ActSignOff, ActReturn)
	check("at 主编签发, reviewer who approved", next, reviewer)
	next, err = Decide(next, Request{Action: ActSignOff, Actor: chief, Opinion: "同意", Rev: 1, Hash: "h1", Now: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	check("signed, writer", next, writer, ActCorrect)
	check("signed, chief", next, chief, ActPublish, ActCorrect, ActTakedown, ActSchedule)
	check("no user", next, nil)
}
