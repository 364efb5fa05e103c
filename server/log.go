package server

import (
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"

	"github.com/copydesk/copydesk/termsafe"
)

// NewLogger returns the server's default logger: timestamped lines on w
// (standard error when nil), prefixed "copydesk". Every line passes through
// a termsafe.Writer, so a logged title, login or command line cannot drive
// the terminal that shows the log.
//
// The log is the operator's record of events, in one language, English:
// an event name and key=value fields (login user=liwei addr=…), stable for
// grep and monitoring (langcheck's rule on log lines); catalog text that
// reaches it (the search index's progress) is rendered in English. What a
// connecting user reads goes to their session from the catalog in the
// session's language, and what the operator must act on (no users yet) is
// the serve command's own message in the operator's language.
func NewLogger(w io.Writer) *log.Logger {
	if w == nil {
		w = os.Stderr
	}
	return log.NewWithOptions(termsafe.NewWriter(w), log.Options{
		ReportTimestamp: true,
		TimeFormat:      time.DateTime,
		Prefix:          "copydesk",
	})
}

// recoverMiddleware keeps a panic in one session from taking the server
// down: it logs the panic with its stack and tells the client.
func (srv *Server) recoverMiddleware(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		defer func() {
			if r := recover(); r != nil {
				srv.log.Error("panic in session", "addr", s.RemoteAddr().String(), "panic", r, "stack", string(debug.Stack()))
				refuse(s, exitError, "SrvInternal", nil)
			}
		}()
		next(s)
	}
}
