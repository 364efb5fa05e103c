package store

import (
	"crypto/hmac"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"slices"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// Trail returns the audit records of one article, oldest first, to a
// reader who may see it (readable: model.MayRead). The local Holder also
// reads the records of a purged article (its header is gone, its records
// stay).
func (s *Store) Trail(act Actor, id uint64) ([]model.AuditRecord, error) {
	var out []model.AuditRecord
	err := s.view(func(tx *bolt.Tx) error {
		if _, err := s.readable(tx, act, id); err != nil && !(act.holder && IsNotFound(err)) {
			return err
		}
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
var ErrVerify error = locale.NewError("StoreVerify", nil)

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
				return &model.ChainError{Seq: seq, Reason: "unreadable: " + err.Error(), ID: "ChainUnreadable"}
			}
			if len(k) != 8 || binary.BigEndian.Uint64(k) != r.Seq {
				return &model.ChainError{Seq: r.Seq, Reason: "stored under the wrong key", ID: "ChainWrongKey"}
			}
			if err := v.Next(&r); err != nil {
				return err
			}
			if seal != nil {
				switch {
				case r.Seq < seal.since:
					rep.Unsealed++
				case !hmac.Equal([]byte(r.MAC), []byte(seal.mac(r.Hash))):
					why, id := "its seal does not match: the record was written or rewritten by someone without the seal key", "ChainSeal"
					if r.MAC == "" {
						why, id = "it has no seal although the seal key was in use: the record was written or rewritten without it", "ChainNoSeal"
					}
					return &model.ChainError{Seq: r.Seq, Reason: why, ID: id}
				default:
					rep.Sealed++
				}
			}
			records[r.Seq] = r
			return nil
		})
		if err != nil {
			rep.Problems = append(rep.Problems, locale.NewError("StoreVerifyErr", locale.Args{"Err": err}, ErrVerify, err))
		}
		rep.Records, rep.Head = v.Count(), v.Head()
		rep.HeadSeq = rep.Records
		defer func() { rep.Problems = append(rep.Problems, s.verifyProof(tx, records)...) }()
		lc := newLifecycleCheck(records)
		return tx.Bucket(bucketArticles).ForEach(func(k, raw []byte) error {
			var a model.Article
			if err := json.Unmarshal(raw, &a); err != nil {
				rep.Problems = append(rep.Problems, locale.NewError("StoreVerifyHeader", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrVerify))
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
		return locale.NewError("StoreVerifyApprovedRev", locale.Args{"ID": a.ID, "Rev": ap.Rev, "Stage": ap.Name, "Login": ap.Login, "Seq": ap.AuditSeq, "Err": err}, ErrVerify)
	}
	if got := r.Content.Hash(); got != ap.Hash || got != r.Hash {
		return locale.NewError("StoreVerifyAltered", locale.Args{"ID": a.ID, "Rev": ap.Rev, "Login": ap.Login, "Stage": ap.Name, "Seq": ap.AuditSeq,
			"Got": short(got), "Want": short(ap.Hash)}, ErrVerify)
	}
	if rec, ok := records[ap.AuditSeq]; ok && (rec.ContentHash != ap.Hash || rec.Article != a.ID || rec.Actor != ap.Login) {
		return locale.NewError("StoreVerifyApprovalMismatch", locale.Args{"ID": a.ID, "Login": ap.Login, "Seq": ap.AuditSeq}, ErrVerify)
	} else if ok && !model.EqualAnswers(rec.Answers, ap.Answers) {
		return locale.NewError("StoreVerifyAnswers", locale.Args{"ID": a.ID, "Login": ap.Login, "Stage": ap.Name, "Seq": ap.AuditSeq}, ErrVerify)
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
var ErrHead error = locale.NewError("StoreHead", nil, ErrVerify)

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
				return locale.NewError("StoreHeadMissing", locale.Args{"Seq": seq, "Hash": short(hash)}, ErrHead)
			}
			if err := json.Unmarshal(raw, &r); err != nil || r.Hash != hash {
				return locale.NewError("StoreHeadDiffers", locale.Args{"Seq": seq, "Got": short(r.Hash), "Want": short(hash)}, ErrHead)
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
		err = locale.NewError("StoreHeadNoHash", locale.Args{"Hash": short(hash)}, ErrHead)
	}
	return err
}
