package export_test

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

// A scheduled article goes to a real sshd at its time, by the scheduler
// with a test clock, and nginx serves it then and not before: the page,
// the index and the feed. No sleeping: the clock is moved.
func TestScheduledPublishToSSHAndNginx(t *testing.T) {
	dir := t.TempDir()
	port, keyFile, kh := export.StartSSHDForTest(t, dir)
	www := filepath.Join(dir, "www", "news")

	var mu sync.Mutex
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t time.Time) { mu.Lock(); defer mu.Unlock(); now = t }
	st, err := store.Open(filepath.Join(dir, "copydesk.db"), store.Options{Timeout: time.Second, Now: clock, NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	export.AddOfficeUsersForTest(t, st)
	at := now.Add(time.Hour)
	var ids []uint64
	for i, title := range []string{"学院召开安全稳定工作会议", "学院举行新学期开学典礼"} {
		a, err := st.Create(store.Actor{Login: "liwei"}, model.Content{Kind: model.KindNews, Title: title, Source: "党委宣传部",
			Body: fmt.Sprintf("第%d篇。11月30日，学院召开会议。\n\n会议要求各部门开展一次全面排查。\n", i+1)}, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []struct {
			login string
			act   model.Action
		}{{"liwei", model.ActSubmit}, {"wangyin", model.ActApprove}, {"shenjl", model.ActSignOff}} {
			if model.NeedsRead(d.act) {
				if err := st.MarkRead(store.Actor{Login: d.login}, a.ID, 1); err != nil {
					t.Fatal(err)
				}
			}
			dec := store.Decision{Action: d.act, Opinion: "同意"}
			if d.act == model.ActSignOff && i == 0 {
				dec.At = at // 签发 with a time
			}
			if _, err := st.Decide(store.Actor{Login: d.login}, a.ID, dec); err != nil {
				t.Fatalf("%s: %v", d.act, err)
			}
		}
		ids = append(ids, a.ID)
	}
	target := fmt.Sprintf("ssh://%s@127.0.0.1:%d%s", export.LocalUserForTest(), port, www)
	if err := st.AddTarget(store.Actor{Login: "admin"}, "web", target, ""); err != nil {
		t.Fatal(err)
	}
	sch := server.NewScheduler(server.SchedulerConfig{Store: st, Clock: clock, SiteDir: filepath.Join(dir, "site"),
		Publish: export.PublishOptions{KeyFile: keyFile, KnownHosts: kh, Timeout: 10 * time.Second}})

	// The unscheduled article is published with the first due schedule;
	// before then nothing is due and nothing is sent.
	set(at.Add(-time.Minute))
	if rep, err := sch.Tick(); err != nil || len(rep.Published) != 0 {
		t.Fatalf("tick before the time: %+v %v", rep, err)
	}
	hp := export.StartNginxForTest(t, dir, www)
	base := "http://127.0.0.1:" + strconv.Itoa(hp)
	if code, _ := export.HTTPGetForTest(t, base+"/articles/"+strconv.FormatUint(ids[0], 10)+"/"); code != 404 {
		t.Fatalf("before the time the page answers %d", code)
	}

	set(at.Add(30 * time.Second))
	rep, err := sch.Tick()
	if err != nil || len(rep.Failed) != 0 {
		t.Fatalf("tick at the time: %+v %v", rep, err)
	}
	if got := rep.Published["web"]; len(got) != 2 {
		t.Fatalf("published %d articles, want both: %+v", len(got), rep)
	}
	code, body := export.HTTPGetForTest(t, base+"/articles/"+strconv.FormatUint(ids[0], 10)+"/")
	if code != 200 || !strings.Contains(body, "学院召开安全稳定工作会议") {
		t.Fatalf("after the time: %d", code)
	}
	for _, p := range []string{"/", "/feed.xml"} {
		if code, body := export.HTTPGetForTest(t, base+p); code != 200 || !strings.Contains(body, "学院召开安全稳定工作会议") {
			t.Fatalf("GET %s: %d, the scheduled article is missing", p, code)
		}
	}
	a, _ := st.Get(ids[0])
	if a.State != model.StatePublished || len(a.Publications) != 1 || a.Publications[0].Target != "web" || a.Publications[0].Late ||
		!a.PublishedAt.Equal(at) || a.Schedule.Pending() {
		t.Fatalf("record after the publish: %s %+v at %v, schedule %+v", a.State, a.Publications, a.PublishedAt, a.Schedule)
	}
	// Nothing new to publish: a later tick sends nothing and records nothing.
	set(at.Add(10 * time.Minute))
	if rep, err := sch.Tick(); err != nil || len(rep.Published) != 0 {
		t.Fatalf("idle tick: %+v %v", rep, err)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}
