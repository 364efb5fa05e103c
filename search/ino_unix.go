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
