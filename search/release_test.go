package search_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
)

// TestSearchAfterRelease: searches release the database file's mapped
// pages after every so many candidates they read (and the server every
// 30 s); a release between or during searches changes no hit and no
// snippet, and a write after a release is stored and found.
func TestSearchAfterRelease(t *testing.T) {
	st := newOffice(t)
	filler := strings.Repeat("学院召开专题会议，研究部署下一阶段重点工作。", 400) // ~26 KB: overflow pages
	var want []uint64
	for i := range 40 {
		a := create(t, st, liwei, "会议纪要", filler+"本次会议确定甲乙丙三项任务。"+filler)
		want = append(want, a.ID)
		if i%3 == 0 {
			create(t, st, zhaoli, "说明", filler+"甲乙和乙丙"+filler) // candidate, not a hit
		}
	}
	ix := openIndex(t, st)
	q := search.Query{Text: "甲乙丙", Limit: 100}
	first := find(t, ix, q)
	if got := ids(first); !slices.Equal(got, want) {
		t.Fatalf("hits = %v, want %v", got, want)
	}
	// 30 searches of ~54 candidates each: over a thousand candidate
	// reads, so the index releases the mapping at least once on its own
	for i := range 30 {
		if i%10 == 5 {
			st.ReleaseMapped()
		}
		hits := find(t, ix, q)
		if len(hits) != len(first) {
			t.Fatalf("search %d after releases: %d hits, want %d", i, len(hits), len(first))
		}
		for j := range hits {
			if hits[j].Article != first[j].Article || search.SnippetText(hits[j].Snippet, "[", "]") != search.SnippetText(first[j].Snippet, "[", "]") {
				t.Fatalf("search %d after releases: hit %d = %d %q, want %d %q", i, j, hits[j].Article,
					search.SnippetText(hits[j].Snippet, "[", "]"), first[j].Article, search.SnippetText(first[j].Snippet, "[", "]"))
			}
		}
	}
	st.ReleaseMapped()
	a, err := st.Save(liwei, want[0], 1, model.Content{Kind: model.KindNews, Title: "会议纪要", Source: "党委宣传部", Body: filler + "改为丁戊己。"})
	if err != nil {
		t.Fatalf("save after release: %v", err)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	st.ReleaseMapped()
	if got := ids(find(t, ix, search.Query{Text: "丁戊己"})); !slices.Equal(got, []uint64{a.ID}) {
		t.Fatalf("after save and release, 丁戊己 finds %v, want [%d]", got, a.ID)
	}
	// the saved article is found by its earlier revision now
	hits := find(t, ix, q)
	if got := ids(hits); !slices.Equal(got, want) {
		t.Fatalf("after save and release, 甲乙丙 finds %v, want %v", got, want)
	}
	for _, h := range hits {
		if h.Article == a.ID && (h.Type != search.HitRevision || h.Rev != 1) {
			t.Fatalf("after save, article %d is hit as %s rev %d, want revision 1", a.ID, h.Type, h.Rev)
		}
	}
	_, r, err := st.Head(a.ID)
	if err != nil || !strings.HasSuffix(r.Content.Body, "改为丁戊己。") {
		t.Fatalf("head after release: err %v, body ends %q", err, r.Content.Body[max(0, len(r.Content.Body)-30):])
	}
}
