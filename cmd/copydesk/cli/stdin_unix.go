//go:build unix

package cli

import (
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// pipeHasData waits up to wait for f (a pipe or socket) to be readable and
// reads one byte: true when there was data, false at end of input or when
// nothing came in time.
func pipeHasData(f *os.File, wait time.Duration) bool {
	fds := []unix.PollFd{{Fd: int32(f.Fd()), Events: unix.POLLIN}}
	for {
		n, err := unix.Poll(fds, int(wait.Milliseconds()))
		if err == unix.EINTR {
			continue
		}
		if err != nil || n == 0 || fds[0].Revents&unix.POLLIN == 0 {
			return false
		}
		break
	}
	var b [1]byte
	n, _ := f.Read(b[:])
	return n > 0
}
