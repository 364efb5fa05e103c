package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops this process's page-table entries for the first
// size bytes of bbolt's mapping of the database file (madvise(2)
// MADV_DONTNEED). The mapping is read-only and shared (MAP_SHARED), so the
// data stay in the page cache and the next read faults them back in
// unchanged; only the process's resident set shrinks. It must be called
// inside a read transaction (which keeps bbolt from remapping), with size
// at most tx.Size() (pages bbolt has mapped).
func releaseMapped(db *bolt.DB, tx *bolt.Tx) {
	size := tx.Size()
	if size <= 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, db.Info().Data, uintptr(size), syscall.MADV_DONTNEED)
}
