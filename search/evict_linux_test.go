package search_test

import (
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// evictFiles drops the page-cache pages of the files at paths (a
// directory: every file under it), so the next read comes from the disk:
// a cold start without dropping the whole machine's cache
// (posix_fadvise POSIX_FADV_DONTNEED; dirty pages are not dropped, the
// benchmark files are clean).
func evictFiles(paths ...string) {
	for _, p := range paths {
		filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			f, err := os.Open(path)
			if err != nil {
				return nil
			}
			defer f.Close()
			unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
			return nil
		})
	}
}
