package model

import (
	"fmt"
	"time"
)

// AuditRecord is one entry of the append-only audit chain. Each record
// carries the hash of the one before it, so changing or removing any record
// breaks every hash after it. Records are written in the same transaction as
// the change they record.
type AuditRecord struct {
	Seq   uint64 `json:"seq"`
	Prev  string `json:"prev"` // hash of record Seq-1; "" for the first
	Actor string `json:"actor"`
	KeyFP string `json:"key_fp,omitempty"` // SSH key fingerprint when acting over SSH
	// KeyFlag says the key was not added by its owner (model.Key.Flag);
	// hashed only when set, so records written before it keep their hash.
	KeyFlag     string    `json:"key_flag,omitempty"`
	Action      Action    `json:"action"`
	Article     uint64    `json:"article,omitempty"`
	Rev         int       `json:"rev,omitempty"`
	ContentHash string    `json:"content_hash,omitempty"`
	Detail      string    `json:"detail,omitempty"` // opinion, reason, or what changed
	At          time.Time `json:"at"`
	Hash        string    `json:"hash"`
	// MAC seals the record: HMAC-SHA256 of Hash under the seal key kept
	// beside the database (not in it), so someone who can write the file
	// but not read the key cannot rewrite the chain unnoticed. Not part of
	// Hash; empty for records written without a seal key.
	MAC string `json:"mac,omitempty"`
	// Answers are the checklist answers of an approval or sign-off;
	// hashed only when set, so records written before them keep their hash.
	Answers []Answer `json:"answers,omitempty"`
}

// ComputeHash returns the record's hash over every field but Hash.
func (r *AuditRecord) ComputeHash() string {
	h := newCanon("copydesk/audit/v1")
	h.int("seq", int64(r.Seq))
	h.str("prev", r.Prev)
	h.str("actor", r.Actor)
	h.str("key_fp", r.KeyFP)
	if r.KeyFlag != "" {
		h.str("key_flag", r.KeyFlag)
	}
	h.str("action", string(r.Action))
	h.int("article", int64(r.Article))
	h.int("rev", int64(r.Rev))
	h.str("content_hash", r.ContentHash)
	h.str("detail", r.Detail)
	h.str("at", r.At.UTC().Format(time.RFC3339Nano))
	if len(r.Answers) > 0 {
		enc := make([]string, len(r.Answers))
		for i, a := range r.Answers {
			yn := "no"
			if a.Yes {
				yn = "yes"
			}
			enc[i] = yn + "\t" + a.Question + "\t" + a.Note // neither holds a tab (one-line text)
		}
		h.list("answers", enc)
	}
	return h.sum()
}

// Seal links the record after prev (nil for the first) and sets its hash.
func (r *AuditRecord) Seal(prev *AuditRecord) {
	if prev == nil {
		r.Seq, r.Prev = 1, ""
	} else {
		r.Seq, r.Prev = prev.Seq+1, prev.Hash
	}
	r.At = r.At.UTC()
	r.Hash = r.ComputeHash()
}

// ChainError names the first audit record that does not verify.
type ChainError struct {
	Seq    uint64
	Reason string
	ID     string         // catalog message of Reason
	Args   map[string]any // its placeholders; "Seq" is added
}

// MessageID is the catalog entry.
func (e *ChainError) MessageID() string { return e.ID }

// MessageArgs are Args with Seq.
func (e *ChainError) MessageArgs() map[string]any {
	out := map[string]any{"Seq": e.Seq}
	for k, v := range e.Args {
		out[k] = v
	}
	return out
}

func (e *ChainError) Error() string {
	return fmt.Sprintf("audit record %d: %s", e.Seq, e.Reason)
}

// ChainVerifier checks records one by one, in order.
type ChainVerifier struct {
	prev *AuditRecord
	n    uint64
}

// Next checks r against its predecessor and its own hash.
func (v *ChainVerifier) Next(r *AuditRecord) error {
	want := uint64(1)
	prevHash := ""
	if v.prev != nil {
		want, prevHash = v.prev.Seq+1, v.prev.Hash
	}
	if r.Seq != want {
		return &ChainError{Seq: want, Reason: fmt.Sprintf("missing: found record %d where %d belongs", r.Seq, want), ID: "ChainMissing", Args: map[string]any{"Found": r.Seq}}
	}
	if r.Prev != prevHash {
		return &ChainError{Seq: r.Seq, Reason: "its link to the previous record does not match (the previous record or this one was altered)", ID: "ChainLink"}
	}
	if got := r.ComputeHash(); got != r.Hash {
		return &ChainError{Seq: r.Seq, Reason: "its content does not match its hash (the record was altered)", ID: "ChainHash"}
	}
	c := *r
	v.prev = &c
	v.n++
	return nil
}

// Count is the number of records verified so far.
func (v *ChainVerifier) Count() uint64 { return v.n }

// Head is the last verified record's hash.
func (v *ChainVerifier) Head() string {
	if v.prev == nil {
		return ""
	}
	return v.prev.Hash
}
