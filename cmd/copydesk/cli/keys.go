package cli

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// keyFingerprint accepts a fingerprint (SHA256:…) or a public key line.
func keyFingerprint(arg string) string {
	if strings.HasPrefix(arg, "SHA256:") {
		return arg
	}
	if k, err := model.ParseKey(arg); err == nil {
		return k.Fingerprint
	}
	return arg
}

// keysText is the KEYS column of user list: the count, and how many were
// not added by their owner (flagged).
func keysText(lang locale.Lang, u *model.User) string {
	n := 0
	for _, k := range u.Keys {
		if !k.OwnedBy(u.Login) {
			n++
		}
	}
	if n == 0 {
		return fmt.Sprint(len(u.Keys))
	}
	return locale.T(lang, "CLIKeysNotByOwner", locale.Args{"Keys": len(u.Keys), "N": n})
}

// printInvite makes an invitation for login and prints the one-time code
// and what to do with it.
func printInvite(env *Env, st *store.Store, actor store.Actor, login string, ttl time.Duration) error {
	code, expires, err := st.Invite(actor, login, ttl)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, env.t("CLIInviteCode", locale.Args{"Login": login, "Until": when(expires), "Code": code}))
	fmt.Fprintln(env.Stdout, env.t("CLIInviteHow", locale.Args{"Code": code}))
	return nil
}

func newUserInviteCmd(env *Env) *cobra.Command {
	var ttl time.Duration
	cmd := &cobra.Command{
		Use:   "invite NAME [--ttl 72h]",
		Short: "Make a one-time code with which a user binds their own SSH key (ssh HOST join CODE)",
		Args:  exactArgs(1, "CLIArgLogin"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			return printInvite(env, st, actor, args[0], ttl)
		},
	}
	cmd.Flags().DurationVar(&ttl, "ttl", store.DefaultInviteTTL, "how long the code is valid")
	return cmd
}

func newMeKeyCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "key", Short: "Your own SSH keys: add, remove, list", Args: noArgs}
	cmd.AddCommand(&cobra.Command{
		Use:   "add KEY",
		Short: "Add one of your own SSH public keys (one authorized_keys line)",
		Args:  exactArgs(1, "CLIArgPublicKey"),
		RunE: func(cmd *cobra.Command, args []string) error {
			k, err := model.ParseKey(args[0])
			if err != nil {
				return err
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.AddKey(actor, actor.Login, k); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIKeyAddedOwn", locale.Args{"FP": k.Fingerprint}))
			return nil
		},
	}, &cobra.Command{
		Use:   "remove FINGERPRINT|KEY",
		Short: "Remove one of your SSH keys",
		Args:  exactArgs(1, "CLIArgKeyFP"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			fp := keyFingerprint(args[0])
			if err := st.RemoveKey(actor, actor.Login, fp); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIKeyRemovedOwn", locale.Args{"FP": termsafe.Line(fp)}))
			return nil
		},
	}, &cobra.Command{
		Use:   "list",
		Short: "List your SSH keys and who added them",
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
			for _, k := range u.Keys {
				id := "CLIKeyLine"
				if !k.OwnedBy(u.Login) {
					id = "CLIKeyLineNotYours"
				}
				fmt.Fprintln(env.Stdout, env.t(id, locale.Args{"FP": k.Fingerprint, "How": keyHow(env.Lang, k.How), "By": termsafe.Line(k.AddedBy), "When": when(k.Added)}))
			}
			return nil
		},
	})
	return cmd
}
