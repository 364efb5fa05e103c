package langcheck

import "testing"

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
