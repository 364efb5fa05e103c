package tui

import (
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/store"
)

// A user chooses their events on the 通知设置 page (N on home) through the
// same store call as copydesk me notify; an admin also sees the outbox.
func TestNotifyPageChoosesEvents(t *testing.T) {
	st := testStore(t)
	if err := st.SetUserNotify(liwei, store.UserNotify{Login: "liwei", Email: "liwei@example.edu"}, nil); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "liwei", 100, 40)
	h.keys("N")
	v := h.view()
	for _, want := range []string{"通知设置", "邮箱：liwei@example.edu", "接收中", "[x] 送审", "[x] 有人@我"} {
		if !strings.Contains(v, want) {
			t.Fatalf("notify page lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "发送情况") {
		t.Fatal("a writer sees the outbox")
	}
	h.keys(" ", "down", "down", " ", "ctrl+s") // 送审 and 退回 off
	all, _ := st.UserNotifications()
	got := all["liwei"]
	if got.Email != "liwei@example.edu" || slices.Contains(got.Events, store.NoticeSubmit) || slices.Contains(got.Events, store.NoticeReturn) ||
		!slices.Contains(got.Events, store.NoticeApprove) || !slices.Contains(got.Events, store.NoticeMention) {
		t.Fatalf("saved %+v", got)
	}
	if v := h.view(); !strings.Contains(v, "[ ] 送审") || !strings.Contains(v, "[ ] 退回") {
		t.Fatalf("after saving:\n%s", v)
	}
	h.keys("o", "ctrl+s")
	if all, _ := st.UserNotifications(); !all["liwei"].Off || !strings.Contains(h.view(), "已暂停") {
		t.Fatalf("pause: %+v\n%s", all["liwei"], h.view())
	}

	// The admin sees the channels and what is queued.
	if err := st.AddChannel(store.Actor{Login: "admin"}, store.Channel{Name: "group", Kind: "wecom", Where: "https://qyapi.weixin.qq.com/…"},
		store.ChannelSecret{URL: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=TUI-SECRET"}); err != nil {
		t.Fatal(err)
	}
	seed(t, st, "review")
	ha := newHarness(t, st, "admin", 100, 40)
	ha.keys("N")
	v = ha.view()
	for _, want := range []string{"发送情况（管理员）", "group（wecom）", "待发 1"} {
		if !strings.Contains(v, want) {
			t.Fatalf("admin's notify page lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(v, "TUI-SECRET") {
		t.Fatal("the robot key is on screen")
	}
}
