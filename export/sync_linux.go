package export

import (
	"os"

	"golang.org/x/sys/unix"
)

// canSyncfs tells whether syncFS flushes a whole file system in one call.
const canSyncfs = true

// syncFS flushes the file system that holds f (syncfs(2)).
func syncFS(f *os.File) error {
	return unix.Syncfs(int(f.Fd()))
}
