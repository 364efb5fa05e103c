package search_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/copydesk/copydesk/search"
)

// TestDamagedSegmentIsRebuilt damages the index's segment file (garbage
// written over it at one place after another, as a bad disk or someone
// with the files could): a segment that still opens but whose dictionary
// or postings do not decode. A search then never fails with bleve's
// error (nor crashes): it says the index is being rebuilt, and after the
// rebuild (Sync, which copydesk search and Run call) it finds the article
// again. Before, every search failed with "vellum err: no decoder …"
// until an admin ran search --reindex.
func TestDamagedSegmentIsRebuilt(t *testing.T) {
	st := newOffice(t)
	a := create(t, st, liwei, "损坏的段", "索引段损坏以后仍能找到这篇")
	ix, err := search.Open(st, search.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	dir := search.Dir(st.Path())
	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(segs) != 1 {
		t.Fatalf("segments: %v", segs)
	}
	good, err := os.ReadFile(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	backup := t.TempDir()
	if err := os.CopyFS(backup, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	rebuilt := 0
	for off := 0; off < len(good); off += len(good)/24 + 1 {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(dir, os.DirFS(backup)); err != nil {
			t.Fatal(err)
		}
		bad := slices.Clone(good)
		copy(bad[off:], "garbage\xff\xfe\x00garbage")
		if err := os.WriteFile(filepath.Join(dir, "store", filepath.Base(segs[0])), bad, 0o600); err != nil {
			t.Fatal(err)
		}
		func() {
			ix, err := search.Open(st, search.Options{})
			if err != nil {
				t.Fatalf("offset %d: open: %v", off, err)
			}
			defer ix.Close()
			q := search.Query{Text: "损坏"}
			if err := ix.Sync(context.Background()); err != nil {
				t.Fatalf("offset %d: sync: %v", off, err)
			}
			_, err = ix.Search(context.Background(), q)
			if err == nil {
				return // the damage hid nothing this query reads
			}
			if !errors.Is(err, search.ErrRebuilding) {
				t.Errorf("offset %d: search on a damaged segment: %v", off, err)
				return
			}
			rebuilt++
			if err := ix.Sync(context.Background()); err != nil {
				t.Fatalf("offset %d: rebuild: %v", off, err)
			}
			if got := ids(find(t, ix, q)); !slices.Equal(got, []uint64{a.ID}) {
				t.Errorf("offset %d: after the rebuild: %v", off, got)
			}
		}()
	}
	t.Logf("%d of the damaged segments were rebuilt at the search", rebuilt)
}
