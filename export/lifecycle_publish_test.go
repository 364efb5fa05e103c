package export

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// lifecycleOffice is a store with three signed-off articles; its clock
// advances an hour at every reading.
func lifecycleOffice(t *testing.T) *store.Store {
	t.Helper()
	var mu sync.Mutex
	clock := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	now := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		clock = clock.Add(time.Hour)
		return clock
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "copydesk.db"), store.Options{Timeout: time.Second, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	AddOfficeUsersForTest(t, st)
	titles := []string{"学院召开安全稳定工作会议", "图书馆延长晚间开放时间", "学院举行新生开学典礼"}
	for i, title := range titles {
		c := model.Content{Kind: model.KindNews, Title: title, Source: "党委宣传部",
			Body: fmt.Sprintf("第%d篇。11月20日下午，学院召开会议，会议时间为下午三点。\n\n会议要求各部门开展一次全面排查。\n", i+1)}
		a, err := st.Create(store.Actor{Login: "liwei"}, c, "")
		if err != nil {
			t.Fatal(err)
		}
		decideAs(t, st, "liwei", a.ID, model.ActSubmit, "")
		decideAs(t, st, "wangyin", a.ID, model.ActApprove, "同意")
		decideAs(t, st, "shenjl", a.ID, model.ActSignOff, "同意发布")
	}
	return st
}

func decideAs(t *testing.T, st *store.Store, login string, id uint64, act model.Action, opinion string) {
	t.Helper()
	if model.NeedsRead(act) {
		h, _ := st.Get(id)
		if err := st.MarkRead(store.Actor{Login: login}, id, h.Rev); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.Decide(store.Actor{Login: login}, id, store.Decision{Action: act, Opinion: opinion}); err != nil {
		t.Fatalf("%s %s %d: %v", login, act, id, err)
	}
}

// TestCorrectionAndTakedownPublished drives 更正 and 撤稿 from the store to
// a real sshd and nginx: the correction shows its dated note and the new
// text (and the old text until it is signed off); the takedown leaves no
// trace in the index, the feed and the sitemap, and the article's URL
// answers the notice — or 410 with either nginx snippet of the README.
func TestCorrectionAndTakedownPublished(t *testing.T) {
	st := lifecycleOffice(t)
	dir := t.TempDir()
	port, keyFile, kh := startSSHD(t, dir)
	www := filepath.Join(dir, "www", "news")
	target := fmt.Sprintf("ssh://%s@127.0.0.1:%d%s", localUser(), port, www)
	popts := PublishOptions{KeyFile: keyFile, KnownHosts: kh, Timeout: 10 * time.Second}
	site := filepath.Join(dir, "site")
	opts := Options{BaseURL: "https://news.example.edu.cn/", NoSync: true}
	publish := func(o Options) {
		t.Helper()
		if _, err := Export(FromStore(st), site, o); err != nil {
			t.Fatal(err)
		}
		if _, err := Publish(site, target, popts); err != nil {
			t.Fatal(err)
		}
	}
	publish(opts)
	hp := startNginx(t, filepath.Join(dir, "n1"), www)
	get := func(port int, path string) (int, string) {
		t.Helper()
		return httpGet(t, "http://127.0.0.1:"+strconv.Itoa(port)+path)
	}

	// 更正 of article 1: while in review the site keeps the signed text.
	r, _ := st.Revision(1, 1)
	c := r.Content
	c.Body = strings.Replace(c.Body, "下午三点", "下午两点半", 1)
	const note = "原稿所载会议时间有误，应为下午两点半，特此更正。"
	if _, err := st.Correct(store.Actor{Login: "liwei"}, 1, note, &c, 1); err != nil {
		t.Fatal(err)
	}
	publish(opts)
	if code, body := get(hp, "/articles/1/"); code != 200 || !strings.Contains(body, "下午三点") || strings.Contains(body, "特此更正") {
		t.Fatalf("correction in review: GET /articles/1/ %d, old text %v, note %v", code, strings.Contains(body, "下午三点"), strings.Contains(body, "特此更正"))
	}
	decideAs(t, st, "wangyin", 1, model.ActApprove, "同意更正")
	decideAs(t, st, "shenjl", 1, model.ActSignOff, "同意更正")
	a, _ := st.Get(1)
	day := a.Signed.At.In(model.OfficeZone).Format("2006-01-02")

	// 撤稿 of article 2.
	decideAs(t, st, "shenjl", 2, model.ActTakedown, "涉及未公开信息，撤稿")
	publish(opts)

	code, body := get(hp, "/articles/1/")
	if code != 200 || !strings.Contains(body, "下午两点半") || strings.Contains(body, "下午三点") {
		t.Errorf("corrected page: %d, new text %v, old text gone %v", code, strings.Contains(body, "下午两点半"), !strings.Contains(body, "下午三点"))
	}
	if !strings.Contains(body, "<strong>更正</strong>（<time datetime=") || !strings.Contains(body, day+"</time>）："+note) {
		t.Errorf("corrected page lacks the dated note (%s):\n%s", day, body)
	}
	_, feed := get(hp, "/feed.xml")
	entry := feed[strings.Index(feed, "<title>学院召开安全稳定工作会议</title>"):]
	entry = entry[:strings.Index(entry, "</entry>")]
	pub := between(entry, "<published>", "</published>")
	upd := between(entry, "<updated>", "</updated>")
	if pub == "" || upd <= pub || !strings.HasPrefix(upd, day) {
		t.Errorf("feed entry of the corrected article: published %q updated %q (want updated on %s, after published)", pub, upd, day)
	}

	code, body = get(hp, "/articles/2/")
	if code != 200 || !strings.Contains(body, "稿件已撤下") || strings.Contains(body, "图书馆延长晚间开放时间") || strings.Contains(body, "涉及未公开信息") {
		t.Errorf("taken-down article: %d\n%s", code, body)
	}
	for _, p := range []string{"/", "/feed.xml", "/sitemap.xml"} {
		code, body := get(hp, p)
		if code != 200 || strings.Contains(body, "articles/2/") || strings.Contains(body, "图书馆延长晚间开放时间") {
			t.Errorf("GET %s: %d, still names the taken-down article", p, code)
		}
		if !strings.Contains(body, "articles/3/") {
			t.Errorf("GET %s does not list article 3", p)
		}
	}
	if strings.Contains(body, "copydesk:provenance") || strings.Contains(body, "copydesk:approval") {
		t.Error("the taken-down article's notice still carries its provenance record")
	}
	if code, _ := get(hp, "/articles/2/provenance.json"); code != 404 {
		t.Errorf("/articles/2/provenance.json: %d, want 404", code)
	}

	// 410: the export removes the notice and marks the article; nginx
	// answers 410 with the marker snippet (no reload) and with gone.conf.
	opts.Takedown = Takedown410
	publish(opts)
	if _, err := os.Stat(filepath.Join(www, "articles", "2", "index.html")); err == nil {
		t.Error("410 mode left the notice page on the server")
	}
	marker := `location ~ ^(/articles/[0-9]+/) { if (-f $document_root$1gone) { return 410; } }`
	h410 := startNginxWith(t, filepath.Join(dir, "n2"), www, marker)
	hconf := startNginxWith(t, filepath.Join(dir, "n3"), www, "include "+filepath.Join(www, "gone.conf")+";")
	for _, p := range []int{h410, hconf} {
		for _, path := range []string{"/articles/2/", "/articles/2/index.html"} {
			if code, _ := get(p, path); code != 410 {
				t.Errorf("GET %s: %d, want 410", path, code)
			}
		}
		if code, body := get(p, "/articles/1/"); code != 200 || !strings.Contains(body, note) {
			t.Errorf("GET /articles/1/ beside the snippet: %d", code)
		}
		if code, _ := get(p, "/articles/3/"); code != 200 {
			t.Errorf("GET /articles/3/ beside the snippet: %d", code)
		}
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", err, rep.Problems)
	}
}

func between(s, a, b string) string {
	i := strings.Index(s, a)
	if i < 0 {
		return ""
	}
	s = s[i+len(a):]
	if j := strings.Index(s, b); j >= 0 {
		return s[:j]
	}
	return ""
}
