package server_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/server"
	"github.com/copydesk/copydesk/tui"
)

func TestPresence(t *testing.T) {
	p := server.NewPresence()
	doneLi := p.Open(7, "li")
	doneChen := p.Open(7, "chen")
	doneChen2 := p.Open(7, "chen") // a second session of chen's
	p.Open(8, "zhao")

	if got := p.Editors(7, "li"); !slices.Equal(got, []string{"chen"}) {
		t.Fatalf("editors of 7 seen by li: %v", got)
	}
	if got := p.Editors(7, "wang"); !slices.Equal(got, []string{"chen", "li"}) {
		t.Fatalf("editors of 7 seen by wang: %v", got)
	}
	doneChen()
	doneChen() // idempotent: the other session still has it open
	if got := p.Editors(7, "li"); !slices.Equal(got, []string{"chen"}) {
		t.Fatalf("after one of chen's sessions closed: %v", got)
	}
	doneChen2()
	doneLi()
	if got := p.Editors(7, ""); len(got) != 0 {
		t.Fatalf("after everyone closed 7: %v", got)
	}
	if got := p.Editors(8, ""); !slices.Equal(got, []string{"zhao"}) {
		t.Fatalf("editors of 8: %v", got)
	}
}

func TestPresenceConcurrent(t *testing.T) {
	p := server.NewPresence()
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			login := fmt.Sprintf("u%d", i)
			for j := range 200 {
				done := p.Open(uint64(j%5), login)
				p.Editors(uint64(j%5), login)
				done()
			}
		}()
	}
	wg.Wait()
	for id := range uint64(5) {
		if got := p.Editors(id, ""); len(got) != 0 {
			t.Fatalf("article %d still has editors: %v", id, got)
		}
	}
}

// Whatever a session leaves open is closed when it ends, even when the
// program never calls done (killed, connection dropped).
func TestPresenceEndsWithSession(t *testing.T) {
	o := newOffice(t)
	shared := server.NewPresence()
	var opened sync.WaitGroup
	opened.Add(1)
	ts := start(t, o, func(c *server.Config) {
		c.Presence = shared
		c.NewTUI = func(opts tui.Options) tea.Model {
			opts.Presence.Open(7, opts.Actor.Login) // and never done
			opened.Done()
			return panicky{}
		}
	})
	c := ts.dial(t, o.li)
	tm := openTerm(t, c, 100, 30, false)
	opened.Wait()
	tm.waitFor(t, 0, 10*time.Second, "press p")
	if got := shared.Editors(7, "zhao"); !slices.Equal(got, []string{"li"}) {
		t.Fatalf("while li is connected: %v", got)
	}
	c.Close() // the link drops
	waitUntil(t, 5*time.Second, "li's presence to end", func() bool { return len(shared.Editors(7, "zhao")) == 0 })
}
