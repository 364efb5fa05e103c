package tui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

func TestSaveConflictShowsDiffAndKeepsBoth(t *testing.T) {
	for _, choice := range []string{"m", "t"} {
		t.Run(choice, func(t *testing.T) {
			st := testStore(t)
			seed(t, st, "draft")
			h := newHarness(t, st, "liwei", 100, 30)
			h.keys("enter")
			if !strings.Contains(h.view(), "编辑 #1") {
				t.Fatalf("compose did not open:\n%s", h.view())
			}
			// Meanwhile, another session saves revision 2.
			theirs := meetingContent()
			theirs.Body = strings.Replace(theirs.Body, "贴近师生", "贴近师生、贴近生活", 1)
			if _, err := st.Save(liwei, 1, 1, theirs); err != nil {
				t.Fatal(err)
			}
			h.keys("我先加一句。", "ctrl+s")
			v := h.view()
			for _, want := range []string{"保存冲突", "冲突稿 1", "{+我先加一句。+}", "[-贴近生活、-]"} {
				if !strings.Contains(v, want) {
					t.Fatalf("conflict view lacks %q:\n%s", want, v)
				}
			}
			drafts, err := st.ConflictDrafts(store.Holder(), 1)
			if err != nil || len(drafts) != 1 || !strings.HasPrefix(drafts[0].Content.Body, "我先加一句。") {
				t.Fatalf("the losing text was not kept: %v %+v", err, drafts)
			}
			h.keys(choice)
			_, head, err := st.Head(1)
			if err != nil {
				t.Fatal(err)
			}
			switch choice {
			case "m": // mine goes on top; theirs stays in the history
				if head.N != 3 || !strings.HasPrefix(head.Content.Body, "我先加一句。") {
					t.Fatalf("keep mine: head is revision %d: %q", head.N, head.Content.Body)
				}
			case "t": // theirs stays; mine is in the conflict draft
				if head.N != 2 || !strings.Contains(h.view(), "贴近生活") || strings.Contains(h.view(), "我先加一句") {
					t.Fatalf("take theirs: head %d, view:\n%s", head.N, h.view())
				}
			}
		})
	}
}

func TestLiveQueueUpdateWithinASecond(t *testing.T) {
	st := testStore(t)
	p := run(t, st, "wangyin")
	p.waitFor("待我审核 0")
	time.Sleep(50 * time.Millisecond)
	start := time.Now()
	seed(t, st, "review")
	teatestWait(t, p, time.Second, "新稿件进入「待我审核」", "待我审核 1")
	if d := time.Since(start); d > time.Second {
		t.Fatalf("the queue updated after %s", d)
	}
	p.quit()
}

func teatestWait(t *testing.T, p *TestProgram, d time.Duration, subs ...string) {
	t.Helper()
	deadline := time.Now().Add(d)
	var seen []byte
	buf := make([]byte, 4096)
	for time.Now().Before(deadline) {
		n, _ := p.tm.Output().Read(buf)
		seen = append(seen, buf[:n]...)
		ok := true
		for _, s := range subs {
			ok = ok && strings.Contains(string(seen), s)
		}
		if ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("not shown within %s: %q", d, subs)
}

// fakePresence records who opens what.
type fakePresence struct {
	mu     sync.Mutex
	open   map[uint64][]string
	closed int
}

func (f *fakePresence) Open(id uint64, login string) func() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.open == nil {
		f.open = map[uint64][]string{}
	}
	f.open[id] = append(f.open[id], login)
	return func() { f.mu.Lock(); f.closed++; f.mu.Unlock() }
}

func (f *fakePresence) state(id uint64) (opens, closed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.open[id]), f.closed
}

func (f *fakePresence) Editors(id uint64, except string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, l := range append([]string{"wangyin"}, f.open[id]...) {
		if l != except {
			out = append(out, l)
		}
	}
	return out
}

func TestPresenceShowsWhoElseIsEditing(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	pr := &fakePresence{}
	app := newApp(Options{Store: st, Actor: liwei, Renderer: asciiRenderer(), Presence: pr}, clock)
	t.Cleanup(func() { app.Close() })
	h := &harness{t: t, app: app}
	h.run(app.Init())
	h.send(testSize)
	h.keys("enter")
	if opens, _ := pr.state(1); opens != 1 {
		t.Fatalf("Presence.Open calls: %d", opens)
	}
	if v := h.view(); !strings.Contains(v, "也在编辑：王音") {
		t.Fatalf("no presence hint:\n%s", v)
	}
	h.keys("esc")
	if _, closed := pr.state(1); closed != 1 {
		t.Fatalf("leaving the article did not end the presence mark (%d)", closed)
	}
}

func TestCommentAddListResolve(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("enter") // a first review opens on the full text
	if !strings.Contains(h.view(), "┃ 11月20日") {
		t.Fatalf("the text view with the paragraph cursor is not shown:\n%s", h.view())
	}
	h.keys("down", "c", "请核实会议时间。", "enter")
	cs, err := st.Comments(store.Holder(), 1)
	if err != nil || len(cs) != 1 || cs[0].Para != 1 || cs[0].Text != "请核实会议时间。" || cs[0].Rev != 1 {
		t.Fatalf("comment not stored on paragraph 2: %v %+v", err, cs)
	}
	if v := h.view(); !strings.Contains(v, "[批注 1]") || !strings.Contains(v, "批注 1") {
		t.Fatalf("the paragraph does not show its comment:\n%s", v)
	}
	h.keys("tab", "tab")
	if v := h.view(); !strings.Contains(v, "请核实会议时间。") || !strings.Contains(v, "待解决") || !strings.Contains(v, "「会议指出") {
		t.Fatalf("comment list:\n%s", v)
	}
	h.keys("x")
	if cs, _ := st.Comments(store.Holder(), 1); !cs[0].Resolved || cs[0].ResolvedBy != "wangyin" {
		t.Fatalf("not resolved: %+v", cs[0])
	}
	if v := h.view(); !strings.Contains(v, "已解决 王音") {
		t.Fatalf("comment list after resolve:\n%s", v)
	}
}

func TestReviewShowsDiffSinceLastApproval(t *testing.T) {
	st := testStore(t)
	seed(t, st, "approved")
	c := meetingContent()
	c.Body = strings.Replace(c.Body, "讲好校园故事", "讲好学院故事", 1)
	if _, err := st.Save(liwei, 1, 1, c); err != nil { // makes the approval stale
		t.Fatal(err)
	}
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("enter")
	v := h.view()
	for _, want := range []string{"改动 +2 −2", "第1版（王音批准）→ 第2版", "[-校园-]{+学院+}", "⋯ 未改动"} {
		if !strings.Contains(v, want) {
			t.Fatalf("diff view lacks %q:\n%s", want, v)
		}
	}
}

func TestHistoryDiffAndAuditTrail(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	c := meetingContent()
	c.Body += "\n补充一段。\n"
	if _, err := st.Save(liwei, 1, 1, c); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "liwei", 100, 30)
	h.keys("v")
	v := h.view()
	for _, want := range []string{"版本 2", "第1版", "第2版", "第1版 → 第2版", "{+补充一段。+}"} {
		if !strings.Contains(v, want) {
			t.Fatalf("history lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "修订") { // 第N版 and N 个版本 everywhere else (tester, 2026-12-01)
		t.Fatalf("the history's tab says 修订 for 版本:\n%s", v)
	}
	h.keys("tab")
	v = h.view()
	for _, want := range []string{"审计记录", "新建", "保存", "李伟"} {
		if !strings.Contains(v, want) {
			t.Fatalf("audit trail lacks %q:\n%s", want, v)
		}
	}
}

func TestFilterAsYouType(t *testing.T) {
	st := testStore(t)
	for _, title := range []string{"学院召开宣传工作会议", "图书馆举办读书月活动", "学院举行新生开学典礼"} {
		c := model.Content{Title: title, Body: "正文。"}
		if _, err := st.Create(liwei, c, ""); err != nil {
			t.Fatal(err)
		}
	}
	h := newHarness(t, st, "liwei", 100, 30)
	if !strings.Contains(h.view(), "草稿 3") {
		t.Fatalf("home:\n%s", h.view())
	}
	h.keys("ctrl+f", "学院")
	v := h.view()
	if !strings.Contains(v, "草稿 2") || strings.Contains(v, "图书馆") {
		t.Fatalf("filter 学院:\n%s", v)
	}
	h.keys("esc")
	if !strings.Contains(h.view(), "草稿 3") {
		t.Fatalf("esc did not clear the filter:\n%s", h.view())
	}
	// Newest first.
	v = h.view()
	if strings.Index(v, "学院举行新生开学典礼") > strings.Index(v, "学院召开宣传工作会议") {
		t.Fatalf("not newest first:\n%s", v)
	}
}

func TestQueueRules(t *testing.T) {
	st := testStore(t)
	admin := store.Actor{Login: "admin"}
	// A second reviewer and a reviewer who is also a chief.
	for _, u := range []model.User{
		{Login: "zhao", Display: "赵", Roles: []model.Role{model.RoleReviewer}},
		{Login: "both", Display: "兼", Roles: []model.Role{model.RoleReviewer, model.RoleChief}},
	} {
		if _, err := st.AddUser(admin, u); err != nil {
			t.Fatal(err)
		}
	}
	seed(t, st, "review")
	// both approves at stage 0; they may not sign off (one stage only).
	if _, err := st.Decide(store.Actor{Login: "both"}, 1, store.Decision{Action: model.ActApprove, Opinion: "同意。", Rev: 1}); err != nil {
		t.Fatal(err)
	}
	queue := func(login string) queues {
		msg := loadQueues(st, login)().(queuesMsg)
		if msg.err != nil {
			t.Fatal(msg.err)
		}
		return msg.q
	}
	if q := queue("both"); len(q[qSignoff]) != 0 || len(q[qReview]) != 0 {
		t.Fatalf("a user who acted at stage 0 is offered stage 1: %+v", q)
	}
	if q := queue("shenjl"); len(q[qSignoff]) != 1 {
		t.Fatalf("the chief does not see the sign-off: %+v", q)
	}
	if q := queue("zhao"); len(q[qReview]) != 0 {
		t.Fatalf("a reviewer sees an article waiting for the chief: %+v", q)
	}
	if q := queue("liwei"); len(q[qSubmitted]) != 1 || q[qSubmitted][0].stage != "主编签发" {
		t.Fatalf("the writer's submitted queue: %+v", q[qSubmitted])
	}
}

// Every page at every size draws exactly the frame: no line wider than the
// terminal, exactly as many lines as it is high.
func TestFramesFitTheTerminal(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	c := meetingContent()
	c.Title = strings.Repeat("很长的标题", 20)
	c.Body = strings.Repeat("这是一段很长的正文，用来检查换行。", 60) + "\n\nEnglish words mixed with 中文 and an emoji 👩‍👩‍👧 here.\n"
	if _, err := st.Create(liwei, c, ""); err != nil {
		t.Fatal(err)
	}
	for _, sz := range [][2]int{{80, 24}, {100, 30}, {120, 40}, {200, 60}, {60, 16}} {
		w, hh := sz[0], sz[1]
		check := func(where, frame string) {
			t.Helper()
			lines := strings.Split(frame, "\n")
			if len(lines) != hh {
				t.Errorf("%dx%d %s: %d lines:\n%s", w, hh, where, len(lines), frame)
			}
			for i, l := range lines {
				if lw := ansi.StringWidth(l); lw > w {
					t.Errorf("%dx%d %s: line %d is %d wide: %q", w, hh, where, i+1, lw, l)
				}
			}
		}
		h := newHarness(t, st, "liwei", w, hh)
		check("home", h.view())
		h.keys("f1")
		check("help", h.view())
		h.keys("esc", "enter")
		check("compose", h.view())
		h.keys("ctrl+p")
		check("preview", h.view())
		h.keys("ctrl+p", "ctrl+o")
		check("meta form", h.view())
		h.keys("esc", "ctrl+t")
		check("submit dialog", h.view())
		h.keys("n", "esc", "v")
		check("history", h.view())
		h.keys("tab")
		check("audit", h.view())
		h.keys("esc", "m")
		check("meeting form", h.view())
		h.keys("esc")
		// Resize on the fly.
		h.send(tea.WindowSizeMsg{Width: w, Height: hh})
		r := newHarness(t, st, "wangyin", w, hh)
		r.keys("enter")
		check("review text", r.view())
		r.keys("tab")
		check("review preview", r.view())
		r.keys("tab")
		check("review comments", r.view())
		r.keys("a", "同意", "enter")
		check("approve dialog", r.view())
	}
}

func TestWriterSessionWithoutRoleToWriteCannotCreate(t *testing.T) {
	st := testStore(t)
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("n")
	if v := h.view(); !strings.Contains(v, "无权操作") {
		t.Fatalf("a reviewer could start writing:\n%s", v)
	}
}

type disconnectMsg struct{}

func (disconnectMsg) Disconnecting() string { return "服务器关闭" }

func TestDisconnectSavesAndReleases(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	pr := &fakePresence{}
	app := newApp(Options{Store: st, Actor: liwei, Renderer: asciiRenderer(), Presence: pr}, clock)
	t.Cleanup(func() { app.Close() })
	h := &harness{t: t, app: app}
	h.run(app.Init())
	h.send(testSize)
	h.keys("enter", "断线前写的一句。")
	h.send(disconnectMsg{})
	if _, head, _ := st.Head(1); !strings.HasPrefix(head.Content.Body, "断线前写的一句。") {
		t.Fatalf("unsaved text was lost on disconnect: %q", head.Content.Body)
	}
	if _, closed := pr.state(1); closed != 1 || app.life.sub.active() {
		t.Fatalf("presence closed %d, subscription active %v", closed, app.life.sub.active())
	}
	if !strings.Contains(h.view(), "连接即将断开：服务器关闭") {
		t.Fatalf("no notice:\n%s", h.view())
	}
}

func TestWatchdogReleasesAVanishedSession(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	pr := &fakePresence{}
	keepaliveEvery, idleRelease = 10*time.Millisecond, 40*time.Millisecond
	app := newApp(Options{Store: st, Actor: liwei, Renderer: asciiRenderer(), Presence: pr}, clock)
	keepaliveEvery, idleRelease = 30*time.Second, 95*time.Second
	t.Cleanup(func() { app.Close() })
	// While the harness drives it (it waits for commands), nothing is idle.
	app.life.keepalive.Store(int64(time.Hour))
	app.life.idleAfter.Store(int64(time.Hour))
	h := &harness{t: t, app: app}
	h.run(app.Init())
	h.send(testSize)
	h.keys("enter")
	app.life.idleAfter.Store(int64(40 * time.Millisecond))
	if opens, _ := pr.state(1); !app.life.sub.active() || opens != 1 {
		t.Fatal("not subscribed or not marked present")
	}
	time.Sleep(150 * time.Millisecond) // no Update: the program is gone
	if _, closed := pr.state(1); app.life.sub.active() || closed != 1 {
		t.Fatalf("the watchdog kept the session: subscribed %v, presence closed %d", app.life.sub.active(), closed)
	}
	app.life.idleAfter.Store(int64(time.Hour))
	h.send(keepaliveMsg{}) // it was only busy: take everything again
	if opens, _ := pr.state(1); !app.life.sub.active() || opens != 2 {
		t.Fatalf("not taken again: subscribed %v, opens %d", app.life.sub.active(), opens)
	}
}

func TestReviewPreviewTabRendersTheRevision(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("enter", "tab") // from the text to the preview
	v := h.view()
	if !strings.Contains(v, "党委宣传部召开2024年宣传工作会议") || !strings.Contains(v, "会议指出，新闻宣传要贴近师生") {
		t.Fatalf("preview tab:\n%s", v)
	}
	// The render is cached by (article, revision, width, style): coming
	// back needs no new render.
	r, _ := h.app.s.previewer()
	if _, ok := r.Cached(r.Key(1, 1, 96)); !ok {
		t.Fatal("the preview of revision 1 at width 96 is not cached")
	}
}

func TestApprovalOfAChangedArticleIsRefusedAndReloaded(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	h := newHarness(t, st, "wangyin", 100, 30)
	h.keys("enter", "a", "同意。", "enter")
	if !strings.Contains(h.view(), "第 1 版") {
		t.Fatalf("confirm:\n%s", h.view())
	}
	// The writer edits while the reviewer looks at the confirmation.
	c := meetingContent()
	c.Body += "\n补充。\n"
	if _, err := st.Save(liwei, 1, 1, c); err != nil {
		t.Fatal(err)
	}
	h.keys("y")
	v := h.view()
	if !strings.Contains(v, "文章已被修改，请重新阅读后再决定") || !strings.Contains(v, "第2版") {
		t.Fatalf("the stale approval was not refused and reloaded:\n%s", v)
	}
	if a, _ := st.Get(1); len(a.ValidApprovals()) != 0 {
		t.Fatalf("an approval was recorded on the changed article: %+v", a.Approvals)
	}
}

func TestExternalEditorTextIsReadBack(t *testing.T) {
	t.Setenv("VISUAL", "")
	t.Setenv("EDITOR", "code --wait")
	if cmd := editorCommand("/tmp/x.md"); strings.Join(cmd.Args, " ") != "code --wait /tmp/x.md" {
		t.Fatalf("editor command: %q", cmd.Args)
	}
	st := testStore(t)
	seed(t, st, "draft")
	app := newApp(Options{Store: st, Actor: liwei, Renderer: asciiRenderer(), Local: true}, clock)
	t.Cleanup(func() { app.Close() })
	h := &harness{t: t, app: app}
	h.run(app.Init())
	h.send(testSize)
	h.keys("enter")
	c := app.top().(*composePage)
	path := filepath.Join(t.TempDir(), "body.md")
	if err := os.WriteFile(path, []byte("\uFEFF外部编辑器写的正文。\r\n第二段。\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.send(pageMsg{to: c, msg: externalDoneMsg{path: path}})
	if got := c.body.Value(); got != "外部编辑器写的正文。\n第二段。\n" {
		t.Fatalf("body after $EDITOR: %q", got)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatal("the temporary file was left behind")
	}
	h.keys("ctrl+s")
	if _, head, _ := st.Head(1); head.Content.Body != "外部编辑器写的正文。\n第二段。" {
		t.Fatalf("not saved: %q", head.Content.Body)
	}
}
