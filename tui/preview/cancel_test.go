package preview

import (
	"context"
	"errors"
	"testing"
)

// A render whose context is already cancelled starts no stage, caches
// nothing, and its command delivers no message.
func TestRenderCancelledBeforeStart(t *testing.T) {
	r := newRenderer(t, StyleDark)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	md := article(4000)
	key := r.DraftKey(1, md, 60)
	if _, err := r.RenderContext(ctx, key, md, 60); !errors.Is(err, context.Canceled) {
		t.Fatalf("RenderContext err = %v, want context.Canceled", err)
	}
	if n := r.stages.Load(); n != 0 {
		t.Errorf("%d stages ran after cancel, want 0", n)
	}
	if _, ok := r.Cached(key); ok {
		t.Error("a cancelled render was cached")
	}
	if msg := CmdContext(ctx, r, key, md, 60)(); msg != nil {
		t.Errorf("cancelled command delivered %#v, want nil", msg)
	}
}

// A render cancelled during its parse stage does not render or wrap.
func TestRenderCancelledBetweenStages(t *testing.T) {
	r := newRenderer(t, StyleDark)
	ctx, cancel := context.WithCancel(context.Background())
	var seen []string
	r.onStage = func(s string) {
		seen = append(seen, s)
		if s == "parse" {
			cancel()
		}
	}
	md := article(4000)
	key := r.DraftKey(1, md, 60)
	if _, err := r.RenderContext(ctx, key, md, 60); !errors.Is(err, context.Canceled) {
		t.Fatalf("RenderContext err = %v, want context.Canceled", err)
	}
	if len(seen) != 1 || seen[0] != "parse" {
		t.Errorf("stages = %v, want only [parse]", seen)
	}
	if _, ok := r.Cached(key); ok {
		t.Error("a cancelled render was cached")
	}
	// The same request with a live context runs every stage.
	seen = nil
	r.onStage = func(s string) { seen = append(seen, s) }
	if _, err := r.RenderContext(context.Background(), key, md, 60); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 3 {
		t.Errorf("stages = %v, want parse, render, wrap", seen)
	}
}
