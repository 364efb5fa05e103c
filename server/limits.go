package server

import (
	"sync"
	"time"

	"github.com/copydesk/copydesk/locale"
)

type rateVerdict int

const (
	rateOK     rateVerdict = iota
	rateRefuse             // over the limit: finish the handshake, refuse the session with a message
	rateDrop               // far over it: close before the handshake
)

// rateLimiter is a token bucket per remote IP. A connection takes a token;
// when none is left it still takes one (the bucket goes negative, so a
// client that keeps retrying stays limited) and is refused with a message,
// and once the debt reaches a whole burst it is dropped unheard.
type rateLimiter struct {
	rate, burst float64
	now         func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

const maxBuckets = 4096

func newRateLimiter(perSecond float64, burst int) *rateLimiter {
	return &rateLimiter{rate: perSecond, burst: float64(burst), now: time.Now, buckets: map[string]*bucket{}}
}

func (l *rateLimiter) take(ip string) rateVerdict {
	if l.rate <= 0 {
		return rateOK
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[ip]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = &bucket{tokens: l.burst, last: now}
		l.buckets[ip] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	switch {
	case b.tokens >= 1:
		b.tokens--
		return rateOK
	case b.tokens > -l.burst:
		b.tokens--
		return rateRefuse
	}
	return rateDrop
}

// refund gives a token back to ip (a connection that authenticated).
func (l *rateLimiter) refund(ip string) {
	if l.rate <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.buckets[ip]; b != nil {
		b.tokens = min(l.burst, b.tokens+1)
	}
}

// prune forgets the buckets that have refilled: they behave like new ones.
func (l *rateLimiter) prune(now time.Time) {
	for ip, b := range l.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*l.rate >= l.burst {
			delete(l.buckets, ip)
		}
	}
}

// janitor ends sessions that ran past MaxTimeout and TUI sessions whose user
// typed nothing for IdleTimeout, telling them why.
func (srv *Server) janitor() {
	defer srv.bg.Done()
	tick := sweepInterval(srv.cfg.IdleTimeout, srv.cfg.MaxTimeout)
	if tick == 0 {
		return
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-srv.quit:
			return
		case now := <-t.C:
			srv.sweep(now)
		}
	}
}

// releaseEvery is how often the server releases the pages of the
// database file its sessions have read (store.ReleaseMapped).
const releaseEvery = 30 * time.Second

// releaseMapped releases, every releaseEvery, the database mapping's
// pages this process has faulted in (queues, articles, search snippets),
// so the resident set of a long-running server does not grow towards the
// size of the database file. The data stay in the kernel's page cache; a
// page read again is mapped back without I/O. The search index releases
// after every search.releaseAfter documents it reads as well.
func (srv *Server) releaseMapped() {
	defer srv.bg.Done()
	t := time.NewTicker(releaseEvery)
	defer t.Stop()
	for {
		select {
		case <-srv.quit:
			return
		case <-t.C:
			srv.cfg.Store.ReleaseMapped()
		}
	}
}

// sweepInterval is a tenth of the shortest limit, between 10 ms and 30 s;
// zero when there is no limit.
func sweepInterval(limits ...time.Duration) time.Duration {
	var shortest time.Duration
	for _, d := range limits {
		if d > 0 && (shortest == 0 || d < shortest) {
			shortest = d
		}
	}
	if shortest == 0 {
		return 0
	}
	return min(max(shortest/10, 10*time.Millisecond), 30*time.Second)
}

func (srv *Server) sweep(now time.Time) {
	idle, maxT := srv.cfg.IdleTimeout, srv.cfg.MaxTimeout
	for _, ls := range srv.live() {
		switch {
		case maxT > 0 && now.Sub(ls.started) >= maxT:
			srv.log.Info("session ended: time limit", "user", ls.actor.Login, "addr", ls.addr, "limit", maxT)
			ls.end(ls.text("SrvSessionLimit", locale.Args{"Max": locale.Duration(ls.lang, maxT)}), 1)
		case idle > 0 && ls.kind == kindTUI && now.Sub(ls.lastInput()) >= idle:
			srv.log.Info("session ended: idle", "user", ls.actor.Login, "addr", ls.addr, "idle", idle)
			ls.end(ls.text("SrvIdle", locale.Args{"Idle": locale.Duration(ls.lang, idle)}), 1)
		}
	}
}
