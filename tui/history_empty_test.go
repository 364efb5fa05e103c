package tui

import (
	"strings"
	"testing"
)

// The new-article form creates the article before its text exists; the
// history says what that revision 1 is instead of listing it as "0字".
func TestHistoryNamesTheEmptyFirstRevision(t *testing.T) {
	st := testStore(t)
	c := meetingContent()
	c.Body = ""
	if _, err := st.Create(liwei, c, ""); err != nil {
		t.Fatal(err)
	}
	c.Body = "11月20日，学院召开会议。\n"
	if _, err := st.Save(liwei, 1, 1, c); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "liwei", 120, 30)
	h.keys("v")
	v := h.view()
	for _, want := range []string{"第1版", "由新建表单创建，正文尚空", "第2版", "14字"} {
		if !strings.Contains(v, want) {
			t.Fatalf("history lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, " 0字") {
		t.Fatalf("history lists an empty revision as 0字:\n%s", v)
	}
}
