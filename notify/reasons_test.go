package notify_test

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/internal/langcheck"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

// Why a delivery failed is kept in the outbox as a catalog message, not as
// English text: the same stored record reads in Chinese to an admin whose
// notify status is in Chinese and in English to one reading English, an OS
// cause (a refused connection) included (issue 9.10).
func TestFailureReasonsReadInTheReadersLanguage(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	wecom := newReceiver(t, `{"errcode":93000,"errmsg":"invalid webhook url"}`, nil)
	addChannel(t, st, store.Channel{Name: "wecom", Kind: "wecom"}, store.ChannelSecret{URL: wecom.srv.URL + "/cgi-bin/webhook/send?key=K"})
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a port nobody listens on
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	addChannel(t, st, store.Channel{Name: "cms", Kind: "webhook"}, store.ChannelSecret{URL: "http://" + addr + "/hook?token=SECRET"})
	d := &notify.Dispatcher{Store: st, Backoff: time.Hour}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	if s := pass(t, d); s.Failed != 2 {
		t.Fatalf("pass: %+v", s)
	}
	ob, err := st.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"wecom": {"企业微信机器人拒收：错误码 93000，invalid webhook url", "WeCom robot refused: code 93000 invalid webhook url"},
		"cms": {"发送到 http://" + addr + "/… 失败：连接 " + addr + " 失败：对方拒绝连接（服务可能没有运行）",
			"POST http://" + addr + "/…: dial " + addr + ": connection refused"},
	}
	if len(ob.Retries) != 2 {
		t.Fatalf("retries: %+v", ob.Retries)
	}
	for _, r := range ob.Retries {
		w, ok := want[r.Channel]
		if !ok {
			t.Fatalf("a retry on channel %q", r.Channel)
		}
		if r.LastError.ID == "" {
			t.Errorf("%s: the reason is kept as text, not as a message: %+v", r.Channel, r.LastError)
		}
		zh, en := r.LastError.In(locale.ZH), r.LastError.In(locale.EN)
		if zh != w[0] || en != w[1] {
			t.Errorf("%s:\n zh-CN %q\n want  %q\n en    %q\n want  %q", r.Channel, zh, w[0], en, w[1])
		}
		// The robot's own answer stays as it wrote it; nothing else is English.
		if bad := langcheck.English(zh, "invalid", "url", "POST"); len(bad) > 0 {
			t.Errorf("%s: English in the Chinese reason: %v", r.Channel, bad)
		}
		if strings.Contains(zh+en, "SECRET") {
			t.Errorf("%s: the address's secret reached the reason", r.Channel)
		}
	}
}
