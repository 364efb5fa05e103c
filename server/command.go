package server

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/charmbracelet/ssh"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/notify"
)

// commandMiddleware runs sessions that carry a command or have no PTY
// through Config.RunCommand, as the session's actor, and passes the exit
// status to the client. TUI sessions have already run when it is reached.
func (srv *Server) commandMiddleware(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		if wantsTUI(s) {
			next(s)
			return
		}
		ls := srv.lookup(s)
		if ls == nil { // not admitted by sessionMiddleware
			return
		}
		if srv.cfg.RunCommand == nil {
			refuse(s, exitError, "SrvCommandsOff", nil)
			return
		}
		args := s.Command()
		if args == nil {
			args = []string{} // cobra reads os.Args when given nil: the server's own
		}
		start := time.Now()
		_, _, pty := s.Pty()
		out := &commandOutput{Writer: bufio.NewWriterSize(s, 32<<10), pty: pty}
		code := srv.cfg.RunCommand(&guardedStdin{s: s}, out, s.Stderr(), ls.actor, args, ls.lang)
		if err := out.Flush(); err != nil && code == 0 {
			code = exitError
		}
		srv.log.Info("command", "user", ls.actor.Login, "args", logArgs(args), "exit", code,
			"dur", time.Since(start).Round(time.Microsecond))
		_ = s.Exit(code)
		next(s)
	}
}

// commandOutput is a command's standard output: buffered, and it tells
// whether the client asked for a PTY (ssh -t). A command that writes
// binary (copydesk record --format pdf, the one raw-output mode) asks
// IsTerminal and refuses a terminal; everything else is sanitised text.
type commandOutput struct {
	*bufio.Writer
	pty bool
}

// IsTerminal reports whether the session has a PTY.
func (o *commandOutput) IsTerminal() bool { return o.pty }

// logArgs shortens a command line for the log: opinions and titles can be
// long, and bodies never appear in arguments.
func logArgs(args []string) string {
	return model.Shorten(strings.Join(notify.RedactArgs(args), " "), 200)
}

// errTruncated is what a command reads instead of EOF when the connection
// died before the client finished sending: the input is incomplete and
// must not be saved.
var errTruncated error = locale.NewError("SrvInputTruncated", nil)

// guardedStdin is a session's standard input that tells a real end of input
// (the client sent EOF and is still there) from a dropped connection (the
// SSH layer reports EOF too). At EOF it asks the client for a reply; only a
// client that answers has finished its input. So `article push < a.md` over
// a link that drops halfway fails instead of saving half a text.
type guardedStdin struct {
	s   ssh.Session
	err error
}

// Pending reports whether the client sends input within wait: a command
// that reads none refuses it rather than drop it (cli's stdin rule). It
// reads one byte to find out, which only such a command asks for; at end
// of input, or when nothing comes in time, it is false. A read still
// waiting after wait ends with the session.
func (g *guardedStdin) Pending(wait time.Duration) bool {
	got := make(chan bool, 1)
	go func() {
		var b [1]byte
		n, _ := g.s.Read(b[:])
		got <- n > 0
	}()
	select {
	case ok := <-got:
		return ok
	case <-time.After(wait):
		return false
	}
}

func (g *guardedStdin) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.s.Read(p)
	if errors.Is(err, io.EOF) {
		if _, rerr := g.s.SendRequest("keepalive@openssh.com", true, nil); rerr != nil {
			err = locale.NewError("SrvInputTruncated", nil, errTruncated, io.ErrUnexpectedEOF)
		}
	}
	if err != nil {
		g.err = err
	}
	return n, err
}
