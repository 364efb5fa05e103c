package server

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

func fingerprint(k gossh.PublicKey) string { return gossh.FingerprintSHA256(k) }

type ctxKey struct{ name string }

var connInfoKey = &ctxKey{"copydesk-conn"}

// connInfo is what the server remembers about one connection before and
// during authentication, for the refusal log line and the rate limit.
type connInfo struct {
	addr    string
	ip      string
	limited bool // over the soft rate limit: sessions are refused

	authOnce sync.Once // ends the pre-auth state: at authentication or close
	authed   bool      // authenticated (set under authOnce)

	mu    sync.Mutex
	tried []string // fingerprints offered, for the refusal log line
}

func (ci *connInfo) offered(fp string) {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	if len(ci.tried) < 8 {
		ci.tried = append(ci.tried, fp)
	}
}

func (ci *connInfo) keys() string {
	ci.mu.Lock()
	defer ci.mu.Unlock()
	if len(ci.tried) == 0 {
		return "none"
	}
	return strings.Join(ci.tried, ",")
}

func hostOf(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}

// connCallback runs for every accepted TCP connection, before the SSH
// handshake: it applies the per-IP rate limit and the caps on
// connections still authenticating (all together and per address, apart
// from the authenticated ones), and arms the login grace timer.
func (srv *Server) connCallback(ctx ssh.Context, conn net.Conn) net.Conn {
	ip := hostOf(conn.RemoteAddr())
	ci := &connInfo{addr: conn.RemoteAddr().String(), ip: ip}
	switch srv.limiter.take(ip) {
	case rateDrop:
		srv.log.Debug("dropped: connection rate far over the limit", "addr", ci.addr)
		return nil
	case rateRefuse:
		ci.limited = true
	}
	srv.mu.Lock()
	switch {
	case srv.cfg.MaxPreAuthPerIP > 0 && srv.preByIP[ip] >= srv.cfg.MaxPreAuthPerIP:
		srv.mu.Unlock()
		srv.log.Warn("dropped: too many unauthenticated connections from this address", "addr", ci.addr, "limit", srv.cfg.MaxPreAuthPerIP)
		return nil
	case srv.cfg.MaxPreAuth > 0 && srv.preAuth >= srv.cfg.MaxPreAuth && srv.preByIP[ip] >= PreAuthReserve:
		srv.mu.Unlock()
		srv.log.Warn("dropped: too many unauthenticated connections", "addr", ci.addr, "limit", srv.cfg.MaxPreAuth)
		return nil
	}
	srv.preAuth++
	srv.preByIP[ip]++
	srv.mu.Unlock()

	ctx.SetValue(connInfoKey, ci)
	srv.pending.Store(ci.addr, ci)
	grace := time.AfterFunc(srv.cfg.LoginGrace, func() {
		if ctx.Value(ssh.ContextKeyConn) == nil { // handshake not finished
			srv.log.Info("refused: no login within the grace time", "addr", ci.addr, "grace", srv.cfg.LoginGrace)
			conn.Close()
			return
		}
		// logged in but no session opened yet: no longer pre-auth
		if !srv.endPreAuth(ci, true) {
			conn.Close()
		}
	})
	context.AfterFunc(ctx, func() {
		grace.Stop()
		// connectionFailed, which reads the entry, may run just after the
		// context ends: forget the connection a little later.
		time.AfterFunc(5*time.Second, func() { srv.pending.CompareAndDelete(ci.addr, ci) })
		srv.endPreAuth(ci, false)
		srv.mu.Lock()
		if ci.authed {
			srv.conns--
		}
		srv.mu.Unlock()
	})
	return conn
}

// endPreAuth ends a connection's pre-auth state once: authenticated (at
// its first session, or at the end of the grace time after a finished
// handshake — the key callback runs before the signature is checked, so it
// proves nothing; it
// then counts against the cap on authenticated connections, and its rate
// token is given back: the per-address limit is for connections that fail
// to log in, so an office behind one NAT address is not locked out by its
// own logins) or closed. It reports whether the connection may go on.
func (srv *Server) endPreAuth(ci *connInfo, authed bool) bool {
	ok, ran := true, false
	ci.authOnce.Do(func() {
		ran = true
		srv.mu.Lock()
		defer srv.mu.Unlock()
		srv.preAuth--
		if srv.preByIP[ci.ip]--; srv.preByIP[ci.ip] <= 0 {
			delete(srv.preByIP, ci.ip)
		}
		if !authed {
			return
		}
		if limit := 2*srv.cfg.MaxSessions + 16; srv.cfg.MaxSessions > 0 && srv.conns >= limit {
			ok = false
			return
		}
		ci.authed = true
		srv.conns++
		srv.limiter.refund(ci.ip)
	})
	if !ran && authed {
		srv.mu.Lock()
		ok = ci.authed
		srv.mu.Unlock()
	}
	return ok
}

// publicKeyHandler accepts a key only if a user holds it now. It runs for
// every key the client offers and is looked up in the store every time, so
// a removed key is refused without a restart. It records nothing the
// session trusts: sessionMiddleware derives the identity again.
func (srv *Server) publicKeyHandler(ctx ssh.Context, key ssh.PublicKey) bool {
	fp := fingerprint(key)
	if ci, ok := ctx.Value(connInfoKey).(*connInfo); ok {
		ci.offered(fp)
	}
	u, err := srv.cfg.Store.UserByKey(fp)
	if err != nil {
		if !store.IsNotFound(err) {
			srv.log.Error("key lookup failed", "fp", fp, "err", err)
			return false
		}
		// An unknown key gets in only while an invitation is open, and
		// then may run nothing but `join CODE` (sessionMiddleware).
		if srv.cfg.Store.OpenInvites() {
			srv.log.Debug("unknown key accepted for join only", "fp", fp, "addr", ctx.RemoteAddr())
			return true
		}
		return false
	}
	srv.log.Debug("key accepted", "user", u.Login, "fp", fp, "addr", ctx.RemoteAddr())
	return true
}

// join binds the connection's (unknown) key to the user an invitation
// code names: `ssh -p PORT HOST join CODE`. Attempts are rate limited per
// client address (a few, then one every 10 seconds), so codes cannot be
// guessed.
func (srv *Server) join(s ssh.Session, code string) {
	addr := s.RemoteAddr().String()
	pk := s.PublicKey()
	if pk == nil {
		refuse(s, exitDenied, "SrvJoinNeedsKey", nil)
		return
	}
	if srv.joinLimit.take(hostOf(s.RemoteAddr())) != rateOK {
		srv.log.Warn("refused: join rate limit", "addr", addr)
		refuse(s, exitDenied, "SrvJoinTooMany", locale.Args{"Host": hostOf(s.RemoteAddr())})
		return
	}
	line := strings.TrimSpace(string(gossh.MarshalAuthorizedKey(pk)))
	key, err := model.ParseKey(line)
	if err != nil {
		refuse(s, exitError, "SrvError", locale.Args{"Message": locale.Err(sessionLang(s), err)})
		return
	}
	u, err := srv.cfg.Store.Join(code, key)
	if err != nil {
		srv.log.Warn("refused: join", "fp", key.Fingerprint, "addr", addr, "err", err)
		code := exitDenied
		if !errors.Is(err, store.ErrInvite) && !errors.Is(err, store.ErrExists) {
			code = exitError
		}
		refuse(s, code, "SrvError", locale.Args{"Message": termsafe.Line(locale.Err(sessionLang(s), err))})
		return
	}
	srv.log.Info("join", "user", u.Login, "fp", key.Fingerprint, "addr", addr)
	fmt.Fprintln(s, locale.T(sessionLang(s), "SrvJoinWelcome", locale.Args{"Name": termsafe.Line(u.Name()), "FP": key.Fingerprint, "Login": u.Login, "SSH": sshCommand(s)}))
	_ = s.Exit(0)
}

// connectionFailed logs a connection that never completed its handshake:
// an unknown key, a client that gave up, or a scanner.
func (srv *Server) connectionFailed(conn net.Conn, err error) {
	addr := conn.RemoteAddr().String()
	keys, what := "none", "refused: handshake failed" // langcheck:ok server log
	if v, ok := srv.pending.Load(addr); ok {
		ci := v.(*connInfo)
		srv.pending.CompareAndDelete(addr, ci)
		if keys = ci.keys(); keys != "none" {
			what = "refused: no user has this key" // langcheck:ok server log
		}
	}
	srv.log.Info(what, "addr", addr, "keys", keys, "err", err.Error())
}

// identify derives the session's actor from the key this connection
// authenticated with, and looks its owner up again now.
func (srv *Server) identify(s ssh.Session) (store.Actor, string, error) {
	pk := s.PublicKey()
	if pk == nil {
		return store.Actor{}, "", locale.NewError("SrvNoPublicKey", nil)
	}
	fp := fingerprint(pk)
	u, err := srv.cfg.Store.UserByKey(fp)
	if err != nil {
		return store.Actor{}, fp, err
	}
	return store.Actor{Login: u.Login, KeyFP: fp, Remote: true}, fp, nil
}

// watchStore follows the store's committed changes: it logs each one (the
// workflow actions of TUI sessions and commands alike; the audit chain
// stays the record) and, when users or keys change, re-checks every live
// session's key and ends the sessions whose key no longer belongs to
// their user.
func (srv *Server) watchStore() {
	defer srv.bg.Done()
	events, stop := srv.cfg.Store.Subscribe()
	defer stop()
	for {
		select {
		case <-srv.quit:
			return
		case ev, ok := <-events:
			if !ok {
				return
			}
			kv := []any{"action", string(ev.Action), "user", ev.Actor, "seq", ev.Seq}
			if ev.Article != 0 {
				kv = append(kv, "article", ev.Article, "rev", ev.Rev)
			}
			srv.log.Info("change", kv...)
			if strings.HasPrefix(string(ev.Action), "user.") {
				srv.revalidate()
			}
		}
	}
}

func (srv *Server) revalidate() {
	for _, ls := range srv.live() {
		u, err := srv.cfg.Store.UserByKey(ls.actor.KeyFP)
		if err == nil && u.Login == ls.actor.Login {
			continue
		}
		srv.log.Info("session ended: key removed", "user", ls.actor.Login, "fp", ls.actor.KeyFP, "addr", ls.addr)
		ls.end(ls.text("SrvKeyRevoked", locale.Args{"FP": ls.actor.KeyFP}), 4)
	}
}
