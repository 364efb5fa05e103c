package notify_test

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

// dedupe is what a receiver does with the delivery ID: it handles an ID once.
type dedupe struct {
	mu      sync.Mutex
	handled map[string]int
}

func (d *dedupe) take(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.handled == nil {
		d.handled = map[string]int{}
	}
	d.handled[id]++
}

// A receiver that fails three times and then succeeds gets the message:
// four attempts with the same ID, each after a longer wait, and nothing
// after the success.
func TestRetriesUntilTheReceiverTakesIt(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	hook := newReceiver(t, `{"ok":true}`, nil)
	hook.failFirst = 3
	addChannel(t, st, store.Channel{Name: "cms", Kind: "webhook"}, store.ChannelSecret{URL: hook.srv.URL + "/hook", Secret: "k"})
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	d := &notify.Dispatcher{Store: st, Backoff: 20 * time.Millisecond}
	var total notify.Stats
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := pass(t, d)
		total.Sent += s.Sent
		total.Failed += s.Failed
		if total.Sent > 0 || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for i := 0; i < 3; i++ { // later passes send nothing more
		pass(t, d)
		time.Sleep(30 * time.Millisecond)
	}
	hits := hook.got()
	if total.Sent != 1 || total.Failed != 3 || len(hits) != 4 {
		t.Fatalf("sent %d, failed %d, %d requests; want 1, 3, 4", total.Sent, total.Failed, len(hits))
	}
	var recv dedupe
	id := hits[0].Header.Get("X-Copydesk-Id")
	for i, h := range hits {
		if h.Header.Get("X-Copydesk-Id") != id {
			t.Fatalf("attempt %d has ID %q, the first had %q", i+1, h.Header.Get("X-Copydesk-Id"), id)
		}
		var b notify.WebhookBody
		json.Unmarshal(h.Body, &b)
		if b.ID != id {
			t.Fatalf("body id %q, header %q", b.ID, id)
		}
		if i > 0 { // exponential: each wait at least the backoff for that attempt
			if gap, min := h.At.Sub(hits[i-1].At), 20*time.Millisecond<<(i-1); gap < min {
				t.Errorf("attempt %d came %v after the last; backoff is %v", i+1, gap, min)
			}
		}
		if i == 3 {
			recv.take(b.ID) // only the successful attempt is handled
		}
	}
	if len(recv.handled) != 1 || recv.handled[id] != 1 {
		t.Fatalf("receiver handled %v", recv.handled)
	}
	if ob, _ := st.Outbox(); ob.Pending != 0 || len(ob.Failed) != 0 || ob.Sent != 1 {
		t.Fatalf("outbox %+v", ob)
	}
}

// After MaxAttempts a delivery is failed: shown by Outbox, not retried,
// until notify retry queues it again.
func TestGivesUpAndKeepsTheFailureVisible(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	hook := newReceiver(t, `{}`, nil)
	hook.failFirst = 1000
	addChannel(t, st, store.Channel{Name: "cms", Kind: "webhook"}, store.ChannelSecret{URL: hook.srv.URL + "/hook?token=TOPSECRET"})
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	d := &notify.Dispatcher{Store: st, Backoff: time.Millisecond, MaxAttempts: 3}
	for i := 0; i < 20; i++ {
		pass(t, d)
		time.Sleep(5 * time.Millisecond)
	}
	ob, _ := st.Outbox()
	if len(ob.Failed) != 1 || ob.Failed[0].Attempts != 3 || len(hook.got()) != 3 || ob.Pending != 0 {
		t.Fatalf("after giving up: %+v, %d requests", ob, len(hook.got()))
	}
	if e := ob.Failed[0].LastError.String(); !strings.Contains(e, "HTTP 500") || strings.Contains(e, "TOPSECRET") {
		t.Errorf("last error %q", e)
	}
	if _, err := st.Retry(liwei, ""); err == nil {
		t.Error("a writer retried notifications")
	}
	hook.failFirst = 0
	if n, err := st.Retry(admin, ob.Failed[0].ID); err != nil || n != 1 {
		t.Fatalf("retry: %d %v", n, err)
	}
	if s := pass(t, d); s.Sent != 1 {
		t.Fatalf("after retry: %+v", s)
	}
}

func TestMentions(t *testing.T) {
	dir := notify.NewDirectory([]model.User{
		{Login: "wangyin", Display: "王音"}, {Login: "wang", Display: "王"}, {Login: "chenfang", Display: "陈芳"},
		{Login: "li", Display: "Li Wei"},
	})
	for _, c := range []struct {
		text string
		want []string
	}{
		{"@wangyin 请看", []string{"wangyin"}},
		{"请@王音看一下", []string{"wangyin"}},                  // display name, no space after
		{"@王 和 @王音", []string{"wang", "wangyin"}},         // the longest name wins
		{"＠陈芳：第二段", []string{"chenfang"}},                 // full-width at sign
		{"@wangyinx @nobody @不存在", nil},                   // unknown names stay text
		{"写信到 wangyin@wangyin.cn", nil},                   // an address is not a mention
		{"@Li Wei, @li", []string{"li"}},                  // display names with spaces
		{"@chenfang @chenfang @陈芳", []string{"chenfang"}}, // once each
		{"", nil},
	} {
		if got := dir.Mentions(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Mentions(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}

// Mentions in an opinion and a comment reach the people named, by login and
// by display name; an unknown name reaches nobody and stays in the text.
func TestMentionsReachThePeopleNamed(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	hook := newReceiver(t, `{}`, nil)
	for _, login := range []string{"liwei", "wangyin", "chenfang", "shenjl"} {
		if err := st.SetUserNotify(store.Actor{Login: login}, store.UserNotify{Login: login,
			Events: []store.NoticeKind{store.NoticeMention}}, &store.ChannelSecret{URL: hook.srv.URL + "/u/" + login}); err != nil {
			t.Fatal(err)
		}
	}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	decide(t, st, wangyin, a.ID, model.ActReturn, "出席名单请@chenfang 核对，时间请@沈建龙 确认；@张三 不在系统里。")
	if _, err := st.AddComment(liwei, a.ID, 1, 0, "已改，@王音 请再看"); err != nil {
		t.Fatal(err)
	}
	pass(t, &notify.Dispatcher{Store: st})
	got := map[string][]string{}
	for _, h := range hook.got() {
		var b notify.WebhookBody
		json.Unmarshal(h.Body, &b)
		got[b.To] = append(got[b.To], b.Event+"/"+b.Reason)
		if b.To == "chenfang" && !strings.Contains(b.Text, "@张三 不在系统里") {
			t.Errorf("the unknown name is not left as text:\n%s", b.Text)
		}
	}
	want := map[string][]string{"chenfang": {"return/mention"}, "shenjl": {"return/mention"}, "wangyin": {"comment/mention"}}
	if len(got) != len(want) {
		t.Fatalf("deliveries %v, want %v", got, want)
	}
	for k, v := range want {
		if !slices.Equal(got[k], v) {
			t.Errorf("%s got %v, want %v", k, got[k], v)
		}
	}
}

// A stage deadline reminds the stage's reviewers once, and after the
// second period the chief, once; a decision starts the clock again.
func TestOverdueRemindsThenEscalates(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }
	st := openOffice(t, store.Options{NoSync: true, Now: clock})
	hook := newReceiver(t, `{}`, nil)
	for _, login := range []string{"wangyin", "chenfang", "shenjl", "liwei"} {
		if err := st.SetUserNotify(store.Actor{Login: login}, store.UserNotify{Login: login,
			Events: []store.NoticeKind{store.NoticeOverdue}}, &store.ChannelSecret{URL: hook.srv.URL + "/u/" + login}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error {
		ns.Deadlines = map[string]store.Deadline{"": {After: 24 * time.Hour, Escalate: 24 * time.Hour}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	d := &notify.Dispatcher{Store: st, Now: clock}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	who := func() []string {
		var out []string
		for _, h := range hook.got() {
			var b notify.WebhookBody
			json.Unmarshal(h.Body, &b)
			out = append(out, b.To+"/"+b.Reason)
		}
		slices.Sort(out)
		hook.mu.Lock()
		hook.hits = nil
		hook.mu.Unlock()
		return out
	}
	advance(23 * time.Hour)
	pass(t, d)
	if got := who(); len(got) != 0 {
		t.Fatalf("reminded before the deadline: %v", got)
	}
	advance(2 * time.Hour)
	pass(t, d)
	pass(t, d)
	if got := who(); !slices.Equal(got, []string{"chenfang/stage", "wangyin/stage"}) {
		t.Fatalf("at 25 h: %v", got)
	}
	advance(24 * time.Hour)
	pass(t, d)
	pass(t, d)
	if got := who(); !slices.Equal(got, []string{"shenjl/chief"}) {
		t.Fatalf("at 49 h: %v", got)
	}
	advance(time.Hour)
	decide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	advance(23 * time.Hour)
	pass(t, d)
	if got := who(); len(got) != 0 {
		t.Fatalf("the approval did not restart the clock: %v", got)
	}
	advance(2 * time.Hour)
	pass(t, d)
	if got := who(); !slices.Equal(got, []string{"shenjl/stage"}) {
		t.Fatalf("at the sign-off stage: %v", got)
	}
}

// The office may choose English messages; the default is Chinese.
func TestRenderLanguage(t *testing.T) {
	dir := notify.NewDirectory([]model.User{{Login: "wangyin", Display: "王音"}})
	d := store.Delivery{ID: "n7-group", Reason: notify.ReasonGroup, Notice: store.Notice{ID: 7, Kind: store.NoticeReturn,
		Article: 3, Title: title, Rev: 2, State: model.StateDraft, Stage: -1, DecidedAt: "审核", Actor: "wangyin", Opinion: "请补充"}}
	zh := notify.Render(d, store.NotifySettings{}, dir, time.Now())
	en := notify.Render(d, store.NotifySettings{Lang: "en", Act: "ssh -p 23234 desk"}, dir, time.Now())
	for _, c := range []struct{ got, want string }{
		{zh.Subject, "[copydesk] 退回修改：《" + title + "》"},
		{zh.Text, "王音 在「审核」退回了《" + title + "》"},
		{zh.Text, "稿件：第 3 号《" + title + "》（第 2 版，草稿）"},
		{zh.Text, "处理：copydesk article pull 3 > 3.md"},
		{en.Subject, "[copydesk] Returned: “" + title + "”"},
		{en.Text, "王音 returned “" + title + "” at 审核"},
		{en.Text, "Opinion: 请补充"},
		{en.Text, "To act: ssh -p 23234 desk article pull 3 > 3.md"},
		{en.Text, "Message ID n7-group"},
	} {
		if !strings.Contains(c.got, c.want) {
			t.Errorf("%q lacks %q", c.got, c.want)
		}
	}
}

// An edit that makes approvals stale sends the article back to a stage:
// that stage hears it is their turn again. An ordinary save tells nobody.
func TestStaleEditTellsTheStage(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	hook := newReceiver(t, `{}`, nil)
	for _, login := range []string{"wangyin", "chenfang", "shenjl"} {
		if err := st.SetUserNotify(store.Actor{Login: login}, store.UserNotify{Login: login,
			Events: []store.NoticeKind{store.NoticeStale}}, &store.ChannelSecret{URL: hook.srv.URL + "/u/" + login}); err != nil {
			t.Fatal(err)
		}
	}
	a := newArticle(t, st)
	edit := func(text string) {
		t.Helper()
		h, r, err := st.Head(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		c := r.Content
		c.Body += "\n" + text + "\n"
		if _, err := st.Save(liwei, a.ID, h.Rev, c); err != nil {
			t.Fatal(err)
		}
	}
	edit("草稿阶段的修改。")
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	decide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	decide(t, st, shenjl, a.ID, model.ActSignOff, "同意签发")
	d := &notify.Dispatcher{Store: st}
	pass(t, d)
	if n := len(hook.got()); n != 0 {
		t.Fatalf("%d messages before the stale edit", n)
	}
	edit("签发后补充的一段。")
	pass(t, d)
	var to []string
	for _, h := range hook.got() {
		var b notify.WebhookBody
		json.Unmarshal(h.Body, &b)
		to = append(to, b.To)
		if b.Event != "stale" || b.Stage != "审核" || !strings.Contains(b.Text, "之前的批准已失效，稿件回到「审核」") {
			t.Errorf("stale message: %+v", b)
		}
	}
	slices.Sort(to)
	if !slices.Equal(to, []string{"chenfang", "wangyin"}) {
		t.Fatalf("told %v, want the 审核 reviewers", to)
	}
}

// A message queued for someone who was removed (or paused) before it went
// out is not sent; it shows as failed with the reason.
func TestRemovedUserGetsNothing(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	hook := newReceiver(t, `{}`, nil)
	if err := st.SetUserNotify(chenfang, store.UserNotify{Login: "chenfang"}, &store.ChannelSecret{URL: hook.srv.URL + "/u"}); err != nil {
		t.Fatal(err)
	}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	d := &notify.Dispatcher{Store: st, Backoff: time.Hour}
	// fan out, but the receiver is down for the first attempt
	hook.failFirst = 1
	pass(t, d)
	if err := st.RemoveUser(admin, "chenfang"); err != nil {
		t.Fatal(err)
	}
	if n, err := st.Retry(admin, ""); err != nil || n != 0 {
		t.Fatalf("retry: %d %v", n, err)
	}
	d2 := &notify.Dispatcher{Store: st, Now: func() time.Time { return time.Now().Add(2 * time.Hour) }}
	pass(t, d2)
	if len(hook.got()) != 1 {
		t.Fatalf("%d requests; the removed user's message went out again", len(hook.got()))
	}
	ob, _ := st.Outbox()
	if len(ob.Failed) != 1 || !strings.Contains(ob.Failed[0].LastError.String(), "no longer a copydesk user") ||
		ob.Failed[0].LastError.In(locale.ZH) != "chenfang 已不是 copydesk 用户" {
		t.Fatalf("outbox %+v", ob)
	}
}

// "Before 10:00 next day": submitted at 17:00 (China Standard Time), the
// reviewers hear at 10:00 the next morning, the chief two hours later.
func TestOverdueNextDayAt(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) // 17:00 CST
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t2 time.Time) { mu.Lock(); now = t2; mu.Unlock() }
	st := openOffice(t, store.Options{NoSync: true, Now: clock})
	hook := newReceiver(t, `{}`, nil)
	for _, login := range []string{"wangyin", "shenjl"} {
		if err := st.SetUserNotify(store.Actor{Login: login}, store.UserNotify{Login: login}, &store.ChannelSecret{URL: hook.srv.URL + "/u/" + login}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error {
		ns.Deadlines = map[string]store.Deadline{"审核": {NextDayAt: "10:00", Escalate: 2 * time.Hour}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	d := &notify.Dispatcher{Store: st, Now: clock}
	pass(t, d) // the submit itself
	base := len(hook.got())
	count := func() int { return len(hook.got()) - base }
	set(time.Date(2026, 12, 1, 1, 59, 0, 0, time.UTC)) // 09:59 CST
	pass(t, d)
	if count() != 0 {
		t.Fatalf("reminded before 10:00: %d", count())
	}
	set(time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)) // 10:00 CST
	pass(t, d)
	if count() != 1 {
		t.Fatalf("at 10:00: %d messages, want the reviewer's", count())
	}
	set(time.Date(2026, 12, 1, 4, 0, 0, 0, time.UTC)) // 12:00 CST
	pass(t, d)
	var b notify.WebhookBody
	json.Unmarshal(hook.got()[len(hook.got())-1].Body, &b)
	if count() != 2 || b.To != "shenjl" || b.Event != "overdue" || !strings.Contains(b.Text, "已等待 19 小时") {
		t.Fatalf("at 12:00: %d messages, last %+v", count(), b)
	}
}

// "Before 10:00 next day" is 10:00 in the office's time zone (the
// timezone setting), not China Standard Time fixed: an office in Urumqi
// (UTC+6) hears at 10:00 Urumqi time, two hours after 10:00 Beijing.
func TestOverdueNextDayAtOfficeZone(t *testing.T) {
	var mu sync.Mutex
	now := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC) // 15:00 in Urumqi
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	set := func(t2 time.Time) { mu.Lock(); now = t2; mu.Unlock() }
	st := openOffice(t, store.Options{NoSync: true, Now: clock})
	if err := st.SetSettings(admin, store.SiteSettings{TimeZone: "Asia/Urumqi"}); err != nil {
		t.Fatal(err)
	}
	hook := newReceiver(t, `{}`, nil)
	if err := st.SetUserNotify(store.Actor{Login: "wangyin"}, store.UserNotify{Login: "wangyin"}, &store.ChannelSecret{URL: hook.srv.URL + "/u/wangyin"}); err != nil {
		t.Fatal(err)
	}
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error {
		ns.Deadlines = map[string]store.Deadline{"审核": {NextDayAt: "10:00"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	d := &notify.Dispatcher{Store: st, Now: clock}
	pass(t, d)
	base := len(hook.got())
	set(time.Date(2026, 12, 1, 3, 59, 0, 0, time.UTC)) // 11:59 Beijing, 09:59 Urumqi
	pass(t, d)
	if n := len(hook.got()) - base; n != 0 {
		t.Fatalf("reminded at 09:59 office time: %d", n)
	}
	set(time.Date(2026, 12, 1, 4, 0, 0, 0, time.UTC)) // 10:00 Urumqi
	pass(t, d)
	if n := len(hook.got()) - base; n != 1 {
		t.Fatalf("at 10:00 office time: %d messages, want 1", n)
	}
}

// A stage of named users (会签) and the extra readers (本人审阅) are told
// when an article comes to them, like a stage's role holders; a
// countersigner who approved is not told again.
func TestNamedStageAndReadersAreTold(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	if _, err := st.AddUser(admin, model.User{Login: "zhangming", Display: "张明", Roles: []model.Role{model.RoleWriter}}); err != nil {
		t.Fatal(err)
	}
	def := "stages:\n  - name: 会签\n    users: [wangyin, chenfang]\n    all: true\n  - name: 签发\n    role: chief\n    signoff: true\n"
	if _, err := st.DefineWorkflow(admin, "joint", []byte(def)); err != nil {
		t.Fatal(err)
	}
	for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
		if err := st.SetKindWorkflow(admin, k, "joint"); err != nil {
			t.Fatal(err)
		}
	}
	hook := newReceiver(t, `{}`, nil)
	for _, login := range []string{"wangyin", "chenfang", "shenjl", "zhangming"} {
		if err := st.SetUserNotify(store.Actor{Login: login}, store.UserNotify{Login: login,
			Events: []store.NoticeKind{store.NoticeSubmit, store.NoticeApprove}}, &store.ChannelSecret{URL: hook.srv.URL + "/u/" + login}); err != nil {
			t.Fatal(err)
		}
	}
	a := newArticle(t, st)
	if _, err := st.AddReader(liwei, a.ID, "zhangming", ""); err != nil {
		t.Fatal(err)
	}
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	d := &notify.Dispatcher{Store: st}
	pass(t, d)
	told := func() []string {
		var to []string
		for _, h := range hook.got() {
			var b notify.WebhookBody
			json.Unmarshal(h.Body, &b)
			to = append(to, b.Event+":"+b.To)
		}
		slices.Sort(to)
		return to
	}
	if got := told(); !slices.Equal(got, []string{"submit:chenfang", "submit:wangyin", "submit:zhangming"}) {
		t.Fatalf("submit told %v", got)
	}
	decide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	pass(t, d)
	if got := told(); !slices.Contains(got, "approve:chenfang") || slices.Contains(got, "approve:shenjl") {
		t.Fatalf("after one countersign: %v", got)
	}
}

// A message to a user who chose English (user edit --lang en) is English
// in a Chinese office; a group robot's stays in the office's language, and
// a user who chose nothing reads the office's.
func TestRenderInRecipientsLanguage(t *testing.T) {
	dir := notify.NewDirectory([]model.User{{Login: "wangyin", Display: "王音"}, {Login: "amy", Display: "Amy", Lang: "en"}, {Login: "liwei", Display: "李伟"}})
	n := store.Notice{ID: 7, Kind: store.NoticeReturn, Article: 3, Title: title, Rev: 2, State: model.StateDraft, Stage: -1, DecidedAt: "审核", Actor: "wangyin", Opinion: "请补充"}
	for _, c := range []struct {
		login, reason, want string
	}{
		{"amy", notify.ReasonAuthor, "[copydesk] Returned: “" + title + "”"},
		{"liwei", notify.ReasonAuthor, "[copydesk] 退回修改：《" + title + "》"},
		{"", notify.ReasonGroup, "[copydesk] 退回修改：《" + title + "》"},
	} {
		m := notify.Render(store.Delivery{ID: "n7-" + c.login, Login: c.login, Reason: c.reason, Notice: n}, store.NotifySettings{}, dir, time.Now())
		if m.Subject != c.want {
			t.Errorf("to %q: subject %q, want %q", c.login, m.Subject, c.want)
		}
	}
}
