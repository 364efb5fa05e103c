package server

import (
	"io"
	"runtime/debug"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish/bubbletea"

	"github.com/copydesk/copydesk/tui"
)

// DisconnectMsg is sent to a session's TUI program when the server is about
// to end the session (shutdown, idle or time limit, key removed). The
// program is quit In later: time to save drafts. The tui package can match
// it without importing server through its method:
//
//	if m, ok := msg.(interface{ Disconnecting() string }); ok { … }
type DisconnectMsg struct {
	Reason string
	In     time.Duration
}

// Disconnecting returns why the session ends.
func (m DisconnectMsg) Disconnecting() string { return m.Reason }

// rendererQueryTimeout bounds how long building the session's renderer
// waits for the terminal to answer the background-colour query. Terminals
// answer in a round trip; the x/crypto client used in tests never does.
const rendererQueryTimeout = time.Second

// programHandler builds the workstation for a PTY session without a
// command, for wish's bubbletea middleware (which follows window changes
// and quits the program when the connection closes). It returns nil for
// other sessions, which go on to commandMiddleware.
func (srv *Server) programHandler(s ssh.Session) *tea.Program {
	if !wantsTUI(s) {
		return nil
	}
	ls := srv.lookup(s)
	if ls == nil {
		return nil
	}
	in := newInputPump(s, ls.done)
	// MakeRenderer queries the terminal through the session; give it a view
	// of the input that stops at the deadline without eating keystrokes.
	stop := make(chan struct{})
	timer := time.AfterFunc(rendererQueryTimeout, func() { close(stop) })
	renderer := bubbletea.MakeRenderer(&querySession{Session: s, in: in.reader(stop)})
	timer.Stop()
	pty, _, _ := s.Pty()
	model := srv.cfg.NewTUI(tui.Options{
		Store:    srv.cfg.Store,
		Actor:    ls.actor,
		Renderer: renderer,
		Presence: ls.presence,
		Search:   srv.cfg.Search,
		Width:    pty.Window.Width,
		Context:  s.Context(),
		Lang:     ls.lang,
		Height:   pty.Window.Height,
	})
	p := tea.NewProgram(&guardModel{inner: model, srv: srv, ls: ls},
		tea.WithInput(in.reader(ls.done)),
		tea.WithOutput(s),
		tea.WithAltScreen(),
		tea.WithoutSignalHandler(),
		tea.WithEnvironment(s.Environ()),
	)
	ls.setProgram(p, in)
	if c, ok := model.(io.Closer); ok {
		ls.setCloser(c)
	}
	return p
}

// querySession is the session as MakeRenderer sees it: reads come from
// the input pump and end at the query deadline.
type querySession struct {
	ssh.Session
	in *pumpReader
}

func (q *querySession) Read(p []byte) (int, error) { return q.in.Read(p) }

// guardModel recovers a panic in the TUI's Update or View: it logs it with
// the stack, quits the program and tells the user, instead of Bubble Tea's
// own recovery, which prints to the server's standard output. (Bubble Tea
// still catches panics in commands.)
type guardModel struct {
	inner   tea.Model
	srv     *Server
	ls      *liveSession
	crashed bool // Update and View run on the program's event loop only
}

func (g *guardModel) Init() tea.Cmd { return g.inner.Init() }

func (g *guardModel) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	if g.crashed {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.crash(r)
			m, cmd = g, tea.Quit
		}
	}()
	g.inner, cmd = g.inner.Update(msg)
	return g, cmd
}

func (g *guardModel) View() (v string) {
	if g.crashed {
		return ""
	}
	defer func() {
		if r := recover(); r != nil {
			g.crash(r)
			v = ""
			if p := g.ls.getProgram(); p != nil {
				go p.Quit()
			}
		}
	}()
	return g.inner.View()
}

func (g *guardModel) crash(r any) {
	g.crashed = true
	g.srv.log.Error("panic in session", "user", g.ls.actor.Login, "addr", g.ls.addr, "panic", r, "stack", string(debug.Stack()))
	g.ls.setReason(g.ls.text("SrvInternal", nil), exitError)
}
