package model

import "time"

// OfficeZone is the office's time zone: China Standard Time, UTC+08:00
// (Asia/Shanghai, which has had no daylight saving since 1991). Every
// front end shows and parses times in it — the workstation, the commands,
// SSH sessions, the exported site and its feed — so one event has one
// time everywhere, whatever the server's own zone (containers and servers
// often run in UTC). A fixed zone needs no tz database on the machine.
var OfficeZone = time.FixedZone("CST", 8*3600)
