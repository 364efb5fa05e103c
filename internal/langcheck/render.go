package langcheck

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// CheckErr fails t unless e renders in Chinese under zh-CN (no English word
// outside allow, no unrendered "[ID]") and in English under en (some English
// word, no "<no value>"). name labels the failure.
func CheckErr(t testing.TB, name string, e error, allow ...string) {
	t.Helper()
	if e == nil {
		t.Errorf("%s: no error", name)
		return
	}
	zh, en := locale.Err(locale.ZH, e), locale.Err(locale.EN, e)
	if bad := English(zh, allow...); len(bad) > 0 || strings.Contains(zh, "[") && !strings.Contains(zh, "{{") || zh == "" {
		t.Errorf("%s in zh-CN: %q (English: %v)", name, zh, bad)
	}
	if len(English(en)) == 0 || strings.Contains(en, "<no value>") {
		t.Errorf("%s in en: %q", name, en)
	}
	var m locale.Message
	if errors.As(e, &m) {
		if miss := missingArgs(m, 0); len(miss) > 0 {
			t.Errorf("%s: %s is given no %v (they render empty)", name, m.MessageID(), miss)
		}
	}
}

// missingArgs lists the placeholders m and the messages among its
// arguments print but are not given (locale.MissingArgs).
func missingArgs(m locale.Message, depth int) []string {
	if _, isList := m.(locale.Lister); isList || depth > 8 || !locale.Has(m.MessageID()) {
		return nil
	}
	args := m.MessageArgs()
	miss := locale.MissingArgs(m.MessageID(), args)
	for _, v := range args {
		if sub, ok := v.(locale.Message); ok {
			miss = append(miss, missingArgs(sub, depth+1)...)
		}
	}
	return miss
}

// CheckExported renders every error of values in both languages (CheckErr,
// allow as there) and fails t for each exported error of dir's source
// (Sources: Err… variables, …Error types) that values does not name, so a
// new one cannot be left out. It returns the error constructors Sources
// found, for CheckCalls.
func CheckExported(t testing.TB, dir string, values map[string]error, allow ...string) []Call {
	t.Helper()
	calls, exported, err := Sources(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range exported {
		if _, ok := values[name]; !ok {
			t.Errorf("exported error %s is not in this test's list", name)
		}
	}
	for name, e := range values {
		CheckErr(t, name, e, allow...)
	}
	return calls
}
