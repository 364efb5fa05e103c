//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package export

import "os"

// lockDir is a no-op where flock(2) is not available.
func lockDir(root *os.Root, name string) (unlock func(), err error) {
	return func() {}, nil
}

// tryLock: without flock(2) every opener may append to the render cache's
// pack; its records' checksums still reject what interleaved writes break.
func tryLock(f *os.File) bool { return true }
