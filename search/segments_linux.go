package search

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// releaseFileMaps drops this process's page table entries for every
// mapping in /proc/self/maps of one of the files at paths (matched by
// device and inode, not by name): madvise(MADV_DONTNEED), which for a
// shared file mapping only unmaps the pages — their data stay in the
// file and the page cache. The caller keeps the files mapped for the
// whole call.
func releaseFileMaps(paths []string) {
	type key struct {
		major, minor uint32
		ino          uint64
	}
	want := make(map[key]bool, len(paths))
	for _, p := range paths {
		var st unix.Stat_t
		if unix.Stat(p, &st) == nil {
			want[key{unix.Major(uint64(st.Dev)), unix.Minor(uint64(st.Dev)), st.Ino}] = true
		}
	}
	raw, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		// address perms offset dev inode [path]
		f := strings.Fields(sc.Text())
		if len(f) < 6 || f[1][0] != 'r' || f[1][3] != 's' {
			continue // only shared (zapx maps segments MAP_SHARED, read-only)
		}
		ino, err := strconv.ParseUint(f[4], 10, 64)
		if err != nil || ino == 0 {
			continue
		}
		majS, minS, ok := strings.Cut(f[3], ":")
		maj, err1 := strconv.ParseUint(majS, 16, 32)
		mnr, err2 := strconv.ParseUint(minS, 16, 32)
		if !ok || err1 != nil || err2 != nil || !want[key{uint32(maj), uint32(mnr), ino}] {
			continue
		}
		loS, hiS, ok := strings.Cut(f[0], "-")
		lo, err1 := strconv.ParseUint(loS, 16, 64)
		hi, err2 := strconv.ParseUint(hiS, 16, 64)
		if !ok || err1 != nil || err2 != nil || hi <= lo {
			continue
		}
		_, _, _ = unix.Syscall(unix.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), unix.MADV_DONTNEED)
	}
}
