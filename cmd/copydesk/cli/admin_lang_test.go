package cli_test

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// The admin's and the user's own commands (settings, notify, user edit,
// keys, verify, identity) speak the reader's language in everything they
// print: outputs, confirmations, usage mistakes, refusals, why a
// notification failed and the OS errors inside messages (issue 9.10). With
// LANG unset no English word is left; with LANG=en_US.UTF-8 the same runs
// read in English.
func TestAdminCommandsSpeakTheReadersLanguage(t *testing.T) {
	o := newOffice(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0") // a robot nobody answers for
	if err != nil {
		t.Fatal(err)
	}
	dead := ln.Addr().String()
	ln.Close()
	urlFile := filepath.Join(t.TempDir(), "ding.url")
	if err := os.WriteFile(urlFile, []byte("http://"+dead+"/robot/send?access_token=SECRET"), 0o600); err != nil {
		t.Fatal(err)
	}
	o.ok("", "--as", "admin", "notify", "add", "ding", "--kind", "dingtalk", "--url-file", urlFile)
	o.ok("", "--as", "admin", "notify", "set", "--deadline", "36h", "--escalate", "12h")
	missing := filepath.Join(t.TempDir(), "provenance.json")
	titles := filepath.Join(t.TempDir(), "titles.txt")
	if err := os.WriteFile(titles, []byte("王音\n"), 0o600); err != nil {
		t.Fatal(err)
	}

	type step struct {
		args []string
		zh   []string // what the Chinese reader must see (stdout and stderr)
		en   []string
	}
	steps := []step{
		{[]string{"settings", "show"},
			[]string{"时区", "Asia/Shanghai（默认）", "（默认主题）"}, []string{"time zone", "notice  (default)", "(default theme)"}},
		{[]string{"--as", "admin", "settings", "set", "timezone", "Asia/Urumqi"},
			[]string{"已设置时区（timezone）"}, []string{"timezone (time zone) set"}},
		{[]string{"--as", "admin", "settings", "set", "colour", "red"},
			[]string{"没有“colour”这项设置"}, []string{`unknown setting "colour"`}},
		{[]string{"--as", "admin", "user", "edit", "liwei", "--department", "校办"},
			[]string{"已修改用户 liwei：姓名 李伟，部门 校办，角色 撰稿"}, []string{"user liwei changed: name 李伟, department 校办, roles writer"}},
		{[]string{"--as", "admin", "user", "edit", "liwei"},
			[]string{"没有要修改的内容"}, []string{"nothing to change"}},
		{[]string{"--as", "admin", "notify", "test", "ding"},
			[]string{"发送到 http://" + dead + "/… 失败：连接 " + dead + " 失败：对方拒绝连接"}, []string{"dial " + dead + ": connection refused"}},
		{[]string{"--as", "admin", "notify", "status"},
			[]string{"钉钉", "1 天 12 小时", "12 小时", "对方拒绝连接"}, []string{"DingTalk", "1 day 12 hours", "12 hours", "connection refused"}},
		{[]string{"--as", "admin", "notify", "retry", "--all"}, nil, nil},
		{[]string{"notify", "run", "--once"},
			[]string{"次发送失败，稍后重试：发送到 http://" + dead + "/… 失败：连接 " + dead + " 失败：对方拒绝连接", "已发送 0 条，失败 1 条"},
			[]string{"failed, will retry: POST http://" + dead + "/…: dial " + dead + ": connection refused", "sent 0, failed 1"}},
		{[]string{"--as", "admin", "notify", "retry"},
			[]string{"retry 需要一个消息编号或 --all；用法：copydesk notify retry ID | --all [选项]"}, []string{"retry needs a message ID or --all"}},
		{[]string{"--as", "liwei", "me", "key", "list"}, nil, nil},
		{[]string{"--as", "liwei", "me", "key", "add", "ssh-ed25519 nonsense"},
			[]string{"输入有误（密钥）：这不是 SSH 公钥；"}, []string{"key: not an SSH public key; "}},
		{[]string{"--as", "nobody", "whoami"},
			[]string{"没有这个 copydesk 用户", "liwei（李伟）、"}, []string{"no such copydesk user", "liwei (李伟), "}},
		{[]string{"verify", "--head", missing},
			[]string{"打开 " + missing + " 失败：文件或文件夹不存在"}, []string{"open " + missing + ": no such file or directory"}},
		{[]string{"--as", "admin", "proof", "export", "bogus"},
			[]string{"没有“bogus”这种词表"}, []string{`unknown list kind "bogus"`}},
		{[]string{"--as", "admin", "proof", "import", "title", titles},
			[]string{"输入有误：第 1 行：请写姓名和职务，如“王音 党委书记”；词表没有改动"}, []string{"line 1: write a name and a title: 王音 党委书记; nothing was changed"}},
		{[]string{"proof", "rules"},
			[]string{"中文语境中的半角标点", "错误"}, []string{"half-width punctuation in Chinese text", "error"}},
		{[]string{"proof", "lists"},
			[]string{"固定表述", "禁用词"}, []string{"fixed phrases", "banned words"}},
		{[]string{"--as", "admin", "workflow", "set-default", "poem", "default"},
			[]string{"“poem”不是稿件类型"}, []string{`"poem" is not a kind`}},
	}
	allow := []string{"liwei", "admin", "nobody", "timezone", "colour", "red", "poem", "retry", "SECRET", "Asia", "Shanghai", "Urumqi",
		"export", "dirs", "credits", "format", "byline", "theme", "dir", "form", "takedown", "base", "url", "notice", "ding",
		"wangyin", "shenjl", "parts", "label", "Source", "Photographers", "join", "Reviewers", "Chief", "with", "end", "Authors",
		"provenance", "json", "bogus", "fixed", "country", "org", "title", "banned", "caution", "sensitive", "sitemap", "xml", "access_token", "robot", "send", "kind", "name", "default", "set"}
	for _, lang := range []string{"", "en_US.UTF-8"} {
		o.lang = lang
		for _, s := range steps {
			r := o.run("", s.args...)
			out := r.stdout + r.stderr
			want := s.zh
			if lang != "" {
				want = s.en
			}
			for _, w := range want {
				if !strings.Contains(out, w) {
					t.Errorf("LANG=%q copydesk %s: lacks %q:\n%s", lang, strings.Join(s.args, " "), w, out)
				}
			}
			if lang == "" {
				if bad := langcheck.English(out, allow...); len(bad) > 0 {
					t.Errorf("copydesk %s speaks English under zh-CN: %v\n%s", strings.Join(s.args, " "), bad, out)
				}
			}
			if strings.Contains(out, "SECRET") {
				t.Errorf("copydesk %s printed the robot's token", strings.Join(s.args, " "))
			}
		}
	}
}
