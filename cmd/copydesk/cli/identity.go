package cli

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui"
)

// osAccount is the key a local identity is remembered under: the OS user
// ID, which needs neither $USER nor $HOME (containers, cron, systemd).
func osAccount() string { return "uid:" + strconv.Itoa(os.Getuid()) }

// osLogin is a login to suggest for the OS account: $USER, else the
// account's name from the system's user database, if it is a valid login.
func (env *Env) osLogin() string {
	for _, l := range []string{env.getenv("USER"), env.getenv("LOGNAME")} {
		if model.ValidateLogin(l) == nil {
			return l
		}
	}
	if u, err := user.Current(); err == nil && model.ValidateLogin(u.Username) == nil {
		return u.Username
	}
	return ""
}

// Identity is who acts: over SSH the key's owner. Locally, in this order:
// --as; the user named like $USER; the identity remembered for this OS
// account on this database (the first run, `user add` of the first user,
// `whoami --remember`). Anything else is a refusal (exit 4) that lists the
// logins to choose from.
func (env *Env) Identity() (store.Actor, error) {
	if env.Remote {
		return env.Actor, nil
	}
	st, err := env.OpenStore()
	if err != nil {
		return store.Actor{}, err
	}
	if env.as != "" {
		if _, err := st.User(env.as); err != nil {
			if store.IsNotFound(err) {
				return store.Actor{}, env.whoAreYou(st, fmt.Sprintf("--as %s: no such copydesk user", env.as), env.t("WhoAreYouAsUnknown", locale.Args{"Login": termsafe.Line(env.as)}))
			}
			return store.Actor{}, err
		}
		return store.Actor{Login: env.as}, nil
	}
	if l := env.getenv("USER"); l != "" {
		if _, err := st.User(l); err == nil {
			return store.Actor{Login: l}, nil
		}
	}
	if l, ok := st.LocalIdentity(osAccount()); ok {
		return store.Actor{Login: l}, nil
	}
	why, said := "who are you? $USER is not set", env.t("WhoAreYouNoUSER")
	if l := env.getenv("USER"); l != "" {
		why = fmt.Sprintf("who are you? $USER is %s, which is not a copydesk user", l)
		said = env.t("WhoAreYouUSERUnknown", locale.Args{"Login": termsafe.Line(l)})
	}
	return store.Actor{}, env.whoAreYou(st, why, said)
}

// whoAreYou is the refusal of an unknown identity, listing known logins:
// why in English (the error's text), said in the user's language (what
// is shown, from the catalog).
func (env *Env) whoAreYou(st *store.Store, why, said string) error {
	users, _ := st.Users()
	var names []string
	for i, u := range users {
		if i == 20 {
			names = append(names, env.t("WhoAreYouMore", locale.Args{"N": len(users)}))
			break
		}
		names = append(names, fmt.Sprintf("%s (%s)", u.Login, termsafe.Line(u.Name())))
	}
	known := "there are no users yet: copydesk init --login LOGIN --display 姓名"
	saidKnown := env.t("WhoAreYouNoUsers")
	if len(names) > 0 {
		known = "known logins: " + strings.Join(names, ", ")
		saidKnown = env.t("WhoAreYouKnown", locale.Args{"Names": strings.Join(names, ", ")})
	}
	return &model.DeniedError{Err: model.ErrRoleRequired, ID: "ErrWhoAreYou", Args: map[string]any{"Why": said, "Known": saidKnown},
		Detail: fmt.Sprintf("%s; pass --as LOGIN (and copydesk --as LOGIN whoami --remember to be remembered on this computer); %s", why, known)}
}

// interactive reports whether standard input and output are a terminal,
// so a form can be shown.
func (env *Env) interactive() bool {
	in, ok := env.Stdin.(*os.File)
	if !ok || !term.IsTerminal(int(in.Fd())) {
		return false
	}
	out, ok := env.rawStdout.(*os.File)
	return ok && term.IsTerminal(int(out.Fd()))
}

// bootstrap makes the first user of an empty database (admin and writer)
// and remembers it for this OS account, so later runs need no --as.
func (env *Env) bootstrap(st *store.Store, a tui.FirstRunAnswers) (*model.User, error) {
	u := model.User{Login: a.Login, Display: a.Display, Department: a.Department, Roles: []model.Role{model.RoleAdmin, model.RoleWriter}}
	out, err := st.AddUser(store.Actor{}, u)
	if err != nil {
		return nil, err
	}
	if err := st.RememberLocal(osAccount(), out.Login); err != nil {
		return nil, err
	}
	env.as = out.Login
	return out, nil
}

// welcomeText is the first-run guidance the TUI shows in its status bar.
func welcomeText(u *model.User) string {
	return fmt.Sprintf("欢迎，%s！你是这个数据库的第一位用户（管理员、撰稿）。n 写新闻，m 写会议报道；"+
		"添加审核人和主编：copydesk user add 登录名 --display 姓名 --role reviewer（或 chief）", u.Name())
}

// firstRun makes an empty database usable from the TUI: it asks the first
// user who they are (login, 姓名, 部门) in a form, or refuses with what to
// run when there is no terminal to ask on. It returns the guidance to show
// inside the TUI ("" when the database already had users).
func (env *Env) firstRun(st *store.Store) (string, error) {
	has, err := st.HasUsers()
	if err != nil || has {
		return "", err
	}
	def := tui.FirstRunAnswers{Login: env.as}
	if def.Login == "" {
		def.Login = env.osLogin()
	}
	if !env.interactive() {
		return "", UsageErrorf("new database %s has no users yet; say who you are first: copydesk init --login LOGIN --display 姓名 [--department 部门]", st.Path())
	}
	ans, err := tui.FirstRun(def)
	if err != nil { // tui.ErrFirstRunCancelled is shown as it is: not a usage mistake
		return "", err
	}
	u, err := env.bootstrap(st, ans)
	if err != nil {
		return "", err
	}
	return welcomeText(u), nil
}
