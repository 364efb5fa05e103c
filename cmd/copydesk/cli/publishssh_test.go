package cli_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// TestPublishOverSSH (tester, 2026-12-01): while copydesk serve held the
// database, nothing but a 定时发布 reached the site — publish over SSH said
// "run it on the server", and on the server the database was held, so a
// takedown (撤稿) or a correction stayed off the public site. Over SSH a
// chief or admin publishes an export folder to a site target the admin
// named, with the server's key and known_hosts; the articles are recorded
// online as that user. Everything else is refused: another role, a
// destination that is not a target, --key/--known-hosts, a folder outside
// the export folders, a server started without publish options.
func TestPublishOverSSH(t *testing.T) {
	o := newOffice(t)
	id := o.approved("学院召开安全稳定工作会议")
	o.signOff(id)
	sites, www := t.TempDir(), filepath.Join(t.TempDir(), "www")
	o.ok("", "--as", "admin", "settings", "set", "export-dirs", sites)
	o.ok("", "--as", "admin", "site", "target", "add", "web", "--to", www)

	st, err := store.Open(o.db, store.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	serving := cli.RemoteRunnerServing(st, nil, &export.PublishOptions{})
	ssh := func(run func(stdin io.Reader, stdout, stderr io.Writer, actor store.Actor, args []string, lang locale.Lang) int, who string, args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := run(strings.NewReader(""), &out, &errb, store.Actor{Login: who}, args, locale.Lang("zh-CN"))
		return code, out.String() + errb.String()
	}
	if code, out := ssh(serving, "shenjl", "export"); code != 0 {
		t.Fatalf("export over SSH: exit %d\n%s", code, out)
	}
	for _, c := range []struct {
		who  string
		args []string
		code int
		want string
	}{
		{"liwei", []string{"publish", "--to", "web"}, 4, "主编或管理员"},
		{"shenjl", []string{"publish", "--to", www}, 2, "不是站点目标"},
		{"shenjl", []string{"publish", "--to", "web", "--key", "/etc/ssh/ssh_host_ed25519_key"}, 2, "--publish-key"},
		{"shenjl", []string{"publish", "--from", "/etc", "--to", "web"}, 4, "/etc"},
	} {
		code, out := ssh(serving, c.who, c.args...)
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("%s: %v: exit %d (want %d), said %q (want %q)", c.who, c.args, code, c.code, out, c.want)
		}
		if _, err := os.Stat(filepath.Join(www, "index.html")); err == nil {
			t.Fatalf("%s: %v: a refused publish reached the target", c.who, c.args)
		}
	}
	if code, out := ssh(cli.RemoteRunner(st), "shenjl", "publish", "--to", "web"); code != 4 || !strings.Contains(out, "请在服务器上运行") {
		t.Errorf("a server without publish options: exit %d, said %q", code, out)
	}

	code, out := ssh(serving, "shenjl", "publish", "--to", "web")
	if code != 0 || !strings.Contains(out, "已上线") {
		t.Fatalf("publish over SSH: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(www, "articles", id, "index.html")); err != nil {
		t.Fatalf("the article's page did not reach the target: %v", err)
	}
	if _, out := ssh(serving, "shenjl", "article", "show", id); !strings.Contains(out, "发布到 web") {
		t.Fatalf("article show does not record the publication:\n%s", out)
	}
}
