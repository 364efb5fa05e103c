// Package model is copydesk's pure domain: users and roles, articles and
// their revisions, the review workflow and the one function that decides every
// transition, comments, the audit chain and validation. It performs no I/O and
// imports nothing else of the project, so every rule here can be tested
// without a database and holds the same for the TUI, the CLI and SSH.
package model
