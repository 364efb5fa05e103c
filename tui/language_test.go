package tui

import (
	"regexp"
	"sort"
	"strings"
	"testing"
)

// englishWord finds runs of ASCII letters: a word of the interface that
// was not translated. IDs, hashes and keys are numbers or in the
// allow-list.
var englishWord = regexp.MustCompile(`[A-Za-z][A-Za-z'-]{2,}`)

// allowEnglish are the ASCII words a Chinese screen may show: key names,
// product and format names, the logins of the test office.
var allowEnglish = map[string]bool{
	"copydesk": true, "tab": true, "esc": true, "enter": true, "ctrl": true, "alt": true, "shift": true,
	"pgup": true, "pgdn": true, "home": true, "end": true, "del": true, "backspace": true, "space": true,
	"liwei": true, "wangyin": true, "shenjl": true, "admin": true, "SSH": true, "Markdown": true, "EDITOR": true,
	"sha": true, "SHA": true, "URL": true, "PDF": true, "HTML": true, "JSON": true, "YAML": true,
}

// untranslated lists the English words of frame outside the allow-list.
func untranslated(frame string) []string {
	seen := map[string]bool{}
	var out []string
	for _, w := range englishWord.FindAllString(frame, -1) {
		if allowEnglish[w] || allowEnglish[strings.ToLower(w)] || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	sort.Strings(out)
	return out
}

// The workstation speaks Chinese: the key screens of each role, their help
// and refusals, rendered in zh-CN, show no English word but key names and
// the allow-list (issue 9.10).
func TestScreensSpeakChinese(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	check := func(where, frame string) {
		t.Helper()
		if words := untranslated(frame); len(words) > 0 {
			t.Errorf("%s shows English %v:\n%s", where, words, frame)
		}
	}
	r := newHarness(t, st, "wangyin", 120, 40)
	check("reviewer home", r.view())
	r.keys("enter")
	check("review page", r.view())
	r.keys("tab")
	check("review text", r.view())
	r.keys("?")
	check("review help", r.view())
	r.keys("esc", "v")
	check("history", r.view())
	r.keys("tab")
	if v := r.view(); !strings.Contains(v, "三校（第 1 版）") {
		t.Errorf("the audit trail lacks the 三校 result of the submission:\n%s", v)
	} else {
		check("audit trail", v)
	}

	w := newHarness(t, st, "liwei", 120, 40)
	check("writer home", w.view())
	w.keys("tab", "tab", "enter", "a")
	if v := w.view(); !strings.Contains(v, "无权操作") {
		t.Errorf("no refusal on the writer's approve:\n%s", v)
	} else {
		check("writer refused", v)
	}

	// A draft: the compose page with the editor, its help and the preview.
	if _, err := st.Create(liwei, meetingContent(), ""); err != nil {
		t.Fatal(err)
	}
	d := newHarness(t, st, "liwei", 120, 40)
	d.keys("enter")
	check("compose", d.view())
	d.keys("f1")
	check("compose help", d.view())
	d.keys("esc", "ctrl+p")
	check("compose preview", d.view())
}
