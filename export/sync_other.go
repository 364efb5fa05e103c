//go:build !linux

package export

import "os"

// canSyncfs is false: every file is synced on its own.
const canSyncfs = false

func syncFS(f *os.File) error { return f.Sync() }
