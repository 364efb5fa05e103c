//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package export

import (
	"errors"
	"os"
	"syscall"

	"github.com/copydesk/copydesk/locale"
)

// lockDir takes an exclusive, non-blocking lock on name inside root, so two
// exports (or publishes) into the same directory do not interleave. The
// lock dies with the process; the file itself is left in place.
func lockDir(root *os.Root, name string) (unlock func(), err error) {
	f, err := root.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, locale.NewError("ExportLockFile", locale.Args{"Err": err}, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, locale.NewError("ExportInUse", locale.Args{"Path": root.Name()})
		}
		return nil, locale.NewError("ExportLock", locale.Args{"Err": err}, err)
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}

// tryLock takes an exclusive lock on f without waiting; false when
// another open file holds it (or locks do not work here).
func tryLock(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
