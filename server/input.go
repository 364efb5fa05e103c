package server

import (
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// inputPump reads a TUI session's input in one goroutine and hands it to
// one reader at a time. Unlike the session itself, a pumpReader can stop
// waiting (at a deadline, or when the session ends) without consuming the
// bytes that arrive later: the terminal query in MakeRenderer gives up
// without eating the user's first keystrokes, and the Bubble Tea input loop
// returns when the session is over. It also records when the user last
// typed, for the idle timeout.
type inputPump struct {
	chunks chan []byte
	err    error // set before chunks is closed
	lastNs atomic.Int64

	mu      sync.Mutex // serializes readers and guards pending
	pending []byte
}

// newInputPump starts pumping src until it fails (the session's channel
// closed) or done is closed (the session is over).
func newInputPump(src io.Reader, done <-chan struct{}) *inputPump {
	p := &inputPump{chunks: make(chan []byte)}
	p.lastNs.Store(time.Now().UnixNano())
	go p.run(src, done)
	return p
}

func (p *inputPump) run(src io.Reader, done <-chan struct{}) {
	for {
		buf := make([]byte, 1024)
		n, err := src.Read(buf)
		if n > 0 {
			p.lastNs.Store(time.Now().UnixNano())
			select {
			case p.chunks <- buf[:n]:
			case <-done:
				return
			}
		}
		if err != nil {
			p.err = err
			close(p.chunks)
			return
		}
	}
}

func (p *inputPump) last() time.Time { return time.Unix(0, p.lastNs.Load()) }

// reader returns a reader of the pump that reports EOF once stop is closed.
func (p *inputPump) reader(stop <-chan struct{}) *pumpReader {
	return &pumpReader{p: p, stop: stop}
}

type pumpReader struct {
	p    *inputPump
	stop <-chan struct{}
}

func (r *pumpReader) Read(b []byte) (int, error) {
	p := r.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.pending) == 0 {
		select {
		case <-r.stop:
			return 0, io.EOF
		default:
		}
		select {
		case <-r.stop:
			return 0, io.EOF
		case chunk, ok := <-p.chunks:
			if !ok {
				if p.err != nil {
					return 0, p.err
				}
				return 0, io.EOF
			}
			p.pending = chunk
		}
	}
	n := copy(b, p.pending)
	p.pending = p.pending[n:]
	return n, nil
}
