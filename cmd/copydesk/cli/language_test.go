package cli_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/cmd/copydesk/cli"
	"github.com/copydesk/copydesk/locale"
)

// englishWord finds a word of Latin letters; allowed are what a user types
// or a program reads: logins, command and flag names, IDs, hashes,
// placeholders in capitals (ID, OPINION), file paths.
var hash = regexp.MustCompile(`(sha|SHA)256:[0-9A-Za-z+/=]+`)

var flagName = regexp.MustCompile(`--?[a-z][a-z-]*`)

var englishWord = regexp.MustCompile(`[A-Za-z][A-Za-z'-]+`)

func englishLeft(out string, allow map[string]bool) []string {
	var bad []string
	for _, line := range strings.Split(out, "\n") {
		for _, f := range strings.Fields(line) {
			// Paths, flags, hashes, fingerprints and placeholders are machine text.
			f = hash.ReplaceAllString(f, "")
			f = flagName.ReplaceAllString(f, "")
			if strings.ContainsAny(f, "/$=") || strings.HasPrefix(f, "-") || strings.HasPrefix(f, "sha256:") || strings.HasPrefix(f, "SHA256:") {
				continue
			}
			for _, w := range englishWord.FindAllString(f, -1) {
				if !allow[w] && !allow[strings.ToLower(w)] && strings.ToUpper(w) != w {
					bad = append(bad, w+" in "+strings.TrimSpace(line))
				}
			}
		}
	}
	return bad
}

// The README walkthrough with LANG unset speaks Chinese: no English word
// outside logins, command names and flags (issue 9.10); with
// LANG=en_US.UTF-8 the same commands speak English.
func TestWalkthroughLanguage(t *testing.T) {
	allow := map[string]bool{}
	// Values a user types (role and state ids, which the commands take in
	// both languages), file and protocol names.
	for _, w := range strings.Fields(`copydesk admin liwei wangyin shenjl zhaomin ssh join Markdown Hugo ms default
		writer reviewer chief draft review signed published withdrawn
		help completion shell webhook known_hosts authorized_keys known hosts authorized keys
		string strings int uint duration stringArray bool uints`) {
		allow[w] = true
	}
	var names func(c *cobra.Command)
	names = func(c *cobra.Command) {
		allow[c.Name()] = true
		for _, a := range c.Aliases {
			allow[a] = true
		}
		for _, s := range c.Commands() {
			names(s)
		}
	}
	names(cli.NewRoot(&cli.Env{Lang: locale.EN}))
	o := newOffice(t)
	out := t.TempDir()
	steps := [][]string{
		{"--as", "admin", "user", "add", "zhaomin", "--display", "赵敏", "--role", "writer"},
		{"--as", "admin", "user", "list"},
		{"--as", "liwei", "article", "new", "--title", "校园新闻", "--file", "-"},
		{"--as", "liwei", "article", "list"},
		{"--as", "liwei", "article", "submit", "1"},
		{"--as", "wangyin", "article", "show", "1"},
		{"--as", "wangyin", "article", "approve", "1", "-m", "同意"},
		{"--as", "shenjl", "article", "show", "1"},
		{"--as", "shenjl", "article", "signoff", "1", "-m", "签发"},
		{"--as", "liwei", "article", "list"},
		{"--as", "admin", "export", "--out", filepath.Join(out, "site")},
		{"--as", "liwei", "whoami"},
		{"--as", "liwei", "article", "conflicts", "1"},
		{"--as", "admin", "workflow", "set-default", "news", "default"},
		{"--as", "admin", "verify"},
		{"--help"},
		{"article", "--help"},
		{"article", "list", "--help"},
		{"article", "approve", "--help"},
		{"user", "add", "--help"},
	}
	for _, lang := range []string{"", "en_US.UTF-8"} {
		if lang == "en_US.UTF-8" {
			o = newOffice(t)
		}
		o.lang = lang
		var english int
		for _, args := range steps {
			stdin := ""
			if args[len(args)-1] == "-" {
				stdin = body
			}
			if lang != "" && args[len(args)-1] == "zhaomin" {
				continue
			}
			r := o.run(stdin, args...)
			if r.code != 0 {
				t.Fatalf("LANG=%q copydesk %s: exit %d\n%s%s", lang, strings.Join(args, " "), r.code, r.stdout, r.stderr)
			}
			bad := englishLeft(r.stdout+r.stderr, allow)
			if lang == "" {
				for _, b := range bad {
					t.Errorf("LANG unset, copydesk %s: English %q", strings.Join(args, " "), b)
				}
			}
			english += len(bad)
		}
		if lang != "" && english < 50 {
			t.Errorf("LANG=%s: only %d English words in the walkthrough; it should speak English", lang, english)
		}
	}
}

// copydesk init on a new database, with and without --login, speaks the
// user's language: Chinese with LANG unset, English with LANG=en_US.UTF-8
// (issue 9.10).
func TestInitLanguage(t *testing.T) {
	allow := map[string]bool{"copydesk": true, "user": true, "add": true, "init": true, "edit": true,
		"admin": true, "reviewer": true, "chief": true, "writer": true, "liwei": true, "help": true}
	for _, lang := range []string{"", "en_US.UTF-8"} {
		o := &office{t: t, db: filepath.Join(t.TempDir(), "copydesk.db"), lang: lang}
		var all string
		r := o.run("", "init")
		all += r.stdout + r.stderr
		r2 := o.run("", "init", "--login", "liwei")
		if r2.code == 0 {
			t.Errorf("LANG=%q init --login without --display succeeded", lang)
		}
		all += r2.stdout + r2.stderr
		all += o.ok("", "init", "--login", "liwei", "--display", "李伟")
		r3 := o.run("", "init", "--login", "liwei", "--display", "李伟")
		if r3.code == 0 {
			t.Errorf("LANG=%q second init --login succeeded", lang)
		}
		all += r3.stdout + r3.stderr
		bad := englishLeft(all, allow)
		if lang == "" {
			for _, b := range bad {
				t.Errorf("LANG unset, copydesk init: English %q", b)
			}
			if !strings.Contains(all, "数据库已就绪") || !strings.Contains(all, "下一步") {
				t.Errorf("LANG unset, copydesk init printed\n%s", all)
			}
		} else if !strings.Contains(all, "database ready") || !strings.Contains(all, "you are liwei (李伟)") || len(bad) < 20 {
			t.Errorf("LANG=%s: copydesk init should speak English, printed\n%s", lang, all)
		}
	}
}

// A failing verify (a saved head the chain does not hold) reports its
// problem and verdict in the user's language (issue 9.10).
func TestVerifyFailureLanguage(t *testing.T) {
	allow := map[string]bool{"copydesk": true, "help": true}
	for _, lang := range []string{"", "en_US.UTF-8"} {
		o := newOffice(t)
		o.lang = lang
		r := o.run("", "--as", "admin", "verify", "--head", "sha256:00000000000000000000000000000000")
		if r.code == 0 {
			t.Fatalf("LANG=%q verify against a foreign head succeeded:\n%s", lang, r.stdout)
		}
		all := r.stdout + r.stderr
		bad := englishLeft(all, allow)
		if lang == "" {
			for _, b := range bad {
				t.Errorf("LANG unset, failing verify: English %q", b)
			}
			if !strings.Contains(all, "校验发现 1 个问题") || !strings.Contains(all, "错误  ") || !strings.Contains(all, "审计链不含保存的链头") {
				t.Errorf("LANG unset, failing verify printed\n%s", all)
			}
		} else if !strings.Contains(all, "verify found 1 problem") || !strings.Contains(all, "BAD  ") {
			t.Errorf("LANG=%s: failing verify should speak English:\n%s", lang, all)
		}
	}
}

// The notify commands' usage mistakes answer in the user's language
// (issue 9.10): Chinese with LANG unset, English with LANG=en_US.UTF-8,
// exit 2 either way.
func TestNotifyUsageLanguage(t *testing.T) {
	allow := map[string]bool{"copydesk": true, "help": true, "smtp": true, "webhook": true, "tls": true, "starttls": true, "none": true, "all": true, "mail": true, "example": true, "edu": true, "wecom": true, "dingtalk": true, "feishu": true, "news": true, "cn": true}
	cases := [][]string{
		{"--as", "admin", "notify", "add", "校务", "--kind", "pigeon"},
		{"--as", "admin", "notify", "add", "校务", "--kind", "smtp"},
		{"--as", "admin", "notify", "add", "校务", "--kind", "smtp", "--smtp", "mail.example.edu:587", "--from", "bad@", "--tls", "maybe"},
		{"--as", "admin", "notify", "add", "校务", "--kind", "smtp", "--smtp", "mail.example.edu:587", "--from", "news@example.edu.cn", "--tls", "maybe"},
		{"--as", "admin", "me", "notify", "--email", "不是地址"},
		{"--as", "admin", "me", "notify", "--webhook", "ftp://x"},
	}
	for _, lang := range []string{"", "en_US.UTF-8"} {
		o := newOffice(t)
		o.lang = lang
		for _, args := range cases {
			r := o.run("", args...)
			if r.code != 2 {
				t.Errorf("LANG=%q copydesk %s: exit %d, want 2\n%s%s", lang, strings.Join(args, " "), r.code, r.stdout, r.stderr)
				continue
			}
			bad := englishLeft(r.stderr, allow)
			if lang == "" {
				for _, b := range bad {
					t.Errorf("LANG unset, copydesk %s: English %q", strings.Join(args, " "), b)
				}
			} else if len(bad) == 0 {
				t.Errorf("LANG=%s copydesk %s should speak English: %s", lang, strings.Join(args, " "), r.stderr)
			}
		}
	}
}

// The notify listings (me notify, notify status) read in Chinese with LANG
// unset and in English with LANG=en_US.UTF-8 (issue 9.10).
func TestNotifyListingLanguage(t *testing.T) {
	allow := map[string]bool{"admin": true, "copydesk": true, "notify": true, "add": true, "kind": true, "retry": true, "all": true}
	for _, lang := range []string{"", "en_US.UTF-8"} {
		o := newOffice(t)
		o.lang = lang
		for _, args := range [][]string{{"--as", "admin", "me", "notify"}, {"--as", "admin", "notify", "status"}} {
			r := o.run("", args...)
			if r.code != 0 {
				t.Fatalf("LANG=%q copydesk %s: exit %d\n%s%s", lang, strings.Join(args, " "), r.code, r.stdout, r.stderr)
			}
			bad := englishLeft(r.stdout, allow)
			if lang == "" {
				for _, b := range bad {
					t.Errorf("LANG unset, copydesk %s: English %q", strings.Join(args, " "), b)
				}
				if !strings.Contains(r.stdout, "通知") && !(strings.Contains(r.stdout, "发件箱") && strings.Contains(r.stdout, "渠道")) {
					t.Errorf("LANG unset, copydesk %s printed\n%s", strings.Join(args, " "), r.stdout)
				}
			} else if len(bad) == 0 {
				t.Errorf("LANG=%s copydesk %s should speak English:\n%s", lang, strings.Join(args, " "), r.stdout)
			}
		}
	}
}
