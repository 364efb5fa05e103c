package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

// testClock is the time of a test: it moves only when the test says.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// signed takes a draft by chen through 审核 (li) and 签发 (zhao).
func (o *office) signed(t *testing.T, title string) uint64 {
	t.Helper()
	id := o.article(t, o.chen, title, "11月20日，学院召开安全稳定工作会议。\n\n会议要求各部门开展一次全面排查。\n")
	for _, d := range []struct {
		u   *user
		act model.Action
	}{{o.chen, model.ActSubmit}, {o.li, model.ActApprove}, {o.zhao, model.ActSignOff}} {
		if model.NeedsRead(d.act) {
			a, _ := o.st.Get(id)
			if err := o.st.MarkRead(d.u.actor(), id, a.Rev); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := o.st.Decide(d.u.actor(), id, store.Decision{Action: d.act, Opinion: "同意"}); err != nil {
			t.Fatalf("%s: %v", d.act, err)
		}
	}
	return id
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// 定时发布 end to end on one database with a test clock: a writer and a
// reviewer cannot schedule over SSH, the chief can; an SSH export leaves
// the article out before its time and has it after; the scheduler
// publishes it at its time to a site target, refuses a schedule whose
// approval went stale (and says why in article show), and after a
// restart publishes a missed one late, with a note. No sleeping: the
// clock is moved.
func TestScheduleOverSSHAndScheduler(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	clk := &testClock{t: t0}
	o := newOfficeWith(t, store.Options{NoSync: true, Now: clk.Now})
	ts := start(t, o, nil)
	at := t0.Add(time.Hour)
	atText := at.In(model.OfficeZone).Format("2006-01-02 15:04") // office time zone (Asia/Shanghai)

	id := o.signed(t, "学院召开安全稳定工作会议")
	cmd := "article schedule " + itoa(id) + " --at '" + atText + "' -m 会后发布"
	for _, u := range []*user{o.chen, o.li} {
		if r := ts.runAs(t, u, "", cmd); r.code != 4 {
			t.Fatalf("%s scheduled over SSH: %+v", u.login, r)
		}
	}
	if r := ts.runAs(t, o.zhao, "", cmd); r.code != 0 {
		t.Fatalf("chief schedules: %+v", r)
	}
	a, _ := o.st.Get(id)
	if a.Schedule == nil || !a.Schedule.At.Equal(at) || a.Schedule.Login != "zhao" {
		t.Fatalf("schedule %+v", a.Schedule)
	}

	// Every export from this database holds the embargo against its clock.
	page := filepath.Join(o.dir, "site", "articles", itoa(id), "index.html")
	if r := ts.runAs(t, o.zhao, "", "export"); r.code != 0 || exists(page) {
		t.Fatalf("export over SSH before the time: %+v, page exists: %v", r, exists(page))
	} else if want := "#" + itoa(id) + "《学院召开安全稳定工作会议》定时发布，" + atText + " 上线"; !strings.Contains(r.stdout, want) {
		t.Fatalf("the export over SSH does not say it held the article back (%q):\n%s", want, r.stdout)
	}

	web := filepath.Join(t.TempDir(), "www")
	if r := ts.runAs(t, o.wang, "", "site target add web --to "+web); r.code != 4 {
		t.Fatalf("over SSH a folder target outside the export folders: %+v", r)
	}
	// web is served at the site's address (the base-url setting, which
	// every export uses); mirror at its own, so it gets its own export.
	if err := o.st.SetSettings(o.wang.actor(), store.SiteSettings{BaseURL: "https://news.example.edu.cn"}); err != nil {
		t.Fatal(err)
	}
	if err := o.st.AddTarget(o.wang.actor(), "web", web, ""); err != nil { // locally: full trust
		t.Fatal(err)
	}
	mirror := filepath.Join(t.TempDir(), "mirror")
	if err := o.st.AddTarget(o.wang.actor(), "mirror", mirror, "https://mirror.example.edu.cn/xw/"); err != nil {
		t.Fatal(err)
	}
	if r := ts.runAs(t, o.wang, "", "site target add inside --to "+filepath.Join(o.dir, "site", "www")); r.code != 0 {
		t.Fatalf("target inside the export folder: %+v", r)
	}
	if r := ts.runAs(t, o.wang, "", "site target remove inside"); r.code != 0 {
		t.Fatalf("target remove: %+v", r)
	}
	if r := ts.runAs(t, o.zhao, "", "site target add web2 --to "+filepath.Join(o.dir, "site", "www")); r.code != 4 || !strings.Contains(r.stderr, "管理员") {
		t.Fatalf("chief adds a target: %+v", r)
	}
	var logs []string
	sch := server.NewScheduler(server.SchedulerConfig{Store: o.st, Clock: clk.Now, Logf: func(f string, a ...any) { logs = append(logs, f) }})
	clk.Set(at.Add(-time.Second))
	if rep, err := sch.Tick(); err != nil || len(rep.Published) != 0 || exists(filepath.Join(web, "articles", itoa(id))) {
		t.Fatalf("tick before the time: %+v %v", rep, err)
	}

	// A second schedule goes stale: the writer edits after the sign-off.
	stale := o.signed(t, "关于调整作息时间的通知")
	if _, err := o.st.Decide(o.zhao.actor(), stale, store.Decision{Action: model.ActSchedule, Opinion: "同时发布", At: at}); err != nil {
		t.Fatal(err)
	}
	sa, _ := o.st.Get(stale)
	if _, err := o.st.Save(o.chen.actor(), stale, sa.Rev, model.Content{Kind: model.KindNews, Title: "关于调整作息时间的通知", Body: "改过的正文。\n"}); err != nil {
		t.Fatal(err)
	}

	clk.Set(at)
	rep, err := sch.Tick()
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Published["web"]; len(got) != 1 || got[0].ID != id || got[0].LastPublication().Late {
		t.Fatalf("published at the time: %+v", rep)
	}
	if !exists(filepath.Join(web, "articles", itoa(id), "index.html")) || exists(filepath.Join(web, "articles", itoa(stale))) {
		t.Fatal("the target does not hold exactly the scheduled article")
	}
	if rep.Refused[stale] == nil {
		t.Fatalf("stale schedule not refused: %+v", rep)
	}
	a, _ = o.st.Get(id)
	if a.State != model.StatePublished || a.Schedule.Pending() || len(a.Publications) != 2 || a.Publications[0].Target != "web" || a.Publications[0].Rev != a.Signed.Rev {
		t.Fatalf("after the publish: %s %+v %+v", a.State, a.Schedule, a.Publications)
	}
	// Each publication records the article's public URL at its target,
	// and each target's sitemap names its own address.
	webURL, mirrorURL := "https://news.example.edu.cn/articles/"+itoa(id)+"/", "https://mirror.example.edu.cn/xw/articles/"+itoa(id)+"/"
	if a.Publications[0].URL != webURL || a.Publications[1].Target != "mirror" || a.Publications[1].URL != mirrorURL {
		t.Fatalf("publication URLs: %+v", a.Publications)
	}
	for dir, u := range map[string]string{web: webURL, mirror: mirrorURL} {
		if b, err := os.ReadFile(filepath.Join(dir, "sitemap.xml")); err != nil || !strings.Contains(string(b), "<loc>"+u+"</loc>") {
			t.Fatalf("sitemap.xml of %s lacks %s: %v\n%s", dir, u, err, b)
		}
	}
	if r := ts.runAs(t, o.zhao, "", "article show "+itoa(id)); !strings.Contains(r.stdout, webURL) || !strings.Contains(r.stdout, mirrorURL) {
		t.Fatalf("article show lacks the public URLs:\n%s", r.stdout)
	}
	if r := ts.runAs(t, o.zhao, "", "export"); r.code != 0 || !exists(page) {
		t.Fatalf("export over SSH after the time: %+v", r)
	}
	r := ts.runAs(t, o.zhao, "", "article show "+itoa(stale))
	if !strings.Contains(r.stdout, "定时发布被拒") || !strings.Contains(r.stdout, "签发已失效") {
		t.Fatalf("show of the refused schedule:\n%s", r.stdout)
	}
	trail, _ := o.st.Trail(store.Holder(), stale)
	if last := trail[len(trail)-1]; last.Action != model.ActScheduleRefused || last.Actor != store.SchedulerLogin {
		t.Fatalf("audit of the refusal: %+v", last)
	}
	// The refused one stays off the site; a later tick does not retry it.
	clk.Set(at.Add(time.Minute))
	if rep, err := sch.Tick(); err != nil || len(rep.Refused)+len(rep.Published) != 0 {
		t.Fatalf("tick after the refusal: %+v %v", rep, err)
	}
	if exists(filepath.Join(o.dir, "site", "articles", itoa(stale))) || exists(filepath.Join(o.dir, "site-mirror", "articles", itoa(stale))) {
		t.Fatal("a refused schedule's article was exported")
	}

	// The server is down over the next schedule's time; after the restart
	// it goes out late, and says so.
	late := o.signed(t, "学院举行新学期开学典礼")
	lateAt := at.Add(2 * time.Hour)
	if _, err := o.st.Decide(o.zhao.actor(), late, store.Decision{Action: model.ActSchedule, Opinion: "典礼结束后发", At: lateAt}); err != nil {
		t.Fatal(err)
	}
	clk.Set(lateAt.Add(3 * time.Hour))
	restarted := server.NewScheduler(server.SchedulerConfig{Store: o.st, Clock: clk.Now})
	rep, err = restarted.Tick()
	if err != nil {
		t.Fatal(err)
	}
	if got := rep.Published["web"]; len(got) != 1 || got[0].ID != late || !got[0].LastPublication().Late {
		t.Fatalf("late publish: %+v", rep)
	}
	r = ts.runAs(t, o.zhao, "", "article show "+itoa(late))
	if !strings.Contains(r.stdout, "迟发") {
		t.Fatalf("show of the late one:\n%s", r.stdout)
	}
	if r := ts.runAs(t, o.zhao, "", "verify"); r.code != 0 {
		t.Fatalf("verify: %+v", r)
	}
}
