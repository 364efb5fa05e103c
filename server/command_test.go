package server_test

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

func TestCommands(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	c := ts.dial(t, o.wang)

	body := "今天上午，学校党委召开专题会议，研究部署宣传工作。\n\n一、统一思想认识。\n"
	r := run(t, c, body, "article new --title 党委召开专题会议 --file -")
	if r.code != 0 {
		t.Fatalf("article new: %+v", r)
	}
	id := strings.TrimSpace(r.stdout)

	r = run(t, c, "", "article list")
	if r.code != 0 || !strings.Contains(r.stdout, "党委召开专题会议") {
		t.Fatalf("article list: %+v", r)
	}

	r = run(t, c, "", "article pull "+id)
	if r.code != 0 || !strings.Contains(r.stdout, "rev: 1") || !strings.Contains(r.stdout, "研究部署宣传工作") {
		t.Fatalf("article pull: %+v", r)
	}
	pulled := r.stdout

	edited := strings.Replace(pulled, "一、统一思想认识。", "一、统一思想认识，提高政治站位。", 1)
	r = run(t, c, edited, "article push "+id)
	if r.code != 0 || !strings.Contains(r.stdout, "第 2 版") {
		t.Fatalf("article push: %+v", r)
	}

	// The same file again started from revision 1: stale, exit 3, kept.
	stale := strings.Replace(pulled, "一、统一思想认识。", "一、另一种改法。", 1)
	r = run(t, c, stale, "article push "+id)
	if r.code != 3 || !strings.Contains(r.stderr, "conflict") {
		t.Fatalf("stale push: %+v", r)
	}
	var aid uint64
	fmt.Sscan(id, &aid)
	drafts, err := o.st.ConflictDrafts(store.Holder(), aid)
	if err != nil || len(drafts) != 1 || !strings.Contains(drafts[0].Content.Body, "另一种改法") {
		t.Fatalf("conflict drafts after a stale push: %+v, %v", drafts, err)
	}

	// A writer cannot approve: exit 4.
	if r := run(t, c, "", "article submit "+id); r.code != 0 {
		t.Fatalf("submit: %+v", r)
	}
	cc := ts.dial(t, o.chen)
	if r := run(t, cc, "", "article approve "+id+" -m 同意"); r.code != 4 {
		t.Errorf("a writer's approve: %+v, want exit 4", r)
	}
	// --as is refused over SSH: exit 4.
	if r := run(t, cc, "", "article list --as wang"); r.code != 4 || !strings.Contains(r.stderr, "通过 SSH 不能用 --as") {
		t.Errorf("--as over SSH: %+v, want exit 4", r)
	}
	if r := run(t, cc, "", "article list --db /tmp/other.db"); r.code != 4 || !strings.Contains(r.stderr, "通过 SSH 不能用 --db") || strings.Contains(r.stderr, "refused") {
		t.Errorf("--db over SSH: %+v, want exit 4 and the reason in Chinese", r)
	}
	// The reviewer approves with an opinion, bound to what they read: the
	// approve is refused (exit 3) until they read revision 2, then binds it.
	if r := run(t, ts.dial(t, o.li), "", "article approve "+id+" -m 同意发布"); r.code != 3 || !strings.Contains(r.stderr, "请先阅读第 2 版") {
		t.Errorf("reviewer approve before reading: %+v", r)
	}
	if r := run(t, ts.dial(t, o.li), "", "article show "+id); r.code != 0 {
		t.Errorf("reviewer show: %+v", r)
	}
	if r := run(t, ts.dial(t, o.li), "", "article approve "+id+" -m 同意发布"); r.code != 0 || !strings.Contains(r.stdout, "第 2 版") {
		t.Errorf("reviewer approve: %+v", r)
	}
	// Usage errors exit 2; no command prints the guide, never the
	// server's own arguments.
	if r := run(t, c, "", "article pull"); r.code != 2 {
		t.Errorf("pull without an ID: %+v, want exit 2", r)
	}
	if r := run(t, c, "", ""); r.code != 0 || !strings.Contains(r.stdout, "copydesk") {
		t.Errorf("no command: %+v", r)
	}
	if r := run(t, c, "", "serve"); r.code != 4 {
		t.Errorf("serve over SSH: %+v, want exit 4", r)
	}

	log := ts.log.String()
	for _, want := range []string{`command user=wang args="article new --title 党委召开专题会议 --file -" exit=0`, "exit=3", "exit=4",
		"change action=approve user=li", "change action=conflict user=wang"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestMediaOverSSH(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	photo := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), bytes.Repeat([]byte{7}, 4000)...)
	for _, cmd := range []string{
		"media add --name photo.jpg --caption 会场 --credit 赵丽焕",
		"media add - --name photo.jpg --caption 会场 --credit 赵丽焕",
	} {
		r := ts.runAs(t, o.chen, string(photo), cmd)
		if r.code != 0 || !strings.HasPrefix(r.stdout, "![会场](media:") {
			t.Errorf("%s: %+v", cmd, r)
		}
	}
	if r := ts.runAs(t, o.chen, "", "media add photo.jpg"); r.code != 2 || !strings.Contains(r.stderr, locale.T(locale.ZH, "CLIMediaRemoteFile", locale.Args{"Name": "photo.jpg", "Path": "photo.jpg"})) {
		t.Errorf("a local path over SSH: %+v, want exit 2 and a hint", r)
	}
}

// Two sessions push the same article from the same base at once: one
// lands, the other exits 3 and its text is kept as a conflict draft.
func TestConcurrentPushSameBase(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	id := o.article(t, o.chen, "同一篇稿件", "原文。\n")
	pulled := ts.runAs(t, o.chen, "", fmt.Sprint("article pull ", id)).stdout

	var wg sync.WaitGroup
	results := make([]result, 2)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			text := strings.Replace(pulled, "原文。", fmt.Sprintf("第%d种改法。", i+1), 1)
			results[i] = ts.runAs(t, o.chen, text, fmt.Sprint("article push ", id))
		}()
	}
	wg.Wait()
	codes := []int{results[0].code, results[1].code}
	if !(codes[0] == 0 && codes[1] == 3 || codes[0] == 3 && codes[1] == 0) {
		t.Fatalf("exit codes %v, want one 0 and one 3: %+v", codes, results)
	}
	loser := 1
	if codes[0] == 3 {
		loser = 0
	}
	drafts, err := o.st.ConflictDrafts(store.Holder(), id)
	if err != nil || len(drafts) != 1 || !strings.Contains(drafts[0].Content.Body, fmt.Sprintf("第%d种改法", loser+1)) {
		t.Fatalf("the losing text was not kept: %+v, %v", drafts, err)
	}
	a, err := o.st.Get(id)
	if err != nil || a.Rev != 2 {
		t.Fatalf("article after the race: %+v, %v", a, err)
	}
}

// A push whose connection drops halfway saves nothing: the SSH layer
// reports the drop as EOF, and the server checks the client is still there.
func TestDroppedConnectionSavesNothing(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	id := o.article(t, o.chen, "断线测试", "原文。\n")
	pulled := ts.runAs(t, o.chen, "", fmt.Sprint("article pull ", id)).stdout
	full := strings.Replace(pulled, "原文。", "第一段改好了。\n\n第二段还在路上。", 1)
	half := full[:strings.Index(full, "第二段")] // a valid file, cut where a packet could end

	raw, err := net.Dial("tcp", ts.addr)
	if err != nil {
		t.Fatal(err)
	}
	conn, chans, reqs, err := gossh.NewClientConn(raw, ts.addr, clientConfig(o.chen.signer))
	if err != nil {
		t.Fatal(err)
	}
	c := gossh.NewClient(conn, chans, reqs)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	in, _ := s.StdinPipe()
	if err := s.Start(fmt.Sprint("article push ", id)); err != nil {
		t.Fatal(err)
	}
	io.WriteString(in, half)
	time.Sleep(100 * time.Millisecond)
	raw.Close() // the link drops: no EOF from the client, no reply
	waitUntil(t, 5*time.Second, "the push to end", func() bool {
		return strings.Contains(ts.log.String(), `args="article push`)
	})
	a, err := o.st.Get(id)
	if err != nil || a.Rev != 1 {
		t.Fatalf("a truncated push was saved: rev %d, %v\n%s", a.Rev, err, ts.log.String())
	}
	if d, _ := o.st.ConflictDrafts(store.Holder(), id); len(d) != 0 {
		t.Fatalf("a truncated push left a conflict draft: %+v", d)
	}
}

func TestCommandsOnlyServer(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, func(c *server.Config) { c.RunCommand = nil })
	if r := ts.runAs(t, o.chen, "", "article list"); r.code != 1 || !strings.Contains(r.stderr, "只提供工作台") {
		t.Errorf("command on a TUI-only server: %+v", r)
	}
}

// Over SSH the language of a command's output follows the LANG the client
// sends (OpenSSH's SendEnv), and is Chinese when it sends none.
func TestCommandLanguageFollowsClientLANG(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	id := o.article(t, o.wang, "党委召开专题会议", "会议指出。\n")
	if _, err := o.st.Decide(o.wang.actor(), id, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	cmd := fmt.Sprintf("article approve %d -m 同意", id)
	c := ts.dial(t, o.chen)
	// chen, a writer, may not see wang's article: refused as reading it is
	for lang, want := range map[string]string{
		"":            "copydesk：无权查看：第 1 号稿件不在 chen 可见的范围内",
		"zh_CN.UTF-8": "copydesk：无权查看：第 1 号稿件不在 chen 可见的范围内",
		"C":           "无权查看",
		"en_US.UTF-8": "copydesk: denied: article 1 is not visible to chen",
	} {
		r := runLang(t, c, lang, "", cmd)
		if r.code != 4 || !strings.Contains(r.stderr, want) {
			t.Errorf("LANG=%q: exit %d, stderr %q; want %q", lang, r.code, r.stderr, want)
		}
	}
	// the reviewer it waits for lists it (chen may not see it)
	if r := runLang(t, ts.dial(t, o.li), "", "", "article list --state 审核中 --json"); r.code != 0 || !strings.Contains(r.stdout, "党委召开专题会议") {
		t.Errorf("--state 审核中 over SSH: %+v", r)
	}
}
