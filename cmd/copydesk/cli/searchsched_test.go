package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// A signed-off article under 定时发布 shows its time in search results, as
// on the home queue: "已签发 · 定时 …" in the list, "scheduled" in --json.
func TestSearchShowsSchedule(t *testing.T) {
	o := newOffice(t)
	o.lang = "zh_CN.UTF-8"
	id := o.approved("学院召开安全稳定工作会议")
	o.ok("", "--as", "shenjl", "article", "pull", id)
	o.ok("", "--as", "shenjl", "article", "signoff", id, "--at", "2030-01-02 08:00", "-m", "同意发布")
	out := o.ok("", "--as", "shenjl", "search", "安全稳定")
	if !strings.Contains(out, "已签发 · 定时 2030-01-02 08:00") {
		t.Errorf("search does not show the schedule:\n%s", out)
	}
	var hits []struct {
		Article   uint64  `json:"article"`
		Scheduled *string `json:"scheduled"`
	}
	if err := json.Unmarshal([]byte(o.ok("", "--as", "shenjl", "search", "安全稳定", "--json")), &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) == 0 || hits[0].Scheduled == nil || !strings.HasPrefix(*hits[0].Scheduled, "2030-01-02T00:00:00") {
		t.Errorf("--json: %+v", hits)
	}
	// Another article, signed off without a time, has no schedule.
	other := o.approved("党委召开专题会议")
	o.signOff(other)
	if out := o.ok("", "--as", "shenjl", "search", "专题会议"); strings.Contains(out, "定时") {
		t.Errorf("an unscheduled article shows 定时:\n%s", out)
	}
}
