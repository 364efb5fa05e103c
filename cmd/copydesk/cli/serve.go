package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/charmbracelet/log"
	"github.com/spf13/cobra"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/store"
)

func newServeCmd(env *Env) *cobra.Command {
	var cfg server.Config
	var grace time.Duration
	var sched server.SchedulerConfig
	cmd := &cobra.Command{
		Use:   "serve [--listen :23234] [--host-key PATH]",
		Short: "Serve the workstation over SSH: a TUI per session, commands without a PTY",
		Long: `serve runs an SSH server on the database. Users log in with the SSH keys
copydesk knows (copydesk user key add); there are no passwords.

  ssh -p 23234 HOST                          the workstation
  ssh -p 23234 HOST article pull 7 > a.md    any command, as you
  ssh -p 23234 HOST article push 7 < a.md

SIGINT or SIGTERM stops it: sessions are told, commands in flight finish
(up to --grace), and the database is closed cleanly.`,
		Args: exactArgs(0, ""),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env.Remote {
				return refusedHere("CLIServeRemote", nil)
			}
			st, err := env.OpenStore()
			if err != nil {
				return err
			}
			if cfg.HostKeyPath == "" {
				cfg.HostKeyPath = filepath.Join(filepath.Dir(st.Path()), "ssh_host_ed25519")
			}
			off := func(d *time.Duration) { // on the command line, 0 turns a limit off
				if *d == 0 {
					*d = -1
				}
			}
			off(&cfg.IdleTimeout)
			off(&cfg.MaxTimeout)
			if cfg.MaxSessions == 0 {
				cfg.MaxSessions = -1
			}
			if cfg.RateLimit == 0 {
				cfg.RateLimit = -1
			}
			logger := server.NewLogger(env.Stderr)
			log.SetDefault(logger) // wish's middleware logs through the default logger
			// the search index: derived data, kept current from the store's
			// audit chain by a goroutine of its own; a missing or damaged one
			// is rebuilt in the background (searches say so meanwhile).
			// The log is the operator's record of events, in English
			// (server.NewLogger): the index's progress lines too.
			ix, err := search.Open(st, search.Options{Progress: func(line string) { logger.Info(line) }, Lang: locale.EN,
				Logf: func(format string, args ...any) { logger.Warn(fmt.Sprintf(format, args...)) }, Warm: true,
				// bleve's own English lines: the operator's log, never a terminal of a user
				LibLog: func(line string) { logger.Warn("bleve", "line", line) }})
			if err != nil {
				return err
			}
			ixCtx, stopIndex := context.WithCancel(context.Background())
			ixDone := make(chan struct{})
			go func() { defer close(ixDone); ix.Run(ixCtx) }()
			defer func() { stopIndex(); <-ixDone; ix.Close() }()
			cfg.Search = ix
			cfg.Store, cfg.Logger, cfg.RunCommand = st, logger, RemoteRunnerServing(st, ix, &sched.Publish)
			// sessions whose user and client chose no language speak the
			// server's COPYDESK_LANG, else zh-CN (locale.Session)
			cfg.Lang = locale.Session("", locale.Default, env.getenv, locale.TUIEnv...)
			srv, err := server.New(cfg)
			if err != nil {
				return err
			}
			// A damaged users bucket reads as empty: refuse to serve it
			// (exit 5) rather than announce a new database.
			has, err := st.HasUsers()
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", cfg.Listen)
			if err != nil {
				return err
			}
			st.SetHolder(store.ServeHolder(ln.Addr().String()))
			logger.Info("listening", "addr", ln.Addr().String(), "db", st.Path(), "pid", os.Getpid())
			logger.Info("host key", "path", cfg.HostKeyPath, "fp", srv.HostKeyFingerprint())
			if !has {
				// what the operator must do is told in their language, as
				// every command's message, besides the log's event line
				fmt.Fprintln(env.Stderr, env.t("ErrorPrefix", locale.Args{"Message": env.t("CLIServeNoUsers")}))
				logger.Warn("no users: nobody can log in", "db", st.Path())
			}

			sigs := make(chan os.Signal, 2)
			signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
			defer signal.Stop(sigs)
			notifyCtx, stopNotify := context.WithCancel(context.Background())
			notified := StartNotify(notifyCtx, st, func(msg string, kv ...any) { logger.Info(msg, kv...) })
			defer func() { stopNotify(); <-notified }()
			// 定时发布: scheduled articles go online at their time, published
			// to the site targets; missed ones run now, late.
			schedCtx, stopSched := context.WithCancel(context.Background())
			scheduled := make(chan struct{})
			sched.Store, sched.Logf = st, func(format string, args ...any) { logger.Info(fmt.Sprintf(format, args...)) }
			scheduler := server.NewScheduler(sched)
			go func() { defer close(scheduled); scheduler.Run(schedCtx) }()
			defer func() { stopSched(); <-scheduled }()
			served := make(chan error, 1)
			go func() { served <- srv.Serve(ln) }()
			select {
			case err := <-served:
				return err
			case sig := <-sigs:
				logger.Info("shutting down", "signal", sig.String(), "grace", grace)
			}
			ctx, cancel := context.WithTimeout(context.Background(), grace)
			defer cancel()
			go func() { // a second signal cuts the grace period short
				select {
				case <-sigs:
					cancel()
				case <-ctx.Done():
				}
			}()
			serr := srv.Shutdown(ctx)
			if err := <-served; err != nil && !errors.Is(err, server.ErrServerClosed) {
				logger.Error("serve", "err", err)
			}
			stopNotify()
			<-notified
			stopIndex()
			<-ixDone
			ix.Close()
			if err := env.Close(); err != nil {
				return locale.NewError("CLICloseDB", locale.Args{"Err": err}, err)
			}
			logger.Info("database closed; bye", "cut short", serr != nil)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&cfg.Listen, "listen", server.DefaultListen, "address to listen on")
	f.StringVar(&cfg.HostKeyPath, "host-key", "", "SSH host key, created when missing (default: ssh_host_ed25519 beside the database)")
	f.DurationVar(&cfg.IdleTimeout, "idle-timeout", server.DefaultIdleTimeout, "end sessions idle this long (0: never)")
	f.DurationVar(&cfg.MaxTimeout, "max-session", server.DefaultMaxTimeout, "end sessions this long after they start (0: never)")
	f.IntVar(&cfg.MaxSessions, "max-sessions", server.DefaultMaxSessions, "concurrent sessions; more are told the server is busy (0: no cap)")
	f.Float64Var(&cfg.RateLimit, "rate", server.DefaultRateLimit, "connections per second per IP that fail to log in, sustained (0: no limit)")
	f.IntVar(&cfg.RateBurst, "burst", server.DefaultRateBurst, "new connections per IP in a burst")
	f.DurationVar(&cfg.LoginGrace, "login-grace", server.DefaultLoginGrace, "time a connection has to log in")
	f.IntVar(&cfg.MaxPreAuth, "max-preauth", server.DefaultMaxPreAuth, "connections still logging in, all addresses together")
	f.IntVar(&cfg.MaxPreAuthPerIP, "max-preauth-per-ip", server.DefaultMaxPreAuthPerIP, "connections still logging in from one address")
	f.IntVar(&cfg.MaxSessionsPerUser, "max-sessions-per-user", server.DefaultMaxSessionsPerUser, "concurrent sessions of one user")
	f.DurationVar(&grace, "grace", 10*time.Second, "on SIGTERM, how long commands in flight may take to finish")
	f.StringVar(&sched.Publish.KeyFile, "publish-key", "", "SSH private key the scheduler publishes to site targets with (default ~/.ssh/id_ed25519, then id_rsa)")
	f.StringVar(&sched.Publish.KnownHosts, "known-hosts", "", "known_hosts file holding the site targets' host keys (default ~/.ssh/known_hosts)")
	f.DurationVar(&sched.Every, "schedule-every", server.DefaultScheduleEvery, "how often scheduled publishing (定时发布) looks for due articles")
	return cmd
}
