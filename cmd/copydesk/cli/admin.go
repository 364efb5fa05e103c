package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

func newVerifyCmd(env *Env) *cobra.Command {
	return readOnlyCmd(&cobra.Command{
		Use:   "verify",
		Short: "Walk the audit chain and re-hash every approved and signed-off revision",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			rep, err := st.Verify()
			if err != nil {
				return err
			}
			for _, p := range rep.Problems {
				fmt.Fprintln(env.Stdout, "BAD  "+p.Error())
			}
			if !rep.OK() {
				return fmt.Errorf("verify found %d problem(s); the first: %v", len(rep.Problems), rep.Problems[0])
			}
			fmt.Fprintf(env.Stdout, "ok: %d audit records chain correctly (head %s); %d signed-off revisions match their hashes\n",
				rep.Records, short(rep.Head), rep.Signed)
			return nil
		},
	})
}

func newCheckCmd(env *Env) *cobra.Command {
	return readOnlyCmd(&cobra.Command{
		Use:   "check",
		Short: "Check the database file, its indexes and the audit chain",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			probs, err := st.Check()
			if err == nil {
				// Signed-off articles that the exporter could not publish.
				var bad []export.ArticleError
				bad, err = export.Check(export.FromStore(st), export.Options{})
				for _, b := range bad {
					probs = append(probs, fmt.Errorf("cannot be exported: %w", b))
				}
			}
			for _, p := range probs {
				fmt.Fprintln(env.Stdout, "BAD  "+p.Error())
			}
			if err != nil {
				return err
			}
			if line, ok := searchCheck(env, st); ok {
				fmt.Fprintln(env.Stdout, "ok: "+line)
			} else {
				fmt.Fprintln(env.Stdout, "LAG  "+line) // derived data: a warning, not a failure
			}
			if len(probs) > 0 {
				return fmt.Errorf("check found %d problem(s)", len(probs))
			}
			fmt.Fprintln(env.Stdout, "ok: database, indexes and audit chain are consistent; every signed-off article can be exported")
			return nil
		},
	})
}

func newBackupCmd(env *Env) *cobra.Command {
	var force, noSecrets bool
	cmd := readOnlyCmd(&cobra.Command{
		Use:   "backup FILE [--force]",
		Short: "Write a consistent copy of the database while it is in use (an existing FILE only with --force; never a link or the database itself)",
		Args:  exactArgs(1, "a file to write"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if env.Remote {
				return &model.DeniedError{Err: model.ErrRoleRequired, Detail: "backup writes a file on the server; run it there"}
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			backup := st.BackupFile
			if noSecrets {
				backup = st.BackupFileWithoutSecrets
			}
			n, err := backup(args[0], force)
			if err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "backup written: %s (%d bytes)\n", args[0], n)
			return nil
		},
	})
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (a regular file only)")
	cmd.Flags().BoolVar(&noSecrets, "without-secrets", false, "leave out the notification secrets (robot addresses, signing secrets, SMTP password): the copy to give to someone who is not an admin")
	return cmd
}

func newWorkflowCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "workflow", Short: "Show or choose the review workflow for new articles", Args: noArgs}
	cmd.AddCommand(&cobra.Command{
		Use:   "list",
		Short: "List the workflow presets",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			for _, w := range []model.Workflow{model.DefaultWorkflow, model.ThreeReview} {
				fmt.Fprintf(env.Stdout, "%-8s %s\n", w.Name, w)
			}
			return nil
		},
	}, &cobra.Command{
		Use:   "set NAME",
		Short: "Choose the workflow new articles start with (admin)",
		Args:  exactArgs(1, "a workflow name: default or 三审"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.SetDefaultWorkflow(actor, args[0]); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "new articles now follow %s\n", args[0])
			return nil
		},
	}, &cobra.Command{
		Use:   "set-default KIND NAME",
		Short: "Choose the workflow new articles of one kind (news, meeting) start with (admin)",
		Args:  exactArgs(2, "a kind (news or meeting) and a workflow name (default or 三审)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, err := model.ParseKind(args[0])
			if err != nil || args[0] == "" {
				return UsageErrorf("%q is not a kind: use news or meeting", args[0])
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.SetKindWorkflow(actor, kind, args[1]); err != nil {
				return err
			}
			fmt.Fprintf(env.Stdout, "new %s articles now follow %s\n", kind, termsafe.Line(args[1]))
			return nil
		},
	}, &cobra.Command{
		Use:   "show",
		Short: "Show the workflow the office set for each kind of article",
		Args:  exactArgs(0, "no arguments"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			wfs, err := st.OfficeWorkflows()
			if err != nil {
				return err
			}
			for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
				fmt.Fprintf(env.Stdout, "%-8s %-8s %s\n", k, wfs[k].Name, wfs[k])
			}
			return nil
		},
	})
	return cmd
}
