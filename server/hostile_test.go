package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/internal/hostile"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// hostileOffice is an office whose every stored string field carries
// hostile.Payload, written into the bbolt file directly: a signed-off
// meeting report (1), a returned draft with comments and a conflict draft
// (2), an article waiting for the reviewer li (3), a user with a poisoned
// login, and a photo with a caption.
func hostileOffice(t *testing.T) *office {
	t.Helper()
	o := newOffice(t)
	st := o.st
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(st.AddUser(o.wang.actor(), model.User{Login: hostile.EvilLogin, Display: "坏人", Department: "某部门", Roles: []model.Role{model.RoleWriter}}))
	var img bytes.Buffer
	_ = png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2)))
	must(st.AddMedia(o.wang.actor(), "photo.png", img.Bytes(), "会议现场", "赵丽"))

	decide := func(u *user, id uint64, act model.Action, opinion string) {
		t.Helper()
		a, err := st.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		must(st.Decide(u.actor(), id, store.Decision{Action: act, Opinion: opinion, Rev: a.Rev, Hash: a.Hash}))
	}
	meeting := model.Content{Kind: model.KindMeeting, Title: "学院召开安全工作会议", Subtitle: "副题", Source: "党委宣传部",
		Authors: []string{"王音"}, Photographers: []string{"赵丽"},
		Meeting: &model.Meeting{Name: "安全工作会议", Date: "2026-11-20", Place: "行政楼", Chair: "张明", Attendees: []string{"各部门负责人"}},
		Body:    "11月20日，学院召开安全工作会议。\n\n一、压实责任\n\n会议要求开展排查。\n"}
	a1, err := st.Create(o.wang.actor(), meeting, "")
	must(a1, err)
	decide(o.wang, a1.ID, model.ActSubmit, "")
	decide(o.li, a1.ID, model.ActApprove, "同意")
	decide(o.zhao, a1.ID, model.ActSignOff, "同意签发")

	a2, err := st.Create(o.chen.actor(), model.Content{Kind: model.KindNews, Title: "图书馆延长开放时间", Body: "第一段。\n\n第二段。\n"}, "")
	must(a2, err)
	decide(o.chen, a2.ID, model.ActSubmit, "")
	must(st.AddComment(o.li.actor(), a2.ID, 1, 0, "请补充时间"))
	decide(o.li, a2.ID, model.ActReturn, "请修改")
	c := model.Content{Kind: model.KindNews, Title: "图书馆延长开放时间", Body: "第一段，改。\n\n第二段。\n"}
	must(st.Save(o.chen.actor(), a2.ID, 1, c))
	c.Body = "冲突的文字。\n"
	if _, err := st.Save(o.chen.actor(), a2.ID, 1, c); err == nil {
		t.Fatal("stale save did not conflict")
	}

	a3, err := st.Create(o.chen.actor(), model.Content{Kind: model.KindNews, Title: "运动会通知", Body: "运动会将于下周举行。\n"}, "")
	must(a3, err)
	decide(o.chen, a3.ID, model.ActSubmit, "")

	if err := hostile.Tamper(st.DB()); err != nil {
		t.Fatal(err)
	}
	if a, err := st.Get(1); err != nil || !strings.Contains(a.Title, hostile.Payload) {
		t.Fatalf("tampering did not take: %v %q", err, a.Title)
	}
	return o
}

// commandsToScan are the command lines every front end is scanned with.
func commandsToScan() []string {
	cmds := []string{
		"article list", "article list --json", "article list --state 审核中", "article list --state draft --json",
		"user list", "user list --json", "verify", "check", "whoami", "workflow list",
		"article show 99", "article approve 1 -m 同意", "article submit 2", "article resolve 2 1",
		"role list", "workflow show", "settings show", "site target list", "proof lists", "proof rules", "notify status",
	}
	for id := 1; id <= 3; id++ {
		for _, c := range []string{"show %d", "show %d --json", "history %d", "history %d --json", "comments %d",
			"comments %d --json", "comments %d --all", "conflicts %d", "pull %d", "diff %d", "diff %d --from 1 --to 2",
			"diff %d --from 1 --to 1", "check %d"} {
			cmds = append(cmds, "article "+fmt.Sprintf(c, id))
		}
	}
	return cmds
}

// mustShow are commands whose output has to show the (sanitised) payload,
// so that the scan is known to have seen a hostile field.
var mustShow = map[string]bool{"article list": true, "user list": true, "article show 1": true, "article show 2": true,
	"article history 1": true, "article comments 2 --all": true, "article conflicts 2": true, "article pull 1": true}

func checkOutput(t *testing.T, where, cmd string, code int, stdout, stderr string) {
	t.Helper()
	isJSON := strings.Contains(cmd, "--json")
	for name, out := range map[string]string{"stdout": stdout, "stderr": stderr} {
		if probs := hostile.Problems(out, isJSON && name == "stdout"); len(probs) > 0 {
			t.Errorf("%s: copydesk %s: %s carries %v:\n%q", where, cmd, name, probs, out)
		}
	}
	if isJSON && code == 0 && strings.TrimSpace(stdout) != "null" && strings.TrimSpace(stdout) != "[]" {
		if !json.Valid([]byte(stdout)) {
			t.Errorf("%s: copydesk %s: not JSON: %s", where, cmd, stdout)
		} else if !strings.Contains(stdout, `\u001b[2J`) || !strings.Contains(stdout, `\u202e`) || !strings.Contains(stdout, `\u009b`) {
			t.Errorf("%s: copydesk %s: JSON lost the stored text instead of escaping it:\n%s", where, cmd, stdout)
		}
	}
	// a reader the article is hidden from (model.Article.VisibleTo) is
	// refused and sees nothing; shownBySomeone checks that another did
	hidden := code == 4 && (strings.Contains(stderr, "无权查看") || strings.Contains(stderr, "not visible"))
	if mustShow[cmd] && !hidden && !strings.Contains(stdout, hostile.Visible) {
		t.Errorf("%s: copydesk %s (exit %d) does not show the stored field; the scan proves nothing:\n%s%s", where, cmd, code, stdout, stderr)
	}
	if cmd == "verify" || cmd == "check" {
		if code == 0 {
			t.Errorf("%s: %s passed a tampered database:\n%s", where, cmd, stdout)
		}
		if hostile.ForgedVerdict(stdout) || hostile.ForgedVerdict(stderr) {
			t.Errorf("%s: %s shows a forged verdict line:\n%s%s", where, cmd, stdout, stderr)
		}
		if !strings.Contains(stdout, "BAD") && !strings.Contains(stdout, "错误  ") {
			t.Errorf("%s: %s names no problem:\n%s", where, cmd, stdout)
		}
	}
}

// scanLocal runs each command line locally as each of wang, li and chen
// and checks its output; it reports the lines that showed the stored field.
func scanLocal(t *testing.T, o *office, cmds []string) map[string]bool {
	t.Helper()
	shown := map[string]bool{}
	for _, line := range cmds {
		for _, as := range []string{"wang", "li", "chen"} {
			var out, errb bytes.Buffer
			env := &cli.Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Store: o.st,
				Getenv: func(string) string { return "" }}
			code := cli.Run(env, append([]string{"--as", as}, strings.Fields(line)...))
			checkOutput(t, "local as "+as, line, code, out.String(), errb.String())
			shown[line] = shown[line] || strings.Contains(out.String(), hostile.Visible)
		}
	}
	return shown
}

// scanSSH is scanLocal over SSH, and checks the server's log too.
func scanSSH(t *testing.T, o *office, cmds []string) map[string]bool {
	t.Helper()
	ts := start(t, o, nil)
	shown := map[string]bool{}
	for _, u := range []*user{o.wang, o.li, o.chen} {
		c := ts.dial(t, u)
		for _, line := range cmds {
			r := run(t, c, "", line)
			checkOutput(t, "ssh as "+u.login, line, r.code, r.stdout, r.stderr)
			shown[line] = shown[line] || strings.Contains(r.stdout, hostile.Visible)
		}
	}
	if probs := hostile.Problems(ts.log.String(), false); len(probs) > 0 {
		t.Errorf("server log carries %v:\n%q", probs, ts.log.String())
	}
	return shown
}

// shownBySomeone: every command of must showed the stored field to at
// least one of the readers scanned, so the scan saw a hostile field.
func shownBySomeone(t *testing.T, where string, shown, must map[string]bool) {
	t.Helper()
	for cmd := range must {
		if !shown[cmd] {
			t.Errorf("%s: copydesk %s showed the stored field to no one; the scan proves nothing", where, cmd)
		}
	}
}

// TestHostileDatabaseNeverReachesTheTerminal writes a hostile payload into
// every string field of a database through bbolt and scans every command's
// output, locally and over SSH, the server log, and the TUI's raw stream
// over SSH, for ESC, C1, bidi controls, carriage returns and forged
// verdict lines (issue 17.8).
func TestHostileDatabaseNeverReachesTheTerminal(t *testing.T) {
	o := hostileOffice(t)
	cmds := commandsToScan()

	t.Run("local", func(t *testing.T) {
		shown := scanLocal(t, o, cmds)
		shownBySomeone(t, "local", shown, mustShow)
		// export and media run locally only.
		var out, errb bytes.Buffer
		env := &cli.Env{Stdout: &out, Stderr: &errb, Store: o.st, Getenv: func(string) string { return "" }}
		code := cli.Run(env, []string{"export", "--out", t.TempDir()})
		checkOutput(t, "local", "export", code, out.String(), errb.String())
	})

	t.Run("ssh", func(t *testing.T) {
		shownBySomeone(t, "ssh", scanSSH(t, o, cmds), mustShow)
	})

	// search builds its index from the tampered text: titles and
	// snippets come from every field (last: check reports the index's
	// state once it exists).
	t.Run("search", func(t *testing.T) {
		searches := []string{"search 开放时间", "search 开放时间 --json", "search 运动会", "search 运动会 --json", "search EVIL"}
		must := map[string]bool{searches[0]: true, searches[1]: true}
		shownBySomeone(t, "local", scanLocal(t, o, searches), must)
		shownBySomeone(t, "ssh", scanSSH(t, o, searches), must)
	})

	t.Run("tui over ssh", func(t *testing.T) {
		ts := start(t, o, nil)
		for _, tc := range []struct {
			u    *user
			keys []string
		}{
			// the reviewer: queue, the article's tabs, history and audit trail
			{o.li, []string{"\r", "\t", "\t", "\t", "\t", "\x1b", "v", "\x1b[A", "\t", "\x1b", "\x1b"}},
			// the writer: returned draft, compose, preview, meta form
			{o.chen, []string{"\r", "\x10", "\x10", "\x0f", "\x1b", "\x1b", "\t", "\r"}},
			// the chief: archive and the signed article
			{o.zhao, []string{"\t", "\t", "\t", "\r", "\t", "\t"}},
		} {
			c := ts.dial(t, tc.u)
			tm := openTerm(t, c, 100, 30, false)
			tm.waitFor(t, 0, 10*time.Second, hostile.Visible)
			for _, k := range tc.keys {
				n := tm.rawLen()
				_, _ = tm.stdin.Write([]byte(k))
				for deadline := time.Now().Add(300 * time.Millisecond); tm.rawLen() == n && time.Now().Before(deadline); {
					time.Sleep(10 * time.Millisecond)
				}
				time.Sleep(30 * time.Millisecond)
			}
			tm.mu.Lock()
			raw := tm.raw.String()
			tm.mu.Unlock()
			for _, bad := range []string{"pwned", "cHduZWQ", "]52;", "]0;", "\u009b", "\u202e", "\u2066", "EVIL\r"} {
				if strings.Contains(raw, bad) {
					i := strings.Index(raw, bad)
					t.Errorf("TUI as %s: the raw stream carries %q: …%q…", tc.u.login, bad, raw[max(0, i-80):min(len(raw), i+80)])
				}
			}
		}
	})
}

// TestImportPrintsFileNamesSafely: file names are terminal-bound text too.
func TestImportPrintsFileNamesSafely(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "新闻\u202egpj.md")
	bad := filepath.Join(dir, "坏\x1b]0;pwned\x07\rok: imported.md")
	if err := os.WriteFile(good, []byte("---\ntitle: 标题\n---\n\n正文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte("no front matter\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o := newOffice(t)
	var out, errb bytes.Buffer
	env := &cli.Env{Stdout: &out, Stderr: &errb, Store: o.st, Getenv: func(string) string { return "" }}
	code := cli.Run(env, []string{"--as", "wang", "import", dir})
	if code == 0 {
		t.Fatalf("import of a file without front matter passed:\n%s", out.String())
	}
	checkOutput(t, "local", "import", code, out.String(), errb.String())
	if !strings.Contains(errb.String(), `\x1b]0;pwned\a\rok: imported.md`) {
		t.Errorf("the bad file is not named (quoted) in the error:\n%s", errb.String())
	}
}
