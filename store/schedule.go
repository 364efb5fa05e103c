package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// 定时发布 (scheduled publishing), site targets and publications.
//
// A schedule is decided like any workflow decision (Decide with
// model.ActSchedule / ActUnschedule, or ActSignOff with a time) and has its
// own audit record, whose sequence number the schedule keeps (verify holds
// them against each other). The scheduler (server.Scheduler) asks Due for
// what to publish, RefuseSchedule for a schedule whose approval went stale
// and RecordPublications for what an export published to a target put
// online; all three write audit records as SchedulerLogin.

// SchedulerLogin is the audit actor of the scheduler in copydesk serve. It
// is not a valid login, so no user can hold it.
const SchedulerLogin = "@schedule"

// scheduleDetail is the audit detail of a schedule decision: the time in
// RFC 3339 (UTC), which verify checks, and the opinion.
func scheduleDetail(act model.Action, old, next *model.Article, opinion string) string {
	if act == model.ActSchedule && next.Schedule != nil {
		return "publish at " + next.Schedule.At.UTC().Format(time.RFC3339) + ": " + opinion
	}
	if old.Schedule != nil {
		return "cancelled publish at " + old.Schedule.At.UTC().Format(time.RFC3339) + ": " + opinion
	}
	return opinion
}

// recordSchedule binds a schedule set by this decision to its audit record:
// the decision's own (seq) for ActSchedule, or a second record after a
// sign-off with a time.
func (t *wtx) recordSchedule(act Actor, action model.Action, seq uint64, next *model.Article, now time.Time) error {
	s := next.Schedule
	if s == nil || s.AuditSeq != 0 || !s.Set.Equal(now) {
		return nil
	}
	if action == model.ActSchedule {
		s.AuditSeq = seq
		return nil
	}
	rec := model.AuditRecord{Action: model.ActSchedule, Article: next.ID, Rev: s.Rev, ContentHash: s.Hash,
		Detail: "publish at " + s.At.UTC().Format(time.RFC3339) + ": " + s.Opinion, At: now}
	n, err := t.audit(act, rec)
	s.AuditSeq = n
	return err
}

// verifySchedule holds an article's schedule against its audit record and
// the revision it names, and re-hashes every published revision.
func verifySchedule(tx *bolt.Tx, a *model.Article, records map[uint64]model.AuditRecord) []error {
	var out []error
	if s := a.Schedule; s != nil {
		rec, ok := records[s.AuditSeq]
		if err := scheduleAgainst(a, rec, ok); err != nil {
			out = append(out, err)
		}
		if r, err := txRevision(tx, a.ID, s.Rev); err != nil || r.Content.Hash() != s.Hash {
			out = append(out, locale.NewError("StoreScheduleAltered", locale.Args{"ID": a.ID, "Rev": s.Rev}, ErrVerify))
		}
	}
	seen := map[string]bool{}
	for _, p := range a.Publications {
		if seen[p.Hash] {
			continue
		}
		seen[p.Hash] = true
		if r, err := txRevision(tx, a.ID, p.Rev); err != nil || r.Content.Hash() != p.Hash {
			out = append(out, locale.NewError("StorePublishedAltered", locale.Args{"ID": a.ID, "Rev": p.Rev, "At": p.At.UTC().Format(time.RFC3339)}, ErrVerify))
		}
	}
	return out
}

// scheduleAgainst holds a's schedule against rec, its audit record (ok:
// there is one): the action, article, content hash, actor and time must
// be the record's. It is the one check of verify, of the scheduler's due
// schedules (DueSchedules) and of the export's embargo (EachSigned): a
// publish time moved in the file is an error, never a publish. The error
// is an ErrVerify and an ErrNotDatabase (exit 5).
func scheduleAgainst(a *model.Article, rec model.AuditRecord, ok bool) error {
	s := a.Schedule
	want := "publish at " + s.At.UTC().Format(time.RFC3339) + ": "
	switch {
	case !ok:
		return locale.NewError("StoreScheduleNoRecord", locale.Args{"ID": a.ID, "At": s.At.UTC().Format(time.RFC3339), "Seq": s.AuditSeq}, ErrVerify, ErrNotDatabase)
	case rec.Action != model.ActSchedule || rec.Article != a.ID || rec.ContentHash != s.Hash || rec.Actor != s.Login || !strings.HasPrefix(rec.Detail, want):
		return locale.NewError("StoreScheduleMismatch", locale.Args{"ID": a.ID, "At": s.At.UTC().Format(time.RFC3339), "Login": s.Login, "Rev": s.Rev, "Seq": s.AuditSeq}, ErrVerify, ErrNotDatabase)
	}
	return nil
}

// txPendingSchedule checks a pending schedule of a against its audit
// record in tx (scheduleAgainst); nil without one.
func txPendingSchedule(tx *bolt.Tx, a *model.Article) error {
	if !a.Schedule.Pending() {
		return nil
	}
	var rec model.AuditRecord
	raw := tx.Bucket(bucketAudit).Get(u64(a.Schedule.AuditSeq))
	ok := raw != nil && a.Schedule.AuditSeq != 0 && json.Unmarshal(raw, &rec) == nil
	return scheduleAgainst(a, rec, ok)
}

// Now is the store's clock (Options.Now): what the embargo is held
// against by every export from this store (export.SiteOptions).
func (s *Store) Now() time.Time { return s.now() }

// Scheduled returns the header of every article with a pending schedule,
// in article id order. Headers without a schedule are skipped before they
// are decoded.
func (s *Store) Scheduled() ([]model.Article, error) {
	var out []model.Article
	err := s.view(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketArticles).ForEach(func(k, v []byte) error {
			if !bytes.Contains(v, []byte(`"schedule":`)) {
				return nil
			}
			var a model.Article
			if err := json.Unmarshal(v, &a); err != nil {
				return locale.NewError("StoreHeaderUnreadable", locale.Args{"Key": fmt.Sprintf("%x", k), "Err": err}, ErrNotDatabase)
			}
			if a.Schedule.Pending() && a.Deleted == nil {
				if err := txPendingSchedule(tx, &a); err != nil {
					return err
				}
				out = append(out, a)
			}
			return nil
		})
	})
	return out, err
}

// DueSchedules returns the pending schedules whose time has come at now and that
// were not refused, oldest time first.
func (s *Store) DueSchedules(now time.Time) ([]model.Article, error) {
	all, err := s.Scheduled()
	if err != nil {
		return nil, err
	}
	out := all[:0]
	for _, a := range all {
		if a.Due(now) {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(x, y model.Article) int { return x.Schedule.At.Compare(y.Schedule.At) })
	return out, nil
}

// RefuseSchedule records that the scheduler did not publish article id
// because its schedule went stale (model.Article.ScheduleProblem, checked
// again in this transaction): the reason is kept on the schedule, which
// the chief sees, and in an audit record. It returns the problem, or nil
// when the schedule is fine after all (nothing is written).
func (s *Store) RefuseSchedule(id uint64) (problem error, err error) {
	err = s.update(func(t *wtx) error {
		a, err := txArticle(t.tx, id)
		if err != nil {
			return err
		}
		if !a.Schedule.Pending() {
			return nil
		}
		if problem = a.ScheduleProblem(); problem == nil {
			return nil
		}
		now := s.now().UTC()
		next := *a
		sc := *a.Schedule
		sc.Refused, sc.RefusedAt = problem.(*model.ScheduleStaleError).Reason, now
		next.Schedule = &sc
		if _, err := t.audit(Actor{Login: SchedulerLogin}, model.AuditRecord{Action: model.ActScheduleRefused, Article: id,
			Rev: sc.Rev, ContentHash: sc.Hash, Detail: problem.Error(), At: now}); err != nil {
			return err
		}
		return t.putArticle(a, &next)
	})
	return problem, err
}

// PublishedArticle is one article an export contained, as its provenance
// says: the revision and content hash on its page.
type PublishedArticle struct {
	ID   uint64
	Rev  int
	Hash string
	URL  string // its page's absolute URL, when the site has a base URL
}

// RecordPublications records that the export just published to target
// at at contained items (with their URLs, if known): each article whose signed
// revision it is gets a model.Publication — unless it already has one for
// this target and content — and is online (上线) from then on (see
// model.Article.RecordPublication), with an audit record by act. A pending
// schedule of that revision is done; it was late when at is more than
// grace after its time (grace < 0: never late). It returns the articles
// that got a publication.
func (s *Store) RecordPublications(act Actor, target string, items []PublishedArticle, at time.Time, grace time.Duration) ([]model.Article, error) {
	var out []model.Article
	err := s.update(func(t *wtx) error {
		out = out[:0]
		for _, it := range items {
			a, err := txArticle(t.tx, it.ID)
			if IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if slices.ContainsFunc(a.Publications, func(p model.Publication) bool { return p.Target == target && p.Hash == it.Hash }) {
				continue
			}
			p := model.Publication{Target: target, URL: it.URL, At: at.UTC(), Rev: it.Rev, Hash: it.Hash}
			sc := a.Schedule
			p.Late = grace >= 0 && sc.Pending() && sc.Hash == it.Hash && at.Sub(sc.At) > grace
			next := *a
			next.Publications = slices.Clone(a.Publications)
			if next.Schedule != nil {
				c := *next.Schedule
				next.Schedule = &c
			}
			if !next.RecordPublication(p) {
				continue
			}
			detail := "published to " + target
			if target == "" {
				detail = "published"
			}
			if it.URL != "" {
				detail += " (" + it.URL + ")"
			}
			if p.Late {
				detail += fmt.Sprintf("; late: scheduled for %s", sc.At.UTC().Format(time.RFC3339))
			}
			if _, err := t.audit(act, model.AuditRecord{Action: model.ActPublished, Article: it.ID, Rev: it.Rev,
				ContentHash: it.Hash, Detail: detail, At: at.UTC()}); err != nil {
				return err
			}
			if err := t.putArticle(a, &next); err != nil {
				return err
			}
			out = append(out, next)
		}
		return nil
	})
	return out, err
}

// Embargoed returns those of ids that are under embargo at now
// (model.Article.Embargoed): a site containing any of them must not be
// published.
func (s *Store) Embargoed(ids []uint64, now time.Time) ([]model.Article, error) {
	var out []model.Article
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			a, err := txArticle(tx, id)
			if IsNotFound(err) {
				continue
			}
			if err != nil {
				return err
			}
			if a.Embargoed(now) {
				out = append(out, *a)
			}
		}
		return nil
	})
	return out, err
}

// SiteTarget is a place the site is published to (copydesk site target):
// a local folder or user@host:/path over SFTP (export.ParseTarget checks
// the form before it is stored).
type SiteTarget struct {
	Name string `json:"name"`
	To   string `json:"to"`
	// URL is the public address the site is served at from this target
	// (https://news.example.edu.cn/, ending in "/"; CheckSiteURL), or ""
	// (the base-url setting, SiteSettings.BaseURL, is used).
	URL   string    `json:"url,omitempty"`
	By    string    `json:"by"`
	Added time.Time `json:"added"`
}

// BaseURL is the address the site published to t is served at: its own
// URL, else the site's (set.BaseURL); "" when neither is set.
func (t SiteTarget) BaseURL(set SiteSettings) string {
	if t.URL != "" {
		return t.URL
	}
	return set.BaseURL
}

// MaxSiteURL bounds a site's public address, in bytes.
const MaxSiteURL = 512

// CheckSiteURL checks a site's public address (a target's --url, the
// base-url setting) and returns it ending in "/": an absolute http or
// https URL (RFC 3986) with a host, no user:password@, no query or
// fragment, printable, at most MaxSiteURL bytes. A bad one is a
// *model.FieldError (model.ErrInvalid) with a catalog entry ErrSiteURL….
func CheckSiteURL(field, raw string) (string, error) {
	bad := func(id, reason string) error {
		return &model.FieldError{Field: field, Reason: reason, ID: id, Args: map[string]any{"Value": raw, "Max": MaxSiteURL}}
	}
	if len(raw) > MaxSiteURL {
		return "", bad("ErrSiteURLLong", fmt.Sprintf("at most %d bytes", MaxSiteURL))
	}
	if !utf8.ValidString(raw) || strings.ContainsFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '\\' }) {
		return "", bad("ErrSiteURLChars", "spaces, control characters or backslashes")
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Opaque != "":
		return "", bad("ErrSiteURLScheme", "not an absolute http:// or https:// URL")
	case u.Hostname() == "":
		return "", bad("ErrSiteURLHost", "no host")
	case u.User != nil:
		return "", bad("ErrSiteURLUser", "user or password in the URL")
	case strings.ContainsAny(raw, "?#"):
		return "", bad("ErrSiteURLQuery", "a query or fragment")
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	return raw, nil
}

var (
	keySiteTargets = []byte("site_targets")
	targetNameRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)
)

// MaxTargets bounds the number of site targets.
const MaxTargets = 32

// Targets returns the site targets in the order they were added.
func (s *Store) Targets() ([]SiteTarget, error) {
	var out []SiteTarget
	err := s.view(func(tx *bolt.Tx) error {
		_, err := getJSON(tx, bucketMeta, keySiteTargets, &out)
		return err
	})
	return out, err
}

// AddTarget adds a site target (admin only; audited). The name is
// [a-z0-9_-], at most 32 characters; a name in use is ErrExists. siteURL
// is the public address the site is served at from there ("": the
// base-url setting), checked by CheckSiteURL.
func (s *Store) AddTarget(act Actor, name, to, siteURL string) error {
	if !targetNameRE.MatchString(name) {
		return &model.FieldError{Field: "name", Reason: fmt.Sprintf("%q: a target name is a-z, 0-9, _ and -, at most 32 characters", name), ID: "ErrTargetName", Args: map[string]any{"Value": name}}
	}
	if strings.TrimSpace(to) == "" || len(to) > 1000 || !utf8.ValidString(to) || strings.ContainsFunc(to, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return &model.FieldError{Field: "to", Reason: "a target is user@host:/path or a folder", ID: "ErrTargetTo", Args: map[string]any{"Value": to}}
	}
	if siteURL != "" {
		var err error
		if siteURL, err = CheckSiteURL("url", siteURL); err != nil {
			return err
		}
	}
	return s.changeTargets(act, func(list []SiteTarget, now time.Time) ([]SiteTarget, string, error) {
		if slices.ContainsFunc(list, func(x SiteTarget) bool { return x.Name == name }) {
			return nil, "", locale.NewError("StoreTargetExists", locale.Args{"Name": name}, ErrExists)
		}
		if len(list) >= MaxTargets {
			return nil, "", &model.FieldError{Field: "name", ID: "StoreTooManyTargets", Args: map[string]any{"Max": MaxTargets},
				Reason: locale.T(locale.EN, "StoreTooManyTargets", locale.Args{"Max": MaxTargets})}
		}
		list = append(list, SiteTarget{Name: name, To: to, URL: siteURL, By: act.Login, Added: now})
		detail := "add " + name + " → " + to
		if siteURL != "" {
			detail += " (" + siteURL + ")"
		}
		return list, detail, nil
	})
}

// RemoveTarget removes a site target (admin only; audited); an unknown
// name is ErrNotFound.
func (s *Store) RemoveTarget(act Actor, name string) error {
	return s.changeTargets(act, func(list []SiteTarget, _ time.Time) ([]SiteTarget, string, error) {
		i := slices.IndexFunc(list, func(x SiteTarget) bool { return x.Name == name })
		if i < 0 {
			return nil, "", locale.NewError("StoreNoTarget", locale.Args{"Name": name}, ErrNotFound)
		}
		to := list[i].To
		if list[i].URL != "" {
			to += ", " + list[i].URL
		}
		return slices.Delete(list, i, i+1), "remove " + name + " (" + to + ")", nil
	})
}

// changeTargets runs change on the site targets in one write transaction:
// admin only, the new list stored and the change audited with its detail.
func (s *Store) changeTargets(act Actor, change func(list []SiteTarget, now time.Time) ([]SiteTarget, string, error)) error {
	return s.update(func(t *wtx) error {
		if err := t.requireAdmin(act, locale.M("WhatSiteTargets", nil)); err != nil {
			return err
		}
		var list []SiteTarget
		if _, err := getJSON(t.tx, bucketMeta, keySiteTargets, &list); err != nil {
			return err
		}
		now := s.now().UTC()
		list, detail, err := change(list, now)
		if err != nil {
			return err
		}
		if err := putJSON(t.tx.Bucket(bucketMeta), keySiteTargets, list); err != nil {
			return err
		}
		_, err = t.audit(act, model.AuditRecord{Action: model.ActTarget, Detail: detail, At: now})
		return err
	})
}
