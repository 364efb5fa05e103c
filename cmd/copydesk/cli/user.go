package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui"
)

func newInitCmd(env *Env) *cobra.Command {
	var login, display, dept string
	cmd := &cobra.Command{
		Use:   "init [--login L --display 姓名 [--department 部门]]",
		Short: "Create the database and, with --login, its first user (you)",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIInitDatabaseReady", locale.Args{"Path": st.Path()}))
			if !env.Remote {
				created, err := st.EnsureSeal()
				if err != nil {
					return err
				}
				if path, since := st.SealInfo(); created {
					fmt.Fprintln(env.Stdout, env.t("CLIInitSealCreated", locale.Args{"Path": path, "Since": since}))
				}
			}
			has, err := st.HasUsers()
			if err != nil {
				return err
			}
			if login != "" {
				if has {
					return UsageErrorf("%s", env.t("CLIInitHasUsers"))
				}
				if display == "" {
					return UsageErrorf("%s", env.t("CLIInitNeedDisplay"))
				}
				u, err := env.bootstrap(st, tui.FirstRunAnswers{Login: login, Display: display, Department: dept})
				if err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, env.t("CLIInitYouAre", locale.Args{"Login": u.Login, "Display": termsafe.Line(u.Display)}))
				fmt.Fprintln(env.Stdout, env.t("CLIInitNextUsers"))
				return nil
			}
			if !has {
				fmt.Fprintln(env.Stdout, env.t("CLIInitNextLogin"))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&login, "login", "", "the first user's login (with --display): you, admin and writer")
	cmd.Flags().StringVar(&display, "display", "", "the first user's display name (姓名)")
	cmd.Flags().StringVar(&dept, "department", "", "the first user's department (部门)")
	return cmd
}

func newUserCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "user", Short: "Manage users and their SSH keys", Args: noArgs}
	cmd.AddCommand(newUserAddCmd(env), newUserEditCmd(env), newUserListCmd(env), newUserRemoveCmd(env), newUserKeyCmd(env), newUserInviteCmd(env))
	return cmd
}

func newUserAddCmd(env *Env) *cobra.Command {
	var display, roles, dept, key, keyFile string
	cmd := &cobra.Command{
		Use:   "add NAME --display D --role R[,R] [--key KEY | --key-file F]",
		Short: "Add a user (the first user bootstraps the database and becomes admin)",
		Args:  exactArgs(1, "CLIArgLogin"),
		RunE: func(cmd *cobra.Command, args []string) error {
			rs, err := env.parseRoles(roles)
			if err != nil {
				return usageError{err}
			}
			u := model.User{Login: args[0], Display: display, Department: dept, Roles: rs}
			if keyFile != "" {
				if env.Remote {
					return usageError{locale.NewError("CLIKeyFileSSH", nil)}
				}
				raw, err := os.ReadFile(keyFile)
				if err != nil {
					return err
				}
				key = string(raw)
			}
			if key != "" {
				k, err := model.ParseKey(key)
				if err != nil {
					return err
				}
				u.Keys = []model.Key{k}
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			has, err := st.HasUsers()
			if err != nil {
				return err
			}
			actor := env.Actor
			if has && !env.Remote {
				if actor, err = env.Identity(); err != nil {
					return err
				}
			}
			added, err := st.AddUser(actor, u)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIUserAdded", locale.Args{"Login": added.Login, "Display": termsafe.Line(added.Display), "Roles": rolesText(env.Lang, added.Roles, customRoles(st))}))
			if !has && !u.Has(model.RoleAdmin) {
				fmt.Fprintln(env.Stdout, env.t("CLIFirstUserAdmin"))
			}
			if !has && !env.Remote {
				// The first user is who runs copydesk here from now on.
				if err := st.RememberLocal(osAccount(), added.Login); err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, env.t("CLIAccountActsAs", locale.Args{"Login": added.Login}))
			}
			if has && len(u.Keys) == 0 {
				// Keys belong to their owners: the person binds their own.
				return printInvite(env, st, actor, added.Login, 0)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&display, "display", "", "display name, e.g. 王音 (required)")
	cmd.Flags().StringVar(&roles, "role", "", "roles: writer, reviewer, chief, admin (comma-separated)")
	cmd.Flags().StringVar(&dept, "department", "", "department, e.g. 党委宣传部")
	cmd.Flags().StringVar(&key, "key", "", "SSH public key (one authorized_keys line)")
	cmd.Flags().StringVar(&keyFile, "key-file", "", "file holding the SSH public key")
	cmd.MarkFlagsMutuallyExclusive("key", "key-file")
	return cmd
}

func roleStrings(rs []model.Role) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

func newUserListCmd(env *Env) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List users",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			users, err := st.Users()
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(env.Stdout, users)
			}
			tw := newTable(env.Stdout)
			fmt.Fprintln(tw, env.t("CLIUserListHeader"))
			for _, u := range users {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", u.Login, termsafe.Line(u.Display), rolesText(env.Lang, u.Roles, customRoles(st)), termsafe.Line(u.Department), keysText(env.Lang, &u))
			}
			return tw.Flush()
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func newUserRemoveCmd(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove a user and their keys (their articles and records stay)",
		Args:  exactArgs(1, "CLIArgLogin"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.RemoveUser(actor, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIUserRemoved", locale.Args{"Login": args[0]}))
			return nil
		},
	}
}

func newUserKeyCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "key", Short: "Manage a user's SSH keys", Args: noArgs}
	cmd.AddCommand(&cobra.Command{
		Use:   "add NAME KEY",
		Short: "Give a user another SSH public key",
		Args:  exactArgs(2, "CLIArgLoginAndKey"),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := model.ParseKey(args[1])
			if err != nil {
				return err
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.AddKey(actor, args[0], k); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIKeyAdded", locale.Args{"Key": k.Fingerprint, "Login": args[0]}))
			if actor.Login != args[0] {
				fmt.Fprintln(env.Stdout, env.t("CLIKeyNotByOwnerNote", locale.Args{"Login": args[0]}))
			}
			return nil
		},
	}, &cobra.Command{
		Use:   "remove NAME FINGERPRINT|KEY",
		Short: "Revoke one of a user's SSH keys (admins, also over SSH)",
		Args:  exactArgs(2, "CLIArgLoginAndKeyFP"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			fp := keyFingerprint(args[1])
			if err := st.RemoveKey(actor, args[0], fp); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIKeyRemoved", locale.Args{"Key": termsafe.Line(fp), "Login": args[0]}))
			return nil
		},
	})
	return cmd
}

func newWhoamiCmd(env *Env) *cobra.Command {
	var remember bool
	cmd := &cobra.Command{
		Use:   "whoami [--remember]",
		Short: "Show who you act as; --remember keeps it for this computer's account",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			u, err := st.User(actor.Login)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "%s (%s) %s\n", u.Login, termsafe.Line(u.Display), rolesText(env.Lang, u.Roles, customRoles(st)))
			if remember {
				if env.Remote {
					return usageError{locale.NewError("CLIRememberSSH", nil)}
				}
				if err := st.RememberLocal(osAccount(), actor.Login); err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, env.t("CLIRemembered", locale.Args{"Login": u.Login}))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&remember, "remember", false, "act as this user on this computer from now on (use with --as)")
	localOnlyFlags(cmd, "remember")
	return cmd
}

func newUserEditCmd(env *Env) *cobra.Command {
	var display, dept, roles, email, lang string
	cmd := &cobra.Command{
		Use:   "edit NAME [--display D] [--department D] [--roles R[,R]] [--email E] [--lang L]",
		Short: "Change a user's display name, department, roles, e-mail or language (recorded; past records keep the old name)",
		Long: `Change a user. Admins may change anyone; you may change your own display
name, department, e-mail and language. Every change is an audit record. Approvals,
sign-offs and the audit chain keep the display name they were made with.`,
		Args: exactArgs(1, "CLIArgLogin"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			var e store.UserEdit
			if f.Changed("display") {
				e.Display = &display
			}
			if f.Changed("department") {
				e.Department = &dept
			}
			if f.Changed("roles") {
				rs, err := env.parseRoles(roles)
				if err != nil {
					return usageError{err}
				}
				e.Roles = rs
			}
			if f.Changed("lang") {
				l := userLang(lang)
				if l != "" && !slices.Contains(model.UserLangs, l) {
					return usageError{locale.NewError("ErrUnknownLang", locale.Args{"Field": "--lang", "Value": l})}
				}
				e.Lang = &l
			}
			if e.Display == nil && e.Department == nil && e.Roles == nil && e.Lang == nil && !f.Changed("email") {
				return usageMsg("CLIUserEditNothing", nil)
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			u, err := st.EditUser(actor, args[0], e)
			if err != nil {
				return err
			}
			if f.Changed("email") {
				un := store.UserNotify{Login: args[0]}
				if all, err := st.UserNotifications(); err == nil {
					if cur, ok := all[args[0]]; ok {
						un = cur
					}
				}
				un.Email = strings.TrimSpace(email)
				if err := st.SetUserNotify(actor, un, nil); err != nil {
					return err
				}
			}
			mail := ""
			if all, err := st.UserNotifications(); err == nil {
				mail = all[u.Login].Email
			}
			fmt.Fprintln(env.Stdout, env.t("CLIUserEdited", locale.Args{"Login": u.Login, "Display": orDash(termsafe.Line(u.Display)),
				"Dept": orDash(termsafe.Line(u.Department)), "Roles": rolesText(env.Lang, u.Roles, customRoles(st)), "Email": orDash(termsafe.Line(mail)), "Lang": userLangText(env.Lang, u.Lang)}))
			return nil
		},
	}
	cmd.Flags().StringVar(&display, "display", "", "display name (姓名), as the site shows it")
	cmd.Flags().StringVar(&dept, "department", "", "department (部门)")
	cmd.Flags().StringVar(&roles, "roles", "", "roles, replacing the old ones: writer, reviewer, chief, admin (comma-separated)")
	cmd.Flags().StringVar(&email, "email", "", "e-mail address for notices (empty removes it)")
	cmd.Flags().StringVar(&lang, "lang", "", "language of the user's workstation and commands: zh-CN, en, or auto (follow the terminal or SSH client)")
	return cmd
}

// userLang is the value --lang stores in the user record: "zh-CN" for
// zh, zh-CN, zh_CN.UTF-8 …; "en" for en, en-US, en_US.UTF-8 …; "" (no
// setting: the environment decides) for auto or empty. Anything else is
// kept as typed and refused (a usage error, ErrUnknownLang).
func userLang(v string) string {
	v = strings.TrimSpace(v)
	low := strings.ToLower(v)
	switch {
	case low == "" || low == "auto":
		return ""
	case low == "zh" || strings.HasPrefix(low, "zh-") || strings.HasPrefix(low, "zh_"):
		return string(locale.ZH)
	case low == "en" || strings.HasPrefix(low, "en-") || strings.HasPrefix(low, "en_"):
		return string(locale.EN)
	}
	return v
}

// userLangText shows a user's language setting: its code, or 自动/auto.
func userLangText(lang locale.Lang, v string) string {
	if v == "" {
		return locale.T(lang, "UserLangAuto")
	}
	return termsafe.Line(v)
}

// actorStore opens the store and resolves the identity, for commands that change things.
// editable parses an article ID and decides, before any input is read or
// parsed, whether the caller may edit that article (store.MayEdit, the rule
// Save applies). push and check --fix go through it.
func (env *Env) editable(arg string) (uint64, *store.Store, store.Actor, error) {
	id, err := parseID(arg)
	if err != nil {
		return 0, nil, store.Actor{}, err
	}
	st, actor, err := env.actorStore()
	if err != nil {
		return 0, nil, store.Actor{}, err
	}
	if err := st.MayEdit(actor, id); err != nil {
		return 0, nil, store.Actor{}, err
	}
	return id, st, actor, nil
}

func (env *Env) actorStore() (*store.Store, store.Actor, error) {
	st, err := env.OpenStore()
	if err != nil {
		return nil, store.Actor{}, err
	}
	a, err := env.Identity()
	return st, a, err
}

// parseRoles parses --roles: the built-in roles, else (opening the store)
// also the office's custom roles by name or display name.
func (env *Env) parseRoles(list string) ([]model.Role, error) {
	rs, err := model.ParseRoles(list)
	if err == nil {
		return rs, nil
	}
	st, oerr := env.OpenStore()
	if oerr != nil {
		return nil, err
	}
	return st.ParseRoles(list)
}
