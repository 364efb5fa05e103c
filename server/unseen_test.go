package server_test

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/internal/unseen"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Over SSH (the x/crypto client and the real OpenSSH client) a user who
// guesses the ID of an article they may not see gets, from every command
// that names one article (internal/unseen, held against the command tree),
// byte for byte what `article show` says to them — exit 4, 无权查看, none
// of its owner, state or stage — and nothing changes: the audit chain's
// head and the articles stay as they were.
func TestUnseenArticleRefusalsOverSSH(t *testing.T) {
	o := newOffice(t)
	draft := o.article(t, o.wang, "王音的草稿", "王音尚未送审的草稿正文。")
	if _, err := o.st.AddComment(o.wang.actor(), draft, 0, 0, "自己的批注"); err != nil {
		t.Fatal(err)
	}
	review := o.article(t, o.chen, "陈晨送审的稿件", "送审稿正文。")
	if _, err := o.st.Decide(o.chen.actor(), review, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	if miss := unseen.Missing(cli.NewRoot(&cli.Env{Getenv: func(string) string { return "" }}), unseen.Lines(1, "li")); len(miss) > 0 {
		t.Fatalf("commands naming an article that internal/unseen does not run: %v", miss)
	}
	ts := start(t, o, nil)
	seq0, hash0, err := o.st.ChainHead()
	if err != nil {
		t.Fatal(err)
	}
	heads := func() string {
		var b strings.Builder
		for _, id := range []uint64{draft, review} {
			a, err := o.st.Get(id)
			if err != nil {
				t.Fatal(err)
			}
			b.WriteString(a.Hash + string(a.State) + a.Updated.String())
		}
		return b.String()
	}
	before := heads()
	for _, c := range []struct {
		u  *user
		id uint64
	}{
		{o.chen, draft}, {o.zhao, review}, {o.wang, review}, // wang is the admin
		{o.chen, 999}, // no such article: the same refusal
	} {
		conn := ts.dial(t, c.u)
		show := run(t, conn, "", "article show "+itoa(c.id))
		if show.code != 4 || show.stdout != "" || !strings.Contains(show.stderr, "无权查看") {
			t.Fatalf("%s: article show %d: %+v", c.u.login, c.id, show)
		}
		for _, l := range unseen.Lines(c.id, "li") {
			if l.Trash && c.u == o.wang {
				continue // the admin's trash (model.MayAct)
			}
			if r := run(t, conn, l.Stdin, l.String()); r != show {
				t.Errorf("%s over SSH: %s: %+v\nwant exactly what article show says: %+v", c.u.login, l, r, show)
			}
		}
	}
	// The real OpenSSH client, one user, every line.
	needTool(t, "ssh")
	chen := newSSHClient(t, ts.addr, o.chen)
	show := chen.run(t, "", "article", "show", itoa(draft))
	if show.code != 4 || !strings.Contains(show.stderr, "无权查看") {
		t.Fatalf("OpenSSH: article show: %+v", show)
	}
	for _, l := range unseen.Lines(draft, "li") {
		if r := chen.run(t, l.Stdin, l.Args...); r != show {
			t.Errorf("OpenSSH chen: %s: %+v\nwant %+v", l, r, show)
		}
	}
	if seq, hash, _ := o.st.ChainHead(); seq != seq0 || hash != hash0 {
		t.Errorf("the refusals were audited: chain head %d %s, was %d %s", seq, hash, seq0, hash0)
	}
	if after := heads(); after != before {
		t.Errorf("the refusals changed an article: %s → %s", before, after)
	}
}
