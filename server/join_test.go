package server_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
)

// Keys belong to their owners: an admin adds a user over SSH and gets a
// one-time code; the person connects with their own (unknown) key and runs
// join CODE; the key is theirs, recorded as bound by invitation, and the
// code is spent. Unknown keys may run nothing else. Over SSH an admin can
// revoke another user's key but never add one.
func TestJoinWithInvitation(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	// No invitation open: an unknown key is refused at authentication.
	stranger := &user{login: "stranger"}
	stranger.signer, stranger.priv = newKey(t)
	if _, err := dialQuiet(ts.addr, stranger); err == nil {
		t.Fatal("an unknown key got in with no invitation open")
	}

	r := ts.runAs(t, o.wang, "", "user add xu --display 徐静 --role reviewer")
	if r.code != 0 || !strings.Contains(r.stdout, "邀请码") {
		t.Fatalf("user add over SSH: %+v", r)
	}
	code := r.stdout[strings.LastIndex(r.stdout, "join ")+5:]
	code = strings.TrimSpace(code)
	if len(code) != 19 {
		t.Fatalf("code %q", code)
	}
	xu := &user{login: "xu"}
	xu.signer, xu.priv = newKey(t)
	// The unknown key may run nothing but join.
	if r := ts.runAs(t, xu, "", "article list"); r.code != 4 || !strings.Contains(r.stderr, "join 邀请码") {
		t.Fatalf("unknown key ran a command: %+v", r)
	}
	if r := ts.runAs(t, xu, "", "join AAAA-BBBB-CCCC-DDDD"); r.code != 4 || !strings.Contains(r.stderr, "邀请码无效") {
		t.Fatalf("a wrong code: %+v", r)
	}
	if r := ts.runAs(t, xu, "", "join "+strings.ToLower(code)); r.code != 0 || !strings.Contains(r.stdout, "xu") {
		t.Fatalf("join: %+v", r)
	}
	if r := ts.runAs(t, xu, "", "whoami"); r.code != 0 || !strings.Contains(r.stdout, "xu") {
		t.Fatalf("whoami after join: %+v", r)
	}
	u, err := o.st.User("xu")
	if err != nil || len(u.Keys) != 1 || u.Keys[0].How != model.KeyByInvite || !u.Keys[0].OwnedBy("xu") {
		t.Fatalf("bound key: %+v %v", u, err)
	}
	// Spent: another key cannot use the code again.
	other := &user{login: "other"}
	other.signer, other.priv = newKey(t)
	if _, err := dialQuiet(ts.addr, other); err == nil {
		t.Fatal("unknown keys still get in after the only invitation was used")
	}

	// Over SSH an admin cannot add a key to another account …
	if r := ts.runAs(t, o.wang, "", "user key add li '"+other.authorizedKey()+"'"); r.code != 4 || !strings.Contains(r.stderr, "不能给别人的账户添加密钥") {
		t.Fatalf("admin added a key to another account over SSH: %+v", r)
	}
	if r := ts.runAs(t, o.wang, "", "user add yu --display 余 --role chief --key '"+other.authorizedKey()+"'"); r.code != 4 {
		t.Fatalf("admin created a user with a key over SSH: %+v", r)
	}
	// … a user adds their own …
	if r := ts.runAs(t, xu, "", "me key add '"+other.authorizedKey()+"'"); r.code != 0 {
		t.Fatalf("me key add: %+v", r)
	}
	// … and an admin can revoke.
	fp := gosshFP(other)
	if r := ts.runAs(t, o.wang, "", "user key remove xu "+fp); r.code != 0 {
		t.Fatalf("admin revoke over SSH: %+v", r)
	}
	if u, _ := o.st.User("xu"); len(u.Keys) != 1 {
		t.Fatalf("keys after revoke: %+v", u.Keys)
	}
	// Joins are rate limited per address.
	code2 := ""
	if r := ts.runAs(t, o.wang, "", "user add qian --display 钱 --role writer"); r.code == 0 {
		code2 = strings.TrimSpace(r.stdout[strings.LastIndex(r.stdout, "join ")+5:])
	}
	limited := false
	for range 8 {
		if r := ts.runAs(t, stranger, "", "join ZZZZ-ZZZZ-ZZZZ-ZZZZ"); strings.Contains(r.stderr, "加入尝试太多") {
			limited = true
			break
		}
	}
	if !limited || code2 == "" {
		t.Fatalf("join attempts not rate limited (code2 %q)", code2)
	}
}

func gosshFP(u *user) string {
	k, _ := model.ParseKey(u.authorizedKey())
	return k.Fingerprint
}

// The same with the OpenSSH client, as the README tells a new colleague:
// ssh -p PORT HOST join CODE, then the key works.
func TestJoinWithOpenSSH(t *testing.T) {
	needTool(t, "ssh")
	o := newOffice(t)
	ts := start(t, o, nil)
	r := ts.runAs(t, o.wang, "", "user add xu --display 徐静 --role reviewer")
	code := strings.TrimSpace(r.stdout[strings.LastIndex(r.stdout, "join ")+5:])
	xu := &user{login: "xu"}
	xu.signer, xu.priv = newKey(t)
	c := newSSHClient(t, ts.addr, xu)
	if r := c.run(t, "", "article", "list"); r.code != 4 {
		t.Fatalf("unknown key before join: %+v", r)
	}
	if r := c.run(t, "", "article", "list"); !regexp.MustCompile(`请运行：ssh -p \d+ 127\.0\.0\.1 join 邀请码`).MatchString(r.stdout + r.stderr) {
		t.Errorf("the unknown-key refusal does not name this server's ssh command: %+v", r)
	}
	// the client sends no LANG: the welcome is Chinese, like everything else
	r = c.run(t, "", "join", code)
	// over SSH the welcome names the real command for this server, not
	// placeholders or the local CLI
	if !regexp.MustCompile(`ssh -p \d+ 127\.0\.0\.1 打开工作台；ssh -p \d+ 127\.0\.0\.1 me key add`).MatchString(r.stdout) || strings.Contains(r.stdout, "端口 主机") || strings.Contains(r.stdout, "copydesk me key") {
		t.Errorf("the welcome does not name this server's ssh command:\n%s", r.stdout)
	}
	if r.code != 0 || !strings.Contains(r.stdout, "欢迎，徐静") || !strings.Contains(r.stdout, "已绑定到 xu") || strings.Contains(r.stdout, "welcome") {
		t.Fatalf("ssh join: %+v", r)
	}
	if r := c.run(t, "", "whoami"); r.code != 0 || !strings.Contains(r.stdout, "xu") {
		t.Fatalf("ssh whoami after join: %+v", r)
	}
}

// A decision over SSH with a key an admin added (the office's users were
// set up locally with keys) is flagged in the record: history, user list.
func TestDecisionWithAdminAddedKeyIsFlagged(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	id := o.article(t, o.chen, "学校召开宣传工作会议", "今天上午，学校召开宣传工作会议。\n")
	if r := ts.runAs(t, o.chen, "", "article submit "+itoa(id)); r.code != 0 {
		t.Fatalf("submit: %+v", r)
	}
	ts.runAs(t, o.li, "", "article show "+itoa(id))
	if r := ts.runAs(t, o.li, "", "article approve "+itoa(id)+" -m 同意"); r.code != 0 {
		t.Fatalf("approve: %+v", r)
	}
	// the owner reads the record (the admin may not see an article in
	// review at a stage that is not theirs: model.Article.VisibleTo)
	hist := ts.runAs(t, o.chen, "", "article history "+itoa(id))
	// in the reader's language: the note is stored in English in the
	// audit chain, and read back from the catalog (store.KeyFlagText)
	if !strings.Contains(hist.stdout, "不是本人添加的（在服务器上添加，添加人 wang）") || strings.Contains(hist.stdout, "not added by its owner") {
		t.Fatalf("history does not flag the approval in Chinese:\n%s", hist.stdout)
	}
	if show := ts.runAs(t, o.chen, "", "article show "+itoa(id)); !strings.Contains(show.stdout, "不是本人添加的（在服务器上添加") || strings.Contains(show.stdout, "not added by its owner") {
		t.Fatalf("show does not flag the approval in Chinese:\n%s", show.stdout)
	}
	list := ts.runAs(t, o.wang, "", "user list")
	for _, line := range strings.Split(list.stdout, "\n") {
		flagged := strings.Contains(line, "不是本人添加")
		if strings.HasPrefix(line, "li ") != flagged && (strings.HasPrefix(line, "li ") || strings.HasPrefix(line, "wang ")) {
			t.Fatalf("user list flags:\n%s", list.stdout)
		}
	}
}

func itoa(n uint64) string { return strconv.FormatUint(n, 10) }
