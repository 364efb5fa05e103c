package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

func newMediaCmd(env *Env) *cobra.Command {
	cmd := &cobra.Command{Use: "media", Short: "Store photos for articles", Args: noArgs}
	var caption, credit, name string
	add := &cobra.Command{
		Use:   "add FILE|- [--name N] [--caption C] [--credit NAME]",
		Short: "Store a photo; prints the Markdown reference to put in an article",
		Long: `Store a photo; prints the Markdown reference to put in an article.
With --name and no FILE, the photo is read from standard input (as with -):
  ssh -p 23234 HOST media add --name photo.jpg --caption 说明 --credit 赵丽焕 < photo.jpg`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 && name != "" {
				return nil // --name without FILE reads standard input
			}
			return exactArgs(1, "CLIArgMediaFile")(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				args = []string{"-"}
			}
			var data []byte
			var err error
			if args[0] == "-" {
				if name == "" {
					return usageMsg("CLIMediaNeedsName", nil)
				}
				data, err = io.ReadAll(io.LimitReader(env.Stdin, model.MaxMediaBytes+1))
			} else {
				if env.Remote {
					return usageMsg("CLIMediaRemoteFile", locale.Args{"Name": filepath.Base(args[0]), "Path": args[0]})
				}
				if name == "" {
					name = filepath.Base(args[0])
				}
				data, err = os.ReadFile(args[0])
			}
			if err != nil {
				return err
			}
			st, actor, err := env.actorStore()
			if err != nil {
				return err
			}
			m, err := st.AddMedia(actor, name, data, caption, credit)
			if err != nil {
				return err
			}
			fmt.Fprintln(env.Stdout, m.Ref())
			return nil
		},
	}
	readsStdin(add, stdinNoArgs)
	add.Flags().StringVar(&name, "name", "", "file name (default: the file's own)")
	add.Flags().StringVar(&caption, "caption", "", "caption (图片说明)")
	add.Flags().StringVar(&credit, "credit", "", "photographer (摄)")
	cmd.AddCommand(add)
	return cmd
}
