package cli

import (
	"os"
	"os/user"
	"strconv"

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

// osLogin is a login to suggest for the OS account: $USER, else $LOGNAME,
// else the account's name from the system's user database — the first
// that is a valid login and not a system account (model.SystemAccount:
// root is the machine's, not a person's). note says, in the TUI's
// language, why the OS name was not suggested ("" when it was, or when
// there was none): the first-run form shows it under the login field, so
// nothing the user did not choose is taken silently.
func (env *Env) osLogin() (login, note string) {
	names := []string{env.getenv("USER"), env.getenv("LOGNAME")}
	if u, err := user.Current(); err == nil {
		names = append(names, u.Username)
	}
	for _, l := range names {
		switch {
		case l == "":
			continue
		case model.ValidateLogin(l) != nil:
			if note == "" {
				note = locale.T(env.workstationLang(nil), "TUIFirstRunOSBadLogin", locale.Args{"Name": termsafe.Line(l)})
			}
		case model.SystemAccount(l):
			if note == "" {
				note = locale.T(env.workstationLang(nil), "TUIFirstRunOSSystem", locale.Args{"Name": l})
			}
		default:
			return l, ""
		}
	}
	return "", note
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
	a, err := env.identity()
	if err == nil {
		env.speakAs(a.Login)
	}
	return a, err
}

// speakAs makes the rest of a local run speak login's own language
// setting (user edit --lang), which outranks LANG (locale.Session); what
// was printed before the user was known followed LANG. A language the
// caller gave (Env.Lang: an SSH session, chosen by the server by the same
// rule) stays.
func (env *Env) speakAs(login string) {
	if env.langGiven || env.Remote {
		return
	}
	if st, err := env.OpenStore(); err == nil {
		if u, err := st.User(login); err == nil {
			env.Lang = locale.Session(u.Lang, env.Lang, nil)
		}
	}
}

// workstationLang is the language of the local workstation for u (nil:
// nobody known yet, the first-run form): u's own setting, else
// COPYDESK_LANG, else zh-CN (locale.Session with locale.TUIEnv; LANG does
// not switch the workstation).
func (env *Env) workstationLang(u *model.User) locale.Lang {
	setting := ""
	if u != nil {
		setting = u.Lang
	}
	return locale.Session(setting, locale.Default, env.getenv, locale.TUIEnv...)
}

// identity resolves the local user (see Identity).
func (env *Env) identity() (store.Actor, error) {
	st, err := env.OpenStore()
	if err != nil {
		return store.Actor{}, err
	}
	if env.as != "" {
		if _, err := st.User(env.as); err != nil {
			if store.IsNotFound(err) {
				return store.Actor{}, env.whoAreYou(st, locale.M("WhoAreYouAsUnknown", locale.Args{"Login": env.as}))
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
	why := locale.M("WhoAreYouNoUSER", nil)
	if l := env.getenv("USER"); l != "" {
		why = locale.M("WhoAreYouUSERUnknown", locale.Args{"Login": l})
	}
	return store.Actor{}, env.whoAreYou(st, why)
}

// whoAreYou is the refusal of an unknown identity (exit 4), saying why
// and listing the known logins (the first 20), in the reader's language.
func (env *Env) whoAreYou(st *store.Store, why locale.Message) error {
	users, _ := st.Users()
	var names []any
	for i, u := range users {
		if i == 20 {
			names = append(names, locale.M("WhoAreYouMore", locale.Args{"N": len(users)}))
			break
		}
		names = append(names, locale.M("CLIKnownLogin", locale.Args{"Login": u.Login, "Name": u.Name()}))
	}
	known := locale.M("WhoAreYouNoUsers", nil)
	if len(names) > 0 {
		known = locale.M("WhoAreYouKnown", locale.Args{"Names": nameList(names)})
	}
	return refusedHere("ErrWhoAreYou", locale.Args{"Why": why, "Known": known})
}

// nameList is a list of messages, a locale.Lister: each rendered in the
// reader's language, joined with 、 in Chinese and ", " in English.
type nameList []any

func (l nameList) MessageID() string           { return "CLIKnownLogins" }
func (l nameList) MessageArgs() map[string]any { return nil }
func (l nameList) Items() []any                { return l }

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

// welcomeText is the first-run guidance the TUI shows in its status bar,
// in the workstation's language.
func welcomeText(lang locale.Lang, u *model.User) string {
	return locale.T(lang, "CLIWelcomeFirstUser", locale.Args{"Name": termsafe.Line(u.Name())})
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
		def.Login, def.LoginNote = env.osLogin()
	}
	if !env.interactive() {
		return "", usageMsg("CLINewDBNoUsers", locale.Args{"Path": st.Path()})
	}
	ans, err := tui.FirstRun(env.workstationLang(nil), def)
	if err != nil { // tui.ErrFirstRunCancelled is shown as it is: not a usage mistake
		return "", err
	}
	u, err := env.bootstrap(st, ans)
	if err != nil {
		return "", err
	}
	return welcomeText(env.workstationLang(u), u), nil
}
