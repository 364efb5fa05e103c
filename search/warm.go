package search

import (
	"io/fs"
	"os"
	"path/filepath"
)

// warmMax bounds how much of the index warm asks the kernel to read:
// the whole index at 100,000 articles (BENCHMARKS.md, Search, design 3)
// with room to spare; a larger index is warmed up to this much.
const warmMax = 1 << 30

// warm asks the kernel to read the index's files into the page cache in
// the background after Open, so that the first searches after a start
// (or after the machine dropped its cache) do not wait for the disk page
// by page: every search reads the term dictionary and postings spread over
// the whole segment file. It is page cache, not the process's memory:
// nothing is mapped or read into the process, and the kernel drops it
// first under memory pressure. Bounded by warmMax bytes; errors are
// ignored (it only saves time). The database's pages a search reads (the
// candidates' revisions) are not warmed: they are scattered over the
// whole file, which is the size of the office's archive.
func (ix *Index) warm() {
	left := int64(warmMax)
	_ = filepath.WalkDir(ix.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || left <= 0 || ix.closed.Load() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil {
			return nil
		}
		n := min(info.Size(), left)
		left -= n
		_ = willNeed(f, n)
		return nil
	})
}
