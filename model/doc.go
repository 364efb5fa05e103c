// Package model is copydesk's pure domain: users and roles, articles and
// their revisions, the review workflow and the one function that decides every
// transition, comments, the audit chain and validation. It performs no I/O and
// imports nothing else of the project, so every rule here can be tested
// without a database and holds the same for the TUI, the CLI and SSH.
//
// After sign-off (schedule.go): 签发 is the last stage's decision; a
// Schedule (定时发布) binds a publish time to the signed revision and its
// content hash and embargoes the article until then (Embargoed, the one
// rule every export applies); Decide makes ActSchedule and ActUnschedule,
// allowed to the sign-off stage's actors only, and ActSignOff with a time.
// ScheduleProblem says why a schedule went stale (edited, sign-off no
// longer valid, taken down), in which case it is refused, never run, and
// the embargo holds. A Publication records a copy onto the site (发布) that
// put the article online (上线); Target "" is the manual mark.
package model
