package tui

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestEndToEndTmux runs the built copydesk binary in tmux at 120×40, as a
// writer would: a meeting report is composed with Chinese typed through
// tmux send-keys, saved and submitted; after the TUI quits (the database is
// locked while it runs), `copydesk article show 1 --json` must read back
// what was typed.
func TestEndToEndTmux(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and drives tmux")
	}
	if _, err := exec.LookPath("tmux"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("tmux is required in CI: apt-get install tmux")
		}
		t.Skip("tmux is not installed; skipping the end-to-end test (install tmux to run it)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "copydesk")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/copydesk/copydesk/cmd/copydesk").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(dir, "copydesk.db")
	cli := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "COPYDESK_DB="+db)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("copydesk %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	cli("user", "add", "admin", "--display", "管理员", "--role", "admin")
	cli("user", "add", "liwei", "--display", "李伟", "--role", "writer", "--department", "党委宣传部", "--as", "admin")

	sock := "copydesk-e2e-" + fmt.Sprint(os.Getpid())
	tmux := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("tmux", append([]string{"-L", sock}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	t.Cleanup(func() { exec.Command("tmux", "-L", sock, "kill-server").Run() })
	tmux("new-session", "-d", "-s", "desk", "-x", "120", "-y", "40",
		fmt.Sprintf("env COPYDESK_DB=%s LANG=zh_CN.UTF-8 TERM=xterm-256color %s --as liwei; sleep 30", db, bin))
	screen := func() string { return tmux("capture-pane", "-p", "-t", "desk") }
	waitScreen := func(subs ...string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			s := screen()
			ok := true
			for _, sub := range subs {
				ok = ok && strings.Contains(s, sub)
			}
			if ok {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the screen never showed %q:\n%s", subs, s)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	keys := func(k ...string) { t.Helper(); tmux(append([]string{"send-keys", "-t", "desk"}, k...)...) }
	text := func(s string) { t.Helper(); tmux("send-keys", "-t", "desk", "-l", s) }
	field := func(s, shown string) {
		t.Helper()
		if s != "" {
			text(s)
			waitScreen(shown)
		}
		keys("Enter")
		time.Sleep(150 * time.Millisecond)
	}

	waitScreen("我的队列", "草稿 0")
	keys("m")
	waitScreen("会议名称")
	field("秋季学期教学工作会议", "> 秋季学期教学工作会议")
	keys("C-u") // replace today's date
	field("2024-09-02", "> 2024-09-02")
	field("学术报告厅", "> 学术报告厅")
	field("陈静", "> 陈静")
	field("各系主任、教研室主任", "> 各系主任、教研室主任")
	field("", "")
	waitScreen("编辑 #1", "9月2日，党委宣传部在学术报告厅召开", "陈静主持会议")
	text("会议部署了本学期的教学检查工作。")
	waitScreen("会议部署了本学期的教学检查工作。")
	keys("C-s")
	waitScreen("第2版 · 已保存")
	keys("C-t")
	waitScreen("y 送交审核")
	keys("y")
	waitScreen("已送审 #1", "送审中 1")
	keys("q")
	// The TUI has quit when the shell's sleep is all that is left.
	deadline := time.Now().Add(5 * time.Second)
	for strings.Contains(screen(), "我的队列") {
		if time.Now().After(deadline) {
			t.Fatalf("the TUI did not quit:\n%s", screen())
		}
		time.Sleep(50 * time.Millisecond)
	}

	var shown struct {
		State   string `json:"state"`
		Stage   int    `json:"stage"`
		Rev     int    `json:"rev"`
		Content struct {
			Kind    string   `json:"kind"`
			Title   string   `json:"title"`
			Source  string   `json:"source"`
			Authors []string `json:"authors"`
			Body    string   `json:"body"`
			Meeting struct {
				Name      string   `json:"name"`
				Date      string   `json:"date"`
				Place     string   `json:"place"`
				Chair     string   `json:"chair"`
				Attendees []string `json:"attendees"`
			} `json:"meeting"`
		} `json:"content"`
	}
	raw := cli("article", "show", "1", "--json")
	if err := json.Unmarshal([]byte(raw), &shown); err != nil {
		t.Fatalf("article show --json: %v\n%s", err, raw)
	}
	c := shown.Content
	want := "9月2日，党委宣传部在学术报告厅召开秋季学期教学工作会议。陈静主持会议，各系主任、教研室主任参加会议。\n\n" + meetingSections + "会议部署了本学期的教学检查工作。"
	switch {
	case shown.State != "review" || shown.Stage != 0 || shown.Rev != 2:
		t.Fatalf("state %s stage %d rev %d; want review 0 2", shown.State, shown.Stage, shown.Rev)
	case c.Kind != "meeting" || c.Title != "党委宣传部召开秋季学期教学工作会议" || c.Source != "党委宣传部":
		t.Fatalf("kind %q title %q source %q", c.Kind, c.Title, c.Source)
	case strings.TrimSpace(c.Body) != want:
		t.Fatalf("body %q\nwant %q", c.Body, want)
	case c.Meeting.Date != "2024-09-02" || c.Meeting.Chair != "陈静" || strings.Join(c.Meeting.Attendees, "|") != "各系主任|教研室主任":
		t.Fatalf("meeting %+v", c.Meeting)
	}
}
