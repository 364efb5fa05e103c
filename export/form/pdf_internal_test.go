package form

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestPrintsAreBounded: with MaxPrints browsers running, the next print
// waits for a slot and gives up with its context, starting nothing.
func TestPrintsAreBounded(t *testing.T) {
	if _, err := FindBrowser(); err != nil {
		t.Skip(err)
	}
	for range MaxPrints {
		printing <- struct{}{}
	}
	defer func() {
		for range MaxPrints {
			<-printing
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := PDF(ctx, []byte("<p>x</p>"))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a print past the limit: %v", err)
	}
}
