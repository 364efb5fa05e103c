package search_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"

	"github.com/copydesk/copydesk/search"
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

// resident is the fraction of the pages of the files under dir that are
// in the page cache (mincore over a read-only mapping of each file).
func resident(t *testing.T, dir string) float64 {
	t.Helper()
	var in, all int
	page := os.Getpagesize()
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return nil
		}
		defer f.Close()
		info, err := f.Stat()
		if err != nil || info.Size() == 0 {
			return nil
		}
		m, err := unix.Mmap(int(f.Fd()), 0, int(info.Size()), unix.PROT_READ, unix.MAP_SHARED)
		if err != nil {
			t.Fatal(err)
		}
		defer unix.Munmap(m)
		vec := make([]byte, (len(m)+page-1)/page)
		if _, _, errno := unix.Syscall(unix.SYS_MINCORE, uintptr(unsafe.Pointer(&m[0])), uintptr(len(m)), uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
			t.Fatal(errno)
		}
		for _, v := range vec {
			all++
			if v&1 != 0 {
				in++
			}
		}
		return nil
	})
	if all == 0 {
		t.Fatalf("no index files under %s", dir)
	}
	return float64(in) / float64(all)
}

// TestWarmReadsTheIndex: an index opened with Options.Warm is read into
// the page cache in the background; its files were dropped from the
// cache before (skipped where the file system keeps them anyway, tmpfs).
func TestWarmReadsTheIndex(t *testing.T) {
	st := newOffice(t)
	for i := range 200 {
		create(t, st, liwei, "预热", strings.Repeat("学院召开专题会议研究部署工作", 10)+strconv.Itoa(i))
	}
	dir := search.Dir(st.Path())
	func() {
		ix := openIndex(t, st)
		ix.Close()
	}()
	evictFiles(dir)
	if r := resident(t, dir); r > 0.5 {
		t.Skipf("%.0f%% of the index still cached after POSIX_FADV_DONTNEED: this file system keeps its pages", r*100)
	}
	ix, err := search.Open(st, search.Options{Warm: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	waitFor(t, func() bool { return resident(t, dir) > 0.99 })
}
