package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

func newVerifyCmd(env *Env) *cobra.Command {
	var head string
	cmd := readOnlyCmd(&cobra.Command{
		Use:   "verify [--head FILE|HASH]",
		Short: "Walk the audit chain, check its seals and re-hash every approved and signed-off revision",
		Long: `Walk the audit chain, check each record's seal with the seal key beside
the database (PATH.seal) and re-hash every approved and signed-off revision.

--head holds the chain against a head saved elsewhere: an exported site's
provenance.json (or any JSON file with "chain_head": {"seq", "hash"}), or a
record hash (sha256:…) written down. A chain rewritten and re-hashed since
no longer contains it.`,
		Args: exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			var wantSeq uint64
			var wantHash string
			if head != "" {
				var err error
				if wantSeq, wantHash, err = parseHead(env, head); err != nil {
					return err
				}
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			rep, err := st.Verify()
			if err != nil {
				return err
			}
			if head != "" {
				if err := st.CheckHead(wantSeq, wantHash); err != nil {
					rep.Problems = append(rep.Problems, err)
				}
			}
			for _, p := range rep.Problems {
				fmt.Fprintln(env.Stdout, env.t("CLIProblemBad", locale.Args{"Problem": locale.Err(env.Lang, p)}))
			}
			if !rep.OK() {
				return errors.New(env.t("CLIVerifyFound", locale.Args{"N": len(rep.Problems), "First": locale.Err(env.Lang, rep.Problems[0])}))
			}
			fmt.Fprintln(env.Stdout, env.t("CLIVerifyOK", locale.Args{"Records": env.t("CLIAuditRecords", locale.Args{"Count": int(rep.Records)}),
				"Seq": rep.HeadSeq, "Hash": short(rep.Head), "Signed": env.t("CLISignedMatch", locale.Args{"Count": rep.Signed})}))
			if rep.SealPath == "" {
				fmt.Fprintln(env.Stdout, env.t("CLIVerifyNoSeal", locale.Args{"Path": termsafe.Line(store.SealPath(st.Path()))}))
			} else {
				fmt.Fprint(env.Stdout, env.t("CLIVerifySealed", locale.Args{"N": rep.Sealed, "Path": termsafe.Line(rep.SealPath)}))
				if rep.Unsealed > 0 {
					fmt.Fprint(env.Stdout, env.t("CLIVerifyUnsealed", locale.Args{"N": rep.Unsealed}))
				}
				fmt.Fprintln(env.Stdout)
			}
			if head != "" {
				fmt.Fprintln(env.Stdout, env.t("CLIVerifyHead", locale.Args{"Hash": short(wantHash)}))
			}
			return nil
		},
	})
	cmd.Flags().StringVar(&head, "head", "", "a saved chain head: an export's provenance.json or a record hash (sha256:…)")
	return cmd
}

// parseHead reads --head: a JSON file with "chain_head": {"seq","hash"}
// (an export's provenance.json), or a record hash.
func parseHead(env *Env, arg string) (uint64, string, error) {
	if strings.HasPrefix(arg, "sha256:") && !strings.ContainsAny(arg, "/\\") {
		return 0, arg, nil
	}
	if env.Remote {
		return 0, "", usageMsg("CLIVerifyHeadSSH", nil)
	}
	raw, err := os.ReadFile(arg)
	if err != nil {
		return 0, "", usageMsg("CLIVerifyHeadBad", locale.Args{"Arg": arg, "Err": err}, err)
	}
	var p struct {
		ChainHead *struct {
			Seq  uint64 `json:"seq"`
			Hash string `json:"hash"`
		} `json:"chain_head"`
	}
	if err := json.Unmarshal(raw, &p); err != nil || p.ChainHead == nil || p.ChainHead.Hash == "" {
		return 0, "", usageMsg("CLIVerifyHeadNoChain", locale.Args{"Arg": arg})
	}
	return p.ChainHead.Seq, p.ChainHead.Hash, nil
}

func newCheckCmd(env *Env) *cobra.Command {
	var site string
	cmd := readOnlyCmd(&cobra.Command{
		Use:   "check",
		Short: "Check the database file, its indexes and the audit chain",
		Args:  exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if site != "" && env.Remote {
				return refusedHere("CLICheckSiteRemote", nil)
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			probs, err := st.Check()
			var rc export.RenderCacheReport
			var rcErr error
			if err == nil {
				// Signed-off articles that the exporter could not publish
				// (bodies in the render cache are not rendered again), and
				// the render cache against the current articles.
				var bad []export.ArticleError
				bad, rc, rcErr, err = export.CheckSite(export.FromStore(st), export.Options{RenderCacheDir: RenderCacheDir(env.DBPath())})
				for _, b := range bad {
					probs = append(probs, fmt.Errorf("%s%w", env.t("CLICheckCannotExport"), b))
				}
			}
			for _, p := range probs {
				fmt.Fprintln(env.Stdout, env.t("CLIProblemBad", locale.Args{"Problem": locale.Err(env.Lang, p)}))
			}
			if err != nil {
				return err
			}
			if line, ok := searchCheck(env, st); ok {
				fmt.Fprintln(env.Stdout, env.t("CLICheckSearchOK", locale.Args{"Line": line}))
			} else {
				fmt.Fprintln(env.Stdout, env.t("CLIProblemLag", locale.Args{"Problem": line})) // derived data: a warning, not a failure
			}
			// The export render cache is derived data too: a damaged entry
			// is rendered again by the next export, so it is a warning.
			if rcErr != nil {
				fmt.Fprintln(env.Stdout, env.t("CLIRenderCacheUnreadable", locale.Args{"Err": locale.Err(env.Lang, rcErr)}))
			}
			if len(rc.Damaged) > 0 {
				fmt.Fprintln(env.Stdout, env.t("CLIRenderCacheDamaged", locale.Args{"N": len(rc.Damaged),
					"Total": rc.Entries + len(rc.Damaged), "Example": rc.Damaged[0]}))
			}
			if rc.Unreferenced > 0 {
				fmt.Fprintln(env.Stdout, env.t("CLIRenderCacheUnreferenced", locale.Args{"N": rc.Unreferenced,
					"Total": rc.Entries, "MB": (rc.Bytes + 1<<20 - 1) >> 20}))
			}
			if site != "" {
				// the exported site: every file its manifest lists, as written
				n, bad, err := export.VerifySite(site)
				if err != nil {
					return err
				}
				for _, b := range bad {
					fmt.Fprintln(env.Stdout, env.t("CLIProblemBad", locale.Args{"Problem": locale.Err(env.Lang, b.Err)}))
					probs = append(probs, b.Err)
				}
				if len(bad) == 0 {
					fmt.Fprintln(env.Stdout, env.t("CLICheckSiteOK", locale.Args{"Dir": site, "N": n}))
				}
			}
			if len(probs) > 0 {
				return errors.New(env.t("CLICheckFound", locale.Args{"N": len(probs)}))
			}
			fmt.Fprintln(env.Stdout, env.t("CLICheckOK"))
			return nil
		},
	})
	cmd.Flags().StringVar(&site, "site", "", "also check the site exported into this folder: every file of its manifest is there, a regular file, with the content the export wrote")
	localOnlyFlags(cmd, "site")
	return cmd
}

func newBackupCmd(env *Env) *cobra.Command {
	var force, noSecrets bool
	cmd := readOnlyCmd(&cobra.Command{
		Use:   "backup FILE [--force]",
		Short: "Write a consistent copy of the database while it is in use (an existing FILE only with --force; never a link or the database itself)",
		Args:  exactArgs(1, "CLIArgFileToWrite"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if env.Remote {
				return refusedHere("CLIBackupRemote", nil)
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
			fmt.Fprintln(env.Stdout, env.t("CLIBackupWritten", locale.Args{"Path": args[0], "Bytes": n}))
			return nil
		},
	})
	cmd.Flags().BoolVar(&force, "force", false, "replace FILE if it exists (a regular file only)")
	cmd.Flags().BoolVar(&noSecrets, "without-secrets", false, "leave out the notification secrets (robot addresses, signing secrets, SMTP password): the copy to give to someone who is not an admin")
	return cmd
}
