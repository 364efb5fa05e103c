package locale

import (
	"strings"
	"time"
)

// Duration renders d for a reader of lang, exactly, in its whole units from
// days down to seconds: 36h → "1 天 12 小时" / "1 day 12 hours", 90s → "1 分钟
// 30 秒" / "1 minute 30 seconds", 0 → "0 秒" / "0 seconds". What is below a
// second is dropped, except in a duration shorter than a second, which
// reads in whole milliseconds (350ms → "350 毫秒" / "350 milliseconds": how
// long an export took); a negative d reads as its magnitude. It replaces
// time.Duration.String ("36h0m0s") in what users read.
func Duration(lang Lang, d time.Duration) string {
	if d < 0 {
		d = -d
	}
	if d > 0 && d < time.Second {
		return T(lang, "DurationMillis", Args{"Count": d.Milliseconds()})
	}
	d = d.Truncate(time.Second)
	units := []struct {
		id   string
		size time.Duration
	}{{"DurationDays", 24 * time.Hour}, {"DurationHours", time.Hour}, {"DurationMinutes", time.Minute}, {"DurationSeconds", time.Second}}
	var parts []string
	for _, u := range units {
		if n := d / u.size; n > 0 {
			parts = append(parts, T(lang, u.id, Args{"Count": int64(n)}))
			d -= n * u.size
		}
	}
	if len(parts) == 0 {
		return T(lang, "DurationSeconds", Args{"Count": 0})
	}
	return strings.Join(parts, " ")
}
