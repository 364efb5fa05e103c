package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

func newImportCmd(env *Env) *cobra.Command {
	var published bool
	cmd := &cobra.Command{
		Use:   "import DIR [--published]",
		Short: "Import Markdown files with Hugo-style front matter (title, date, kind, authors, source)",
		Args:  exactArgs(1, "a folder of .md files"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if env.Remote {
				return &model.DeniedError{Err: model.ErrRoleRequired, Detail: "import reads a folder on the server; run it there"}
			}
			var files []string
			err := filepath.WalkDir(args[0], func(p string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if !d.IsDir() && strings.EqualFold(filepath.Ext(p), ".md") && !strings.HasPrefix(d.Name(), "_") {
					files = append(files, p)
				}
				return nil
			})
			if err != nil {
				return err
			}
			if len(files) == 0 {
				return fmt.Errorf("no .md files under %s", args[0])
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			// Parse everything first: one malformed file stops the import before anything is written.
			var items []importItem
			var bad []string
			for _, p := range files {
				raw, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				it, err := parseImport(p, raw, published)
				if err != nil {
					bad = append(bad, fmt.Sprintf("%q: %v", p, err))
					continue
				}
				items = append(items, it)
			}
			if len(bad) > 0 {
				return fmt.Errorf("%w: nothing imported; fix these files first:\n  %s", model.ErrInvalid, strings.Join(bad, "\n  "))
			}
			for _, it := range items {
				a, err := st.Import(actor, it.c, it.opt)
				if err != nil {
					return fmt.Errorf("%q: %w", it.path, err)
				}
				fmt.Fprintf(env.Stdout, "%d\t%s\t%s\n", a.ID, a.State, termsafe.Line(a.Title))
			}
			fmt.Fprintf(env.Stdout, "imported %d article(s)\n", len(items))
			return nil
		},
	}
	cmd.Flags().BoolVar(&published, "published", false, "bring them in as already published (admin only; recorded as an import)")
	return cmd
}

type importItem struct {
	path string
	c    model.Content
	opt  store.ImportOptions
}

func parseImport(path string, raw []byte, published bool) (importItem, error) {
	fm, body, err := model.ParseMarkdown(raw)
	if err != nil {
		return importItem{}, err
	}
	c, err := fm.Content(body)
	if err != nil {
		return importItem{}, err
	}
	date, err := fm.PublishDate()
	if err != nil {
		return importItem{}, err
	}
	if err := c.Validate(); err != nil {
		return importItem{}, err
	}
	return importItem{path, c, store.ImportOptions{Published: published, Date: date}}, nil
}
