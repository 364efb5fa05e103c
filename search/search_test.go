package search_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/store"
)

var (
	admin   = store.Actor{Login: "admin"}
	liwei   = store.Actor{Login: "liwei"}
	zhaoli  = store.Actor{Login: "zhaoli"}
	wangyin = store.Actor{Login: "wangyin"}
	shenjl  = store.Actor{Login: "shenjl"}
)

func newOffice(t testing.TB) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "copydesk.db")
	st, err := store.Open(path, store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, u := range []model.User{
		{Login: "admin", Display: "管理员", Roles: []model.Role{model.RoleAdmin}},
		{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}},
		{Login: "zhaoli", Display: "赵丽", Roles: []model.Role{model.RoleWriter}},
		{Login: "wangyin", Display: "王音", Roles: []model.Role{model.RoleReviewer}},
		{Login: "shenjl", Display: "沈建龙", Roles: []model.Role{model.RoleChief}},
	} {
		act := admin
		if u.Login == "admin" {
			act = store.Actor{}
		}
		if _, err := st.AddUser(act, u); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func create(t testing.TB, st *store.Store, act store.Actor, title, body string) *model.Article {
	t.Helper()
	a, err := st.Create(act, model.Content{Kind: model.KindNews, Title: title, Source: "党委宣传部", Body: body}, "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func openIndex(t testing.TB, st *store.Store) *search.Index {
	t.Helper()
	ix, err := search.Open(st, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	return ix
}

func find(t testing.TB, ix *search.Index, q search.Query) []search.Hit {
	t.Helper()
	res, err := ix.Search(context.Background(), q)
	if err != nil {
		t.Fatalf("search %q: %v", q.Text, err)
	}
	return res.Hits
}

func ids(hits []search.Hit) []uint64 {
	var out []uint64
	for _, h := range hits {
		out = append(out, h.Article)
	}
	slices.Sort(out)
	return out
}

func TestSubstrings(t *testing.T) {
	st := newOffice(t)
	a1 := create(t, st, liwei, "学院召开专题会议", "这是一段简单的说明。\n\n党委书记张明主持会议，王\n音出席。")
	a2 := create(t, st, liwei, "２０２６年ＩＣＰＣ区域赛获奖", "我校代表队在2026年ICPC亚洲区域赛中获得金奖。")
	a3 := create(t, st, liwei, "會議紀要", "繁體字的會議紀要。")
	a4 := create(t, st, liwei, "Email and co-op", "The **重要**通知 about e-mail.")
	ix := openIndex(t, st)
	cases := []struct {
		q    string
		want []uint64
	}{
		{"段简", []uint64{a1.ID}},                         // two characters inside 一段简单
		{"简单的", []uint64{a1.ID}},                        // three
		{"一段简单的说明", []uint64{a1.ID}},                    // seven: odd run
		{"专题会", []uint64{a1.ID}},                        // inside the title
		{"简", []uint64{a1.ID}},                          // one character
		{"王音", []uint64{a1.ID}},                         // split by a soft line break
		{"说明党委", nil},                                   // across a paragraph break: not one phrase
		{"单段", nil},                                     // characters present, not adjacent
		{"2026年ICPC", []uint64{a2.ID}},                  // mixed, half-width query, full-width title and half-width body
		{"２０２６年ｉｃｐｃ", []uint64{a2.ID}},                  // full-width query
		{"icpc", []uint64{a2.ID}},                       // case
		{"ICPC亚洲", []uint64{a2.ID}},                     // Latin then Chinese
		{"年ICPC亚洲区域", []uint64{a2.ID}},                  // run of one, word, run of four
		{"202", nil},                                    // numbers are words
		{"会议纪要", nil},                                   // simplified does not find traditional
		{"會議", []uint64{a3.ID}},                         // traditional finds itself
		{"要通知", []uint64{a4.ID}},                        // emphasis marks do not split the word
		{"E-MAIL", []uint64{a4.ID}},                     // words and case
		{"党委宣传部", []uint64{a1.ID, a2.ID, a3.ID, a4.ID}}, // source department
	}
	for _, c := range cases {
		got := ids(find(t, ix, search.Query{Text: c.q}))
		if !slices.Equal(got, c.want) {
			t.Errorf("search %q: got articles %v, want %v", c.q, got, c.want)
		}
	}
	if _, err := ix.Search(context.Background(), search.Query{Text: " ，。 "}); err != search.ErrEmptyQuery {
		t.Errorf("punctuation-only query: %v, want ErrEmptyQuery", err)
	}
}

func TestSnippetMarksTheHit(t *testing.T) {
	st := newOffice(t)
	create(t, st, liwei, "标题", strings.Repeat("前文。", 40)+"党委书记张明主持会议。"+strings.Repeat("后文。", 40))
	ix := openIndex(t, st)
	hits := find(t, ix, search.Query{Text: "张明主持"})
	if len(hits) != 1 {
		t.Fatalf("hits: %v", hits)
	}
	var marked []string
	for _, s := range hits[0].Snippet {
		if s.Hit {
			marked = append(marked, s.Text)
		}
	}
	if !slices.Equal(marked, []string{"张明主持"}) {
		t.Errorf("snippet %q marks %q", search.SnippetText(hits[0].Snippet, "[", "]"), marked)
	}
	if txt := search.SnippetText(hits[0].Snippet, "", ""); !strings.HasPrefix(txt, "…") || !strings.HasSuffix(txt, "…") {
		t.Errorf("snippet of a long body is not cut on both sides: %q", txt)
	}
}

func TestFieldsRevisionsComments(t *testing.T) {
	st := newOffice(t)
	c := model.Content{Kind: model.KindMeeting, Title: "学习会", Subtitle: "副标题里的短语", Source: "党委宣传部",
		Authors: []string{"李伟"}, Photographers: []string{"赵丽焕"}, Body: "正文。",
		Meeting: &model.Meeting{Name: "理论学习中心组", Date: "2026-11-20", Place: "行政楼会议室", Chair: "张明", Attendees: []string{"班子成员"}}}
	a, err := st.Create(liwei, c, "")
	if err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, st)
	for _, q := range []string{"短语", "丽焕", "中心组", "行政楼", "张明", "班子成员", "李伟"} {
		if got := ids(find(t, ix, search.Query{Text: q})); !slices.Equal(got, []uint64{a.ID}) {
			t.Errorf("field text %q: got %v", q, got)
		}
	}
	// a second revision drops a phrase: the phrase finds revision 1
	c.Body = "改写后的正文。"
	if _, err := st.Save(liwei, a.ID, 1, c); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddComment(liwei, a.ID, 2, 0, "请核实改写后的数字"); err != nil {
		t.Fatal(err)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	hits := find(t, ix, search.Query{Text: "正文"})
	if len(hits) != 1 || hits[0].Type != search.HitArticle {
		t.Errorf("a phrase in the head and in revision 1 gives one article hit, got %+v", hits)
	}
	hits = find(t, ix, search.Query{Text: "文。"})
	_ = hits
	hits = find(t, ix, search.Query{Text: "核实"})
	if len(hits) != 1 || hits[0].Type != search.HitComment || hits[0].Rev != 2 {
		t.Errorf("comment hit: %+v", hits)
	}
	// revision 1 text that revision 2 lost
	c.Body = "第三稿。"
	if _, err := st.Save(liwei, a.ID, 2, c); err != nil {
		t.Fatal(err)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	hits = find(t, ix, search.Query{Text: "改写后的正"})
	if len(hits) != 1 || hits[0].Type != search.HitRevision || hits[0].Rev != 2 {
		t.Errorf("earlier revision hit: %+v", hits)
	}
}

func TestFiltersAndVisibility(t *testing.T) {
	st := newOffice(t)
	draft := create(t, st, liwei, "草稿：校园开放日", "开放日安排")
	other := create(t, st, zhaoli, "赵丽的草稿：开放日", "开放日志愿者")
	inReview := create(t, st, zhaoli, "送审：开放日", "开放日流程")
	if _, err := st.Decide(zhaoli, inReview.ID, store.Decision{Action: model.ActSubmit, Opinion: "送审"}); err != nil {
		t.Fatal(err)
	}
	pub, err := st.Import(admin, model.Content{Kind: model.KindMeeting, Title: "开放日总结会", Body: "开放日圆满结束",
		Meeting: &model.Meeting{Name: "总结会", Date: "2025-05-01"}}, store.ImportOptions{Published: true, Owner: "liwei", Date: time.Date(2025, 5, 1, 9, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, st)
	user := func(login string) *model.User {
		u, err := st.User(login)
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	all := ids(find(t, ix, search.Query{Text: "开放日"}))
	if !slices.Equal(all, []uint64{draft.ID, other.ID, inReview.ID, pub.ID}) {
		t.Fatalf("local (full trust): %v", all)
	}
	for _, c := range []struct {
		who  string
		want []uint64
	}{
		{"liwei", []uint64{draft.ID, pub.ID}},               // own draft + archive
		{"zhaoli", []uint64{other.ID, inReview.ID, pub.ID}}, // own + archive
		{"wangyin", []uint64{inReview.ID, pub.ID}},          // waits for the reviewer
		{"shenjl", []uint64{pub.ID}},                        // not at the chief's stage yet
	} {
		if got := ids(find(t, ix, search.Query{Text: "开放日", Viewer: user(c.who)})); !slices.Equal(got, c.want) {
			t.Errorf("%s sees %v, want %v", c.who, got, c.want)
		}
	}
	check := func(name string, q search.Query, want ...uint64) {
		t.Helper()
		q.Text = "开放日"
		if got := ids(find(t, ix, q)); !slices.Equal(got, want) {
			t.Errorf("%s: got %v, want %v", name, got, want)
		}
	}
	check("state", search.Query{States: []model.State{model.StateReview}}, inReview.ID)
	check("kind", search.Query{Kind: model.KindMeeting}, pub.ID)
	check("author", search.Query{Author: "zhaoli"}, other.ID, inReview.ID)
	check("until", search.Query{Until: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, pub.ID)
	check("since", search.Query{Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}, draft.ID, other.ID, inReview.ID)
}

func TestLiveUpdatesAndDroppedEvents(t *testing.T) {
	st := newOffice(t)
	ix := openIndex(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { ix.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	// more changes than the store's event buffer holds: some events drop
	var want []uint64
	for i := range 150 {
		a := create(t, st, liwei, "批量稿件", "第"+strings.Repeat("一", i%3+1)+"篇独有词汇甲乙")
		want = append(want, a.ID)
	}
	waitFor(t, func() bool {
		res, err := ix.Search(context.Background(), search.Query{Text: "甲乙", Limit: 500})
		return err == nil && len(res.Hits) == len(want)
	})
	waitFor(t, func() bool { s, err := ix.Status(); return err == nil && s.Lag() == 0 })
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestDeletedIndexIsRebuilt(t *testing.T) {
	st := newOffice(t)
	a := create(t, st, liwei, "删除索引后", "重建之后还能找到")
	ix := openIndex(t, st)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { ix.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	if err := os.RemoveAll(search.Dir(st.Path())); err != nil {
		t.Fatal(err)
	}
	_, err := ix.Search(context.Background(), search.Query{Text: "重建"})
	if err != search.ErrRebuilding {
		t.Fatalf("first search after the index was deleted: %v, want ErrRebuilding", err)
	}
	waitFor(t, func() bool {
		res, err := ix.Search(context.Background(), search.Query{Text: "重建"})
		return err == nil && len(res.Hits) == 1 && res.Hits[0].Article == a.ID
	})
}

func TestDamagedIndexIsRebuilt(t *testing.T) {
	st := newOffice(t)
	a := create(t, st, liwei, "损坏的索引", "损坏后重建")
	dir := search.Dir(st.Path())
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index_meta.json"), []byte("{garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	var lines []string
	ix, err := search.Open(st, search.Options{Progress: func(l string) { lines = append(lines, l) }})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if _, err := ix.Search(context.Background(), search.Query{Text: "损坏"}); err != search.ErrRebuilding {
		t.Errorf("search before the rebuild: %v", err)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(lines) == 0 || !strings.Contains(lines[0], "重建") {
		t.Errorf("no progress line: %q", lines)
	}
	if got := ids(find(t, ix, search.Query{Text: "损坏"})); !slices.Equal(got, []uint64{a.ID}) {
		t.Errorf("after rebuild: %v", got)
	}
}

// hostile is what an attacker with the database file would like to reach
// a terminal; marker stands in for it while the store validates.
const hostile = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\rEVIL\u202eLTR\n"

var marker = "HOSTILE" + strings.Repeat("_", len(hostile)-len("HOSTILE"))

// tamper replaces the marker with the hostile bytes in every record, as
// someone with the file could (same as the TUI's hostile tests).
func tamper(t *testing.T, st *store.Store) {
	t.Helper()
	esc, _ := json.Marshal(hostile)
	jsonForm := esc[1 : len(esc)-1]
	m := []byte(marker)
	err := st.DB().Update(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			type kv struct{ k, v []byte }
			var puts []kv
			err := b.ForEach(func(k, v []byte) error {
				if !bytes.Contains(v, m) {
					return nil
				}
				var nv []byte
				switch string(name) {
				case "revisions": // uvarint(len(meta)) | meta JSON | raw body
					n, w := binary.Uvarint(v)
					meta := bytes.ReplaceAll(v[w:w+int(n)], m, jsonForm)
					body := bytes.ReplaceAll(v[w+int(n):], m, []byte(hostile))
					nv = binary.AppendUvarint(nil, uint64(len(meta)))
					nv = append(append(nv, meta...), body...)
				case "idx_state":
					nv = bytes.ReplaceAll(v, m, []byte(hostile))
				default:
					nv = bytes.ReplaceAll(v, m, jsonForm)
				}
				puts = append(puts, kv{append([]byte(nil), k...), nv})
				return nil
			})
			if err != nil {
				return err
			}
			for _, p := range puts {
				if err := b.Put(p.k, p.v); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestHostileTextInSnippets(t *testing.T) {
	st := newOffice(t)
	create(t, st, liwei, "标题"+marker+"反转", "恶意"+marker+"文本"+marker+"里的关键词"+marker+"结尾")
	tamper(t, st)
	ix := openIndex(t, st)
	hits := find(t, ix, search.Query{Text: "关键词"})
	if len(hits) != 1 {
		t.Fatalf("hits %v", hits)
	}
	out := hits[0].Title + search.SnippetText(hits[0].Snippet, "[", "]")
	if strings.ContainsAny(out, "\x1b\x07\r\n\u202e") || !strings.Contains(out, "[关键词]") {
		t.Errorf("unsafe bytes reach the result, or the hit is lost: %q", out)
	}
}

func TestFindIsComplete(t *testing.T) {
	text := "开放日。开放\n日。ＫＡＩ开**放**日"
	if got := search.Find(text, "开放日"); len(got) != 3 {
		t.Errorf("Find 开放日 in %q: %v, want 3 places", text, got)
	}
}

func TestSecondIndexIsBusyNotRebuilt(t *testing.T) {
	st := newOffice(t)
	a := create(t, st, liwei, "占用", "索引被占用时不得重建")
	ix := openIndex(t, st)
	if _, err := search.Open(st, search.Options{}); !errors.Is(err, search.ErrBusy) {
		t.Fatalf("a second index on the same store: %v, want ErrBusy", err)
	}
	if got := ids(find(t, ix, search.Query{Text: "占用"})); !slices.Equal(got, []uint64{a.ID}) {
		t.Errorf("the first index after the second open: %v", got)
	}
}

// TestHitsBeyondTheFirstPage: the index's candidates come in pages and
// the search must go on to the next page when a page's candidates fail
// the text check or are hidden from the viewer (bleve stops counting
// early, so its total is no sign that the candidates ran out).
func TestHitsBeyondTheFirstPage(t *testing.T) {
	st := newOffice(t)
	for range 40 {
		create(t, st, liwei, "说明", "甲乙和乙丙") // both pairs, not in order: fails the text check
	}
	for range 40 {
		create(t, st, zhaoli, "赵丽的草稿", "甲乙丙") // a draft liwei may not see
	}
	own := create(t, st, liwei, "李伟的稿", "这里有甲乙丙。")
	ix := openIndex(t, st)
	u, err := st.User("liwei")
	if err != nil {
		t.Fatal(err)
	}
	hits := find(t, ix, search.Query{Text: "甲乙丙", Limit: 1, Viewer: u})
	if got := ids(hits); !slices.Equal(got, []uint64{own.ID}) {
		t.Fatalf("liwei's hits for 甲乙丙 = %v, want [%d] (the only one he may see that holds it)", got, own.ID)
	}
	if all := find(t, ix, search.Query{Text: "甲乙丙", Limit: 100}); len(all) != 41 {
		t.Fatalf("full-trust search found %d hits, want 41", len(all))
	}
}

// TestFindMatchesReference: Find (which jumps between occurrences of the
// query's first character) finds exactly what the plain definition does —
// fold every significant rune of the text, match the folded query against
// that sequence, take matches left to right without overlap — on random
// texts mixing Han, full-width and half-width Latin, case, line breaks,
// emphasis marks and punctuation.
func TestFindMatchesReference(t *testing.T) {
	alphabet := []rune("开放日会议甲乙丙aAｂＢ1１ \n*_，。İk\u212aωΩ")
	r := rand.New(rand.NewPCG(3, 4))
	word := func(n int) string {
		rs := make([]rune, n)
		for i := range rs {
			rs[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(rs)
	}
	for i := range 20000 {
		text, q := word(r.IntN(40)), word(1+r.IntN(4))
		if got, want := search.Find(text, q), referenceFind(text, q); !slices.Equal(got, want) {
			t.Fatalf("case %d: Find(%q, %q) = %v, want %v", i, text, q, got, want)
		}
	}
}

func referenceFind(text, q string) [][2]int {
	fold := func(r rune) rune {
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0
		} else if r == 0x3000 {
			r = ' '
		}
		return r
	}
	sig := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	var needle []rune
	for _, r := range q {
		if sig(fold(r)) {
			needle = append(needle, unicode.ToLower(fold(r)))
		}
	}
	if len(needle) == 0 {
		return nil
	}
	type pos struct {
		r          rune
		start, end int
	}
	var hay []pos
	for i, r := range text {
		if sig(fold(r)) {
			hay = append(hay, pos{unicode.ToLower(fold(r)), i, i + utf8.RuneLen(r)})
		}
	}
	var out [][2]int
	for i := 0; i+len(needle) <= len(hay); {
		ok := true
		for j, r := range needle {
			if hay[i+j].r != r {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, [2]int{hay[i].start, hay[i+len(needle)-1].end})
			i += len(needle)
		} else {
			i++
		}
	}
	return out
}

// TestLaggingIndexProvesNothing: a two-character query's candidates are
// hits without a text check only while the index describes the store as
// it is. After a save the index has not applied yet, the old text's pair
// must not find the article, and a deleted draft must not be found.
func TestLaggingIndexProvesNothing(t *testing.T) {
	st := newOffice(t)
	a := create(t, st, liwei, "稿件", "这里有甲乙两个字。")
	gone := create(t, st, liwei, "要删的稿", "这里也有甲乙。")
	ix := openIndex(t, st) // no Run: nothing catches up by itself
	if got := ids(find(t, ix, search.Query{Text: "甲乙"})); !slices.Equal(got, []uint64{a.ID, gone.ID}) {
		t.Fatalf("before the save: %v", got)
	}
	if _, err := st.Save(liwei, a.ID, a.Rev, model.Content{Kind: model.KindNews, Title: "稿件", Source: "党委宣传部", Body: "改过的正文。"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Delete(liwei, gone.ID); err != nil {
		t.Fatal(err)
	}
	if s, err := ix.Status(); err != nil || s.Lag() == 0 {
		t.Fatalf("the index should lag: %+v %v", s, err)
	}
	if got := find(t, ix, search.Query{Text: "甲乙"}); len(got) != 0 {
		t.Errorf("the lagging index's pair found %v: the current text does not hold 甲乙 and the other is deleted", got)
	}
	if got := ids(find(t, ix, search.Query{Text: "改过"})); len(got) != 0 {
		t.Logf("not yet indexed, as expected: %v", got)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := ids(find(t, ix, search.Query{Text: "改过"})); !slices.Equal(got, []uint64{a.ID}) {
		t.Errorf("after catching up: %v", got)
	}
}

// TestCaptionsAreFound: a media caption or credit is text of the article
// that uses it, though it lives with the media, not in the revision (the
// check that skips decoding revisions must not skip these).
func TestCaptionsAreFound(t *testing.T) {
	st := newOffice(t)
	m, err := st.AddMedia(liwei, "礼堂.png", []byte("\x89PNG\r\n\x1a\n fake png bytes"), "大礼堂全景照片", "摄影部王小明")
	if err != nil {
		t.Fatal(err)
	}
	a := create(t, st, liwei, "带图的报道", "正文没有那几个字。\n\n"+m.Ref()+"\n")
	create(t, st, liwei, "不带图", "礼堂全景照片说明写在这里的不算，全景照礼堂。")
	ix := openIndex(t, st)
	for _, q := range []string{"礼堂全景照片", "王小明", "全景照"} {
		hits := find(t, ix, search.Query{Text: q})
		found := false
		for _, h := range hits {
			found = found || h.Article == a.ID
		}
		if !found {
			t.Errorf("%s (in the caption or credit) does not find the article that uses the media: %v", q, hits)
		}
	}
}

// TestInvisibleCharactersHideNothing: bidi controls, zero-width spaces and
// control characters inside a word do not hide it from search (Find skips
// them; the index must not glue them to the word); escapes and bidi
// controls never reach the snippet.
func TestInvisibleCharactersHideNothing(t *testing.T) {
	st := newOffice(t)
	// the store refuses these characters on input: they are written into
	// the stored body directly, as by someone with the file
	a := create(t, st, liwei, "隐形字符", "关QZW键QLRI词出现在这里，QESC[2J还有QLRIEVILQPDI和FooQZWJBar，王\nQZW音。")
	err := st.DB().Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("revisions"))
		k := binary.BigEndian.AppendUint64(binary.BigEndian.AppendUint64(nil, a.ID), 1)
		v := append([]byte(nil), b.Get(k)...)
		for _, r := range [][2]string{{"QZWJ", "\u200d"}, {"QZW", "\u200b"}, {"QLRI", "\u2066"}, {"QPDI", "\u2069"}, {"QESC", "\x1b"}} {
			v = bytes.ReplaceAll(v, []byte(r[0]), []byte(r[1]))
		}
		return b.Put(k, v)
	})
	if err != nil {
		t.Fatal(err)
	}
	ix := openIndex(t, st)
	for _, q := range []string{"关键词", "键词", "EVIL", "FooBar", "王音"} {
		hits := find(t, ix, search.Query{Text: q})
		if got := ids(hits); !slices.Equal(got, []uint64{a.ID}) {
			t.Errorf("%q: %v, want [%d]", q, got, a.ID)
			continue
		}
		if s := search.SnippetText(hits[0].Snippet, "[", "]"); strings.ContainsAny(s, "\x1b\u2066\u2069\u202e") {
			t.Errorf("%q: the snippet carries an escape or a bidi control: %q", q, s)
		}
	}
}
