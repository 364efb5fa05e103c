package server

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

const (
	kindTUI     = "tui"
	kindCommand = "command"
)

// Exit statuses the server itself uses (the command tree has its own).
const (
	exitError  = 1
	exitDenied = 4
)

// wantsTUI reports whether a session gets the workstation: it has a PTY and
// no command. `ssh -t host article list` runs the command on the PTY.
func wantsTUI(s ssh.Session) bool {
	_, _, pty := s.Pty()
	return pty && len(s.Command()) == 0
}

// liveSession is one authenticated session the server tracks, for the
// session cap, the time limits, key revalidation and shutdown.
type liveSession struct {
	s       ssh.Session
	actor   store.Actor
	kind    string
	lang    locale.Lang // what the session speaks (srv.langOf), fixed at its start
	addr    string
	started time.Time
	notice  time.Duration
	done    chan struct{} // closed when the session's handler is finished
	// presence is the session's share of Config.Presence, closed at the end.
	presence *sessionPresence

	mu      sync.Mutex
	input   *inputPump   // TUI: the session's input, for idleness
	program *tea.Program // TUI: set once built
	closer  io.Closer    // TUI: the root model, closed when the program ends
	ending  bool
	reason  string
	code    int
}

func (ls *liveSession) lastInput() time.Time {
	ls.mu.Lock()
	in := ls.input
	ls.mu.Unlock()
	if in == nil {
		return ls.started
	}
	return in.last()
}

// setProgram records the session's TUI program; when the session was ended
// while the program was being built, the program is stopped at once.
func (ls *liveSession) setProgram(p *tea.Program, in *inputPump) {
	ls.mu.Lock()
	ls.program, ls.input = p, in
	ending := ls.ending
	ls.mu.Unlock()
	if ending {
		p.Kill()
	}
}

// setCloser records what must be closed when the session's program ends.
func (ls *liveSession) setCloser(c io.Closer) {
	ls.mu.Lock()
	ls.closer = c
	ls.mu.Unlock()
}

func (ls *liveSession) getCloser() io.Closer {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.closer
}

func (ls *liveSession) getProgram() *tea.Program {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.program
}

// setReason records why the session ends, unless a reason is set already.
func (ls *liveSession) setReason(reason string, code int) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.reason == "" {
		ls.reason, ls.code = reason, code
	}
}

// end stops the session and says why: a TUI gets a DisconnectMsg, then a
// quit after the notice time (a kill if it does not quit); a command gets
// the reason on standard error and its channel closed.
func (ls *liveSession) end(reason string, code int) {
	ls.mu.Lock()
	if ls.ending {
		ls.mu.Unlock()
		return
	}
	ls.ending, ls.reason, ls.code = true, reason, code
	p := ls.program
	ls.mu.Unlock()
	if ls.kind == kindCommand {
		fmt.Fprintln(ls.s.Stderr(), locale.T(ls.lang, "ErrorPrefix", locale.Args{"Message": reason}))
		_ = ls.s.Close()
		return
	}
	if p != nil {
		go p.Send(DisconnectMsg{Reason: reason, In: ls.notice})
		time.AfterFunc(ls.notice, p.Quit)
		time.AfterFunc(ls.notice+2*time.Second, p.Kill)
	}
}

// notify writes a line to a command session's standard error.
func (ls *liveSession) notify(msg string) {
	fmt.Fprintln(ls.s.Stderr(), locale.T(ls.lang, "ErrorPrefix", locale.Args{"Message": msg}))
}

func (ls *liveSession) endReason() (string, int) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.reason, ls.code
}

var (
	// Sentinels of register; the session is refused with the catalog's
	// SrvClosing, SrvBusy and SrvUserBusy.
	errClosing  error = locale.NewError("SrvClosing", nil)
	errBusy           = errors.New("server busy")                    // langcheck:ok sentinel, shown as SrvBusy
	errUserBusy       = errors.New("too many sessions of this user") // langcheck:ok sentinel, shown as SrvUserBusy
)

// register admits a session unless the server is closing or full.
func (srv *Server) register(ls *liveSession) (int, error) {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	n := len(srv.sessions)
	if srv.closing {
		return n, errClosing
	}
	if srv.cfg.MaxSessions > 0 && n >= srv.cfg.MaxSessions {
		return n, errBusy
	}
	if max := srv.cfg.MaxSessionsPerUser; max > 0 {
		mine := 0
		for _, o := range srv.sessions {
			if o.actor.Login == ls.actor.Login {
				mine++
			}
		}
		if mine >= max {
			return mine, errUserBusy
		}
	}
	srv.sessions[ls.s] = ls
	srv.wg.Add(1)
	return n + 1, nil
}

func (srv *Server) unregister(ls *liveSession) {
	srv.mu.Lock()
	delete(srv.sessions, ls.s)
	srv.mu.Unlock()
	ls.presence.closeAll()
	close(ls.done)
	srv.wg.Done()
}

func (srv *Server) lookup(s ssh.Session) *liveSession {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return srv.sessions[s]
}

func (srv *Server) live() []*liveSession {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	out := make([]*liveSession, 0, len(srv.sessions))
	for _, ls := range srv.sessions {
		out = append(out, ls)
	}
	return out
}

// refuse tells the client why its session cannot start and exits.
func refuse(s ssh.Session, code int, id string, args locale.Args) {
	say(s, id, args)
	_ = s.Exit(code)
}

// sessionLang is the language of what the server tells a session before
// it knows whose it is (an unknown key, a full server): what the client
// sent (locale.SSHEnv), else Chinese. An admitted session speaks ls.lang.
func sessionLang(s ssh.Session) locale.Lang {
	return locale.Session("", locale.Default, locale.Getenv(s.Environ()), locale.SSHEnv...)
}

// langOf is the language of login's session s, by locale.Session's one
// rule: the user's own setting (user edit --lang), else what the client
// sent (COPYDESK_LANG, LC_ALL, LC_MESSAGES, LANG), else Config.Lang. It
// is chosen once, at the start; a setting changed later applies to the
// next session.
func (srv *Server) langOf(s ssh.Session, login string) locale.Lang {
	setting := ""
	if u, err := srv.cfg.Store.User(login); err == nil {
		setting = u.Lang
	}
	return locale.Session(setting, srv.cfg.Lang, locale.Getenv(s.Environ()), locale.SSHEnv...)
}

// say writes catalog message id to the session's standard error, in its
// language, as "copydesk: …".
func say(s ssh.Session, id string, args locale.Args) {
	lang := sessionLang(s)
	fmt.Fprintln(s.Stderr(), locale.T(lang, "ErrorPrefix", locale.Args{"Message": locale.T(lang, id, args)}))
}

// text renders catalog message id in the session's language.
func (ls *liveSession) text(id string, args locale.Args) string {
	return locale.T(ls.lang, id, args)
}

// sessionMiddleware admits a session: it derives the identity from the
// key the connection authenticated with, applies the rate limit, the
// shutdown state and the session cap, logs the login, runs the rest of the
// chain (TUI or command) and logs the end.
func (srv *Server) sessionMiddleware(next ssh.Handler) ssh.Handler {
	return func(s ssh.Session) {
		addr := s.RemoteAddr().String()
		actor, fp, err := srv.identify(s)
		if err != nil {
			if cmd := s.Command(); store.IsNotFound(err) && len(cmd) == 2 && cmd[0] == "join" {
				srv.join(s, cmd[1])
				return
			}
			srv.log.Warn("refused: key not registered", "fp", fp, "addr", addr, "err", err)
			refuse(s, exitDenied, "SrvUnknownKey", locale.Args{"FP": fp, "SSH": sshCommand(s)})
			return
		}
		if ci, ok := s.Context().Value(connInfoKey).(*connInfo); ok && !srv.endPreAuth(ci, true) {
			srv.log.Warn("refused: too many open connections", "user", actor.Login, "addr", addr)
			refuse(s, exitError, "SrvTooManyOpen", nil)
			return
		}
		if ci, ok := s.Context().Value(connInfoKey).(*connInfo); ok && ci.limited {
			srv.log.Warn("refused: rate limit", "user", actor.Login, "addr", addr)
			refuse(s, exitError, "SrvTooManyConnections", locale.Args{"Host": hostOf(s.RemoteAddr())})
			return
		}
		kind := kindCommand
		if wantsTUI(s) {
			kind = kindTUI
		}
		ls := &liveSession{s: s, actor: actor, kind: kind, lang: srv.langOf(s, actor.Login), addr: addr, started: time.Now(),
			notice: srv.cfg.DisconnectNotice, done: make(chan struct{}), presence: newSessionPresence(srv.cfg.Presence)}
		n, err := srv.register(ls)
		switch {
		case errors.Is(err, errBusy):
			srv.log.Warn("refused: server busy", "user", actor.Login, "addr", addr, "sessions", n)
			refuse(s, exitError, "SrvBusy", locale.Args{"N": n})
			return
		case errors.Is(err, errUserBusy):
			srv.log.Warn("refused: too many sessions of this user", "user", actor.Login, "addr", addr, "sessions", n)
			refuse(s, exitError, "SrvUserBusy", locale.Args{"N": n})
			return
		case err != nil:
			refuse(s, exitError, "SrvClosing", nil)
			return
		}
		defer srv.unregister(ls)
		srv.log.Info("login", "user", actor.Login, "fp", fp, "addr", addr, "kind", kind, "sessions", n)

		next(s)
		// The program has ended (wish runs it inside next): release the
		// session's store subscription and presence marks now.
		if c := ls.getCloser(); c != nil {
			_ = c.Close()
		}

		reason, code := ls.endReason()
		if kind == kindTUI {
			if reason != "" { // to the user, in the session's language, as a command's reason is
				fmt.Fprintln(s.Stderr(), "\n"+locale.T(ls.lang, "ErrorPrefix", locale.Args{"Message": reason}))
			}
			_ = s.Exit(code)
		}
		srv.log.Info("session end", "user", actor.Login, "addr", addr, "kind", kind,
			"dur", time.Since(ls.started).Round(time.Millisecond))
	}
}
