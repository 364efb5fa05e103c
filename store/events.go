package store

import "github.com/copydesk/copydesk/model"

// Event tells subscribers that a change was committed. Sessions use it to
// refresh queues and show notices; it carries no content.
type Event struct {
	Seq     uint64       // audit sequence of the change
	Action  model.Action // what happened
	Actor   string       // who did it
	Article uint64       // which article, 0 for user and media changes
	Rev     int
}

// Subscribe returns a channel of committed changes and a function that ends
// the subscription. A subscriber that falls behind misses events rather than
// slowing writers; it should re-read what it shows on any event.
func (s *Store) Subscribe() (<-chan Event, func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := make(chan Event, 64)
	id := s.next
	s.next++
	s.subs[id] = ch
	return ch, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if c, ok := s.subs[id]; ok {
			close(c)
			delete(s.subs, id)
		}
	}
}

func (s *Store) publish(evs []Event) {
	if len(evs) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, ch := range s.subs {
		for _, ev := range evs {
			select {
			case ch <- ev:
			default:
			}
		}
	}
}
