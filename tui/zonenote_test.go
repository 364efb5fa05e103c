package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
)

// Issue 8.5: the home queues and the history show times in the office zone
// without a date line of their own; each screen names that zone once, from
// the setting (here the test's pinned zone), in the status bar.
func TestHomeHistoryArticleNameTheTimeZoneOnce(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	h := newHarness(t, st, "liwei", 120, 30)
	note := "时区：北京时间"
	home := h.view()
	if !strings.Contains(home, "11-20 14:05") {
		t.Fatalf("home shows no time to explain:\n%s", home)
	}
	if n := strings.Count(home, note); n != 1 {
		t.Fatalf("home names the zone %d times, want 1:\n%s", n, home)
	}
	h.keys("v")
	hist := h.view()
	if !strings.Contains(hist, "历史") || !strings.Contains(hist, "11-20 14:05") {
		t.Fatalf("not on a history page with times:\n%s", hist)
	}
	if n := strings.Count(hist, note); n != 1 {
		t.Fatalf("history names the zone %d times, want 1:\n%s", n, hist)
	}
	st2 := testStore(t)
	seed(t, st2, "review")
	r := newHarness(t, st2, "wangyin", 120, 30)
	r.keys("enter")
	art := r.view()
	if !strings.Contains(art, "第1版") || !strings.Contains(art, "11-20 14:05") {
		t.Fatalf("not on an article page with times:\n%s", art)
	}
	if n := strings.Count(art, note); n != 1 {
		t.Fatalf("article page names the zone %d times, want 1:\n%s", n, art)
	}
}

// The note follows the setting: another zone shows its own name.
func TestZoneNoteFollowsTheSetting(t *testing.T) {
	utc := &session{zone: time.UTC}
	if got := utc.zoneNote(); got != "时区：UTC" {
		t.Fatalf("zoneNote for UTC = %q", got)
	}
	if got := (&session{zone: model.OfficeZone}).zoneNote(); got != "时区：北京时间" {
		t.Fatalf("zoneNote for the fixed office zone = %q", got)
	}
	// A fixed zone that only shares the abbreviation is not Beijing.
	if got := (&session{zone: time.FixedZone("CST", -6*3600)}).zoneNote(); got != "时区：CST" {
		t.Fatalf("zoneNote for US Central = %q", got)
	}
	for name, want := range map[string]string{"Asia/Shanghai": "时区：北京时间", "Asia/Urumqi": "时区：Asia/Urumqi"} {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Skip("no tzdata:", err)
		}
		if got := (&session{zone: loc}).zoneNote(); got != want {
			t.Fatalf("zoneNote for %s = %q, want %q", name, got, want)
		}
	}
}
