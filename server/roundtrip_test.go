package server_test

import (
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
