package termsafe

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// lockedBuffer is a bytes.Buffer whose writes are serialised, standing in for
// a stream that is itself safe (a file, an SSH channel).
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

// TestWriterConcurrent: a command's output and a timer's notice share one
// Writer (cli's stdin hint); every line arrives whole and clean. Run with
// -race, which the CI does for the server package that hit this.
func TestWriterConcurrent(t *testing.T) {
	var out lockedBuffer
	w := NewWriter(&out)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 200 {
				w.Write([]byte("行\x1b[2J" + string(rune('a'+g)) + "\n"))
			}
		}()
	}
	wg.Wait()
	lines := strings.Split(strings.TrimSuffix(out.b.String(), "\n"), "\n")
	if len(lines) != 1600 {
		t.Fatalf("got %d lines, want 1600", len(lines))
	}
	for _, l := range lines {
		if len(l) != len("行a") || !strings.HasPrefix(l, "行") {
			t.Fatalf("line %q was torn or not sanitised", l)
		}
	}
}
