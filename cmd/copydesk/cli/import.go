package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

func newImportCmd(env *Env) *cobra.Command {
	var published bool
	cmd := &cobra.Command{
		Use:   "import DIR [--published]",
		Short: "Import Markdown files with Hugo-style front matter (title, date, kind, authors, source)",
		Args:  exactArgs(1, "CLIArgFolderMD"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if env.Remote {
				return refusedHere("CLIImportRemote", nil)
			}
			var files []string
			err := filepath.WalkDir(args[0], func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".md") || strings.HasPrefix(d.Name(), "_") {
					return nil
				}
				// Only regular files: a FIFO would block the import, a
				// device would never end. Links are followed to regular files only.
				fi, err := os.Stat(p)
				if err != nil || !fi.Mode().IsRegular() {
					fmt.Fprintln(env.Stderr, env.t("CLIImportSkipped", locale.Args{"Path": fileName(p)}))
					return nil
				}
				if fi.Size() > 2*model.MaxBodyBytes {
					return locale.NewError("CLIImportTooBig", locale.Args{"Path": fileName(p), "Size": fi.Size(), "Max": 2 * model.MaxBodyBytes}, model.ErrInvalid)
				}
				files = append(files, p)
				return nil
			})
			if err != nil {
				return err
			}
			if len(files) == 0 {
				return locale.NewError("CLIImportNoFiles", locale.Args{"Dir": args[0]})
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			if err := st.MayCreate(actor); err != nil { // refused before any file is parsed
				return err
			}
			set, err := st.Settings()
			if err != nil {
				return err
			}
			zone := set.Zone() // dates without a zone are the office's
			// Parse everything first: one malformed file stops the import before anything is written.
			var items []importItem
			var bad []string
			for _, p := range files {
				raw, err := readRegular(p)
				if err != nil {
					return err
				}
				it, err := parseImport(p, raw, published, zone)
				if err != nil {
					bad = append(bad, env.t("CLIImportBadFile", locale.Args{"Path": fileName(p), "Err": locale.Err(env.Lang, err)}))
					continue
				}
				items = append(items, it)
			}
			if len(bad) > 0 {
				for _, line := range bad {
					fmt.Fprintln(env.Stderr, line)
				}
				return locale.NewError("CLIImportNothing", locale.Args{"Count": len(bad)}, model.ErrInvalid)
			}
			// One transaction: all files or none; files imported before
			// (same bytes) are skipped, so running it again adds nothing.
			batch := make([]store.ImportItem, len(items))
			for i, it := range items {
				batch[i] = store.ImportItem{Content: it.c, Options: it.opt, Key: it.key}
			}
			res, err := st.ImportBatch(actor, batch)
			var ie *store.ImportItemError
			if errors.As(err, &ie) {
				return locale.NewError("CLIImportItemFailed", locale.Args{"Path": fileName(items[ie.Index].path), "Err": err}, err)
			}
			if err != nil {
				return err
			}
			added := 0
			for i, r := range res {
				if r.Skipped {
					fmt.Fprintf(env.Stdout, "%d\t%s\t%s\t%s\n", r.Article.ID, stateName(env.Lang, r.Article.State), termsafe.Line(r.Article.Title), env.t("CLIImportAlready", locale.Args{"Path": fileName(items[i].path)}))
					continue
				}
				added++
				note := ""
				if items[i].kept {
					note = "\t" + env.t("CLIImportKeptDraft", locale.Args{"Path": fileName(items[i].path)})
				}
				fmt.Fprintf(env.Stdout, "%d\t%s\t%s%s\n", r.Article.ID, stateName(env.Lang, r.Article.State), termsafe.Line(r.Article.Title), note)
			}
			fmt.Fprintln(env.Stdout, env.t("CLIImported", locale.Args{"Count": added, "Already": len(res) - added}))
			return nil
		},
	}
	cmd.Flags().BoolVar(&published, "published", false, "bring them in as already published (admin only; recorded as an import)")
	return cmd
}

type importItem struct {
	path string
	key  string // sha256 of the file's bytes: the source key that makes re-runs idempotent
	c    model.Content
	opt  store.ImportOptions
	kept bool // marked draft: true, so kept a draft despite --published
}

// readRegular reads a file that was a regular file when listed, refusing
// one that became something else (opened non-blocking, so a FIFO swapped
// in cannot hang the import).
func readRegular(p string) ([]byte, error) {
	f, err := os.OpenFile(p, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, locale.NewError("CLINotRegularFile", locale.Args{"Path": fileName(p)}, model.ErrInvalid)
	}
	return io.ReadAll(io.LimitReader(f, 2*model.MaxBodyBytes+1))
}

func parseImport(path string, raw []byte, published bool, zone *time.Location) (importItem, error) {
	fm, body, err := model.ParseMarkdown(raw)
	if err != nil {
		return importItem{}, err
	}
	c, err := fm.Content(body)
	if err != nil {
		return importItem{}, err
	}
	date, err := fm.PublishDate(zone)
	if err != nil {
		return importItem{}, err
	}
	if err := c.Validate(); err != nil {
		return importItem{}, err
	}
	sum := sha256.Sum256(raw)
	// draft: true is never published, whatever --published says.
	return importItem{path, "sha256:" + hex.EncodeToString(sum[:]), c, store.ImportOptions{Published: published && !fm.Draft, Date: date}, published && fm.Draft}, nil
}
