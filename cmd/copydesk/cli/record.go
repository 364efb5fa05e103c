package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// ErrBinaryToTerminal refuses to write a PDF to a terminal (locally, or
// over SSH a session with a PTY: ssh -t): the bytes would be mangled and
// could drive the terminal.
var ErrBinaryToTerminal error = locale.NewError("ErrRecordBinary", nil)

type binaryToTerminalError struct{ id uint64 }

func (e binaryToTerminalError) Error() string {
	return locale.Render(locale.EN, e)
}
func (e binaryToTerminalError) Unwrap() error     { return ErrBinaryToTerminal }
func (e binaryToTerminalError) MessageID() string { return "ErrRecordTerminal" }
func (e binaryToTerminalError) MessageArgs() map[string]any {
	return map[string]any{"ID": e.id}
}

// stdoutIsTerminal reports whether the run's standard output is a terminal:
// locally the file's mode; over SSH whether the session has a PTY, which
// the server's output says (an IsTerminal method).
func (env *Env) stdoutIsTerminal() bool {
	if t, ok := env.rawStdout.(interface{ IsTerminal() bool }); ok {
		return t.IsTerminal()
	}
	f, ok := env.rawStdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// newRecordCmd is copydesk record: the printed 审核登记表 (and 保密审查表)
// of an article, for whoever may see it.
//
// Output. HTML is text and goes through the output sanitiser like every
// command's output. A PDF is binary: it is the one output that bypasses
// the sanitiser (the raw-output mode), and only to a file (--out, written
// atomically) or to a standard output that is not a terminal — a pipe or
// a file locally, an SSH session without a PTY (ssh host record 7 --format
// pdf > 7.pdf). A terminal is refused (ErrBinaryToTerminal).
func newRecordCmd(env *Env) *cobra.Command {
	var format, out string
	cmd := &cobra.Command{
		Use:   "record ID [--format html|pdf] [--out FILE]",
		Short: "Print an article's review register (审核登记表) and confidentiality review form (保密审查表) from its record",
		Args:  exactArgs(1, "CLIArgArticleID"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := form.ParseFormat(format)
			if err != nil {
				return usageError{err}
			}
			if env.Remote && out != "" {
				return refusedHere("ErrRecordRemoteOut", nil)
			}
			// Who may print = who may see: store.MayRead in articleStore,
			// before any rendering.
			id, st, err := env.articleStore(args[0])
			if err != nil {
				return err
			}
			var viewer *store.Actor
			if act, ok := env.reader(); ok {
				viewer = &act
			}
			if f == form.PDFs && out == "" && env.stdoutIsTerminal() {
				return binaryToTerminalError{id}
			}
			doc, err := form.Make(cmd.Context(), st, viewer, id, env.Lang, f, time.Now())
			if err != nil {
				return err
			}
			if out != "" {
				if err := form.WriteFile(out, doc); err != nil {
					return err
				}
				fmt.Fprintln(env.Stdout, locale.T(env.Lang, "RecordWritten", locale.Args{"Path": out, "ID": id}))
				return nil
			}
			w := env.Stdout
			if f == form.PDFs {
				w = env.rawStdout // the raw-output mode: checked above not to be a terminal
			}
			_, err = w.Write(doc)
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "html", "html (A4 print layout) or pdf (needs Chromium)")
	cmd.Flags().StringVarP(&out, "out", "o", "", "write to this file (atomically) instead of standard output; refused over SSH")
	localOnlyFlags(cmd, "out")
	return readOnlyCmd(cmd)
}
