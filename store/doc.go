// Package store keeps copydesk's data in one bbolt file: users and keys,
// article headers apart from revision bodies, indexes for queues, comments,
// conflict drafts, media and the hash-chained audit log. Every rule of the
// workflow is checked inside the same read-write transaction that applies
// the change and appends its audit record, so the TUI, the CLI and SSH
// commands obey the same rules.
package store
