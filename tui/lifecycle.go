package tui

import (
	"sync"
	"sync/atomic"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/store"
)

// A session holds two things outside itself: a subscription to the store's
// events and, while an article is open for editing, a presence mark. Both
// are released by App.Close, which Run calls and an embedder should call
// when the session ends. A session that simply vanishes (an SSH connection
// dropped, an embedder that forgets Close) is noticed by a watchdog: while
// the program runs, the event wait wakes every keepaliveEvery and passes
// through Update; when Update has not run for idleRelease, the watchdog
// releases both. If the program was only busy (an $EDITOR running in the
// foreground), the next Update takes them again.
var (
	keepaliveEvery = 30 * time.Second
	idleRelease    = 95 * time.Second
)

// keepaliveMsg is the event wait's periodic wake-up.
type keepaliveMsg struct{}

// disconnecting is a message from an embedder saying the session is about
// to end (the SSH server's DisconnectMsg has this method).
type disconnecting interface{ Disconnecting() string }

// marks are the session's presence marks, kept so they can be released
// and taken again from the watchdog's goroutine.
type marks struct {
	mu       sync.Mutex
	p        Presence
	next     int
	open     map[int]*mark
	released bool
}

type mark struct {
	id    uint64
	login string
	done  func()
}

// add marks article id as open by login; the handle ends it.
func (m *marks) add(id uint64, login string) int {
	if m == nil || m.p == nil {
		return 0
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.next++
	mk := &mark{id: id, login: login}
	if !m.released {
		mk.done = m.p.Open(id, login)
	}
	if m.open == nil {
		m.open = map[int]*mark{}
	}
	m.open[m.next] = mk
	return m.next
}

// remove ends the mark with handle h.
func (m *marks) remove(h int) {
	if m == nil || h == 0 {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if mk := m.open[h]; mk != nil {
		if mk.done != nil {
			mk.done()
		}
		delete(m.open, h)
	}
}

// release ends every mark but remembers them; retake opens them again.
func (m *marks) release() {
	if m == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.released = true
	for _, mk := range m.open {
		if mk.done != nil {
			mk.done()
			mk.done = nil
		}
	}
}

func (m *marks) retake() {
	if m == nil || m.p == nil {
		return
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.released {
		return
	}
	m.released = false
	for _, mk := range m.open {
		mk.done = m.p.Open(mk.id, mk.login)
	}
}

// subscription is the session's store subscription, which the watchdog may
// end and Update take again.
type subscription struct {
	mu     sync.Mutex
	st     *store.Store
	ch     <-chan store.Event
	cancel func()
}

func (s *subscription) start() <-chan store.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		s.ch, s.cancel = s.st.Subscribe()
	}
	return s.ch
}

// stop ends the subscription; it reports whether there was one.
func (s *subscription) stop() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ch == nil {
		return false
	}
	s.cancel()
	s.ch, s.cancel = nil, nil
	return true
}

func (s *subscription) active() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ch != nil
}

// lifecycle is the App's part that outlives a single message.
type lifecycle struct {
	sub        subscription
	marks      *marks
	lastUpdate atomic.Int64
	idle       atomic.Bool  // the watchdog released everything
	keepalive  atomic.Int64 // keepaliveEvery when the session began (tests change it)
	idleAfter  atomic.Int64 // idleRelease likewise
	done       chan struct{}
	closeOnce  sync.Once
}

func newLifecycle(st *store.Store, m *marks) *lifecycle {
	l := &lifecycle{sub: subscription{st: st}, marks: m, done: make(chan struct{})}
	l.keepalive.Store(int64(keepaliveEvery))
	l.idleAfter.Store(int64(idleRelease))
	l.lastUpdate.Store(time.Now().UnixNano())
	go l.watch(keepaliveEvery)
	return l
}

// watch runs the watchdog, every period, until Close.
func (l *lifecycle) watch(period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-l.done:
			return
		case <-t.C:
			if time.Since(time.Unix(0, l.lastUpdate.Load())) > time.Duration(l.idleAfter.Load()) && !l.idle.Load() {
				l.idle.Store(true)
				l.sub.stop()
				l.marks.release()
			}
		}
	}
}

// touch records that Update runs; after an idle release it takes the
// subscription and the presence marks again and says so.
func (l *lifecycle) touch() (woke bool) {
	l.lastUpdate.Store(time.Now().UnixNano())
	if !l.idle.Load() {
		return false
	}
	l.idle.Store(false)
	l.marks.retake()
	return true
}

// waitEvents waits for the next committed change and returns it with any
// that arrived with it, so a burst of changes costs one refresh; it wakes
// up every keepaliveEvery to show the watchdog the program is alive.
func (l *lifecycle) waitEvents() tea.Cmd {
	ch, done, every := l.sub.start(), l.done, time.Duration(l.keepalive.Load())
	return func() tea.Msg {
		select {
		case ev, ok := <-ch:
			if !ok {
				return subClosedMsg{}
			}
			evs := eventsMsg{ev}
			for {
				select {
				case ev, ok := <-ch:
					if !ok {
						return evs
					}
					evs = append(evs, ev)
				default:
					return evs
				}
			}
		case <-time.After(every):
			return keepaliveMsg{}
		case <-done:
			return nil
		}
	}
}

// close releases everything for good.
func (l *lifecycle) close() {
	l.closeOnce.Do(func() {
		close(l.done)
		l.sub.stop()
		l.marks.release()
	})
}
