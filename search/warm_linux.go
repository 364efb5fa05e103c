package search

import (
	"os"

	"golang.org/x/sys/unix"
)

// willNeed asks the kernel to read f's first n bytes into the page cache
// in the background (posix_fadvise POSIX_FADV_WILLNEED): it starts the
// reads and returns; nothing is mapped into the process.
func willNeed(f *os.File, n int64) error {
	return unix.Fadvise(int(f.Fd()), 0, n, unix.FADV_WILLNEED)
}
