package store

import (
	"crypto/hmac"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// Trail returns the audit records of one article, oldest first.
func (s *Store) Trail(id uint64) ([]model.AuditRecord, error) {
	var out []model.AuditRecord
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketAuditByArt).Cursor()
		prefix := u64(id)
		for k, _ := c.Seek(prefix); k != nil && hasPrefix(k, prefix); k, _ = c.Next() {
			var r model.AuditRecord
			if _, err := getJSON(tx, bucketAudit, k[8:], &r); err != nil {
				return err
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// VerifyReport is what Verify found.
type VerifyReport struct {
	Records  uint64 // audit records checked
	Head     string // hash of the last record
	HeadSeq  uint64 // its sequence number
	Signed   int    // signed-off revisions re-hashed
	Problems []error
	// SealPath is the seal key file the records were checked with; ""
	// when there is none (then seals are not checked: the chain proves
	// only that it is consistent with itself). Sealed counts the records
	// whose seal was checked; Unsealed those older than the key.
	SealPath string
	Sealed   uint64
	Unsealed uint64
}

// OK reports whether nothing was wrong.
func (r *VerifyReport) OK() bool { return len(r.Problems) == 0 }

// ErrVerify is wrapped by every problem Verify reports.
var ErrVerify = errors.New("verification failed")

// Verify walks the audit chain from the first record and re-hashes every
// approved or signed-off revision. The first problem of the chain names the
// record where it breaks; every approval that no longer matches its revision
// is named too.
func (s *Store) Verify() (*VerifyReport, error) {
	rep := &VerifyReport{}
	seal := s.sealer()
	if seal != nil {
		rep.SealPath = seal.path
	}
	err := s.view(func(tx *bolt.Tx) error {
		var v model.ChainVerifier
		records := map[uint64]model.AuditRecord{}
		err := tx.Bucket(bucketAudit).ForEach(func(k, raw []byte) error {
			var r model.AuditRecord
			if err := json.Unmarshal(raw, &r); err != nil {
				seq := uint64(0)
				if len(k) == 8 {
					seq = binary.BigEndian.Uint64(k)
				}
				return &model.ChainError{Seq: seq, Reason: "unreadable: " + err.Error()}
			}
			if len(k) != 8 || binary.BigEndian.Uint64(k) != r.Seq {
				return &model.ChainError{Seq: r.Seq, Reason: "stored under the wrong key"}
			}
			if err := v.Next(&r); err != nil {
				return err
			}
			if seal != nil {
				switch {
				case r.Seq < seal.since:
					rep.Unsealed++
				case !hmac.Equal([]byte(r.MAC), []byte(seal.mac(r.Hash))):
					why := "its seal does not match: the record was written or rewritten by someone without the seal key"
					if r.MAC == "" {
						why = "it has no seal although the seal key was in use: the record was written or rewritten without it"
					}
					return &model.ChainError{Seq: r.Seq, Reason: why}
				default:
					rep.Sealed++
				}
			}
			records[r.Seq] = r
			return nil
		})
		if err != nil {
			rep.Problems = append(rep.Problems, fmt.Errorf("%w: %w", ErrVerify, err))
		}
		rep.Records, rep.Head = v.Count(), v.Head()
		rep.HeadSeq = rep.Records
		defer func() { rep.Problems = append(rep.Problems, s.verifyProof(tx, records)...) }()
		lc := newLifecycleCheck(records)
		return tx.Bucket(bucketArticles).ForEach(func(k, raw []byte) error {
			var a model.Article
			if err := json.Unmarshal(raw, &a); err != nil {
				rep.Problems = append(rep.Problems, fmt.Errorf("%w: article header %x is unreadable: %v", ErrVerify, k, err))
				return nil
			}
			seen := map[uint64]bool{}
			for _, ap := range append(slices.Clone(a.Approvals), a.Record...) {
				if ap.AuditSeq != 0 && seen[ap.AuditSeq] {
					continue
				}
				seen[ap.AuditSeq] = true
				if err := verifyApproval(tx, &a, ap, records); err != nil {
					rep.Problems = append(rep.Problems, err)
				}
			}
			for _, r := range a.Readers {
				if ap := r.Approved; ap != nil && !seen[ap.AuditSeq] {
					seen[ap.AuditSeq] = true
					if err := verifyApproval(tx, &a, *ap, records); err != nil {
						rep.Problems = append(rep.Problems, err)
					}
				}
			}
			rep.Problems = append(rep.Problems, verifySchedule(tx, &a, records)...)
			if a.Signed != nil {
				if err := verifyApproval(tx, &a, *a.Signed, records); err != nil {
					rep.Problems = append(rep.Problems, err)
				} else {
					rep.Signed++
				}
			}
			rep.Problems = append(rep.Problems, lc.check(tx, &a)...)
			return nil
		})
	})
	return rep, err
}

// verifyApproval re-hashes the revision an approval names and holds it
// against the approval and the audit record that granted it.
func verifyApproval(tx *bolt.Tx, a *model.Article, ap model.Approval, records map[uint64]model.AuditRecord) error {
	r, err := txRevision(tx, a.ID, ap.Rev)
	if err != nil {
		return fmt.Errorf("%w: article %d revision %d (approved at %q by %q, audit record %d): %v", ErrVerify, a.ID, ap.Rev, ap.Name, ap.Login, ap.AuditSeq, err)
	}
	if got := r.Content.Hash(); got != ap.Hash || got != r.Hash {
		return fmt.Errorf("%w: article %d revision %d was altered after %q approved it at %q (audit record %d): content hash is %q, the approval says %q",
			ErrVerify, a.ID, ap.Rev, ap.Login, ap.Name, ap.AuditSeq, short(got), short(ap.Hash))
	}
	if rec, ok := records[ap.AuditSeq]; ok && (rec.ContentHash != ap.Hash || rec.Article != a.ID || rec.Actor != ap.Login) {
		return fmt.Errorf("%w: article %d: the approval by %q does not match audit record %d", ErrVerify, a.ID, ap.Login, ap.AuditSeq)
	} else if ok && !model.EqualAnswers(rec.Answers, ap.Answers) {
		return fmt.Errorf("%w: article %d: the checklist answers of the approval by %q at %q differ from audit record %d", ErrVerify, a.ID, ap.Login, ap.Name, ap.AuditSeq)
	}
	return nil
}

func short(h string) string {
	if len(h) > 19 {
		return h[:19] + "…"
	}
	return h
}

// ErrHead: the database's audit chain does not contain a head saved
// elsewhere (an export's provenance.json, a printed 登记表): the chain was
// rewritten, or the head comes from another database.
var ErrHead = fmt.Errorf("%w: the audit chain does not contain the saved head", ErrVerify)

// CheckHead holds the chain against a head saved elsewhere: the record
// with sequence number seq (0: any record) must have hash. A rewritten
// chain whose records were re-hashed no longer contains the old head.
func (s *Store) CheckHead(seq uint64, hash string) error {
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketAudit)
		var r model.AuditRecord
		if seq != 0 {
			raw := b.Get(u64(seq))
			if raw == nil {
				return fmt.Errorf("%w: record %d (hash %q) is missing; the chain has fewer records", ErrHead, seq, short(hash))
			}
			if err := json.Unmarshal(raw, &r); err != nil || r.Hash != hash {
				return fmt.Errorf("%w: record %d has hash %q, the saved head says %q", ErrHead, seq, short(r.Hash), short(hash))
			}
			found = true
			return nil
		}
		return b.ForEach(func(_, raw []byte) error {
			if json.Unmarshal(raw, &r) == nil && r.Hash == hash {
				found = true
			}
			return nil
		})
	})
	if err == nil && !found {
		err = fmt.Errorf("%w: no record has hash %q", ErrHead, short(hash))
	}
	return err
}
