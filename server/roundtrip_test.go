package server_test

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// TestSSHRoundTripKeepsSignOff is fault 9.1 over SSH: an article saved
// without a final newline (as the TUI saves) is pulled over SSH and pushed
// back untouched — as it came, with CRLF line endings and with extra blank
// lines — and stays signed off at the same revision.
func TestSSHRoundTripKeepsSignOff(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	id := o.article(t, o.wang, "往返", "第一段。\n\n第二段。")
	for _, step := range []struct {
		u      *user
		action model.Action
		op     string
	}{{o.wang, model.ActSubmit, ""}, {o.li, model.ActApprove, "同意"}, {o.zhao, model.ActSignOff, "同意签发"}} {
		a, _ := o.st.Get(id)
		if _, err := o.st.Decide(step.u.actor(), id, store.Decision{Action: step.action, Opinion: step.op, Rev: a.Rev, Hash: a.Hash}); err != nil {
			t.Fatal(err)
		}
	}
	pulled := ts.runAs(t, o.wang, "", "article pull 1")
	if pulled.code != 0 || !strings.HasSuffix(pulled.stdout, "第二段。\n") {
		t.Fatalf("pull: %d %q %s", pulled.code, pulled.stdout, pulled.stderr)
	}
	for name, file := range map[string]string{
		"as pulled":   pulled.stdout,
		"CRLF":        strings.ReplaceAll(pulled.stdout, "\n", "\r\n"),
		"blank lines": pulled.stdout + "\n\n  \n",
	} {
		r := ts.runAs(t, o.wang, file, "article push 1")
		if r.code != 0 || !strings.Contains(r.stdout, "没有改动") {
			t.Fatalf("push %s: exit %d %q %s", name, r.code, r.stdout, r.stderr)
		}
	}
	a, err := o.st.Get(id)
	if err != nil || a.State != model.StateSigned || a.Rev != 1 {
		t.Fatalf("after the pushes: %+v %v", a, err)
	}
}

// TestSSHNewReadsPipedBody is fault 9.4 over SSH: `ssh host article new
// --title T < a.md` makes an article with that body (the author is the
// key owner's display name); --file - does the same.
func TestSSHNewReadsPipedBody(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	for i, cmd := range []string{"article new --title 管道", "article new --title 管道 --file -"} {
		r := ts.runAs(t, o.chen, "从标准输入来的正文。\n", cmd)
		if r.code != 0 {
			t.Fatalf("%s: exit %d %s", cmd, r.code, r.stderr)
		}
		_, head, err := o.st.Head(uint64(i + 1))
		if err != nil || head.Content.Body != "从标准输入来的正文。" || strings.Join(head.Content.Authors, ",") != "陈晨" {
			t.Fatalf("%s: body %q authors %v %v", cmd, head.Content.Body, head.Content.Authors, err)
		}
	}
}

// TestSSHStdinNeverDropped is fault 9.4 over SSH: input sent to a command
// that does not read it is refused (exit 2) and nothing happens; -m -
// takes an opinion from it; a client that keeps its input open and sends
// nothing (an interactive ssh without -n) is not refused.
func TestSSHStdinNeverDropped(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	id := o.article(t, o.chen, "标题", "正文。")
	r := ts.runAs(t, o.chen, "正文被忽略了吗？\n", fmt.Sprintf("article submit %d", id))
	if r.code != 2 || !strings.Contains(r.stderr, "不读标准输入") {
		t.Fatalf("submit with piped input: exit %d %q", r.code, r.stderr)
	}
	if a, _ := o.st.Get(id); a.State != model.StateDraft {
		t.Fatalf("the refused submit submitted: %s", a.State)
	}
	if r := ts.runAs(t, o.chen, "", fmt.Sprintf("article submit %d", id)); r.code != 0 {
		t.Fatalf("submit without input: exit %d %q", r.code, r.stderr)
	}
	ts.runAs(t, o.li, "", fmt.Sprintf("article show %d", id))
	if r := ts.runAs(t, o.li, "请补充时间。\n第二行。\n", fmt.Sprintf("article return %d -m -", id)); r.code != 0 {
		t.Fatalf("return -m -: exit %d %q", r.code, r.stderr)
	}
	if a, _ := o.st.Get(id); a.Returned == nil || a.Returned.Opinion != "请补充时间。\n第二行。" {
		t.Fatalf("the opinion from standard input: %+v", a.Returned)
	}

	// An open input with nothing on it is not input.
	c := ts.dial(t, o.chen)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	defer pw.Close()
	s.Stdin = pr
	var out bytes.Buffer
	s.Stdout = &out
	if err := s.Run("article list"); err != nil || !strings.Contains(out.String(), "标题") {
		t.Fatalf("article list with an open, silent input: %v %q", err, out.String())
	}
}
