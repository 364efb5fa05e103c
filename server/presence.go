package server

import (
	"slices"
	"sync"

	"github.com/copydesk/copydesk/tui"
)

// Presence records which sessions have which article open for editing, so
// a session can show who else is editing. It is a hint for people; the
// store's revision check keeps saves correct. It is safe for concurrent use.
type Presence struct {
	mu   sync.Mutex
	open map[uint64]map[string]int // article → login → open count
}

var _ tui.Presence = (*Presence)(nil)

// NewPresence returns an empty Presence.
func NewPresence() *Presence {
	return &Presence{open: map[uint64]map[string]int{}}
}

// Open marks that login has article id open; calling done (any number of
// times) ends it. A user with the article open in two sessions stays
// listed until both are done.
func (p *Presence) Open(id uint64, login string) (done func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	m := p.open[id]
	if m == nil {
		m = map[string]int{}
		p.open[id] = m
	}
	m[login]++
	var once sync.Once
	return func() {
		once.Do(func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			if m[login]--; m[login] <= 0 {
				delete(m, login)
			}
			if len(m) == 0 { // every handle on m is done, so no one holds it
				delete(p.open, id)
			}
		})
	}
}

// Editors returns, sorted, the logins other than except that have article
// id open.
func (p *Presence) Editors(id uint64, except string) []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []string
	for login := range p.open[id] {
		if login != except {
			out = append(out, login)
		}
	}
	slices.Sort(out)
	return out
}

// sessionPresence is one session's view of the shared Presence: whatever
// the session still has open when it ends (a killed program, a dropped
// connection) is closed for it, so presence never outlives a session.
type sessionPresence struct {
	tui.Presence

	mu     sync.Mutex
	open   map[int]func()
	next   int
	closed bool
}

func newSessionPresence(p tui.Presence) *sessionPresence {
	return &sessionPresence{Presence: p, open: map[int]func(){}}
}

func (sp *sessionPresence) Open(id uint64, login string) (done func()) {
	inner := sp.Presence.Open(id, login)
	sp.mu.Lock()
	defer sp.mu.Unlock()
	if sp.closed {
		inner()
		return func() {}
	}
	k := sp.next
	sp.next++
	sp.open[k] = inner
	return func() {
		sp.mu.Lock()
		d, ok := sp.open[k]
		delete(sp.open, k)
		sp.mu.Unlock()
		if ok {
			d()
		}
	}
}

// closeAll ends everything the session still has open.
func (sp *sessionPresence) closeAll() {
	sp.mu.Lock()
	sp.closed = true
	open := sp.open
	sp.open = nil
	sp.mu.Unlock()
	for _, d := range open {
		d()
	}
}
