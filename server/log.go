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
