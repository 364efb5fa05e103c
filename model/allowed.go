package model

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
