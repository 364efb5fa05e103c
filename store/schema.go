package store

import (
	"encoding/binary"
	"encoding/json"
	"github.com/copydesk/copydesk/locale"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// SchemaVersion is the layout version this build writes. Opening a file of
// an older version runs the migrations in between; a newer one is refused.
const SchemaVersion = 3

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
	bucketInvites    = []byte("invites")    // sha256(code) hex → JSON invite
	bucketWorkCopies = []byte("workcopies") // login|0|id → JSON WorkingCopy: autosaved text, not a revision

	allBuckets = [][]byte{bucketMeta, bucketUsers, bucketKeys, bucketArticles, bucketRevisions,
		bucketByState, bucketComments, bucketConflicts, bucketAudit, bucketAuditByArt,
		bucketMedia, bucketMediaData, bucketReads, bucketOutbox, bucketOutboxSend, bucketOutboxDue, bucketNotify, bucketSecrets,
		bucketProof, bucketInvites, bucketWorkCopies}

	keySchemaVersion = []byte("schema_version")
	keyWorkflow      = []byte("default_workflow")
)

// bucketProof holds the 三校 lists, rule settings and the checks stored with
// decisions (proof.go). Reads treat a missing bucket as empty and writes
// create it, so a file from before it needs no migration of its own.
var bucketProof = []byte("proof")

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
var migrations = map[int]func(tx *bolt.Tx) error{
	1: migrateRecord,
	2: migrateKeys,
}

// migrateKeys (schema 2 → 3): keys recorded before who added them was kept
// count as added by an admin (model.KeyByAdmin), so they are flagged until
// their owners replace them with keys of their own.
func migrateKeys(tx *bolt.Tx) error {
	users := tx.Bucket(bucketUsers)
	type kv struct{ k, v []byte }
	var todo []kv
	err := users.ForEach(func(k, v []byte) error {
		var u model.User
		if json.Unmarshal(v, &u) != nil {
			return nil
		}
		changed := false
		for i := range u.Keys {
			if u.Keys[i].How == "" {
				u.Keys[i].How, changed = model.KeyByAdmin, true
			}
		}
		if changed {
			raw, err := json.Marshal(&u)
			if err != nil {
				return err
			}
			todo = append(todo, kv{slices.Clone(k), raw})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range todo {
		if err := users.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}

// migrateRecord (schema 1 → 2) gives every article header its permanent
// approval record (from the approvals and sign-off it has), the author of
// each revision (from the revisions) and the owner's display name as it is
// now (the 发布人 of its public page from then on).
func migrateRecord(tx *bolt.Tx) error {
	arts := tx.Bucket(bucketArticles)
	type kv struct{ k, v []byte }
	var todo []kv
	err := arts.ForEach(func(k, v []byte) error {
		var a model.Article
		if err := json.Unmarshal(v, &a); err != nil {
			return nil // unreadable headers are check's to report
		}
		if len(a.Record) == 0 {
			a.Record = slices.Clone(a.Approvals)
			if a.Signed != nil && !slices.ContainsFunc(a.Record, func(ap model.Approval) bool {
				return ap.Stage == a.Signed.Stage && ap.Hash == a.Signed.Hash
			}) {
				a.Record = append(a.Record, *a.Signed)
			}
		}
		if len(a.RevAuthors) < a.Rev {
			a.RevAuthors = make([]string, a.Rev)
			for n := 1; n <= a.Rev; n++ {
				if r, ok, err := getRevision(tx, revKey(a.ID, n)); err == nil && ok {
					a.RevAuthors[n-1] = r.Author
				}
			}
		}
		if a.OwnerDisplay == "" {
			if u, err := txUser(tx, a.Owner); err == nil {
				a.OwnerDisplay = u.Name()
			} else {
				a.OwnerDisplay = a.Owner
			}
		}
		raw, err := json.Marshal(&a)
		if err != nil {
			return err
		}
		todo = append(todo, kv{slices.Clone(k), raw})
		return nil
	})
	if err != nil {
		return err
	}
	for _, e := range todo {
		if err := arts.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}

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
			return locale.NewError("StoreCreateBucket", locale.Args{"Name": string(name), "Err": err}, err)
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
		return locale.NewError("StoreSchemaTooNew", locale.Args{"V": v, "Max": SchemaVersion}, ErrNewerSchema)
	}
	for ; v < SchemaVersion; v++ {
		if m := migrations[v]; m != nil {
			if err := m(tx); err != nil {
				return locale.NewError("StoreMigrate", locale.Args{"From": v, "To": v + 1, "Err": err}, err)
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
