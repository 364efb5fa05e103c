package search_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/blevesearch/bleve/v2"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
)

// TestTriplesNarrowTheCandidates: articles that hold every pair of a
// four-character query but never the four in a row are not even
// candidates (the index asks for the query's triples too), so a search
// does not read them from the store; the one that holds it is found.
func TestTriplesNarrowTheCandidates(t *testing.T) {
	st := newOffice(t)
	for i := range 30 {
		// 给走, 走组 and 组行 each, apart
		create(t, st, liwei, "说明", strings.Repeat("工作", i%3)+"给走了。走组织。组行动。")
	}
	want := create(t, st, liwei, "会议", "大家给走组行留了位置。")
	ix := openIndex(t, st)
	res, err := ix.Search(context.Background(), search.Query{Text: "给走组行", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res.Hits); !slices.Equal(got, []uint64{want.ID}) {
		t.Fatalf("hits %v, want [%d]", got, want.ID)
	}
	if res.Candidates != 1 {
		t.Errorf("the index proposed %d candidates for 给走组行, want 1 (the pairs alone propose all 31)", res.Candidates)
	}
	// three characters: the triple
	res, err = ix.Search(context.Background(), search.Query{Text: "走组行", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res.Hits); !slices.Equal(got, []uint64{want.ID}) || res.Candidates != 1 {
		t.Errorf("走组行: hits %v from %d candidates, want [%d] from 1", got, res.Candidates, want.ID)
	}
}

// TestEveryRunIsFound: on random articles over a small alphabet (so that
// pairs and hashed triples co-occur everywhere without being in order),
// every query of 1 to 8 CJK characters finds exactly the articles that
// hold it as the index reads text — inside one run of the prepared text
// (soft line breaks and emphasis joined) — and nothing Find does not
// confirm.
func TestEveryRunIsFound(t *testing.T) {
	alphabet := []rune("甲乙丙丁戊己")
	seps := []string{"，", "。", "\n", "**", "\n\n", " ", "ab", "1２"}
	r := rand.New(rand.NewPCG(11, 12))
	st := newOffice(t)
	type art struct {
		id   uint64
		text string // what Find and the index see: title and body
	}
	var arts []art
	for range 60 {
		var b strings.Builder
		for b.Len() < 120 {
			n := 1 + r.IntN(6)
			for range n {
				b.WriteRune(alphabet[r.IntN(len(alphabet))])
			}
			b.WriteString(seps[r.IntN(len(seps))])
		}
		a, err := st.Create(liwei, model.Content{Kind: model.KindNews, Title: "标题", Body: b.String()}, "")
		if err != nil {
			t.Fatal(err)
		}
		arts = append(arts, art{a.ID, b.String()})
	}
	ix := openIndex(t, st)
	checked := 0
	for range 300 {
		n := 1 + r.IntN(8)
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[r.IntN(len(alphabet))]
		}
		q := string(rs)
		hits := find(t, ix, search.Query{Text: q, Limit: search.MaxLimit})
		got := ids(hits)
		for _, a := range arts {
			in := slices.Contains(got, a.id)
			if inRun(search.Prepare(a.text), q) && !in {
				t.Fatalf("%q is in a run of article %d (%q) but was not found", q, a.id, a.text)
			}
			if in && len(search.Find(a.text, q)) == 0 {
				t.Fatalf("%q found article %d, whose text %q does not hold it", q, a.id, a.text)
			}
			if in {
				checked++
			}
		}
	}
	if checked < 500 {
		t.Fatalf("only %d hits in all: the test proves little", checked)
	}
}

// inRun reports whether the CJK string q occurs in prepared text s with
// nothing but CJK characters around it up to its ends (one run).
func inRun(s, q string) bool {
	for _, run := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.Is(unicode.Han, r) }) {
		if strings.Contains(run, q) {
			return true
		}
	}
	return false
}

// TestOldFormatIsRebuilt: an index written by the previous format (pairs
// only, no triples) is rebuilt when opened, with progress lines, and the
// rebuilt one finds a four-character phrase through its triples.
func TestOldFormatIsRebuilt(t *testing.T) {
	st := newOffice(t)
	a := create(t, st, liwei, "旧格式", "旧的索引没有三字组合")
	func() {
		ix := openIndex(t, st)
		ix.Close()
	}()
	old, err := bleve.OpenUsing(search.Dir(st.Path()), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := old.SetInternal([]byte("copydesk.version"), []byte("copydesk-search-3")); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	var lines, logs []string
	ix, err := search.Open(st, search.Options{Progress: func(l string) { lines = append(lines, l) },
		Logf: func(f string, args ...any) { logs = append(logs, fmt.Sprintf(f, args...)) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Search(context.Background(), search.Query{Text: "三字组合"}); err != search.ErrRebuilding {
		t.Errorf("search on the old format before the rebuild: %v, want ErrRebuilding", err)
	}
	if len(logs) != 1 || !strings.Contains(logs[0], "copydesk-search-3") {
		t.Errorf("log lines %q: want one naming the old version", logs)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(lines) < 2 || !strings.Contains(lines[0], "重建") {
		t.Errorf("progress lines of the rebuild: %q", lines)
	}
	res, err := ix.Search(context.Background(), search.Query{Text: "三字组合"})
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(res.Hits); !slices.Equal(got, []uint64{a.ID}) || res.Candidates != 1 {
		t.Errorf("after the rebuild: hits %v from %d candidates", got, res.Candidates)
	}
}
