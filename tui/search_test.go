package tui

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/store"
)

// searchHarness is a session of login with a real search index.
func searchHarness(t *testing.T, st *store.Store, login string, w, h int) (*harness, *search.Index) {
	t.Helper()
	ix, err := search.Open(st, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	app := newApp(Options{Store: st, Actor: store.Actor{Login: login}, Renderer: asciiRenderer(), Search: ix}, clock)
	t.Cleanup(func() { app.Close() })
	hs := &harness{t: t, app: app}
	hs.run(app.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs, ix
}

func TestSearchPage(t *testing.T) {
	st := testStore(t)
	mine, err := st.Create(liwei, model.Content{Title: "学院召开开放日筹备会", Body: "校园开放日安排在五月。\n\n各学院做好接待。"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Import(store.Actor{Login: "admin"}, model.Content{Kind: model.KindMeeting, Title: "开放日总结会" + marker,
		Body: "开放日" + marker + "圆满结束，接待家长三千人次。", Meeting: &model.Meeting{Name: "总结会", Date: "2025-05-20"}},
		store.ImportOptions{Published: true, Owner: "liwei"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddUser(store.Actor{Login: "admin"}, model.User{Login: "zhaoli", Display: "赵丽", Roles: []model.Role{model.RoleWriter}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Create(store.Actor{Login: "zhaoli"}, model.Content{Title: "赵丽的草稿：开放日", Body: "开放日内部安排。"}, ""); err != nil {
		t.Fatal(err)
	}
	tamper(t, st)
	h, _ := searchHarness(t, st, "liwei", 90, 30)

	h.keys("/")
	if _, ok := h.app.top().(*searchPage); !ok {
		t.Fatalf("/ on home did not open search:\n%s", h.view())
	}
	h.keys("开放日")
	v := h.app.top().view()
	if !strings.Contains(v, "学院召开开放日筹备会") || !strings.Contains(v, "开放日总结会") || !strings.Contains(v, "【开放日】") {
		t.Fatalf("results:\n%s", v)
	}
	if strings.Contains(v, "赵丽的草稿") {
		t.Errorf("liwei sees another user's draft:\n%s", v)
	}
	// stored escapes and bidi controls never reach the page's text, and
	// every line fits the width
	if strings.ContainsAny(v, "\x1b\x07\r\u202e") {
		t.Errorf("unsafe bytes in the search page: %q", v)
	}
	for _, line := range strings.Split(v, "\n") {
		if w := ansi.StringWidth(line); w > 90 {
			t.Errorf("line wider than the frame (%d): %q", w, line)
		}
	}
	// the rows' dates are in the office zone: the screen says so once
	if n := strings.Count(h.view(), "时区：北京时间"); n != 1 {
		t.Errorf("the search page names the time zone %d times, want 1:\n%s", n, h.view())
	}
	// tab filters by state: 草稿 first
	h.keys("tab")
	v = h.app.top().view()
	if !strings.Contains(v, "学院召开开放日筹备会") || strings.Contains(v, "开放日总结会") {
		t.Errorf("state filter 草稿:\n%s", v)
	}
	// typed filters
	h.keys("tab", "tab", "tab", "tab", "tab") // back to 全部
	h.keys(" 类型:meeting")
	v = h.app.top().view()
	if strings.Contains(v, "学院召开开放日筹备会") || !strings.Contains(v, "开放日总结会") {
		t.Errorf("kind filter typed as 类型:meeting:\n%s", v)
	}
	// enter opens the hit: the writer's own draft opens in the editor
	for range 30 {
		h.send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	h.keys("筹备")
	h.keys("enter")
	if c, ok := h.app.top().(*composePage); !ok || c.id != mine.ID {
		t.Fatalf("enter did not open the draft in the editor: %T\n%s", h.app.top(), h.view())
	}
}

func TestSearchPageRebuilding(t *testing.T) {
	st := testStore(t)
	if _, err := st.Create(liwei, model.Content{Title: "重建中", Body: "索引重建。"}, ""); err != nil {
		t.Fatal(err)
	}
	h, _ := searchHarness(t, st, "liwei", 90, 30)
	if err := os.RemoveAll(search.Dir(st.Path())); err != nil {
		t.Fatal(err)
	}
	h.keys("/", "重建")
	if v := h.app.top().view(); !strings.Contains(v, "搜索索引正在重建") {
		t.Errorf("a deleted index does not say it is rebuilding:\n%s", v)
	}
}

func TestSearchPageStaleResult(t *testing.T) {
	st := testStore(t)
	h, _ := searchHarness(t, st, "liwei", 90, 30)
	h.keys("/")
	p := h.app.top().(*searchPage)
	p.gen, p.shown = 5, 5
	p.res = &search.Results{Hits: []search.Hit{{Article: 1, Title: "新的结果", State: model.StateDraft}}}
	p.update(searchResultMsg{gen: 3, res: &search.Results{Hits: []search.Hit{{Article: 2, Title: "旧的结果", State: model.StateDraft}}}})
	if v := p.view(); strings.Contains(v, "旧的结果") || !strings.Contains(v, "新的结果") {
		t.Errorf("an older query's result replaced a newer one:\n%s", v)
	}
}

func TestFindInArticle(t *testing.T) {
	st := testStore(t)
	body := "第一段提到开放日。\n\n第二段没有。\n\n第三段：开放\n日再次出现，ＡＢＣ也在。"
	a, err := st.Create(liwei, model.Content{Title: "查找测试", Body: body}, "")
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "liwei", 80, 30)
	h.send(pushMsg{newArticlePage(h.app.s, a.ID)})
	h.run(h.app.top().(*articlePage).load())
	p := h.app.top().(*articlePage)
	h.keys("/", "开放日", "enter")
	if len(p.find.hits) != 2 || p.para != 0 {
		t.Fatalf("hits %+v, paragraph %d", p.find.hits, p.para)
	}
	v := h.app.top().view()
	if !strings.Contains(v, "【开放日】") || !strings.Contains(v, "第 1/2 处") {
		t.Errorf("find marks:\n%s", v)
	}
	h.keys("n")
	if p.find.cur != 1 || p.para != 2 {
		t.Errorf("n: current %d, paragraph %d", p.find.cur, p.para)
	}
	// the match broken by a line break is marked on both lines
	if v := h.app.top().view(); !strings.Contains(v, "【开放】") || !strings.Contains(v, "【日】") {
		t.Errorf("a place across a line break:\n%s", v)
	}
	h.keys("n")
	if p.find.cur != 0 || p.para != 0 {
		t.Errorf("n wraps round: current %d, paragraph %d", p.find.cur, p.para)
	}
	h.keys("N")
	if p.find.cur != 1 {
		t.Errorf("N: current %d", p.find.cur)
	}
	h.keys("/")
	for range 10 {
		h.send(tea.KeyMsg{Type: tea.KeyBackspace})
	}
	h.keys("abc", "enter")
	if len(p.find.hits) != 1 || p.para != 2 {
		t.Errorf("half-width abc finds full-width ＡＢＣ: %+v", p.find.hits)
	}
	h.keys("esc")
	if p.find.query != "" || strings.Contains(h.app.top().view(), "【") {
		t.Errorf("esc does not end find")
	}
	if _, ok := h.app.top().(*articlePage); !ok {
		t.Errorf("esc with find on left the page")
	}
}

// TestSearchPageShowsTheReadersText: a hit in Markdown shows on the search
// page as the reader sees it — no **, #, link addresses or table rules —
// with the hit marked on its words, even in a narrow terminal (the hit
// starts within the first quarter of the snippet, counted in columns).
func TestSearchPageShowsTheReadersText(t *testing.T) {
	st := testStore(t)
	body := "# 一、部署\n\n" + strings.Repeat("会议通报了上学期学生工作考核情况。", 8) +
		"党委书记**张明**主持会议，详见[学校通知](https://news.example.cn/a)。\n\n| 项目 | 负责人 |\n| --- | --- |\n| 学风建设 | 王芳 |\n"
	if _, err := st.Create(liwei, model.Content{Title: "学生工作部署会", Body: body}, ""); err != nil {
		t.Fatal(err)
	}
	h, _ := searchHarness(t, st, "liwei", 90, 24)
	h.keys("/")
	h.keys("张明主持")
	for _, w := range []int{90, 50} {
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		v := h.app.top().view()
		want := "【张明主持】会议，详见学校通知"
		if w < 60 {
			want = "【张明主持】会议" // the line is cut, the hit is not
		}
		if !strings.Contains(v, want) || strings.Contains(v, "**") || strings.Contains(v, "https://") {
			t.Errorf("width %d: the snippet is not the reader's text with the hit marked:\n%s", w, v)
		}
	}
}

// A signed-off article under 定时发布 shows 定时 and its time in the
// search results, as on the home queue.
func TestSearchRowShowsSchedule(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "signed")
	at := testNow.Add(48 * time.Hour)
	if _, err := st.Decide(shenjl, a.ID, store.Decision{Action: model.ActSchedule, Opinion: "会后发布", At: at}); err != nil {
		t.Fatal(err)
	}
	h, _ := searchHarness(t, st, "shenjl", 100, 30)
	h.keys("/", "宣传工作")
	v := h.app.top().view()
	want := "定时 " + h.app.s.fmtTime(at)
	if !strings.Contains(v, "党委宣传部召开") || !strings.Contains(v, want) {
		t.Fatalf("the scheduled row lacks %q:\n%s", want, v)
	}
}
