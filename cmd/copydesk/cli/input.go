package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/copydesk/copydesk/model"
)

// stdinHint is how long a remote command waits for its body on standard
// input before it says what it waits for (a person who typed
// `ssh host article new --title T` without a file).
const stdinHint = time.Second

// readBody reads a body from --file the one way every command does (new,
// push): "-" is standard input; locally a path; over SSH only standard
// input. The file may be at most four times MaxBodyBytes (front matter
// included); the store checks the body's own limit.
func (env *Env) readBody(path string) ([]byte, error) {
	if path == "-" {
		if env.Remote {
			t := time.AfterFunc(stdinHint, func() {
				fmt.Fprintln(env.Stderr, env.t("CLIReadingStdin"))
			})
			defer t.Stop()
		}
		return io.ReadAll(io.LimitReader(env.Stdin, model.MaxBodyBytes*4))
	}
	if env.Remote {
		return nil, refusedHere("CLIRemoteFileStdin", nil)
	}
	return os.ReadFile(path)
}

// stdinHasInput reports whether standard input may carry a body: over SSH
// always (the client decides what it sends; ssh -n sends nothing), locally
// when it is not a terminal (a pipe, a file, /dev/null).
func (env *Env) stdinHasInput() bool {
	if env.Remote || env.Stdin == nil {
		return env.Stdin != nil
	}
	if f, ok := env.Stdin.(*os.File); ok {
		return !term.IsTerminal(int(f.Fd()))
	}
	return true
}
