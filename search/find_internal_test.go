package search

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
)

// TestMayHoldNeverRejectsAMatch: the check on a revision as stored (its
// body, and its other fields as the store encodes them: encoding/json)
// says yes to every revision that has the query in one of its fields, on
// random fields full of what JSON escapes (quotes, backslashes, line
// breaks, controls, <>&, U+2028) between the query's characters.
func TestMayHoldNeverRejectsAMatch(t *testing.T) {
	alphabet := []rune("王音甲乙丙aAｂ1 \n\t\"\\<>&\u2028\x01\u00e9u0")
	r := rand.New(rand.NewPCG(5, 6))
	word := func(n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(rs)
	}
	checked := 0
	for i := range 30000 {
		c := model.Content{Title: word(r.IntN(12)), Subtitle: word(r.IntN(6)), Source: word(r.IntN(6)),
			Authors: []string{word(r.IntN(5)), word(r.IntN(5))}, Body: word(r.IntN(30))}
		if r.IntN(4) == 0 {
			c.Meeting = &model.Meeting{Name: word(r.IntN(6)), Place: word(r.IntN(6)), Attendees: []string{word(r.IntN(5))}}
		}
		rev := model.Revision{Article: 1, N: 1, Content: c}
		rev.Content.Body = ""
		meta, err := json.Marshal(&rev) // as store.encodeRevision
		if err != nil {
			t.Fatal(err)
		}
		q := word(1 + r.IntN(3))
		needle := foldQuery(q)
		if len(needle) == 0 {
			continue
		}
		for _, f := range snippetFields(&c, nil) {
			if len(Find(f, q)) > 0 {
				checked++
				if !mayHold(c.Body, string(meta), needle) {
					t.Fatalf("case %d: %q is in field %q, but mayHold says no to body %q meta %s", i, q, f, c.Body, meta)
				}
				break
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d matching cases: the test proves little", checked)
	}
}

// TestHiddenMatchMarksNothing: a match the reader cannot see (inside a
// link's address) marks nothing; the snippet is cut at its place.
func TestHiddenMatchMarksNothing(t *testing.T) {
	src := "开头的文字。\n\n详见[学校通知](https://news.example.cn/a)和附件。\n"
	segs := visibleSnippet(src, Find(src, "example"), SnippetWidth)
	text := SnippetText(segs, "[", "]")
	if strings.Contains(text, "[") || strings.Contains(text, "example") || !strings.Contains(text, "学校通知和附件") {
		t.Errorf("hidden match: %q", text)
	}
	// Offsets of the reader's text point at the stored bytes they show.
	v := visibleText(src, 0, len(src))
	for i := 0; i < len(v.Text); i++ {
		if c := v.Text[i]; c != ' ' && src[v.Pos[i]] != c {
			t.Fatalf("byte %d %q maps to stored %q", i, c, src[v.Pos[i]])
		}
		if i > 0 && v.Pos[i] < v.Pos[i-1] {
			t.Fatalf("offsets go back at %d", i)
		}
	}
}

// BenchmarkVisibleSnippet: the reader's-text snippet of a hit in the
// middle of a 20,000-character Markdown body (only the window is parsed).
func BenchmarkVisibleSnippet(b *testing.B) {
	para := "党委书记**张明**主持会议，[学校通知](https://a.cn/x)要求各单位抓好落实。\n\n"
	src := strings.Repeat(para, 250) + "关键内容在这里。\n\n" + strings.Repeat(para, 250)
	m := Find(src, "关键内容")
	b.Run("visible", func(b *testing.B) {
		for b.Loop() {
			visibleSnippet(src, m, SnippetWidth)
		}
	})
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			Snippet(src, m, SnippetWidth)
		}
	})
}
