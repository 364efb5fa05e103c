package model

import "errors"

// Offered is every workflow decision a front end may offer, in the order
// menus and key hints list them.
var Offered = []Action{ActSubmit, ActApprove, ActSignOff, ActReturn, ActPublish, ActCorrect, ActTakedown, ActSchedule, ActUnschedule}

// Allowed returns the workflow decisions u may make on a now, in the order
// of Offered. It asks Decide itself — with the head as read and a written
// opinion — so a front end that offers exactly these never offers a
// decision the store would refuse for who the user is or the state the
// article is in. (Decide still refuses at the time of the decision when the
// article moved or the user has not read it.)
func Allowed(a Article, u *User) []Action {
	if u == nil {
		return nil
	}
	var out []Action
	for _, act := range Offered {
		if _, err := Decide(a, Request{Action: act, Actor: u, Opinion: "意见", Rev: a.Rev, Hash: a.Hash, At: farFuture}); err == nil || OnlyUnanswered(err) {
			out = append(out, act)
		}
	}
	return out
}

// May reports whether u may make decision act on a now (see Allowed).
func May(a Article, u *User, act Action) bool {
	if u == nil {
		return false
	}
	_, err := Decide(a, Request{Action: act, Actor: u, Opinion: "意见", Rev: a.Rev, Hash: a.Hash, At: farFuture})
	return err == nil || OnlyUnanswered(err)
}

// MayIgnoreFinding is who may let a 三校 warning stand with a reason (f9,
// article check --ignore): the article's editor, or a reviewer who may
// decide it now (approve or sign off). The store asks it when ignoring,
// and front ends ask it before they offer the key, so they never offer an
// ignore the store would refuse. The error is a *DeniedError.
func MayIgnoreFinding(a Article, u *User) error {
	err := CanEdit(&a, u)
	if err == nil {
		return nil
	}
	for _, act := range []Action{ActApprove, ActSignOff} {
		if May(a, u, act) {
			return nil
		}
	}
	var d *DeniedError
	if errors.As(err, &d) {
		return err
	}
	return &DeniedError{Err: ErrRoleRequired, Detail: "ignoring a proofreading finding needs the right to edit or to review this article", ID: "StoreIgnoreDenied"}
}
