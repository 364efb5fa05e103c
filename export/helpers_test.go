package export

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
)

var errNotExist = fs.ErrNotExist

// fileState is what a test remembers of one file.
type fileState struct {
	data  string
	mtime time.Time
}

// snapshot reads every file below dir.
func snapshot(t testing.TB, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileState{data: string(b), mtime: info.ModTime()}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changed lists the paths whose content or mtime differ, plus added and
// removed ones.
func changed(a, b map[string]fileState) (diff []string) {
	for p, s := range a {
		if t, ok := b[p]; !ok || t != s {
			diff = append(diff, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			diff = append(diff, p)
		}
	}
	sort.Strings(diff)
	return diff
}

// readSite reads one output file.
func readSite(t testing.TB, dir, p string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustExport(t testing.TB, src Source, dir string, opts Options) Result {
	t.Helper()
	res, err := Export(src, dir, opts)
	if err != nil {
		t.Fatalf("Export: %v", err)
	}
	return res
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// mediaRefs returns the media ids body references, without repeats
// (model.FindMediaRefs). The export itself finds them in its rendering
// parse (mdState.resolve).
func mediaRefs(body string) ([]string, error) {
	refs, err := model.FindMediaRefs(body)
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return ids, err
}
