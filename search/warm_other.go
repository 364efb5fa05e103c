//go:build !linux

package search

import "os"

// willNeed is a no-op where posix_fadvise is not available: the first
// searches read the index from the disk.
func willNeed(*os.File, int64) error { return nil }
