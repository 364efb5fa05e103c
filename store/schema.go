package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// SchemaVersion is the layout version this build writes. Opening a file of
// an older version runs the migrations in between; a newer one is refused.
const SchemaVersion = 1

// The buckets, declared once.
var (
	bucketMeta       = []byte("meta")       // schema version, settings
	bucketUsers      = []byte("users")      // login → JSON model.User
	bucketKeys       = []byte("keys")       // key fingerprint → login
	bucketArticles   = []byte("articles")   // id → JSON model.Article (header, no body)
	bucketRevisions  = []byte("revisions")  // id|rev → JSON model.Revision (body)
	bucketByState    = []byte("idx_state")  // state|0|updated|id → encoded model.Summary
	bucketComments   = []byte("comments")   // id|seq → JSON model.Comment
	bucketConflicts  = []byte("conflicts")  // id|seq → JSON model.ConflictDraft
	bucketAudit      = []byte("audit")      // seq → JSON model.AuditRecord
	bucketAuditByArt = []byte("idx_audit")  // id|seq → nil
	bucketMedia      = []byte("media")      // media id → JSON model.Media
	bucketMediaData  = []byte("media_data") // media id → bytes
	bucketReads      = []byte("reads")      // login|0|id → JSON ReadMark: what a user last read

	allBuckets = [][]byte{bucketMeta, bucketUsers, bucketKeys, bucketArticles, bucketRevisions,
		bucketByState, bucketComments, bucketConflicts, bucketAudit, bucketAuditByArt,
		bucketMedia, bucketMediaData, bucketReads, bucketOutbox, bucketOutboxSend, bucketOutboxDue, bucketNotify, bucketSecrets}

	keySchemaVersion = []byte("schema_version")
	keyWorkflow      = []byte("default_workflow")
)

// The notification buckets (outbox.go). Secrets live in their own bucket so
// nothing that prints settings can reach them by accident.
var (
	bucketOutbox     = []byte("outbox")      // seq → JSON Notice, written with the change that caused it
	bucketOutboxSend = []byte("outbox_send") // seq → JSON Delivery, fanned out from a notice
	bucketOutboxDue  = []byte("outbox_due")  // next attempt (unix ns)|seq → nil, pending deliveries
	bucketNotify     = []byte("notify")      // channel/NAME, user/LOGIN, config, counters, overdue marks
	bucketSecrets    = []byte("secrets")     // channel/NAME, user/LOGIN → JSON ChannelSecret; never printed
)

// migrations[v] upgrades a file from schema version v to v+1, inside one
// transaction. There are none yet; the hook is here so the first one is a
// function and a test, not a rewrite.
var migrations = map[int]func(tx *bolt.Tx) error{}

// schemaCurrent reports whether the file already has every bucket at the
// current version, so a plain open needs no write transaction (and no fsync).
func schemaCurrent(tx *bolt.Tx) bool {
	for _, name := range allBuckets {
		if tx.Bucket(name) == nil {
			return false
		}
	}
	raw := tx.Bucket(bucketMeta).Get(keySchemaVersion)
	return len(raw) == 4 && binary.BigEndian.Uint32(raw) == SchemaVersion
}

// ensureSchema creates the buckets of a new file and migrates an old one.
func ensureSchema(tx *bolt.Tx) error {
	for _, name := range allBuckets {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return fmt.Errorf("create bucket %s: %w", name, err)
		}
	}
	meta := tx.Bucket(bucketMeta)
	v := 0
	if raw := meta.Get(keySchemaVersion); raw != nil {
		v = int(binary.BigEndian.Uint32(raw))
	} else {
		v = SchemaVersion // a new file starts at the current version
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w: the file has schema version %d; this copydesk knows up to %d — upgrade copydesk", ErrNewerSchema, v, SchemaVersion)
	}
	for ; v < SchemaVersion; v++ {
		if m := migrations[v]; m != nil {
			if err := m(tx); err != nil {
				return fmt.Errorf("migrate schema %d → %d: %w", v, v+1, err)
			}
		}
	}
	return meta.Put(keySchemaVersion, binary.BigEndian.AppendUint32(nil, SchemaVersion))
}

func u64(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func idKey(id uint64, n uint64) []byte {
	return binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(make([]byte, 0, 16), id), n)
}

func revKey(id uint64, rev int) []byte { return idKey(id, uint64(rev)) }
