package notify_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

// keysOf returns the sorted keys of a JSON object.
func keysOf(v any) []string {
	m, _ := v.(map[string]any)
	var k []string
	for key := range m {
		k = append(k, key)
	}
	slices.Sort(k)
	return k
}

func hmacSHA256(key, msg []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write(msg)
	return m.Sum(nil)
}

func recent(ts int64, unit time.Duration) error {
	d := time.Since(time.Unix(0, ts*int64(unit)))
	if d < -time.Hour || d > time.Hour {
		return fmt.Errorf("timestamp %d is not within an hour of now", ts)
	}
	return nil
}

// Each robot gets the JSON shape and the signature its platform documents;
// the local servers check them the way the platforms do and refuse
// anything else.
func TestRobotsGetTheirDocumentedShapes(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	const dingSecret, feishuSecret, hookSecret = "SECdingdingsecret0123", "feishu-secret-abc", "hook-secret-xyz"

	wecom := newReceiver(t, `{"errcode":0,"errmsg":"ok"}`, func(h hit) error {
		if h.Path != "/cgi-bin/webhook/send" || h.Query != "key=WECOMKEY-1" {
			return fmt.Errorf("wecom: %s?%s", h.Path, h.Query)
		}
		m := map[string]any{}
		if err := json.Unmarshal(h.Body, &m); err != nil {
			return err
		}
		if !reflect.DeepEqual(keysOf(m), []string{"msgtype", "text"}) || m["msgtype"] != "text" ||
			!reflect.DeepEqual(keysOf(m["text"]), []string{"content"}) {
			return fmt.Errorf("wecom shape: %s", h.Body)
		}
		c := m["text"].(map[string]any)["content"].(string)
		if len(c) > 2048 || !utf8.ValidString(c) {
			return fmt.Errorf("wecom content: %d bytes", len(c))
		}
		return nil
	})
	ding := newReceiver(t, `{"errcode":0,"errmsg":"ok"}`, func(h hit) error {
		q, err := url.ParseQuery(h.Query)
		if err != nil || h.Path != "/robot/send" || q.Get("access_token") != "DINGTOKEN" {
			return fmt.Errorf("dingtalk: %s?%s", h.Path, h.Query)
		}
		ts, err := strconv.ParseInt(q.Get("timestamp"), 10, 64)
		if err != nil {
			return fmt.Errorf("dingtalk timestamp %q", q.Get("timestamp"))
		}
		if err := recent(ts, time.Millisecond); err != nil {
			return err
		}
		want := base64.StdEncoding.EncodeToString(hmacSHA256([]byte(dingSecret), []byte(q.Get("timestamp")+"\n"+dingSecret)))
		if q.Get("sign") != want {
			return fmt.Errorf("dingtalk sign %q, want %q", q.Get("sign"), want)
		}
		if !strings.Contains(h.Query, "sign="+url.QueryEscape(want)) {
			return fmt.Errorf("dingtalk sign not URL-encoded: %s", h.Query)
		}
		m := map[string]any{}
		if err := json.Unmarshal(h.Body, &m); err != nil {
			return err
		}
		if m["msgtype"] != "text" || !reflect.DeepEqual(keysOf(m["text"]), []string{"content"}) {
			return fmt.Errorf("dingtalk shape: %s", h.Body)
		}
		return nil
	})
	feishu := newReceiver(t, `{"code":0,"msg":"success","data":{}}`, func(h hit) error {
		if h.Path != "/open-apis/bot/v2/hook/FEISHUHOOK" {
			return fmt.Errorf("feishu path %s", h.Path)
		}
		m := map[string]any{}
		if err := json.Unmarshal(h.Body, &m); err != nil {
			return err
		}
		if !reflect.DeepEqual(keysOf(m), []string{"content", "msg_type", "sign", "timestamp"}) || m["msg_type"] != "text" ||
			!reflect.DeepEqual(keysOf(m["content"]), []string{"text"}) {
			return fmt.Errorf("feishu shape: %s", h.Body)
		}
		tsText, ok := m["timestamp"].(string)
		if !ok {
			return fmt.Errorf("feishu timestamp must be a string of seconds: %v", m["timestamp"])
		}
		ts, err := strconv.ParseInt(tsText, 10, 64)
		if err != nil {
			return err
		}
		if err := recent(ts, time.Second); err != nil {
			return err
		}
		want := base64.StdEncoding.EncodeToString(hmacSHA256([]byte(tsText+"\n"+feishuSecret), nil))
		if m["sign"] != want {
			return fmt.Errorf("feishu sign %v, want %s", m["sign"], want)
		}
		return nil
	})
	hook := newReceiver(t, `{}`, func(h hit) error {
		ts := h.Header.Get("X-Copydesk-Timestamp")
		want := "sha256=" + hex.EncodeToString(hmacSHA256([]byte(hookSecret), append([]byte(ts+"."), h.Body...)))
		if h.Header.Get("X-Copydesk-Signature") != want {
			return fmt.Errorf("webhook signature %q, want %q", h.Header.Get("X-Copydesk-Signature"), want)
		}
		var b notify.WebhookBody
		if err := json.Unmarshal(h.Body, &b); err != nil {
			return err
		}
		if b.ID == "" || b.ID != h.Header.Get("X-Copydesk-Id") || h.Header.Get("X-Copydesk-Event") != b.Event {
			return fmt.Errorf("webhook id/event: header %q/%q, body %q/%q", h.Header.Get("X-Copydesk-Id"), h.Header.Get("X-Copydesk-Event"), b.ID, b.Event)
		}
		return nil
	})
	addChannel(t, st, store.Channel{Name: "wecom", Kind: "wecom"}, store.ChannelSecret{URL: wecom.srv.URL + "/cgi-bin/webhook/send?key=WECOMKEY-1"})
	addChannel(t, st, store.Channel{Name: "ding", Kind: "dingtalk"}, store.ChannelSecret{URL: ding.srv.URL + "/robot/send?access_token=DINGTOKEN", Secret: dingSecret})
	addChannel(t, st, store.Channel{Name: "feishu", Kind: "feishu"}, store.ChannelSecret{URL: feishu.srv.URL + "/open-apis/bot/v2/hook/FEISHUHOOK", Secret: feishuSecret})
	addChannel(t, st, store.Channel{Name: "cms", Kind: "webhook", Events: []store.NoticeKind{store.NoticeReturn}},
		store.ChannelSecret{URL: hook.srv.URL + "/hook", Secret: hookSecret})
	if err := st.SetNotifySettings(admin, func(ns *store.NotifySettings) error {
		ns.Act = "ssh -p 23234 desk.example.edu"
		return nil
	}); err != nil {
		t.Fatal(err)
	}

	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	long := strings.Repeat("请核实会议时间和出席人员名单。", 120) // far over WeCom's 2048 bytes
	decide(t, st, wangyin, a.ID, model.ActReturn, long)
	d := &notify.Dispatcher{Store: st}
	s := pass(t, d)
	if s.Sent != 7 || s.Failed+s.GaveUp != 0 {
		t.Fatalf("pass: %+v (want 3 robots × 2 events + the webhook's one return)", s)
	}
	for name, r := range map[string]*receiver{"wecom": wecom, "ding": ding, "feishu": feishu, "cms": hook} {
		if p := r.issues(); len(p) > 0 {
			t.Errorf("%s refused: %v", name, p)
		}
	}
	// What the submit said, as the group reads it.
	first := jsonOf(t, wecom.got()[0].Body)["text"].(map[string]any)["content"].(string)
	for _, want := range []string{"李伟 提交了稿件《" + title + "》，等待「审核」", "第 1 号", "ssh -p 23234 desk.example.edu article approve 1 -m 意见", "消息编号 n"} {
		if !strings.Contains(first, want) {
			t.Errorf("wecom submit message lacks %q:\n%s", want, first)
		}
	}
	ret := jsonOf(t, wecom.got()[1].Body)["text"].(map[string]any)["content"].(string)
	if !strings.Contains(ret, "王音 在「审核」退回了") || !strings.HasSuffix(ret, "……") && len(ret) > 2048 {
		t.Errorf("wecom return message:\n%s", ret)
	}
	if len(hook.got()) != 1 {
		t.Fatalf("the webhook took only returns; it got %d messages", len(hook.got()))
	}
	var b notify.WebhookBody
	json.Unmarshal(hook.got()[0].Body, &b)
	if b.Event != "return" || b.Article != a.ID || b.Actor != "wangyin" || b.Opinion != long || b.Title != title || b.Stage != "" {
		t.Errorf("webhook body: %+v", b)
	}
	feishuText := jsonOf(t, feishu.got()[0].Body)["content"].(map[string]any)["text"].(string)
	if !strings.Contains(feishuText, "《"+title+"》") {
		t.Errorf("feishu text: %s", feishuText)
	}
	if ob, _ := st.Outbox(); ob.Pending != 0 || len(ob.Failed) != 0 || ob.Sent != 7 {
		t.Errorf("outbox after the pass: %+v", ob)
	}
}

// A robot that answers HTTP 200 with an error code has not posted: the
// message is retried, and the error shown never carries the robot's key.
func TestRobotErrorCodeIsAFailure(t *testing.T) {
	st := openOffice(t, store.Options{NoSync: true})
	wecom := newReceiver(t, `{"errcode":93000,"errmsg":"invalid webhook url"}`, nil)
	addChannel(t, st, store.Channel{Name: "wecom", Kind: "wecom"}, store.ChannelSecret{URL: wecom.srv.URL + "/cgi-bin/webhook/send?key=SECRET-KEY-93"})
	dead := "http://127.0.0.1:1/cgi-bin/webhook/send?key=SECRET-KEY-DEAD"
	addChannel(t, st, store.Channel{Name: "gone", Kind: "wecom"}, store.ChannelSecret{URL: dead})
	var logged strings.Builder
	d := &notify.Dispatcher{Store: st, Backoff: time.Hour, Log: func(msg string, kv ...any) { fmt.Fprintln(&logged, msg, kv) }}
	a := newArticle(t, st)
	decide(t, st, liwei, a.ID, model.ActSubmit, "")
	s := pass(t, d)
	if s.Sent != 0 || s.Failed != 2 {
		t.Fatalf("pass: %+v", s)
	}
	ob, _ := st.Outbox()
	if len(ob.Retries) != 2 {
		t.Fatalf("retries: %+v", ob.Retries)
	}
	all := logged.String()
	for _, r := range ob.Retries {
		all += r.LastError.String()
	}
	if !strings.Contains(all, "code 93000") || !strings.Contains(all, "127.0.0.1") {
		t.Errorf("errors do not say what went wrong: %s", all)
	}
	if strings.Contains(all, "SECRET-KEY") {
		t.Errorf("a robot key reached the log or the status: %s", all)
	}
}
