package search

import "syscall"

// statCtime is st's inode change time in nanoseconds since the epoch.
func statCtime(st *syscall.Stat_t) int64 { return st.Ctim.Nano() }
