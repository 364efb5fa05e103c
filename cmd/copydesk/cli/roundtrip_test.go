package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"
	"golang.org/x/text/unicode/norm"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/tui"
)

// runOn runs a command on an open store (the way one process shares its
// database between the TUI and commands).
func runOn(t *testing.T, st *store.Store, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cli.Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb, Store: st,
		Getenv: func(string) string { return "" }}
	code := cli.Run(env, args)
	return result{code, out.String(), errb.String()}
}

func mustOn(t *testing.T, st *store.Store, stdin string, args ...string) string {
	t.Helper()
	r := runOn(t, st, stdin, args...)
	if r.code != 0 {
		t.Fatalf("copydesk %s: exit %d\n%s%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r.stdout
}

// TestRoundTripEveryPath is fault 9.1: a file pulled and pushed back
// untouched — from the TUI's save, from a CLI push with Windows line
// endings, from an import — is never a new revision, and a signed-off
// article stays signed.
func TestRoundTripEveryPath(t *testing.T) {
	o := newOffice(t)
	st, err := store.Open(o.db, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	// 1. Created on the CLI with a final newline and trailing spaces.
	id := strings.TrimSpace(mustOn(t, st, "第一段。  \n\n第二段。\n", "--as", "liwei", "article", "new", "--title", "往返测试", "--file", "-"))

	// 2. The TUI opens the draft, the writer types and saves.
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	app := tui.New(tui.Options{Store: st, Actor: store.Actor{Login: "liwei"}, Renderer: r})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(100, 30))
	wait := func(subs ...string) {
		t.Helper()
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
			for _, s := range subs {
				if !bytes.Contains(b, []byte(s)) {
					return false
				}
			}
			return true
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
	}
	wait("往返测试")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	wait("编辑 #1")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlEnd})
	for _, ch := range "补充。" {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{ch}})
	}
	wait("补充。")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlS})
	wait("第2版")
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second))
	if c, ok := app.(io.Closer); ok {
		c.Close()
	}
	a, err := st.Get(1)
	if err != nil || a.Rev != 2 {
		t.Fatalf("after the TUI save: rev %v, %v", a, err)
	}

	// 3. Pull, push unchanged: no revision. Pushed with CRLF and a BOM
	// (a Windows editor): no revision either.
	pulled := mustOn(t, st, "", "article", "pull", id)
	if out := mustOn(t, st, pulled, "--as", "liwei", "article", "push", id); !strings.Contains(out, "没有改动") {
		t.Fatalf("push of the pulled file: %s", out)
	}
	crlf := "\uFEFF" + strings.ReplaceAll(pulled, "\n", "\r\n") + "\r\n"
	if out := mustOn(t, st, crlf, "--as", "liwei", "article", "push", id); !strings.Contains(out, "没有改动") {
		t.Fatalf("push of the file with CRLF: %s", out)
	}

	// 4. Through the workflow to the sign-off; the same round trip leaves
	// it signed, and no audit record is written for it.
	mustOn(t, st, "", "--as", "liwei", "article", "submit", id)
	mustOn(t, st, "", "--as", "wangyin", "article", "show", id)
	mustOn(t, st, "", "--as", "wangyin", "article", "approve", id, "-m", "同意")
	mustOn(t, st, "", "--as", "shenjl", "article", "show", id)
	mustOn(t, st, "", "--as", "shenjl", "article", "signoff", id, "-m", "同意签发")
	before, _ := st.Get(1)
	recs, _ := st.Trail(store.Holder(), 1)
	pulled = mustOn(t, st, "", "article", "pull", id)
	if out := mustOn(t, st, pulled+"\n\n", "--as", "liwei", "article", "push", id); !strings.Contains(out, "没有改动") {
		t.Fatalf("push of the signed article: %s", out)
	}
	after, _ := st.Get(1)
	recs2, _ := st.Trail(store.Holder(), 1)
	if after.State != model.StateSigned || after.Rev != before.Rev || len(after.ValidApprovals()) != len(before.ValidApprovals()) {
		t.Fatalf("the untouched push changed the signed article: %s rev %d → %s rev %d", before.State, before.Rev, after.State, after.Rev)
	}
	if len(recs2) != len(recs) {
		t.Fatalf("the untouched push wrote %d audit records", len(recs2)-len(recs))
	}

	// 5. Import → pull → push: no revision.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: 导入稿\n---\n\n导入的正文。   \r\n\r\n"), 0o644)
	mustOn(t, st, "", "--as", "liwei", "import", dir)
	pulled = mustOn(t, st, "", "article", "pull", "2")
	if out := mustOn(t, st, pulled, "--as", "liwei", "article", "push", "2"); !strings.Contains(out, "没有改动") {
		t.Fatalf("push of the imported article: %s", out)
	}
}

// TestNewTakesBodyLikePushAndDraftsMayBeUnfinished is faults 9.3, 9.4 and
// 9.8 on the command line: a meeting report without its name and date is a
// draft; submit names every missing field in one message; a piped body is
// used without --file; the author defaults to the writer's display name.
func TestNewTakesBodyLikePushAndDraftsMayBeUnfinished(t *testing.T) {
	o := newOffice(t)
	id := strings.TrimSpace(o.ok("", "--as", "liwei", "article", "new", "--kind", "meeting", "--title", "会议还没开"))
	r := o.run("", "--as", "liwei", "article", "submit", id)
	if r.code != 1 || !strings.Contains(r.stderr, "会议名称、会议日期、正文") {
		t.Fatalf("submit of an unfinished draft: exit %d %q", r.code, r.stderr)
	}
	o.fails(1, "not a date", "", "--as", "liwei", "article", "new", "--kind", "meeting", "--title", "t", "--date", "下周三")

	// Piped, no --file: the body is used.
	id2 := strings.TrimSpace(o.ok("管道送来的正文。\n", "--as", "liwei", "article", "new", "--title", "管道"))
	show := o.ok("", "article", "show", id2, "--json")
	var got struct {
		Content struct {
			Body    string   `json:"body"`
			Authors []string `json:"authors"`
		} `json:"content"`
	}
	if err := json.Unmarshal([]byte(show), &got); err != nil {
		t.Fatal(err)
	}
	if got.Content.Body != "管道送来的正文。" || strings.Join(got.Content.Authors, ",") != "李伟" {
		t.Fatalf("body %q authors %v", got.Content.Body, got.Content.Authors)
	}
	id3 := strings.TrimSpace(o.ok("", "--as", "liwei", "article", "new", "--title", "合写", "--author", "李伟,张三"))
	if out := o.ok("", "article", "show", id3); !strings.Contains(out, "李伟、张三") {
		t.Fatalf("--author: %s", out)
	}
}

// TestRoundTripEditorVariations is fault 9.1 as a kind: a signed meeting
// report is pulled, and the file goes back through what editors and
// systems do to a file nobody changed — Windows line endings, old Mac CRs,
// a BOM, NFD (macOS file names and some input methods), trailing spaces and
// tabs added or trimmed (including U+3000, U+00A0 and zero-width spaces,
// which editors differ on), spaces after the --- lines, missing or extra
// final newlines, quoted YAML fields with spaces around them. None of them
// is a revision; the article stays signed and no audit record is written.
func TestRoundTripEditorVariations(t *testing.T) {
	o := newOffice(t)
	typed := "\uFEFF11月20日，学院召开会议，José 出席。\u3000\r\n\r\n一、压实责任  \r\n续行。\t\r\n\r\n```\r\ncode  \r\n```\r\n"
	id := strings.TrimSpace(o.ok(typed, "--as", "liwei", "article", "new", "--kind", "meeting", "--title", " 学院召开会议\u3000",
		"--meeting", "安全会议 ", "--date", "2026-11-20", "--chair", "张明\u00a0", "--source", "保卫处", "--file", "-"))
	o.ok("", "--as", "liwei", "article", "submit", id)
	o.ok("", "--as", "wangyin", "article", "show", id)
	o.ok("", "--as", "wangyin", "article", "approve", id, "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "show", id)
	o.ok("", "--as", "shenjl", "article", "signoff", id, "-m", "同意签发")
	state := func() (string, int) {
		var a struct {
			State string `json:"state"`
			Rev   int    `json:"rev"`
		}
		if err := json.Unmarshal([]byte(o.ok("", "article", "show", id, "--json")), &a); err != nil {
			t.Fatal(err)
		}
		return a.State, a.Rev
	}
	s0, r0 := state()
	pulled := o.ok("", "article", "pull", id)
	trailing := regexp.MustCompile(`(?m)(\S)$`)
	head, body, _ := strings.Cut(strings.TrimPrefix(pulled, "---\n"), "\n---\n")
	head = "---\n" + head + "\n---\n"
	for name, edit := range map[string]string{
		"unchanged":          pulled,
		"CRLF":               strings.ReplaceAll(pulled, "\n", "\r\n"),
		"CR":                 strings.ReplaceAll(pulled, "\n", "\r"),
		"BOM":                "\uFEFF" + pulled,
		"NFD":                norm.NFD.String(pulled),
		"no final newline":   strings.TrimRight(pulled, "\n"),
		"blank lines at end": pulled + "\n\n\n",
		"spaces after ---":   strings.ReplaceAll(pulled, "---\n", "--- \t\n"),
		"trailing spaces":    head + trailing.ReplaceAllString(body, "$1  \t"),
		"trailing U+3000":    head + trailing.ReplaceAllString(body, "$1\u3000"),
		"trailing U+00A0":    head + trailing.ReplaceAllString(body, "$1\u00a0"),
		"trailing U+200B":    head + trailing.ReplaceAllString(body, "$1\u200b"),
		"quoted title":       strings.Replace(pulled, "title: 学院召开会议", "title: \" 学院召开会议\u3000\"", 1),
		"meeting name space": strings.Replace(pulled, "name: 安全会议", "name: '安全会议  '", 1),
	} {
		if edit == pulled && name != "unchanged" {
			t.Fatalf("%s: the edit did not apply to\n%s", name, pulled)
		}
		o.ok(edit, "--as", "liwei", "article", "push", id)
		if s, r := state(); s != s0 || r != r0 {
			t.Errorf("%s: the untouched push made %s rev %d of %s rev %d", name, s, r, s0, r0)
		}
	}
	if recs := o.ok("", "article", "history", id); strings.Count(recs, "save") > 0 {
		t.Errorf("the untouched pushes were recorded:\n%s", recs)
	}
}

// TestAuthorDefaultsOnEveryPath is fault 9.8 as a kind: a draft made
// without naming an author — by article new, by a piped body with front
// matter, by an import — has the writer's display name as its author;
// named authors are kept.
func TestAuthorDefaultsOnEveryPath(t *testing.T) {
	o := newOffice(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.md"), []byte("---\ntitle: 导入无作者\n---\n正文。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.md"), []byte("---\ntitle: 导入有作者\nauthor: 张三、李四\n---\n正文。\n"), 0o644)
	o.ok("", "--as", "liwei", "article", "new", "--title", "命令行")
	o.ok("---\ntitle: 文件头\n---\n正文。\n", "--as", "liwei", "article", "new")
	o.ok("", "--as", "liwei", "import", dir)
	want := map[string]string{"命令行": "李伟", "文件头": "李伟", "导入无作者": "李伟", "导入有作者": "张三,李四"}
	var list []struct {
		ID    int    `json:"id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal([]byte(o.ok("", "--as", "liwei", "article", "list", "--json")), &list); err != nil {
		t.Fatal(err)
	}
	if len(list) != len(want) {
		t.Fatalf("%d articles, want %d", len(list), len(want))
	}
	for _, a := range list {
		var show struct {
			Content struct {
				Authors []string `json:"authors"`
			} `json:"content"`
		}
		if err := json.Unmarshal([]byte(o.ok("", "--as", "liwei", "article", "show", fmt.Sprint(a.ID), "--json")), &show); err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(show.Content.Authors, ","); got != want[a.Title] {
			t.Errorf("%s: authors %q, want %q", a.Title, got, want[a.Title])
		}
	}
}
