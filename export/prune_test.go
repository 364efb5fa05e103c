package export

import (
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// ageStamp makes the render cache's last prune look older than a day.
func ageStamp(t *testing.T, cache string) {
	t.Helper()
	old := time.Now().Add(-pruneEvery - time.Hour)
	if err := os.Chtimes(filepath.Join(cache, pruneStamp), old, old); err != nil {
		t.Fatal(err)
	}
}

// TestRenderCachePrune: entries of bodies no article has any more are
// reported by CheckSite and removed by the next export that prunes (a day
// after the last prune, or after many new entries), with stale temporary
// files; a size bound removes the oldest entries, and the site stays the
// same. A re-export after one edit does not prune.
func TestRenderCachePrune(t *testing.T) {
	src := genSource(10, 400, 2)
	cache := filepath.Join(t.TempDir(), "render")
	dir := t.TempDir()
	opts := Options{NoSync: true, RenderCacheDir: cache}
	if res := mustExport(t, src, dir, opts); res.Pruned != nil {
		t.Errorf("a new cache was pruned: %+v", res.Pruned)
	}
	for _, i := range []int{1, 4, 7} {
		edit(&src.arts[i], "", "新的导语。")
	}
	if res := mustExport(t, src, dir, opts); res.Pruned != nil || res.Rendered != 3 {
		t.Errorf("re-export after 3 edits: rendered %d, pruned %+v", res.Rendered, res.Pruned)
	}
	if n := len(cacheEntries(t, cache)); n != 13 {
		t.Fatalf("%d entries after 3 edits, want 13", n)
	}
	bad, rc, cerr, err := CheckSite(src, Options{RenderCacheDir: cache})
	if err != nil || cerr != nil || len(bad) != 0 || rc.Entries != 13 || rc.Unreferenced != 3 || rc.Bytes == 0 {
		t.Fatalf("CheckSite = %v %+v %v %v, want 13 entries, 3 unreferenced", bad, rc, cerr, err)
	}

	// Temporary packs: a stale one (a pruner died) goes, a fresh one
	// (a pruner at work) stays.
	stale, fresh := filepath.Join(cache, ".pack.1.1.tmp"), filepath.Join(cache, ".pack.1.2.tmp")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("half"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * tmpMaxAge)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}

	ageStamp(t, cache)
	res := mustExport(t, src, dir, opts) // nothing changed, but due
	if res.Pruned == nil || res.Pruned.Unreferenced != 3 || res.Pruned.Kept != 10 || res.Pruned.TempFiles != 1 {
		t.Fatalf("due export pruned %+v, want 3 unreferenced removed, 10 kept, 1 temp file", res.Pruned)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("stale temporary file left")
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Error("a fresh temporary file (a writer at work) was removed")
	}
	if _, rc, _, _ := CheckSite(src, Options{RenderCacheDir: cache}); rc.Unreferenced != 0 || rc.Entries != 10 {
		t.Errorf("after pruning CheckSite = %+v", rc)
	}
	// Pruned just now: the next export does not prune again.
	if res := mustExport(t, src, dir, opts); res.Pruned != nil {
		t.Errorf("pruned twice in a row: %+v", res.Pruned)
	}

	// Size bound: keep about four entries' worth, the newest.
	want := snapshot(t, dir)
	var size int64
	for _, r := range cacheEntries(t, cache) {
		size = max(size, r.size())
	}
	ageStamp(t, cache)
	opts.RenderCacheMax = 4 * size
	res = mustExport(t, src, dir, opts)
	if res.Pruned == nil || res.Pruned.OverSize < 5 || res.Pruned.KeptBytes > opts.RenderCacheMax {
		t.Fatalf("size-bounded prune = %+v, want ≥ 5 removed and ≤ %d bytes kept", res.Pruned, opts.RenderCacheMax)
	}
	if n := len(cacheEntries(t, cache)); n > 5 || n != res.Pruned.Kept {
		t.Errorf("%d entries after a prune to 4 entries' size", n)
	}
	fresh2 := t.TempDir()
	res = mustExport(t, src, fresh2, opts)
	if res.Rendered != 10 {
		t.Errorf("export into a new dir rendered %d", res.Rendered)
	}
	for p, f := range snapshot(t, fresh2) {
		if p != manifestName && want[p].data != f.data {
			t.Errorf("%s differs after pruning", p)
		}
	}
}

// TestPruneRenderCacheCommand: PruneRenderCache keeps the bodies the
// source has now without any export, and removes the files of the earlier
// one-file-per-entry layout.
func TestPruneRenderCacheCommand(t *testing.T) {
	src := genSource(6, 300, 0)
	cache := filepath.Join(t.TempDir(), "render")
	mustExport(t, src, t.TempDir(), Options{NoSync: true, RenderCacheDir: cache})
	edit(&src.arts[0], "", "改过的导语。")
	mustExport(t, src, t.TempDir(), Options{NoSync: true, RenderCacheDir: cache})
	legacy := filepath.Join(cache, "ab")
	if err := os.Mkdir(legacy, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(legacy, "ab"+strings.Repeat("0", 62)), []byte("CDRC2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := PruneRenderCache(cache, &streamSource{memSource: src}, 0)
	if err != nil || r.Unreferenced != 1 || r.Kept != 6 || r.Legacy != 1 {
		t.Fatalf("PruneRenderCache = %+v, %v; want 1 unreferenced, 1 legacy file, 6 kept", r, err)
	}
	if _, err := os.Stat(legacy); !os.IsNotExist(err) {
		t.Error("the old layout's directory is left")
	}
	if n := len(cacheEntries(t, cache)); n != 6 {
		t.Errorf("%d entries in the pack after pruning, want 6", n)
	}
}

// TestCheckUsesCacheReadOnly: Check takes bodies from the render cache
// without writing it: a damaged entry is reported by CheckSite and left
// for the next export, which renders that body again.
func TestCheckUsesCacheReadOnly(t *testing.T) {
	src := genSource(5, 300, 2)
	cache := filepath.Join(t.TempDir(), "render")
	dir := t.TempDir()
	mustExport(t, src, dir, Options{NoSync: true, RenderCacheDir: cache})
	want := snapshot(t, dir)
	p := filepath.Join(cache, packName)
	ref := cacheEntries(t, cache)[0]
	b := mustRead(t, p)
	b[ref.off+int64(ref.n)-1] ^= 1
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	edit(&src.arts[2], "", "检查不写缓存。")
	bad, rc, cerr, err := CheckSite(src, Options{RenderCacheDir: cache})
	if err != nil || cerr != nil || len(bad) != 0 || len(rc.Damaged) != 1 || rc.Entries != 4 || rc.Unreferenced != 1 {
		t.Fatalf("CheckSite = %v %+v %v %v; want 1 damaged, 4 entries of which 1 unreferenced", bad, rc, cerr, err)
	}
	if n := len(cacheEntries(t, cache)); n != 5 {
		t.Errorf("check changed the cache: %d entries, want 5", n)
	}
	if got := mustRead(t, p); string(got) != string(b) {
		t.Error("check repaired or removed the damaged entry")
	}
	// The next export renders the damaged body again: every page but the
	// edited one is as before, and the cache is whole.
	fresh := t.TempDir()
	mustExport(t, src, fresh, Options{NoSync: true, RenderCacheDir: cache})
	for path, f := range snapshot(t, fresh) {
		if strings.HasPrefix(path, "articles/") && !strings.HasPrefix(path, "articles/3/") && want[path].data != f.data {
			t.Errorf("%s differs after the damaged entry was rendered again", path)
		}
	}
	if r, err := CheckRenderCache(cache); err != nil || len(r.Damaged) != 0 || r.Entries != 6 {
		t.Errorf("after the export CheckRenderCache = %+v, %v; want 6 whole entries", r, err)
	}
}

// TestRenderCacheHitRefreshesAge: an entry read by an export counts as
// used, so the size bound removes the entry least recently used, not the
// one written longest ago (the pack's touch records).
func TestRenderCacheHitRefreshesAge(t *testing.T) {
	src := genSource(2, 400, 2)
	cache := filepath.Join(t.TempDir(), "render")
	dir := t.TempDir()
	opts := Options{NoSync: true, RenderCacheDir: cache}
	mustExport(t, src, dir, opts)
	key := func(i int) packKey {
		k, _ := parseKey(articleCacheKey(&src.arts[i], src.arts[i].Body))
		return k
	}
	used, unused := key(0), key(1)
	// used was written longest ago: rewrite the records' times.
	var size int64
	for _, n := range backdatePack(t, cache, func(k packKey) time.Duration {
		if k == used {
			return 3 * 24 * time.Hour
		}
		return 2 * 24 * time.Hour
	}) {
		size = max(size, n)
	}
	// A new site of article 1 alone reads (hits) its entry only.
	one := &memSource{arts: src.arts[:1], media: src.media}
	if res := mustExport(t, one, t.TempDir(), opts); res.Rendered != 1 || res.Pruned != nil {
		t.Fatalf("export of one article: rendered %d, pruned %+v", res.Rendered, res.Pruned)
	}
	if at := time.Unix(scanCache(t, cache).index[used].used, 0); time.Since(at) > time.Minute {
		t.Fatalf("a hit did not refresh the entry's age: %v", at)
	}
	// The size bound now removes the entry not used for two days.
	ageStamp(t, cache)
	opts.RenderCacheMax = size
	res := mustExport(t, src, dir, opts)
	if res.Pruned == nil || res.Pruned.OverSize != 1 {
		t.Fatalf("size-bounded prune = %+v, want 1 removed", res.Pruned)
	}
	left := cacheEntries(t, cache)
	c := openRenderCache(cache)
	defer c.close()
	_, hitUsed := c.peek(hex.EncodeToString(used[:]))
	_, hitUnused := c.peek(hex.EncodeToString(unused[:]))
	if len(left) != 1 || !hitUsed || hitUnused {
		t.Errorf("after the prune: %d entries, recently used kept %v, least recently used kept %v", len(left), hitUsed, hitUnused)
	}
}
