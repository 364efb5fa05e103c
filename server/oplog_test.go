package server_test

import (
	"bufio"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
)

// The serve log is the operator's record of events in English (event name
// and key=value fields: server.NewLogger), every line of it, the search
// index's progress included; what the operator must do about an empty
// database is told as the command's message in their language, outside
// the log.
func TestServeLogIsOneLanguage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "copydesk.db")
	cmd := exec.Command("copydesk", "--db", db, "serve", "--listen", "127.0.0.1:0", "--grace", "1s")
	cmd.Env = append(os.Environ(), "LANG=zh_CN.UTF-8", "LC_ALL=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var out []string
	deadline := time.After(20 * time.Second)
	for noUsers, rebuilt := false, false; !noUsers || !rebuilt; {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("copydesk serve ended:\n%s", strings.Join(out, "\n"))
			}
			out = append(out, l)
			noUsers = noUsers || strings.Contains(l, "no users")
			rebuilt = rebuilt || strings.Contains(l, "index rebuilt")
		case <-deadline:
			t.Fatalf("copydesk serve did not start:\n%s", strings.Join(out, "\n"))
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	for l := range lines {
		out = append(out, l)
	}
	cmd.Wait()
	logLine := regexp.MustCompile(`^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (DEBU|INFO|WARN|ERRO|FATA) copydesk: `)
	han := func(s string) bool {
		return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
	}
	var told bool
	for _, l := range out {
		switch {
		case logLine.MatchString(l) && han(l):
			t.Errorf("a log line not in English: %q", l)
		case !logLine.MatchString(l) && strings.Contains(l, "还没有用户"):
			told = true
		}
	}
	if !told || !strings.Contains(strings.Join(out, "\n"), "Search index rebuilt") {
		t.Errorf("the operator is not told in Chinese that there are no users, or the index's progress is missing:\n%s", strings.Join(out, "\n"))
	}
}
