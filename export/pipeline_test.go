package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// streamSource is memSource as a BodySource: Heads without bodies, one
// Body at a time, counting the calls.
type streamSource struct {
	*memSource
	bodies   int
	failBody uint64 // Body of this id fails
}

func (s *streamSource) Heads() ([]Article, error) {
	list, err := s.Articles()
	for i := range list {
		list[i].Body = ""
	}
	return list, err
}

func (s *streamSource) Body(id uint64) (string, error) {
	s.bodies++
	if id == s.failBody {
		return "", errors.New("bbolt: page read error (simulated)")
	}
	for i := range s.arts {
		if s.arts[i].ID == id {
			return s.arts[i].Body, nil
		}
	}
	return "", fmt.Errorf("article %d: %w", id, fs.ErrNotExist)
}

// dirs lists every directory below dir.
func dirs(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestPipelineHoldsAtMostWorkers: a full export streams the articles
// through the workers: never more articles are held (body read, result
// not collected) than there are workers, each body is read once, and the
// site is the same as one exported from a Source that hands over every
// body at once.
func TestPipelineHoldsAtMostWorkers(t *testing.T) {
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			saved := pipelineWorkers
			pipelineWorkers = func() int { return workers }
			maxHeld, calls := 0, 0
			pipelineWatch = func(held, w int) {
				calls++
				if w != workers {
					t.Errorf("pipeline ran %d workers, want %d", w, workers)
				}
				maxHeld = max(maxHeld, held)
			}
			defer func() { pipelineWorkers, pipelineWatch = saved, nil }()

			mem := genSource(40, 300, 2)
			src := &streamSource{memSource: mem}
			streamed, whole := t.TempDir(), t.TempDir()
			res := mustExport(t, src, streamed, Options{NoSync: true})
			if res.Rendered != 40 || src.bodies != 40 {
				t.Fatalf("rendered %d articles reading %d bodies, want 40 and 40", res.Rendered, src.bodies)
			}
			if maxHeld > workers || maxHeld < 1 || calls < 80 {
				t.Errorf("at most %d articles held at once (%d reports), want 1…%d", maxHeld, calls, workers)
			}
			mustExport(t, mem, whole, Options{NoSync: true})
			a, b := snapshot(t, streamed), snapshot(t, whole)
			for p := range a {
				if a[p].data != b[p].data {
					t.Errorf("%s differs between a streamed and a whole export", p)
				}
			}
			if len(a) != len(b) {
				t.Errorf("streamed export wrote %d files, whole %d", len(a), len(b))
			}

			// Unchanged: nothing rendered, no body read.
			src.bodies = 0
			res = mustExport(t, src, streamed, Options{NoSync: true})
			if res.Rendered != 0 || src.bodies != 0 || len(res.Written) != 0 {
				t.Errorf("re-export rendered %d, read %d bodies, wrote %v", res.Rendered, src.bodies, res.Written)
			}
		})
	}
}

// TestStreamFailureLeavesNothing: a body that cannot be read in the middle
// of a streamed export fails the export and leaves the site as it was:
// no file changed, no temporary file and no new directory left behind.
func TestStreamFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	mustExport(t, genSource(10, 300, 2), dir, Options{NoSync: true})
	before, beforeDirs := snapshot(t, dir), dirs(t, dir)

	src := &streamSource{memSource: genSource(30, 300, 2), failBody: 25}
	_, err := Export(src, dir, Options{NoSync: true})
	if err == nil || !strings.Contains(err.Error(), "page read error") {
		t.Fatalf("err = %v, want the body read error", err)
	}
	if d := changed(before, snapshot(t, dir)); len(d) != 0 {
		t.Errorf("failed export changed %v", d)
	}
	if after := dirs(t, dir); !reflect.DeepEqual(beforeDirs, after) {
		t.Errorf("failed export left directories: %v, was %v", after, beforeDirs)
	}
	// And a later export converges.
	src.failBody = 0
	res := mustExport(t, src, dir, Options{NoSync: true})
	if len(res.Failed) != 0 || !strings.Contains(readSite(t, dir, "index.html"), "第30期") {
		t.Errorf("after the failure, export failed %v", res.Failed)
	}
}

// TestFilterAndPageHooks: an article a filter refuses is taken off the
// site (page and index entry); page hooks shape the page data.
func TestFilterAndPageHooks(t *testing.T) {
	dir := t.TempDir()
	src := genSource(6, 300, 0)
	mustExport(t, src, dir, Options{NoSync: true})
	if _, err := os.Stat(filepath.Join(dir, articlePath(3))); err != nil {
		t.Fatal(err)
	}
	savedF, savedH := articleFilters, pageHooks
	defer func() { articleFilters, pageHooks = savedF, savedH }()
	articleFilters = append(articleFilters, func(_ *site, a *Article) bool { return a.ID != 3 })
	pageHooks = append(pageHooks, func(_ *site, a *Article, d *ArticleData) { d.Subtitle = fmt.Sprintf("钩子%d", a.ID) })

	res := mustExport(t, src, dir, Options{NoSync: true, Force: true})
	if !contains(res.Removed, articlePath(3)) {
		t.Errorf("filtered article 3 not removed: %v", res.Removed)
	}
	if strings.Contains(readSite(t, dir, "index.html"), "第3期") {
		t.Error("index still lists the filtered article")
	}
	if !strings.Contains(readSite(t, dir, articlePath(5)), "钩子5") {
		t.Error("page hook's data not on the page")
	}
	bad, err := Check(src, Options{})
	if err != nil || len(bad) != 0 {
		t.Errorf("Check with a filter: %v %v", bad, err)
	}
}

// TestLazySidecars: provenance sidecars are rendered only when what they
// show changed: a new site title re-renders every page but no sidecar,
// and the site is the one a fresh export gives; an edit renders the
// edited article's sidecar; Force renders them all.
func TestLazySidecars(t *testing.T) {
	src := genSource(8, 300, 2)
	dir := t.TempDir()
	opts := Options{NoSync: true, BaseURL: "https://news.example.edu.cn/"}
	if res := mustExport(t, src, dir, opts); res.Sidecars != 8 {
		t.Fatalf("first export rendered %d sidecars, want 8", res.Sidecars)
	}
	opts.SiteTitle = "校园新闻网"
	res := mustExport(t, src, dir, opts)
	if res.Rendered != 8 || res.Sidecars != 0 {
		t.Errorf("new title: rendered %d pages and %d sidecars, want 8 and 0", res.Rendered, res.Sidecars)
	}
	for _, p := range res.Written {
		if strings.HasSuffix(p, "provenance.json") && p != "provenance.json" {
			t.Errorf("new title rewrote %s", p)
		}
	}
	fresh := t.TempDir()
	mustExport(t, src, fresh, opts)
	a, b := snapshot(t, dir), snapshot(t, fresh)
	for p := range b {
		if p != manifestName && a[p].data != b[p].data {
			t.Errorf("%s differs from a fresh export", p)
		}
	}
	edit(&src.arts[3], "", "新导语。")
	if res := mustExport(t, src, dir, opts); res.Rendered != 1 || res.Sidecars != 1 || !contains(res.Written, provenancePath(src.arts[3].ID)) {
		t.Errorf("edit: rendered %d, sidecars %d, wrote %v", res.Rendered, res.Sidecars, res.Written)
	}
	opts.Force = true
	if res := mustExport(t, src, dir, opts); res.Sidecars != 8 {
		t.Errorf("Force rendered %d sidecars, want 8", res.Sidecars)
	}
}
