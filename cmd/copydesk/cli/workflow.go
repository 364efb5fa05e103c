package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

func newWorkflowCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "workflow", Short: "Show, define or choose the review workflow for new articles", Args: noArgs}
	var file string
	define := &cobra.Command{
		Use:   "define NAME --file W.yaml",
		Short: "Define (or redefine) a workflow from a YAML file; over SSH --file - and the file on standard input (admin)",
		Args:  exactArgs(1, "CLIArgWorkflowName"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if file == "" {
				return usageMsg("CLIWorkflowFileNeeded", nil)
			}
			src, err := env.readDefinition(file)
			if err != nil {
				return err
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			def, err := st.DefineWorkflow(actor, args[0], src)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, locale.T(env.Lang, "WorkflowDefined", locale.Args{
				"Name": termsafe.Line(args[0]), "Stages": termsafe.Line(def.Workflow.String()), "Hash": def.Hash}))
			return nil
		},
	}
	define.Flags().StringVar(&file, "file", "", "the YAML definition; - reads standard input")
	cmd.AddCommand(define, &cobra.Command{
		Use:   "list",
		Short: "List the workflows: the presets and those the office defined",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			defs, err := st.Workflows()
			if err != nil {
				return err
			}
			// a table: a Chinese name (三审) is two columns a character
			tw := newTable(env.Stdout)
			for _, d := range defs {
				fmt.Fprintf(tw, "%s\t%s\n", termsafe.Line(d.Workflow.Name), termsafe.Line(d.Workflow.String()))
			}
			return tw.Flush()
		},
	}, &cobra.Command{
		Use:   "delete NAME",
		Short: "Delete a defined workflow no article in review follows and no kind has as its default (admin)",
		Args:  exactArgs(1, "CLIArgWorkflow"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.DeleteWorkflow(actor, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("WorkflowDeleted", locale.Args{"Name": termsafe.Line(args[0])}))
			return nil
		},
	}, &cobra.Command{
		Use:   "set NAME",
		Short: "Choose the workflow new articles start with (admin)",
		Args:  exactArgs(1, "CLIArgWorkflow"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.SetDefaultWorkflow(actor, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIWorkflowDefaultSet", locale.Args{"Name": termsafe.Line(args[0])}))
			return nil
		},
	}, &cobra.Command{
		Use:   "set-default KIND NAME",
		Short: "Choose the workflow new articles of one kind (news, meeting) start with (admin)",
		Args:  exactArgs(2, "CLIArgKindWorkflow"),
		RunE: func(cmd *cobra.Command, args []string) error {
			kind, err := model.ParseKind(args[0])
			if err != nil || args[0] == "" {
				return usageMsg("CLIWorkflowBadKind", locale.Args{"Value": args[0]})
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.SetKindWorkflow(actor, kind, args[1]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("CLIWorkflowKindSet", locale.Args{"Kind": kindName(env.Lang, kind), "Name": termsafe.Line(args[1])}))
			return nil
		},
	}, &cobra.Command{
		Use:   "show [NAME]",
		Short: "Show one workflow's stages, or without NAME the workflow the office set for each kind of article",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			if len(args) == 1 {
				def, err := st.Workflow(args[0])
				if err != nil {
					return err
				}
				env.printWorkflow(def, customRoles(st))
				return nil
			}
			wfs, err := st.OfficeWorkflows()
			if err != nil {
				return err
			}
			tw := newTable(env.Stdout)
			for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", kindName(env.Lang, k), termsafe.Line(wfs[k].Name), termsafe.Line(wfs[k].String()))
			}
			return tw.Flush()
		},
	})
	return cmd
}

// printWorkflow prints a workflow stage by stage: who acts, the sign-off,
// the condition and the checklist questions.
func (env *Env) printWorkflow(def *model.WorkflowDef, custom []model.CustomRole) {
	w := env.Stdout
	fmt.Fprintf(w, "%s: %s\n", termsafe.Line(def.Workflow.Name), termsafe.Line(def.Workflow.String()))
	for i, s := range def.Workflow.Stages {
		who := locale.T(env.Lang, "WorkflowStageRole", locale.Args{"Role": roleText(env.Lang, s.Role, custom)})
		if len(s.Users) > 0 {
			who = locale.T(env.Lang, "WorkflowStageUsers", locale.Args{"Users": termsafe.Line(strings.Join(s.Users, "、"))})
		}
		line := fmt.Sprintf("%d. %s  %s", i+1, termsafe.Line(s.Name), who)
		if def.Workflow.IsFinal(i) {
			line += "  " + locale.T(env.Lang, "WorkflowStageSignoff")
		}
		if s.All {
			line += "  " + locale.T(env.Lang, "WorkflowStageAll")
		}
		if s.When != "" {
			line += "  " + locale.T(env.Lang, "WorkflowStageWhen", locale.Args{"When": termsafe.Line(s.When)})
		}
		fmt.Fprintln(w, line)
		for _, q := range s.Checklist {
			fmt.Fprintf(w, "     □ %s\n", termsafe.Line(q))
		}
	}
	if route := def.Workflow.CorrectionNames(); route != "" {
		fmt.Fprintln(w, locale.T(env.Lang, "WorkflowCorrectionRoute", locale.Args{"Route": termsafe.Line(route)}))
	}
	td := def.Workflow.TakedownStage()
	who := locale.T(env.Lang, "WorkflowStageRole", locale.Args{"Role": roleText(env.Lang, td.Role, custom)})
	if len(td.Users) > 0 {
		who = locale.T(env.Lang, "WorkflowStageUsers", locale.Args{"Users": termsafe.Line(strings.Join(td.Users, "、"))})
	}
	fmt.Fprintln(w, locale.T(env.Lang, "WorkflowTakedownWho", locale.Args{"Who": who}))
	if def.Hash != "" {
		fmt.Fprintln(w, locale.T(env.Lang, "WorkflowHashLine", locale.Args{"Hash": def.Hash}))
	}
}

// readDefinition reads a definition file: "-" is standard input; locally a
// path; over SSH only standard input. At most one byte past
// model.MaxWorkflowBytes is read, so an oversized file is refused by size
// without reading it all.
func (env *Env) readDefinition(path string) ([]byte, error) {
	var r io.Reader
	if path == "-" {
		r = env.Stdin
	} else {
		if env.Remote {
			return nil, refusedHere("CLIRemoteFileStdin", nil)
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	if r == nil {
		return nil, usageMsg("CLIStdinEmpty", nil)
	}
	return io.ReadAll(io.LimitReader(r, model.MaxWorkflowBytes+1))
}

func newRoleCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "role", Short: "Custom roles beyond writer, reviewer, chief and admin (保密员, 分管领导 …)", Args: noArgs}
	var display string
	add := &cobra.Command{
		Use:   "add NAME --display D",
		Short: "Add a custom role that users can hold and workflow stages can name (admin)",
		Args:  exactArgs(1, "CLIArgRoleName"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			r := model.CustomRole{Name: model.Role(args[0]), Display: display}
			if err := st.AddRole(actor, r); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, locale.T(env.Lang, "RoleAdded", locale.Args{"Name": termsafe.Line(args[0]), "Display": termsafe.Line(display)}))
			return nil
		},
	}
	add.Flags().StringVar(&display, "display", "", "the role's name as the office says it (保密员)")
	cmd.AddCommand(add, &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove a custom role no user holds and no workflow names (admin)",
		Args:  exactArgs(1, "CLIArgCustomRole"),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.RemoveRole(actor, args[0]); err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, env.t("RoleRemoved", locale.Args{"Name": termsafe.Line(args[0])}))
			return nil
		},
	}, &cobra.Command{
		Use:   "list",
		Short: "List the roles: built-in and custom",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			rs, err := st.Roles()
			if err != nil {
				return err
			}
			for _, r := range model.AllRoles {
				fmt.Fprintf(env.Stdout, "%-12s %s\n", r, locale.T(env.Lang, r.MessageID()))
			}
			for _, r := range rs {
				fmt.Fprintf(env.Stdout, "%-12s %s\n", termsafe.Line(string(r.Name)), termsafe.Line(r.Display))
			}
			return nil
		},
	})
	return cmd
}
