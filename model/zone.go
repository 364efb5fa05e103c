package model

import (
	"fmt"
	"strings"
	"time"
)

// OfficeZone is the office's default time zone: China Standard Time,
// UTC+08:00 (Asia/Shanghai, which has had no daylight saving since 1991).
// Every front end shows and parses times in the office's zone — the
// workstation, the commands, SSH sessions, the exported site and its feed —
// so one event has one time everywhere, whatever the server's own zone
// (containers and servers often run in UTC). The admin may choose another
// zone (SiteSettings.TimeZone, LoadZone); a fixed zone needs no tz
// database on the machine.
var OfficeZone = time.FixedZone("CST", 8*3600)

// DefaultTimeZone is the name of the office's zone when the admin set none
// (copydesk settings set timezone NAME).
const DefaultTimeZone = "Asia/Shanghai"

// LoadZone returns the IANA time zone name (e.g. Asia/Shanghai,
// Asia/Urumqi, UTC); "" is DefaultTimeZone. Binaries embed the zone data
// (time/tzdata), so this works on a machine without tzdata; should
// Asia/Shanghai still not load, OfficeZone (the same offset) is used. A
// name that is not a zone is a *FieldError.
func LoadZone(name string) (*time.Location, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		name = DefaultTimeZone
	}
	if strings.EqualFold(name, "local") {
		return nil, &FieldError{Field: "timezone", Reason: `"Local" depends on the server; name a zone such as Asia/Shanghai`}
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		if name == DefaultTimeZone {
			return OfficeZone, nil
		}
		return nil, &FieldError{Field: "timezone", Reason: fmt.Sprintf("%q is not a time zone name (IANA, e.g. Asia/Shanghai)", name)}
	}
	return loc, nil
}
