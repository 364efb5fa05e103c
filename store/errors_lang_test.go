package store

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// Every error of the store reaches a user as a catalog message: it renders
// in Chinese under zh-CN (no English word left) and in English under en
// (issue 9.10: "输入有误：<field>：<English reason>" was store.ErrHead).
// The exported error values and types are listed here, and the list is
// checked against the source so a new one cannot be forgotten; every
// catalog ID the package builds errors with is rendered too.
func TestErrorsSpeakBothLanguages(t *testing.T) {
	values := map[string]error{
		"ErrConflict":          ErrConflict,
		"ErrNotFound":          ErrNotFound,
		"ErrLocked":            ErrLocked,
		"ErrNotDatabase":       ErrNotDatabase,
		"ErrNewerSchema":       ErrNewerSchema,
		"ErrExists":            ErrExists,
		"ErrReadOnly":          ErrReadOnly,
		"ErrNameTaken":         ErrNameTaken,
		"ErrProofBlocked":      ErrProofBlocked,
		"ErrInvite":            ErrInvite,
		"ErrOutsideExportDirs": ErrOutsideExportDirs,
		"ErrNoChannel":         ErrNoChannel,
		"ErrVerify":            ErrVerify,
		"ErrHead":              ErrHead,
		"ErrBackupTarget":      ErrBackupTarget,
		"ErrDamaged":           ErrDamaged,
		"ErrIgnoreError":       ErrIgnoreError,
		"ErrIgnoreNoFinding":   ErrIgnoreNoFinding,
		"ErrIgnoreReason":      ErrIgnoreReason,
		"ErrWebhookRefused":    ErrWebhookRefused,
		"InUseError":           &InUseError{What: "role", Name: "校对", Users: []string{"liwei"}, Articles: []uint64{3}},
		"ConflictError":        &ConflictError{Article: 3, Base: 1, Head: 2, DraftID: 9},
		"DamagedError":         &DamagedError{Path: "/srv/copydesk.db", Page: 7, Cause: "page 7: already freed"},
		"ProofBlockedError":    &ProofBlockedError{Article: 3, Rev: 2, Errors: 1, Unwaived: 1},
		"ImportItemError":      &ImportItemError{Index: 1, Err: locale.NewError("StoreNoArticle", locale.Args{"ID": 3}, ErrNotFound)},
	}
	calls, exported, err := langcheck.Sources(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range exported {
		if _, ok := values[name]; !ok {
			t.Errorf("exported error %s is not in this test's list", name)
		}
	}
	for name, e := range values {
		langcheck.CheckErr(t, name, e, "liwei")
	}
	if !errors.Is(values["ErrHead"], ErrVerify) || !errors.Is(values["ErrNameTaken"], ErrExists) || !errors.Is(ErrOutsideExportDirs, model.ErrDenied) {
		t.Error("a class lost what it wraps")
	}
	// No error is built outside the catalog; the few internal ones
	// never leave the package.
	internal := map[string]bool{"index.go": true, "invite.go": true} // errBadSummary, errStop
	ids := 0
	for _, c := range calls {
		switch {
		case c.ID != "":
			ids++
			checkID(t, c)
		case c.Func == "locale.NewError":
			t.Errorf("%s: locale.NewError without a literal ID", c.Pos)
		default:
			file := c.Pos[strings.LastIndex(c.Pos, "/")+1:]
			file = file[:strings.IndexByte(file, ':')]
			if !internal[file] {
				t.Errorf("%s: %s builds an error outside the catalog: use locale.NewError", c.Pos, c.Func)
			}
		}
	}
	if ids < 50 {
		t.Fatalf("found %d catalog IDs in store's source: the scan is broken", ids)
	}
}

// checkID renders a catalog ID with every placeholder filled by a value a
// user would not mistake for English.
func checkID(t *testing.T, c langcheck.Call) {
	t.Helper()
	if !locale.Has(c.ID) {
		t.Errorf("%s: %s is not in the catalog", c.Pos, c.ID)
		return
	}
	args := locale.Args{}
	for _, k := range strings.Fields("ID Rev Seq N Max Path Login Err Key Name Detail Value Field FP Hash Got Want Stage Roles What Kind Stages Old Dir Allowed List Ver Rule Versions Errors Warnings WasErrors WasWarnings Bucket PID Holder Port Comment Para Size MiB V From To Timeout State Head Base Draft Problem Found") {
		args[k] = "7"
	}
	zh := strings.ReplaceAll(locale.T(locale.ZH, c.ID, args), "<no value>", "")
	if bad := langcheck.English(zh); len(bad) > 0 {
		t.Errorf("%s: %s in zh-CN: %q (English: %v)", c.Pos, c.ID, zh, bad)
	}
}
