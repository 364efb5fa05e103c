//go:build !unix

package search

import "io/fs"

// fileIno is 0 outside Unix: size, modification time and footer CRC
// identify a segment file's version.
func fileIno(fs.FileInfo) uint64 { return 0 }

// fileCtime is 0 outside Unix (see fileIno).
func fileCtime(fs.FileInfo) int64 { return 0 }
