//go:build unix

package search

import (
	"io/fs"
	"syscall"
)

// fileIno is fi's inode number (0 if unknown).
func fileIno(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Ino)
	}
	return 0
}

// fileCtime is fi's inode change time in nanoseconds since the epoch (0
// if unknown). Unlike the modification time no program can set it back,
// so a file written in place and given its old mtime still differs.
func fileCtime(fi fs.FileInfo) int64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return statCtime(st)
	}
	return 0
}
