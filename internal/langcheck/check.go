package langcheck

import (
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// CheckLiterals fails t for each English literal that Literals finds in
// the non-test Go files of each dir: text on a path to a user that
// bypasses the message catalog (issue 9.10). A package whose text reaches
// users (tui, server, export, export/form, notify, search) calls it from
// its tests, so an English literal added later fails there. A literal that
// is for a program (an HTML attribute, a log line the rules misjudge) is
// exempted on its line with the comment OK and a reason.
func CheckLiterals(t testing.TB, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		found, err := Literals(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s/%v: English %q reaches a user without the catalog: put it in locale/ (locale.T, locale.NewError)", dir, f, f.Words)
		}
	}
}

// CheckTyped fails t for each DeniedError or FieldError built without a
// catalog ID in dirs (see Untyped).
func CheckTyped(t testing.TB, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		found, err := Untyped(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			t.Errorf("%s/%s without ID: its English Detail/Reason would show inside the Chinese ErrDenied/ErrField; give it a catalog ID", dir, f)
		}
	}
}

// CheckCalls fails t for each error constructor of calls (Sources) that
// bypasses the catalog: fmt.Errorf or errors.New, a catalog call without a
// literal ID, or an ID the catalog lacks; allow (nil: none) exempts a call.
// It returns how many catalog IDs it saw, for the caller to check that the
// scan found the package's errors at all.
func CheckCalls(t testing.TB, calls []Call, allow func(Call) bool) (ids int) {
	t.Helper()
	for _, c := range calls {
		switch {
		case allow != nil && allow(c):
		case c.ID != "":
			ids++
			if !locale.Has(c.ID) {
				t.Errorf("%s: %s is not in the catalog", c.Pos, c.ID)
			}
		case c.Func == "locale.NewError" || c.Func == "locale.M":
			t.Errorf("%s: %s without a literal ID", c.Pos, c.Func)
		default:
			t.Errorf("%s: %s builds an error outside the catalog: use locale.NewError", c.Pos, c.Func)
		}
	}
	return ids
}
