package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"sort"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
)

// The 三校 data (issue 10), in bucketProof:
//
//	head/<kind>         → JSON proofHead: the list's current version
//	list/<kind>/<ver>   → JSON []proof.Entry: every version is kept, so a
//	                      recorded check can be repeated against the lists
//	                      it used (a later change does not rewrite history)
//	rules               → JSON proofRules: the office's severities, versioned
//	rules/<ver>         → JSON proof.Severities of that version
//	result/<audit seq>  → JSON ProofResult: the check a decision passed
// (bucketProof is declared in schema.go.)

// ErrProofBlocked is wrapped by *ProofBlockedError: the 三校 checks of the
// revision being decided found errors, or warnings without a waiver.
var ErrProofBlocked error = locale.NewError("StoreProofBlocked", nil)

type proofHead struct {
	Version uint64    `json:"version"`
	Entries int       `json:"entries"`
	Updated time.Time `json:"updated"`
	By      string    `json:"by"`
}

type proofRules struct {
	Version uint64           `json:"version"`
	Rules   proof.Severities `json:"rules"`
}

// ProofVersions names the list versions and the rule-settings version a
// check ran with.
type ProofVersions struct {
	Lists map[proof.ListKind]uint64 `json:"lists,omitempty"`
	Rules uint64                    `json:"rules"`
}

// String is "lists fixed=3 title=1, rules 2" (kinds never set left out).
func (v ProofVersions) String() string {
	var parts []string
	for _, k := range proof.ListKinds {
		if n := v.Lists[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s=%d", k, n))
		}
	}
	l := "none"
	if len(parts) > 0 {
		l = strings.Join(parts, " ")
	}
	return fmt.Sprintf("lists %s; rules %d", l, v.Rules)
}

// Text names the versions for people reading lang, from the catalog:
// "固定表述第3版、姓名–职务第1版；规则第2版" / "fixed v3, title v1; rules v2";
// kinds never set are left out ("未导入名单"), rules never set are "默认规则".
func (v ProofVersions) Text(lang locale.Lang) string {
	var ls []string
	for _, k := range proof.ListKinds {
		if n := v.Lists[k]; n > 0 {
			label := string(k)
			if lang != locale.EN {
				label = k.Label()
			}
			ls = append(ls, locale.T(lang, "ProofVersionList", locale.Args{"Label": label, "Version": n}))
		}
	}
	sep := "、"
	if lang == locale.EN {
		sep = ", "
	}
	l := locale.T(lang, "ProofVersionNoLists")
	if len(ls) > 0 {
		l = strings.Join(ls, sep)
	}
	r := locale.T(lang, "ProofVersionDefaultRules")
	if v.Rules > 0 {
		r = locale.T(lang, "ProofVersionRules", locale.Args{"Version": v.Rules})
	}
	return locale.T(lang, "ProofVersionsText", locale.Args{"Lists": l, "Rules": r})
}

func (v ProofVersions) equal(o ProofVersions) bool {
	if v.Rules != o.Rules {
		return false
	}
	for _, k := range proof.ListKinds {
		if v.Lists[k] != o.Lists[k] {
			return false
		}
	}
	return true
}

// ProofListInfo describes one list for `proof lists`.
type ProofListInfo struct {
	Kind    proof.ListKind `json:"kind"`
	Version uint64         `json:"version"`
	Entries int            `json:"entries"`
	Updated time.Time      `json:"updated,omitzero"`
	By      string         `json:"by,omitempty"`
}

// proofGet decodes key of bucketProof into v; a missing bucket is empty.
func proofGet(tx *bolt.Tx, key []byte, v any) (bool, error) {
	if tx.Bucket(bucketProof) == nil {
		return false, nil
	}
	return getJSON(tx, bucketProof, key, v)
}

// proofBucket returns bucketProof for writing, creating it on first use.
func (t *wtx) proofBucket() (*bolt.Bucket, error) {
	return t.tx.CreateBucketIfNotExists(bucketProof)
}

func listKey(k proof.ListKind, ver uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte("list/"+string(k)+"/"), ver)
}

func txProofHead(tx *bolt.Tx, k proof.ListKind) (proofHead, error) {
	var h proofHead
	_, err := proofGet(tx, []byte("head/"+string(k)), &h)
	return h, err
}

func txProofRules(tx *bolt.Tx) (proofRules, error) {
	var r proofRules
	_, err := proofGet(tx, []byte("rules"), &r)
	return r, err
}

func txProofVersions(tx *bolt.Tx) (ProofVersions, error) {
	v := ProofVersions{Lists: map[proof.ListKind]uint64{}}
	for _, k := range proof.ListKinds {
		h, err := txProofHead(tx, k)
		if err != nil {
			return v, err
		}
		if h.Version > 0 {
			v.Lists[k] = h.Version
		}
	}
	r, err := txProofRules(tx)
	v.Rules = r.Version
	return v, err
}

// txProofConfig loads the lists and severities of versions v.
func txProofConfig(tx *bolt.Tx, v ProofVersions) (proof.Lists, proof.Severities, error) {
	l := proof.Lists{Entries: map[proof.ListKind][]proof.Entry{}, Versions: map[proof.ListKind]uint64{}}
	for k, ver := range v.Lists {
		var es []proof.Entry
		ok, err := proofGet(tx, listKey(k, ver), &es)
		if err != nil {
			return l, nil, err
		}
		if !ok {
			return l, nil, locale.NewError("StoreProofListMissing", locale.Args{"List": string(k), "Ver": ver}, ErrNotDatabase)
		}
		l.Entries[k], l.Versions[k] = es, ver
	}
	sev := proof.Severities{}
	if v.Rules > 0 {
		if _, err := proofGet(tx, binary.BigEndian.AppendUint64([]byte("rules/"), v.Rules), &sev); err != nil {
			return l, nil, err
		}
	}
	return l, sev, nil
}

// checkerCache keeps, per store, the checkers built for the last few list
// versions: building one compiles the lists into an Aho–Corasick automaton
// (github.com/coregx/ahocorasick), ≈ 0.5–1.1 s of CPU with 10,000 phrases,
// while checking an article costs a few ms. So the build is paid once per
// list version and process: the server and the TUI after a list change,
// the CLI once per `article check`. Only the latest is kept: the automaton
// of 10,000 phrases and 2,000 names (31,862 patterns) holds ≈ 144 MiB of
// heap (BENCHMARKS.md "三校 checks"). verify, which re-checks old decisions
// with the versions they recorded, builds those without keeping them, so
// it does not evict the checker in force.
var (
	checkerCache sync.Map   // *Store → *checkerSet
	checkerBuild sync.Mutex // one build at a time: concurrent misses wait and reuse it
)

// checkerBuildHook, when set (tests only), is called before each build.
var checkerBuildHook func(*Store)

// checkersKept is how many list versions' checkers a store keeps.
const checkersKept = 1

type checkerSet struct {
	mu   sync.Mutex
	list []cachedChecker // most recent first
}

type cachedChecker struct {
	v ProofVersions
	c *proof.Checker
}

func (s *Store) cachedChecker(v ProofVersions) *proof.Checker {
	cs, ok := checkerCache.Load(s)
	if !ok {
		return nil
	}
	set := cs.(*checkerSet)
	set.mu.Lock()
	defer set.mu.Unlock()
	for i, cc := range set.list {
		if cc.v.equal(v) {
			copy(set.list[1:i+1], set.list[:i])
			set.list[0] = cc
			return cc.c
		}
	}
	return nil
}

func (s *Store) keepChecker(v ProofVersions, c *proof.Checker) {
	cs, _ := checkerCache.LoadOrStore(s, &checkerSet{})
	set := cs.(*checkerSet)
	set.mu.Lock()
	defer set.mu.Unlock()
	set.list = append([]cachedChecker{{v: v, c: c}}, set.list...)
	if len(set.list) > checkersKept {
		set.list = set.list[:checkersKept]
	}
}

// txChecker returns a checker for the versions in force in tx.
func (s *Store) txChecker(tx *bolt.Tx) (*proof.Checker, ProofVersions, error) {
	v, err := txProofVersions(tx)
	if err != nil {
		return nil, v, err
	}
	c, err := s.checkerFor(tx, v, true)
	return c, v, err
}

// checkerFor returns the checker of versions v, building it from tx on a
// cache miss. Write transactions call WarmChecker first, so a miss there
// only happens when a list changed between the two (then it is built
// here, with the versions the transaction sees: correct, only slower).
// keep=false builds without caching (old versions, for verify).
func (s *Store) checkerFor(tx *bolt.Tx, v ProofVersions, keep bool) (*proof.Checker, error) {
	if c := s.cachedChecker(v); c != nil {
		return c, nil
	}
	l, sev, err := txProofConfig(tx, v)
	if err != nil {
		return nil, err
	}
	return s.buildChecker(v, l, sev, keep)
}

func (s *Store) buildChecker(v ProofVersions, l proof.Lists, sev proof.Severities, keep bool) (*proof.Checker, error) {
	checkerBuild.Lock()
	defer checkerBuild.Unlock()
	if c := s.cachedChecker(v); c != nil {
		return c, nil // built by another caller while this one waited
	}
	if checkerBuildHook != nil {
		checkerBuildHook(s)
	}
	c, err := proof.New(l, sev)
	if err != nil {
		return nil, err
	}
	if keep {
		s.keepChecker(v, c)
	}
	return c, nil
}

// Checker returns the office's checker as it is now, with the versions of
// its lists and settings. On a cache miss the lists are read in a read
// transaction and the automaton is built after it ends, so no transaction
// is held open for the build.
func (s *Store) Checker() (*proof.Checker, ProofVersions, error) {
	var c *proof.Checker
	var v ProofVersions
	var l proof.Lists
	var sev proof.Severities
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if v, err = txProofVersions(tx); err != nil {
			return err
		}
		if c = s.cachedChecker(v); c != nil {
			return nil
		}
		l, sev, err = txProofConfig(tx, v)
		return err
	})
	if err != nil || c != nil {
		return c, v, err
	}
	c, err = s.buildChecker(v, l, sev, true)
	return c, v, err
}

// WarmChecker makes sure the checker of the versions now in force is
// built, outside any transaction; write transactions that run the checks
// (Decide, IgnoreFinding) call it first so that the build never holds
// bbolt's write lock.
func (s *Store) WarmChecker() error {
	_, _, err := s.Checker()
	return err
}

// ProofLists describes every list kind (version 0 = never set).
func (s *Store) ProofLists() ([]ProofListInfo, error) {
	var out []ProofListInfo
	err := s.view(func(tx *bolt.Tx) error {
		for _, k := range proof.ListKinds {
			h, err := txProofHead(tx, k)
			if err != nil {
				return err
			}
			out = append(out, ProofListInfo{Kind: k, Version: h.Version, Entries: h.Entries, Updated: h.Updated, By: h.By})
		}
		return nil
	})
	return out, err
}

// ProofList returns the current entries of one list and its version.
func (s *Store) ProofList(k proof.ListKind) ([]proof.Entry, uint64, error) {
	if _, err := proof.ParseListKind(string(k)); err != nil {
		return nil, 0, locale.NewError("StoreInvalid", locale.Args{"Err": err}, model.ErrInvalid, err)
	}
	var es []proof.Entry
	var ver uint64
	err := s.view(func(tx *bolt.Tx) error {
		h, err := txProofHead(tx, k)
		if err != nil || h.Version == 0 {
			return err
		}
		ver = h.Version
		_, err = proofGet(tx, listKey(k, h.Version), &es)
		return err
	})
	return es, ver, err
}

func requireAdmin(u *model.User, what locale.Message) error {
	if !u.Has(model.RoleAdmin) {
		return &model.DeniedError{Err: model.ErrRoleRequired, Detail: locale.Render(locale.EN, what) + " needs the admin role; " + u.Login + " has " + strings.Join(roleNames(u.Roles), ","),
			ID: "StoreNeedsAdminHas", Args: locale.Args{"What": what, "Login": u.Login, "Roles": model.RolesMessage(u.Roles)}}
	}
	return nil
}

// SetProofList replaces a list with entries (admins only) as its next
// version, with an audit record saying how many entries were added and
// removed. Replacing a list with the same entries changes nothing and
// returns the current version.
func (s *Store) SetProofList(act Actor, k proof.ListKind, entries []proof.Entry) (uint64, error) {
	if _, err := proof.ParseListKind(string(k)); err != nil {
		return 0, locale.NewError("StoreInvalid", locale.Args{"Err": err}, model.ErrInvalid, err)
	}
	if len(entries) > proof.MaxListEntries {
		return 0, locale.NewError("StoreProofListTooLong", locale.Args{"N": len(entries), "Max": proof.MaxListEntries}, model.ErrInvalid)
	}
	var ver uint64
	err := s.update(func(t *wtx) error {
		u, err := t.actor(act)
		if err != nil {
			return err
		}
		if err := requireAdmin(u, locale.M("WhatProofLists", nil)); err != nil {
			return err
		}
		h, err := txProofHead(t.tx, k)
		if err != nil {
			return err
		}
		var old []proof.Entry
		if h.Version > 0 {
			if _, err := proofGet(t.tx, listKey(k, h.Version), &old); err != nil {
				return err
			}
		}
		added, removed := diffEntries(old, entries)
		if added == 0 && removed == 0 && len(old) == len(entries) && h.Version > 0 {
			ver = h.Version
			return nil
		}
		b, err := t.proofBucket()
		if err != nil {
			return err
		}
		ver = h.Version + 1
		if entries == nil {
			entries = []proof.Entry{}
		}
		if err := putJSON(b, listKey(k, ver), entries); err != nil {
			return err
		}
		now := t.s.now().UTC()
		if err := putJSON(b, []byte("head/"+string(k)), proofHead{Version: ver, Entries: len(entries), Updated: now, By: act.Login}); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActSettings, At: now,
			Detail: fmt.Sprintf("proof: %s list (%s) version %d: %d entries, %d added, %d removed", k, k.Label(), ver, len(entries), added, removed)})
		return err
	})
	return ver, err
}

func diffEntries(old, new []proof.Entry) (added, removed int) {
	o := make(map[proof.Entry]bool, len(old))
	for _, e := range old {
		o[e] = true
	}
	n := make(map[proof.Entry]bool, len(new))
	for _, e := range new {
		n[e] = true
		if !o[e] {
			added++
		}
	}
	for _, e := range old {
		if !n[e] {
			removed++
		}
	}
	return added, removed
}

// ProofRules returns the office's severities (rules not set keep their
// defaults) and their version.
func (s *Store) ProofRules() (proof.Severities, uint64, error) {
	var r proofRules
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		r, err = txProofRules(tx)
		return err
	})
	if r.Rules == nil {
		r.Rules = proof.Severities{}
	}
	return r.Rules, r.Version, err
}

// SetProofRule sets the severity of one rule (admins only), as a new
// version of the settings, audited.
func (s *Store) SetProofRule(act Actor, rule string, sev proof.Severity) error {
	if _, ok := proof.RuleByID(rule); !ok {
		return locale.NewError("StoreUnknownRule", locale.Args{"Rule": rule}, model.ErrInvalid, proof.ErrUnknownRule)
	}
	return s.update(func(t *wtx) error {
		u, err := t.actor(act)
		if err != nil {
			return err
		}
		if err := requireAdmin(u, locale.M("WhatProofRules", nil)); err != nil {
			return err
		}
		r, err := txProofRules(t.tx)
		if err != nil {
			return err
		}
		if r.Rules == nil {
			r.Rules = proof.Severities{}
		}
		old := r.Rules.Of(rule)
		if old == sev {
			return nil
		}
		r.Rules[rule] = sev
		r.Version++
		b, err := t.proofBucket()
		if err != nil {
			return err
		}
		if err := putJSON(b, []byte("rules"), r); err != nil {
			return err
		}
		if err := putJSON(b, binary.BigEndian.AppendUint64([]byte("rules/"), r.Version), r.Rules); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActSettings,
			Detail: fmt.Sprintf("proof: rule %s %s → %s (rules version %d)", rule, old, sev, r.Version)})
		return err
	})
}

// Waiver excuses one warning of the revision being decided, with a written
// reason. Key is FindingKey of the warning; the key "*" waives every
// warning, each with the same reason. In a stored result, By and Ignore
// name the user and the audit record of an ignore (IgnoreFinding) that let
// the warning through; a waiver given with the decision has neither.
type Waiver struct {
	Key    string `json:"key"`
	Reason string `json:"reason"`
	By     string `json:"by,omitempty"`
	Ignore uint64 `json:"ignore,omitempty"`
}

// FindingKey identifies a finding within one revision: rule, field and
// rune offset ("P1@body:17").
func FindingKey(f proof.Finding) string {
	return fmt.Sprintf("%s@%s:%d", f.RuleID, f.Field, f.RuneStart)
}

// ProofResult is the 三校 check a decision passed, stored with it under
// its audit record's sequence number.
type ProofResult struct {
	Seq      uint64        `json:"seq"`
	Article  uint64        `json:"article"`
	Rev      int           `json:"rev"`
	Hash     string        `json:"hash"`
	Action   model.Action  `json:"action"`
	Errors   int           `json:"errors"`
	Warnings int           `json:"warnings"`
	Hints    int           `json:"hints"`
	Waivers  []Waiver      `json:"waivers,omitempty"`
	Versions ProofVersions `json:"versions"`
}

// Summary is the line that goes into the audit record's detail, so the
// chain itself proves which text was checked against which lists.
func (r ProofResult) Summary() string {
	return fmt.Sprintf("三校 rev %d: %d errors, %d warnings, %d waived, %d hints; %s",
		r.Rev, r.Errors, r.Warnings, len(r.Waivers), r.Hints, r.Versions)
}

// ProofBlockedError refuses a decision: Findings are the errors and the
// warnings without a waiver.
type ProofBlockedError struct {
	Article  uint64
	Rev      int
	Errors   int
	Unwaived int
	Findings []proof.Finding
}

func (e *ProofBlockedError) Error() string {
	return fmt.Sprintf("article %d revision %d: 三校 found %d error(s) and %d warning(s) without a waiver; "+
		"copydesk article check %d lists them (--fix applies the fixes; waive a warning with --waive KEY=REASON)",
		e.Article, e.Rev, e.Errors, e.Unwaived, e.Article)
}

// Unwrap makes it an ErrProofBlocked.
func (e *ProofBlockedError) Unwrap() error { return ErrProofBlocked }

// MessageID and MessageArgs make the refusal a locale.Message, so the TUI
// and the CLI render it in the user's language.
func (e *ProofBlockedError) MessageID() string { return "ErrProofBlocked" }

// MessageArgs: ID, Rev, Errors, Unwaived.
func (e *ProofBlockedError) MessageArgs() map[string]any {
	return map[string]any{"ID": e.Article, "Rev": e.Rev, "Errors": e.Errors, "Unwaived": e.Unwaived}
}

// gated reports the actions that run the checks: 送审 and every approval
// and sign-off.
func gated(a model.Action) bool {
	return a == model.ActSubmit || a == model.ActApprove || a == model.ActSignOff
}

// proofGate checks revision rev of article id inside the decision's
// transaction. Errors block; every warning needs a waiver with a reason:
// one given with the decision, or a standing ignore (IgnoreFinding).
func (t *wtx) proofGate(id uint64, rev int, act model.Action, waivers []Waiver) (*ProofResult, error) {
	r, err := txRevision(t.tx, id, rev)
	if err != nil {
		return nil, err
	}
	ck, v, err := t.s.txChecker(t.tx)
	if err != nil {
		return nil, err
	}
	fs := ck.Check(&r.Content)
	igs, err := txIgnores(t.tx, id)
	if err != nil {
		return nil, err
	}
	ignored := IgnoredIn(&r.Content, fs, igs)
	res := &ProofResult{Article: id, Rev: rev, Hash: r.Hash, Action: act, Versions: v}
	byKey := map[string]string{}
	all := ""
	for _, w := range waivers {
		reason := strings.TrimSpace(w.Reason)
		if reason == "" {
			continue
		}
		if w.Key == "*" {
			all = reason
		} else {
			byKey[w.Key] = reason
		}
	}
	blocked := &ProofBlockedError{Article: id, Rev: rev}
	for i, f := range fs {
		switch f.Severity {
		case proof.Error:
			res.Errors++
			blocked.Errors++
			blocked.Findings = append(blocked.Findings, f)
		case proof.Warning:
			res.Warnings++
			k := FindingKey(f)
			reason := byKey[k]
			if reason == "" {
				reason = all
			}
			if g, ok := ignored[i]; ok && reason == "" {
				res.Waivers = append(res.Waivers, Waiver{Key: k, Reason: g.Reason, By: g.By, Ignore: g.Seq})
				continue
			}
			if reason == "" {
				blocked.Unwaived++
				blocked.Findings = append(blocked.Findings, f)
				continue
			}
			res.Waivers = append(res.Waivers, Waiver{Key: k, Reason: model.CanonicalText(reason)})
		case proof.Hint:
			res.Hints++
		}
	}
	if blocked.Errors > 0 || blocked.Unwaived > 0 {
		return nil, blocked
	}
	sort.Slice(res.Waivers, func(i, j int) bool { return res.Waivers[i].Key < res.Waivers[j].Key })
	return res, nil
}

func (t *wtx) putProofResult(res *ProofResult) error {
	b, err := t.proofBucket()
	if err != nil {
		return err
	}
	return putJSON(b, binary.BigEndian.AppendUint64([]byte("result/"), res.Seq), res)
}

// ProofResult returns the check stored with the decision of audit record seq.
func (s *Store) ProofResult(seq uint64) (*ProofResult, bool, error) {
	var r ProofResult
	var ok bool
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ok, err = proofGet(tx, binary.BigEndian.AppendUint64([]byte("result/"), seq), &r)
		return err
	})
	return &r, ok, err
}

// CheckRevision runs the office's checks over revision rev of article id
// (0 = the head) and returns the findings with the versions used, to a
// reader who may see it (readable: model.MayRead, or the local Holder);
// a refused reader costs no check.
func (s *Store) CheckRevision(act Actor, id uint64, rev int) (*model.Revision, []proof.Finding, ProofVersions, error) {
	_ = s.WarmChecker() // the build outside the read transaction (errors recur inside)
	var r *model.Revision
	var fs []proof.Finding
	var v ProofVersions
	err := s.view(func(tx *bolt.Tx) error {
		a, err := s.readable(tx, act, id)
		if err != nil {
			return err
		}
		if rev == 0 {
			rev = a.Rev
		}
		r, err = txRevision(tx, id, rev)
		if err != nil {
			return err
		}
		ck, ver, err := s.txChecker(tx)
		if err != nil {
			return err
		}
		v = ver
		fs = ck.Check(&r.Content)
		return nil
	})
	return r, fs, v, err
}

// verifyProof holds every stored check against the audit record it was
// stored with and repeats it: the revision, checked again with the list
// versions and settings recorded, must give the same counts.
func (s *Store) verifyProof(tx *bolt.Tx, records map[uint64]model.AuditRecord) []error {
	var probs []error
	if tx.Bucket(bucketProof) == nil {
		return nil
	}
	var lastCk *proof.Checker
	var lastV ProofVersions
	c := tx.Bucket(bucketProof).Cursor()
	pre := []byte("result/")
	for k, raw := c.Seek(pre); k != nil && strings.HasPrefix(string(k), string(pre)); k, raw = c.Next() {
		var res ProofResult
		if err := json.Unmarshal(raw, &res); err != nil {
			probs = append(probs, locale.NewError("StoreProofResultUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrVerify))
			continue
		}
		rec, ok := records[res.Seq]
		if !ok || rec.Article != res.Article || rec.Rev != res.Rev || rec.ContentHash != res.Hash || !strings.Contains(rec.Detail, res.Summary()) {
			probs = append(probs, locale.NewError("StoreProofResultMismatch", locale.Args{"ID": res.Article, "Rev": res.Rev, "Seq": res.Seq}, ErrVerify))
			continue
		}
		r, err := txRevision(tx, res.Article, res.Rev)
		if err != nil {
			probs = append(probs, locale.NewError("StoreProofResultErr", locale.Args{"Seq": res.Seq, "Err": err}, ErrVerify))
			continue
		}
		// Decisions come in order, so consecutive ones mostly share versions:
		// keep the last old-version checker for the next record.
		ck := lastCk
		if ck == nil || !lastV.equal(res.Versions) {
			ck, err = s.checkerFor(tx, res.Versions, false)
			lastCk, lastV = ck, res.Versions
		}
		if err != nil {
			probs = append(probs, locale.NewError("StoreProofResultErr", locale.Args{"Seq": res.Seq, "Err": err}, ErrVerify))
			continue
		}
		n := proof.Count(ck.Check(&r.Content))
		if n.Errors != res.Errors || n.Warnings != res.Warnings || n.Hints != res.Hints {
			probs = append(probs, locale.NewError("StoreProofRecheck", locale.Args{"ID": res.Article, "Rev": res.Rev, "Versions": res.Versions,
				"Errors": n.Errors, "Warnings": n.Warnings, "Seq": res.Seq, "WasErrors": res.Errors, "WasWarnings": res.Warnings}, ErrVerify))
		}
	}
	return probs
}

// ExportProofList returns the current entries of one list to an admin (the
// lists may hold the office's 敏感词, so only admins read them whole).
func (s *Store) ExportProofList(act Actor, k proof.ListKind) ([]proof.Entry, uint64, error) {
	if err := s.view(func(tx *bolt.Tx) error {
		u, err := (&wtx{tx: tx, s: s}).actor(act)
		if err != nil {
			return err
		}
		return requireAdmin(u, locale.M("WhatProofExport", nil))
	}); err != nil {
		return nil, 0, err
	}
	return s.ProofList(k)
}
