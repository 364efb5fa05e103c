package server_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/copydesk/copydesk/server"
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
