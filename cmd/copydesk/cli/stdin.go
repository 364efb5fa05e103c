package cli

import (
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// Standard input is never dropped (fault 9.4 as a kind): a command either
// reads what was piped to it or refuses to run (exit 2) — it never runs and
// ignores it. One rule for every command, locally and over SSH:
//
//   - "-" means standard input, everywhere: a positional argument "-"
//     (media add -, proof import KIND -), a file flag "-" (--file -, the
//     default of push; --secret-file -), and a text flag "-" (-m -,
//     --note -), which takes a written opinion, comment or note from
//     standard input (ssh host article return 7 -m - < opinion.txt);
//   - a few commands read it without "-": article new (a piped body),
//     media add --name N without a file; they say so with readsStdin;
//   - any other command given input refuses before it does anything.
//
// At most one "-" per command line: standard input is read once.

// stdinAnnotation marks a command that reads standard input without "-"
// on its command line: the value is the name of a string flag whose empty
// value means standard input ("file" for article new), or stdinNoArgs for
// a command that reads it when given no arguments (media add --name N).
const stdinAnnotation = "copydesk.stdin"

const stdinNoArgs = "*"

// readsStdin marks cmd as reading standard input when flag is empty (or,
// with stdinNoArgs, when it has no arguments).
func readsStdin(cmd *cobra.Command, flag string) {
	if cmd.Annotations == nil {
		cmd.Annotations = map[string]string{}
	}
	cmd.Annotations[stdinAnnotation] = flag
}

// textFlags are the flags whose value "-" is text read from standard input.
var textFlags = []string{"message", "note"}

// stdinUses counts the places this command line takes standard input from.
func stdinUses(cmd *cobra.Command, args []string) int {
	n := 0
	for _, a := range args {
		if a == "-" {
			n++
		}
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Value.Type() == "string" && f.Value.String() == "-" {
			n++
		}
	})
	switch flag := cmd.Annotations[stdinAnnotation]; flag {
	case "":
	case stdinNoArgs:
		if len(args) == 0 {
			n++
		}
	default:
		if f := cmd.Flags().Lookup(flag); f != nil && f.Value.String() == "" {
			n++
		}
	}
	return n
}

// stdinRule applies the rule above before a command runs: it refuses input
// a command would not read and two readers of one input, and reads -m - /
// --note - into their flags.
func (env *Env) stdinRule(cmd *cobra.Command, args []string) error {
	if cmd == cmd.Root() || cmd.Name() == "serve" || cmd.Name() == "help" || cmd.Name() == "__complete" {
		return nil // the TUI and the server own the terminal; help reads nothing
	}
	switch uses := stdinUses(cmd, args); {
	case uses > 1:
		return usageError{locale.NewError("CLIStdinTwice", nil, nil)}
	case uses == 0:
		if env.stdinPending(!noWait[strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()+" ")]) {
			hint := env.t("CLIStdinHintNone")
			var can []string
			for _, name := range append([]string{"file"}, textFlags...) {
				if f := cmd.Flags().Lookup(name); f != nil && f.Value.Type() == "string" {
					if f.Shorthand != "" {
						name = f.Shorthand
					} else {
						name = "-" + name
					}
					can = append(can, "-"+name+" -")
				}
			}
			if len(can) > 0 {
				hint = env.t("CLIStdinHintFlags", locale.Args{"Flags": strings.Join(can, " | ")})
			}
			return usageError{locale.NewError("CLIStdinUnused", locale.Args{"Cmd": cmd.CommandPath(), "Hint": hint}, nil)}
		}
		return nil
	}
	for _, name := range textFlags {
		f := cmd.Flags().Lookup(name)
		if f == nil || f.Value.String() != "-" {
			continue
		}
		raw, err := io.ReadAll(io.LimitReader(env.Stdin, model.MaxOpinion*4+1))
		if err != nil {
			return err
		}
		// One final newline is the file's, not the text's (the store's
		// canonical form takes the rest).
		if err := f.Value.Set(strings.TrimSuffix(string(raw), "\n")); err != nil {
			return err
		}
	}
	return nil
}

// noWait are the commands that take no text and change nothing a text
// could be meant for (they read, or export what is already signed): they
// refuse input that is already there when they start but do not wait for
// input that may still come, so an open, silent input (an interactive ssh
// without -n, a harness's pipe) costs them nothing. Dropping input they
// never read loses nothing: it is still where it came from. Every other
// command waits (remoteStdinWait, localStdinWait) and refuses before it
// acts. Keys are command paths without the program name.
var noWait = map[string]bool{
	"article comments": true, "article conflicts": true, "article diff": true, "article history": true,
	"article list": true, "article pull": true, "article show": true,
	"backup": true, "check": true, "export": true, "record": true, "search": true, "verify": true, "whoami": true,
	"user list": true, "me key list": true, "notify status": true, "role list": true, "settings show": true,
	"proof export": true, "proof lists": true, "proof rules": true, "site target list": true,
	"workflow list": true, "workflow show": true,
}

// remoteStdinWait is how long a command that reads no input waits over
// SSH to see whether the client sends some: OpenSSH sends piped input
// right after the command, and a client with nothing to send (ssh -n, or
// input at its end) sends EOF at once, so only an open terminal waits.
const remoteStdinWait = 150 * time.Millisecond

// remoteStdinThere is how long a command that does not wait (noWait)
// gives input the client already sent to show: a read of the session's
// buffer returns at once, but on another goroutine.
const remoteStdinThere = 5 * time.Millisecond

// localStdinWait is the same for a local pipe whose writer has not
// written yet (echo x | copydesk …, where both start together).
const localStdinWait = 50 * time.Millisecond

// stdinPending reports whether standard input carries something: a
// regular file that is not empty, a pipe or socket with data (waiting
// localStdinWait for it when wait is set), the SSH client's input
// (remoteStdinWait when wait is set), or an in-memory reader with bytes
// left. A terminal or /dev/null carries nothing. What it reads to find out
// is discarded: it is only asked for commands that refuse input.
func (env *Env) stdinPending(wait bool) bool {
	local, remote := localStdinWait, remoteStdinWait
	if !wait {
		// Input already there: a poll that does not block, or over SSH
		// the time a buffered read takes to return.
		local, remote = 0, remoteStdinThere
	}
	switch in := env.Stdin.(type) {
	case nil:
		return false
	case interface{ Pending(time.Duration) bool }: // the SSH session's input
		return in.Pending(remote)
	case *os.File:
		fi, err := in.Stat()
		switch {
		case err != nil:
			return false
		case fi.Mode().IsRegular():
			off, _ := in.Seek(0, io.SeekCurrent)
			return fi.Size() > off
		case fi.Mode()&(os.ModeNamedPipe|os.ModeSocket) != 0:
			return pipeHasData(in, local)
		}
		return false
	case interface{ Len() int }: // strings.Reader, bytes.Buffer (tests, embedding)
		return in.Len() > 0
	}
	return false
}
