package tui

import (
	"regexp"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// hanRun is a run of Chinese characters and full-width punctuation.
var hanRun = regexp.MustCompile(`[\p{Han}“”‘’（）《》「」、，。：；！？…—]+`)

// officeData is the Chinese the office itself wrote: names, departments,
// the article's fields and body (its lead included), workflow stage names,
// the opinions of the seed. An English workstation shows it as it is.
func officeData(t *testing.T, st *store.Store) string {
	t.Helper()
	var b strings.Builder
	users, err := st.Users()
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		b.WriteString(u.Display + "\n" + u.Department + "\n")
	}
	defs, err := st.Workflows()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range defs {
		b.WriteString(d.Workflow.Name + "\n" + d.Workflow.String() + "\n") // a name such as 三审 is an identifier
		for _, s := range d.Workflow.Stages {
			b.WriteString(s.Name + "\n")
		}
	}
	c := meetingContent()
	b.WriteString(strings.Join([]string{c.Title, c.Subtitle, c.Source, c.Body, c.Meeting.Name, c.Meeting.Place, c.Meeting.Chair,
		strings.Join(c.Meeting.Attendees, "、"), strings.Join(c.Authors, "、"), strings.Join(c.Photographers, "、"), "同意。", "同意签发。"}, "\n"))
	return b.String()
}

// interfaceHan lists the Chinese runs of frame that are not office data:
// interface text the English workstation failed to translate.
func interfaceHan(frame, data string) []string {
	var out []string
	for _, r := range hanRun.FindAllString(frame, -1) {
		if !hasHan(r) {
			continue
		}
		if !strings.Contains(data, strings.Trim(r, "“”‘’（）《》「」、，。：；！？…—")) {
			out = append(out, r)
		}
	}
	return out
}

// With COPYDESK_LANG=en the workstation speaks English: home, compose and
// its help, the form, review and its help, history, search and the export
// page show no Chinese but the office's own data (names, the article, stage
// names) (issue 9.10). The default stays zh-CN (TestScreensSpeakChinese).
func TestScreensSpeakEnglish(t *testing.T) {
	if got := LanguageFromEnv(func(k string) string { return map[string]string{"LANG": "en_US.UTF-8"}[k] }); got != locale.ZH {
		t.Fatalf("LANG=en_US.UTF-8 alone switched the workstation to %v", got)
	}
	if got := LanguageFromEnv(func(k string) string { return map[string]string{"COPYDESK_LANG": "en"}[k] }); got != locale.EN {
		t.Fatalf("COPYDESK_LANG=en gives %v", got)
	}
	SetLanguage(locale.EN)
	defer SetLanguage(locale.Default)

	st := testStore(t)
	seed(t, st, "review")
	if _, err := st.Create(liwei, meetingContent(), ""); err != nil {
		t.Fatal(err)
	}
	data := officeData(t, st)
	check := func(where, frame string) {
		t.Helper()
		if han := interfaceHan(frame, data); len(han) > 0 {
			t.Errorf("%s shows Chinese interface text %q:\n%s", where, han, frame)
		}
	}
	r := newHarness(t, st, "wangyin", 120, 40)
	check("reviewer home", r.view())
	r.keys("enter")
	check("review page (changes)", r.view())
	r.keys("tab")
	check("review text", r.view())
	r.keys("tab")
	check("review preview", r.view())
	r.keys("tab")
	check("review comments", r.view())
	r.keys("?")
	check("review help", r.view())
	r.keys("esc", "a")
	check("review confirm", r.view())
	r.keys("esc", "esc", "v")
	check("history", r.view())
	r.keys("tab")
	check("audit trail", r.view())
	r.keys("esc", "/")
	check("search", r.view())
	r.keys("esc")

	w := newHarness(t, st, "liwei", 120, 40)
	check("writer home", w.view())
	w.keys("?")
	check("home help", w.view())
	w.keys("esc", "enter")
	check("compose", w.view())
	w.keys("f1")
	check("compose help", w.view())
	w.keys("esc", "ctrl+o")
	check("article details form", w.view())
	w.keys("esc", "ctrl+p")
	check("compose preview", w.view())
	w.keys("ctrl+p", "ctrl+t")
	check("submit box", w.view())
	w.keys("esc", "esc", "N")
	check("notifications", w.view())
	w.keys("esc", "n")
	check("new news form", w.view())
	w.keys("esc", "m")
	check("new meeting form", w.view())

	c := newHarness(t, st, "shenjl", 120, 40)
	c.keys("E")
	check("export page", c.view())
	c.keys("esc", "W")
	check("workflows", c.view())
}
