package cli

import (
	"math"
	"runtime/debug"
	"testing"
)

// A local export raises the GC goal under a soft memory limit, unless the
// environment sets GOGC or GOMEMLIMIT; the settings are restored after.
func TestTuneGCForExport(t *testing.T) {
	pct := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(pct); debug.SetMemoryLimit(limit) })

	tuneGCForExport(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != 400 {
		t.Errorf("GC percent after tuning = %d, want 400", got)
	}
	if got := debug.SetMemoryLimit(math.MaxInt64); got != exportMemLimit {
		t.Errorf("memory limit after tuning = %d, want %d", got, exportMemLimit)
	}
	for _, v := range []string{"GOGC", "GOMEMLIMIT"} {
		tuneGCForExport(func(k string) string {
			if k == v {
				return "200"
			}
			return ""
		})
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("with %s set the GC percent became %d", v, got)
		}
		if got := debug.SetMemoryLimit(math.MaxInt64); got != math.MaxInt64 {
			t.Errorf("with %s set the memory limit became %d", v, got)
		}
	}
}
