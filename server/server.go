// Package server is copydesk's SSH server, built on charmbracelet/wish.
//
// Every session is authenticated by public key against the keys in the
// store, looked up on every attempt, so a removed key stops working at once.
// Inside a session the identity is derived again from the key the
// connection actually authenticated with (the soft-serve check after
// CVE-2024-45337), never from what the auth callback saw. A session with a
// PTY and no command gets the Bubble Tea workstation (tui.New) as that user;
// a session without one runs the command tree (Config.RunCommand) with the
// exit status passed back to the ssh client.
//
// The server enforces an idle timeout, a maximum session time, a cap on
// concurrent sessions, a per-IP connection rate limit and a login grace
// time, recovers from panics in a session, and logs logins, refusals,
// commands and every change committed to the store. Shutdown stops
// accepting, tells the connected sessions, waits for commands in flight and
// closes the rest.
//
// Scheduler (schedule.go) runs 定时发布 in copydesk serve: at an article's
// time it exports the site and publishes it to the site targets stored in
// the database, refusing (and recording why) a schedule whose approval went
// stale; missed schedules run late after a restart. Its clock is
// injectable (SchedulerConfig.Clock), so tests move time instead of
// sleeping.
package server

import (
	"context"
	"io"
	"net"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/log"
	"github.com/charmbracelet/ssh"
	"github.com/charmbracelet/wish"
	"github.com/charmbracelet/wish/bubbletea"
	"github.com/muesli/termenv"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/tui"
)

// DefaultListen is the address copydesk serve listens on by default.
const DefaultListen = ":23234"

// Defaults for the zero values of Config.
const (
	DefaultIdleTimeout = 30 * time.Minute
	DefaultMaxTimeout  = 12 * time.Hour
	DefaultMaxSessions = 100
	DefaultRateLimit   = 3.0 // unauthenticated connections per second per IP, sustained
	DefaultRateBurst   = 60  // an office behind one NAT address logging in at once
	DefaultLoginGrace  = 10 * time.Second
	// DefaultMaxPreAuth caps connections that have not authenticated yet,
	// apart from the sessions: idle TCP connections cannot take the slots
	// of users who have logged in. Past it, an address that holds fewer
	// than PreAuthReserve of them is still let in, so a flood from some
	// addresses never shuts out another.
	DefaultMaxPreAuth = 256
	// DefaultMaxPreAuthPerIP caps one address's unauthenticated
	// connections: 64, an office of 60 behind one NAT address logging in
	// at the same moment.
	DefaultMaxPreAuthPerIP = 64
	// PreAuthReserve is how many connections still logging in any address
	// may hold even when MaxPreAuth is reached.
	PreAuthReserve = 4
	// DefaultMaxSessionsPerUser caps one user's concurrent sessions, so one
	// user's long-running commands cannot take every slot.
	DefaultMaxSessionsPerUser = 10
	DefaultDisconnectNotice   = time.Second
)

// ErrServerClosed is returned by Serve and ListenAndServe after Shutdown.
var ErrServerClosed = ssh.ErrServerClosed

// CommandRunner runs one command line for actor and returns its exit
// status; cli.RemoteRunner(st) is the one copydesk serve uses. lang is the
// session's language, chosen by the server with locale.Session: the
// user's own setting, else what the client sent (COPYDESK_LANG, LC_*,
// LANG), else Config.Lang.
type CommandRunner func(stdin io.Reader, stdout, stderr io.Writer, actor store.Actor, args []string, lang locale.Lang) int

// Config configures a Server. Zero durations and counts take the defaults
// above; a negative value switches the limit off.
type Config struct {
	// Store is the open database. Required. The caller closes it after
	// Shutdown returns.
	Store *store.Store
	// Listen is the address ListenAndServe listens on (DefaultListen).
	Listen string
	// HostKeyPath is the server's private host key. Required. It is created
	// (ed25519) when missing and reused after, so clients see the same key.
	HostKeyPath string

	// IdleTimeout ends a session whose user typed nothing for this long
	// (TUI), or a connection that moved no bytes for this long (commands).
	IdleTimeout time.Duration
	// MaxTimeout ends any session this long after it started.
	MaxTimeout time.Duration
	// MaxSessions caps concurrent sessions; one more is told the server is
	// busy before any TUI starts. Unauthenticated connections are capped
	// separately at twice this plus 16.
	MaxSessions int
	// RateLimit is how many new connections per second one IP may open,
	// sustained, with bursts of RateBurst. Connections over the limit get a
	// clear refusal; far over it, they are dropped before the handshake.
	RateLimit float64
	// RateBurst is how many connections one IP may open at once.
	RateBurst int
	// LoginGrace is how long a client may take to authenticate.
	LoginGrace time.Duration
	// MaxPreAuth caps connections still authenticating (all addresses
	// together); MaxPreAuthPerIP caps them per address. Over either cap a
	// new connection is closed before the handshake.
	MaxPreAuth      int
	MaxPreAuthPerIP int
	// MaxSessionsPerUser caps one user's concurrent sessions; one more is
	// told to close one first.
	MaxSessionsPerUser int
	// DisconnectNotice is how long a TUI has between the DisconnectMsg the
	// server sends it and the quit that follows (to save drafts).
	DisconnectNotice time.Duration

	// Logger receives login, refusal and command lines; nil logs to stderr.
	Logger *log.Logger
	// RunCommand runs sessions that carry a command or have no PTY. Nil
	// means this server offers only the workstation.
	RunCommand CommandRunner
	// NewTUI builds a session's root model; nil means tui.New.
	NewTUI func(tui.Options) tea.Model
	// Presence is shared by all sessions; nil means NewPresence().
	Presence tui.Presence
	// Search is the search index the TUI's search page uses; nil: the
	// page says search is unavailable. The caller runs and closes it.
	Search tui.Searcher
	// Lang is the language of a session whose user chose none and whose
	// client sent none ("" is locale.Default, zh-CN); copydesk serve takes
	// it from its own COPYDESK_LANG. Each session chooses its own
	// (locale.Session): one server speaks English to one editor and
	// Chinese to another at the same time.
	Lang locale.Lang
}

// Server is copydesk's SSH server. Create it with New.
type Server struct {
	cfg     Config
	log     *log.Logger
	ssh     *ssh.Server
	hostKey ssh.Signer
	limiter *rateLimiter
	// joinLimit rate-limits `join CODE` attempts per client address.
	joinLimit *rateLimiter

	mu       sync.Mutex
	sessions map[ssh.Session]*liveSession
	closing  bool
	wg       sync.WaitGroup // one per registered session
	conns    int            // authenticated connections not yet closed (cap)
	preAuth  int            // connections still authenticating
	preByIP  map[string]int // the same, per address
	pending  sync.Map       // remote addr → *connInfo, for the refusal log

	start sync.Once
	quit  chan struct{} // closed by Shutdown: stops the janitor and store watcher
	bg    sync.WaitGroup
}

// New checks cfg, loads or creates the host key and builds the server.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil {
		return nil, locale.NewError("SrvNeedStore", nil)
	}
	if cfg.HostKeyPath == "" {
		return nil, locale.NewError("SrvNeedHostKey", nil)
	}
	cfg = withDefaults(cfg)
	signer, err := LoadOrCreateHostKey(cfg.HostKeyPath)
	if err != nil {
		return nil, err
	}
	srv := &Server{
		cfg:     cfg,
		log:     cfg.Logger,
		hostKey: signer,
		limiter: newRateLimiter(cfg.RateLimit, cfg.RateBurst),
		// join CODE: 5 attempts, then one every 10 s per address.
		joinLimit: newRateLimiter(0.1, 5),
		sessions:  map[ssh.Session]*liveSession{},
		preByIP:   map[string]int{},
		quit:      make(chan struct{}),
	}
	// The transport-level timeouts are a backstop behind the session-level
	// ones, which say why they end a session and let a TUI restore the screen.
	slack := cfg.DisconnectNotice + 3*time.Second
	opts := []ssh.Option{
		wish.WithAddress(cfg.Listen),
		wish.WithVersion("copydesk"),
		func(s *ssh.Server) error { s.AddHostKey(signer); return nil },
		wish.WithPublicKeyAuth(srv.publicKeyHandler),
		func(s *ssh.Server) error {
			s.ConnCallback = srv.connCallback
			s.ConnectionFailedCallback = srv.connectionFailed
			return nil
		},
		wish.WithMiddleware(
			srv.commandMiddleware,
			bubbletea.MiddlewareWithProgramHandler(srv.programHandler, termenv.Ascii),
			srv.sessionMiddleware,
			srv.recoverMiddleware,
		),
	}
	if cfg.IdleTimeout > 0 {
		opts = append(opts, wish.WithIdleTimeout(cfg.IdleTimeout+slack))
	}
	if cfg.MaxTimeout > 0 {
		opts = append(opts, wish.WithMaxTimeout(cfg.MaxTimeout+slack))
	}
	s, err := wish.NewServer(opts...)
	if err != nil {
		return nil, locale.NewError("SrvStart", locale.Args{"Err": err}, err)
	}
	srv.ssh = s
	return srv, nil
}

func withDefaults(cfg Config) Config {
	if cfg.Listen == "" {
		cfg.Listen = DefaultListen
	}
	dur := func(d *time.Duration, def time.Duration) {
		switch {
		case *d == 0:
			*d = def
		case *d < 0:
			*d = 0
		}
	}
	dur(&cfg.IdleTimeout, DefaultIdleTimeout)
	dur(&cfg.MaxTimeout, DefaultMaxTimeout)
	dur(&cfg.LoginGrace, DefaultLoginGrace)
	dur(&cfg.DisconnectNotice, DefaultDisconnectNotice)
	count := func(n *int, def int) {
		switch {
		case *n == 0:
			*n = def
		case *n < 0:
			*n = 0
		}
	}
	count(&cfg.MaxSessions, DefaultMaxSessions)
	count(&cfg.MaxPreAuth, DefaultMaxPreAuth)
	count(&cfg.MaxPreAuthPerIP, DefaultMaxPreAuthPerIP)
	count(&cfg.MaxSessionsPerUser, DefaultMaxSessionsPerUser)
	switch {
	case cfg.RateLimit == 0:
		cfg.RateLimit = DefaultRateLimit
	case cfg.RateLimit < 0:
		cfg.RateLimit = 0
	}
	if cfg.RateBurst <= 0 {
		cfg.RateBurst = DefaultRateBurst
	}
	if cfg.Logger == nil {
		cfg.Logger = NewLogger(nil)
	}
	if cfg.NewTUI == nil {
		cfg.NewTUI = tui.New
	}
	if cfg.Presence == nil {
		cfg.Presence = NewPresence()
	}
	return cfg
}

// HostKeyFingerprint is the SHA256 fingerprint of the host key, as clients
// see it on first connect.
func (srv *Server) HostKeyFingerprint() string {
	return fingerprint(srv.hostKey.PublicKey())
}

// ListenAndServe listens on Config.Listen and serves until Shutdown.
func (srv *Server) ListenAndServe() error {
	ln, err := net.Listen("tcp", srv.cfg.Listen)
	if err != nil {
		return err
	}
	return srv.Serve(ln)
}

// Serve accepts connections on ln until Shutdown, after which it returns
// ErrServerClosed.
func (srv *Server) Serve(ln net.Listener) error {
	srv.mu.Lock()
	if srv.closing {
		srv.mu.Unlock()
		ln.Close()
		return ErrServerClosed
	}
	srv.start.Do(func() { // under mu: Shutdown's bg.Wait never races this Add
		srv.bg.Add(3)
		go srv.janitor()
		go srv.watchStore()
		go srv.releaseMapped()
	})
	srv.mu.Unlock()
	return srv.ssh.Serve(ln)
}

// Shutdown stops accepting connections and refuses new sessions, tells
// every session (a DisconnectMsg and then a quit for a TUI, a line on
// standard error for a command), waits until the sessions have ended or ctx
// is done, and then closes every connection that is left. It returns
// ctx.Err() when it had to cut sessions short. Close the store after it.
func (srv *Server) Shutdown(ctx context.Context) error {
	srv.mu.Lock()
	first := !srv.closing
	srv.closing = true
	live := make([]*liveSession, 0, len(srv.sessions))
	for _, ls := range srv.sessions {
		live = append(live, ls)
	}
	srv.mu.Unlock()
	if first {
		close(srv.quit)
	}

	// Close the listeners now; the connections are closed below.
	stopped, cancel := context.WithCancel(context.Background())
	cancel()
	_ = srv.ssh.Shutdown(stopped)

	for _, ls := range live {
		if ls.kind == kindTUI {
			ls.end(ls.text("SrvShutdownTUI", nil), 1)
		} else {
			ls.notify(ls.text("SrvShutdownCommand", nil))
		}
	}

	done := make(chan struct{})
	go func() { srv.wg.Wait(); close(done) }()
	var err error
	select {
	case <-done:
	case <-ctx.Done():
		err = ctx.Err()
		srv.log.Warn("shutdown grace period over; closing the remaining sessions")
	}
	_ = srv.ssh.Close()
	if err != nil {
		// Give the handlers a moment to unwind after their connections
		// closed, so the caller closes the store after the last command.
		select {
		case <-done:
		case <-time.After(2 * time.Second):
		}
	}
	srv.bg.Wait()
	return err
}
