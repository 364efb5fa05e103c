package tui

import (
	"os"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

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
	// Lists of names are joined by the interface ("李伟, 王音" in English),
	// so each name is data alone; the body's own lead joins them with 、.
	b.WriteString(strings.Join([]string{c.Title, c.Subtitle, c.Source, c.Body, c.Meeting.Name, c.Meeting.Place, c.Meeting.Chair,
		strings.Join(c.Meeting.Attendees, "\n"), strings.Join(c.Authors, "\n"), strings.Join(c.Photographers, "\n"), "同意。", "同意签发。"}, "\n"))
	return b.String()
}

// interfaceHan lists the Chinese runs of frame that are not office data:
// interface text the English workstation failed to translate
// (langcheck.ForeignHan: Chinese punctuation around English counts too).
func interfaceHan(frame, data string) []string { return langcheck.ForeignHan(frame, data) }

// With COPYDESK_LANG=en the workstation speaks English: home, compose and
// its help, the form, review and its help, history, search and the export
// page show no Chinese but the office's own data (names, the article, stage
// names) (issue 9.10). The default stays zh-CN (TestScreensSpeakChinese).
func TestScreensSpeakEnglish(t *testing.T) {
	if got := locale.Session("", locale.Default, locale.Getenv([]string{"LANG=en_US.UTF-8"}), locale.TUIEnv...); got != locale.ZH {
		t.Fatalf("LANG=en_US.UTF-8 alone switched the workstation to %v", got)
	}
	if got := locale.Session("", locale.Default, locale.Getenv([]string{"COPYDESK_LANG=en"}), locale.TUIEnv...); got != locale.EN {
		t.Fatalf("COPYDESK_LANG=en gives %v", got)
	}

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
	r := newHarnessIn(t, st, "wangyin", 120, 40, locale.EN)
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

	w := newHarnessIn(t, st, "liwei", 120, 40, locale.EN)
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

	c := newHarnessIn(t, st, "shenjl", 120, 40, locale.EN)
	c.keys("E")
	check("export page", c.view())
	c.keys("esc", "W")
	check("workflows", c.view())
}

// The English walk goes on past the sign-off: the trash page, the
// schedule dialog (time, opinion, confirm), the correction and takedown
// boxes, the taken-down article, its history and the 已撤稿 queue all
// speak English, with no Chinese punctuation around English words (the
// last stop found 、 in the English workstation).
func TestAfterSignOffScreensSpeakEnglish(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")
	draft, err := st.Create(liwei, meetingContent(), "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Delete(liwei, draft.ID); err != nil {
		t.Fatal(err)
	}
	data := officeData(t, st) + "\n原稿会议地点有误，特此更正。\n稿件涉及未公开信息\n会议结束后发布。"
	check := func(where, frame, must string) {
		t.Helper()
		if os.Getenv("SHOW") != "" {
			t.Logf("== %s\n%s", where, frame)
		}
		if han := interfaceHan(frame, data); len(han) > 0 {
			t.Errorf("%s shows Chinese interface text %q:\n%s", where, han, frame)
		}
		if !strings.Contains(frame, must) {
			t.Errorf("%s: %q not shown (the walk did not reach it):\n%s", where, must, frame)
		}
	}
	w := newHarnessIn(t, st, "liwei", 120, 40, locale.EN)
	w.keys("T")
	check("trash", w.view(), "#2")
	w.keys("esc", "shift+tab")
	check("signed queue", w.view(), "#1")

	c := newHarnessIn(t, st, "shenjl", 120, 40, locale.EN)
	c.send(pushMsg{newArticlePage(c.app.s, 1)})
	check("signed article page", c.view(), "T ")
	c.keys("t")
	check("schedule dialog", c.view(), "2")
	c.keys("2030-11-22 09:30", "enter")
	check("schedule opinion", c.view(), "")
	c.keys("会议结束后发布。", "enter")
	check("schedule confirm", c.view(), "09:30")
	c.keys("esc", "esc")
	c.keys("C")
	check("correction note box", c.view(), "")
	c.keys("esc", "T", "稿件涉及未公开信息", "enter")
	check("takedown confirm", c.view(), "稿件涉及未公开信息")
	c.keys("y")
	if a, _ := st.Get(1); a.Takedown == nil {
		t.Fatal("the walk did not take the article down")
	}
	check("taken-down article page", c.view(), "#1")
	c.send(pushMsg{newHistory(c.app.s, 1)})
	check("history of a taken-down article", c.view(), "#1")
	c.keys("tab")
	check("audit trail after takedown", c.view(), "")

	w2 := newHarnessIn(t, st, "liwei", 120, 40, locale.EN)
	for range 4 {
		w2.keys("tab")
		check("writer's queues after takedown", w2.view(), "")
	}
}

// L on home switches the workstation's language at once and saves it as
// the user's own setting (the same store rule as user edit --lang, audited);
// the App it replaces is closed with it.
func TestLanguageKeySwitchesAndSaves(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	h := newHarness(t, st, "liwei", 120, 40)
	h.keys("?")
	if v := h.view(); !strings.Contains(v, "L") || !strings.Contains(v, locale.T(locale.ZH, "TUIKeyLanguage")) {
		t.Fatalf("the help does not offer the switch:\n%s", v)
	}
	h.keys("esc")
	old := h.app
	h.keys("L")
	if h.app == old || !old.closed {
		t.Fatal("the switch did not start a new App and close the old one")
	}
	v := h.view()
	if !strings.Contains(v, "My queues") || !strings.Contains(v, "The workstation speaks English now") {
		t.Fatalf("after L the home is not English:\n%s", v)
	}
	if han := interfaceHan(v, officeData(t, st)); len(han) > 0 {
		t.Errorf("after L the home shows Chinese %q:\n%s", han, v)
	}
	if u, err := st.User("liwei"); err != nil || u.Lang != "en" {
		t.Fatalf("the setting was not saved: %+v %v", u, err)
	}
	h.keys("L")
	if v := h.view(); !strings.Contains(v, locale.T(locale.ZH, "TUIMyQueues")) {
		t.Fatalf("L again did not switch back:\n%s", v)
	}
	if u, _ := st.User("liwei"); u.Lang != "zh-CN" {
		t.Fatalf("switching back saved %q", u.Lang)
	}
}
