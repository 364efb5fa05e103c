package store

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
)

// Audit details, read by people.
//
// An audit record's Detail is part of the hash chain: it stays as it was
// written, and verify compares some details with the state they describe
// (a schedule's time, a decision's 三校 summary). The shapes store writes
// for an article's records are English ("comment 3 on paragraph 2",
// "… | 三校 rev 4: 0 errors, 1 warnings, 1 waived, 0 hints; lists none;
// rules 0"). DetailText reads those shapes back and renders them from the
// catalog in the reader's language; the free text inside them (opinions,
// reasons, notes, titles) is kept as written. A detail of any other shape
// is returned as it is.

var (
	reProofSummary = regexp.MustCompile(`^(.*?)(?: \| )?三校 rev (\d+): (\d+) errors, (\d+) warnings, (\d+) waived, (\d+) hints; lists (.*); rules (\d+)$`)
	reStale        = regexp.MustCompile(`^edit made (\d+) approval\(s\) stale; back to (.*)$`)
	reConflict     = regexp.MustCompile(`^save from revision (\d+) refused; kept as conflict draft (\d+)$`)
	reComment      = regexp.MustCompile(`^comment (\d+) on paragraph (\d+)$`)
	reResolved     = regexp.MustCompile(`^comment (\d+) resolved$`)
	reIgnore       = regexp.MustCompile(`(?s)^三校 ignore (\S+) (hint|warning|error|off) “(.*)”: (.*)$`)
	reSchedule     = regexp.MustCompile(`(?s)^(cancelled )?publish at (\S+): (.*)$`)
	rePublished    = regexp.MustCompile(`^published(?: to (.*?))?(?: \((\S+)\))?(?:; late: scheduled for (\S+))?$`)
	reReaderAdd    = regexp.MustCompile(`(?s)^reader (\S+) \((.*?)\) added(?:: (.*))?$`)
	reReaderRemove = regexp.MustCompile(`(?s)^reader (\S+) removed(?:: (.*))?$`)
	reStaleSched   = regexp.MustCompile(`^article (\d+)(?::| was) (?:the scheduled revision (\d+) is no longer the head \(revision (\d+)\)|withdrawn or deleted after revision (\d+) was scheduled|the sign-off of the scheduled revision (\d+) is no longer valid)`)
)

// DetailText is r.Detail for a reader of lang: the shapes store writes
// rendered from the catalog, times shown by showTime (nil: RFC 3339 in
// UTC, as stored). The result is one line per line of the detail and is
// not sanitised: callers pass it through termsafe as any stored text.
func DetailText(lang locale.Lang, r model.AuditRecord, showTime func(time.Time) string) string {
	d := r.Detail
	if d == "" {
		return ""
	}
	if showTime == nil {
		showTime = func(t time.Time) string { return t.UTC().Format(time.RFC3339) }
	}
	at := func(s string) string {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return showTime(t)
		}
		return s
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	// A decision's 三校 result follows its stage and opinion.
	if m := reProofSummary.FindStringSubmatch(d); m != nil {
		sum := locale.T(lang, "AuditProofSummary", locale.Args{"Rev": n(m[2]), "Errors": n(m[3]), "Warnings": n(m[4]),
			"Waived": n(m[5]), "Hints": n(m[6]), "Versions": versionsFromString(m[7], m[8]).Text(lang)})
		if m[1] == "" {
			return sum
		}
		return locale.T(lang, "AuditWithProof", locale.Args{"Detail": DetailText(lang, model.AuditRecord{Action: r.Action, Detail: m[1]}, showTime), "Proof": sum})
	}
	var m []string
	switch r.Action {
	case model.ActSave, model.ActCorrect:
		if m = reStale.FindStringSubmatch(d); m != nil {
			return locale.T(lang, "AuditStale", locale.Args{"Count": n(m[1]), "Stage": m[2]})
		}
	case model.ActConflict:
		if m = reConflict.FindStringSubmatch(d); m != nil {
			return locale.T(lang, "AuditConflict", locale.Args{"Base": n(m[1]), "Draft": n(m[2])})
		}
	case model.ActComment:
		if m = reComment.FindStringSubmatch(d); m != nil {
			return locale.T(lang, "AuditComment", locale.Args{"N": n(m[1]), "Para": n(m[2])})
		}
	case model.ActResolve:
		if m = reResolved.FindStringSubmatch(d); m != nil {
			return locale.T(lang, "AuditResolved", locale.Args{"N": n(m[1])})
		}
	case model.ActImport:
		switch d {
		case "imported as draft":
			return locale.T(lang, "AuditImportedDraft")
		case "imported as published from an archive (no review in copydesk)":
			return locale.T(lang, "AuditImportedPublished")
		}
	case model.ActProofIgnore:
		if m = reIgnore.FindStringSubmatch(d); m != nil {
			sev, _ := proof.ParseSeverity(m[2])
			return locale.T(lang, "AuditProofIgnore", locale.Args{"Key": m[1], "Severity": severityText(lang, sev), "Text": m[3], "Reason": m[4]})
		}
	case model.ActSchedule, model.ActUnschedule, model.ActSignOff:
		if m = reSchedule.FindStringSubmatch(d); m != nil {
			id := "AuditSchedule"
			if m[1] != "" {
				id = "AuditUnschedule"
			}
			return locale.T(lang, id, locale.Args{"At": at(m[2]), "Opinion": m[3]})
		}
	case model.ActPublished:
		if m = rePublished.FindStringSubmatch(d); m != nil {
			s := locale.T(lang, "AuditPublished")
			if m[1] != "" {
				s = locale.T(lang, "AuditPublishedTo", locale.Args{"Target": m[1]})
			}
			if m[2] != "" {
				s += locale.T(lang, "AuditPublishedURL", locale.Args{"URL": m[2]})
			}
			if m[3] != "" {
				s += locale.T(lang, "AuditPublishedLate", locale.Args{"At": at(m[3])})
			}
			return s
		}
	case model.ActScheduleRefused:
		if m = reStaleSched.FindStringSubmatch(d); m != nil {
			e := &model.ScheduleStaleError{Article: uint64(n(m[1])), Reason: "ErrScheduleUnsigned"}
			switch {
			case m[2] != "":
				e.Reason, e.Rev, e.Head = "ErrScheduleEdited", n(m[2]), n(m[3])
			case m[4] != "":
				e.Reason, e.Rev = "ErrScheduleWithdrawn", n(m[4])
			default:
				e.Rev = n(m[5])
			}
			return locale.Render(lang, e)
		}
	case model.ActReaderAdd:
		if m = reReaderAdd.FindStringSubmatch(d); m != nil {
			return withNote(lang, locale.T(lang, "AuditReaderAdd", locale.Args{"Login": m[1], "Name": m[2]}), m[3])
		}
	case model.ActReaderRemove:
		if m = reReaderRemove.FindStringSubmatch(d); m != nil {
			return withNote(lang, locale.T(lang, "AuditReaderRemove", locale.Args{"Login": m[1]}), m[2])
		}
	}
	// A decision that needs a reading is stored as "STAGE: OPINION"
	// (store.Decide): the joint reads "：" in Chinese. A stage label has no
	// ": " of its own (workflow stage names are short words).
	if model.NeedsRead(r.Action) {
		if stage, opinion, ok := strings.Cut(d, ": "); ok && stage != "" && !strings.Contains(stage, "\n") {
			// The opinion is joined as written (its line breaks kept), not
			// filled into a message, which would make it one line.
			return stage + locale.T(lang, "AuditStageJoint") + opinion
		}
	}
	return d
}

// withNote adds a free-text note after a rendered detail.
func withNote(lang locale.Lang, s, note string) string {
	if note == "" {
		return s
	}
	return locale.T(lang, "AuditWithNote", locale.Args{"Detail": s, "Note": note})
}

// severityText names a 三校 severity in lang.
func severityText(lang locale.Lang, s proof.Severity) string {
	return locale.Render(lang, s)
}

// versionsFromString reads ProofVersions.String back: "none" or
// "kind=N kind=N", and the rules version.
func versionsFromString(lists, rules string) ProofVersions {
	v := ProofVersions{Lists: map[proof.ListKind]uint64{}}
	v.Rules, _ = strconv.ParseUint(rules, 10, 64)
	if lists == "none" {
		return v
	}
	for _, f := range strings.Fields(lists) {
		if k, ver, ok := strings.Cut(f, "="); ok {
			if x, err := strconv.ParseUint(ver, 10, 64); err == nil {
				v.Lists[proof.ListKind(k)] = x
			}
		}
	}
	return v
}

// reKeyFlag is the shape model.Key.Flag writes.
var reKeyFlag = regexp.MustCompile(`^key (\S+) not added by its owner \(([^,]*), by (.*)\)$`)

// KeyFlagText is a decision's key note (model.Key.Flag, stored in English
// in the audit record and the approval: "key SHA256:… not added by its
// owner (admin-local, by admin)") for a reader of lang: 密钥 SHA256:… 不是
// 本人添加的（在服务器上添加，添加人 admin）. A note of any other shape is
// returned as it is. Not sanitised.
func KeyFlagText(lang locale.Lang, flag string) string {
	m := reKeyFlag.FindStringSubmatch(flag)
	if m == nil {
		return flag
	}
	by := m[3]
	if by == "an admin" {
		by = locale.T(lang, "KeyFlagByAdmin")
	}
	return locale.T(lang, "KeyFlagNote", locale.Args{"FP": m[1], "How": KeyHowText(lang, m[2]), "By": by})
}

// KeyHowText is how a key came to its account (model.KeyBy…), in lang:
// 自行添加, 凭邀请码绑定, 在服务器上添加, 代为添加; an unknown value is
// returned as it is.
func KeyHowText(lang locale.Lang, how string) string {
	id, ok := map[string]string{model.KeyBySelf: "KeyHowSelf", model.KeyByInvite: "KeyHowInvite",
		model.KeyByAdminLocal: "KeyHowAdminLocal", model.KeyByAdmin: "KeyHowAdmin", "": "KeyHowAdmin"}[how]
	if !ok {
		return how
	}
	return locale.T(lang, id)
}
