package search_test

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/search"
)

// indexRSS is the resident size in KiB of this process's mappings of
// segment files (*.zap) under dir (/proc/self/smaps) and how many there
// are. (bleve's root.bolt, at most a few pages, is not counted.)
func indexRSS(t *testing.T, dir string) (kib, maps int) {
	t.Helper()
	raw, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	in := false
	for _, line := range strings.Split(string(raw), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
			in = len(f) >= 6 && strings.HasPrefix(f[5], dir+string(filepath.Separator)) && strings.HasSuffix(f[5], ".zap")
			if in {
				maps++
			}
		case in && len(f) == 3 && f[0] == "Rss:":
			v, _ := strconv.Atoi(f[1])
			kib += v
		}
	}
	return kib, maps
}

// TestReleaseDropsIndexPages: the index's segment files are mapped into
// the process; the pages searches fault in stay resident until released.
// Index.ReleaseMapped (and the searches' own release every so many
// documents read) drops them from the resident set — the measure is
// smaps' Rss of the mappings of the index's files — and searches after
// the release find the same.
func TestReleaseDropsIndexPages(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/self/smaps; the release is Linux-only")
	}
	st := newOffice(t)
	var want []uint64
	for i := range 60 {
		body := strings.Repeat("学院召开专题会议，研究部署下一阶段重点工作。第"+strconv.Itoa(i)+"次。", 20)
		if i%4 == 0 {
			want = append(want, create(t, st, liwei, "会议纪要", body+"本次会议确定甲乙丙三项任务。").ID)
		} else {
			create(t, st, zhaoli, "说明", body)
		}
	}
	ix := openIndex(t, st)
	dir, err := filepath.EvalSymlinks(search.Dir(st.Path()))
	if err != nil {
		t.Fatal(err)
	}
	q := search.Query{Text: "甲乙丙", Limit: 100}
	for range 5 {
		find(t, ix, q)
		find(t, ix, search.Query{Text: "会议"})
	}
	before, maps := indexRSS(t, dir)
	if maps == 0 || before == 0 {
		t.Fatalf("index files under %s: %d mappings, %d KiB resident after searches; want mapped and touched", dir, maps, before)
	}
	ix.ReleaseMapped()
	after, maps2 := indexRSS(t, dir)
	if maps2 != maps {
		t.Fatalf("release changed the mappings: %d, was %d", maps2, maps)
	}
	if after != 0 {
		t.Fatalf("after ReleaseMapped the index's mappings hold %d KiB resident (were %d KiB), want 0", after, before)
	}
	if got := ids(find(t, ix, q)); !slices.Equal(got, want) {
		t.Fatalf("after release, 甲乙丙 finds %v, want %v", got, want)
	}
	if again, _ := indexRSS(t, dir); again == 0 {
		t.Fatalf("a search after the release faulted in no index page: is the measure wrong?")
	}
	// searches release on their own: within a few dozen searches the
	// resident set of the segments falls back to nothing
	for i := range 64 {
		find(t, ix, search.Query{Text: []string{"会议", "甲乙丙", "重点工作", "次"}[i%4]})
		if kib, _ := indexRSS(t, dir); kib == 0 {
			return
		}
	}
	kib, _ := indexRSS(t, dir)
	t.Fatalf("64 searches without a release of the index's pages: %d KiB resident", kib)
}
