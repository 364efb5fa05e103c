package export

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A cold export writes the render cache as one file (not a file per
// body), and the cache directory holds nothing else but the prune stamp.
func TestRenderCacheOneFile(t *testing.T) {
	src := genSource(20, 400, 2)
	cache := filepath.Join(t.TempDir(), "render")
	res := mustExport(t, src, t.TempDir(), Options{NoSync: true, RenderCacheDir: cache})
	if res.Rendered != 20 {
		t.Fatalf("rendered %d", res.Rendered)
	}
	var names []string
	ents, err := os.ReadDir(cache)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		names = append(names, e.Name())
	}
	if len(names) > 2 || !contains(names, packName) {
		t.Errorf("cache directory holds %v, want the pack (and the prune stamp)", names)
	}
	if n := len(cacheEntries(t, cache)); n != 20 {
		t.Errorf("pack has %d entries, want 20", n)
	}
	// A warm export into a new directory takes every body from the cache,
	// those with photos too: nothing is appended.
	before := mustRead(t, filepath.Join(cache, packName))
	mustExport(t, src, t.TempDir(), Options{NoSync: true, RenderCacheDir: cache})
	if after := mustRead(t, filepath.Join(cache, packName)); len(after) != len(before) {
		t.Errorf("a warm export appended %d bytes to the pack (bodies with media rendered again?)", len(after)-len(before))
	}
}

// While one export holds the pack, another (here in the same process)
// reads it and adds nothing; a torn append (a writer that died) is cut by
// the next writer, and the body it held is rendered again.
func TestRenderCacheOneWriter(t *testing.T) {
	src := genSource(8, 400, 2)
	cache := filepath.Join(t.TempDir(), "render")
	opts := Options{NoSync: true, RenderCacheDir: cache}
	mustExport(t, src, t.TempDir(), opts)

	holder := openRenderCache(cache)
	holder.load()
	if !holder.locked {
		t.Fatal("the first opener did not get the pack's lock")
	}
	edit(&src.arts[3], "", "另一个进程写缓存时的修改。")
	before := mustRead(t, filepath.Join(cache, packName))
	res := mustExport(t, src, t.TempDir(), opts)
	if res.Rendered != 8 {
		t.Fatalf("rendered %d", res.Rendered)
	}
	if after := mustRead(t, filepath.Join(cache, packName)); string(after) != string(before) {
		t.Error("an export appended to a pack another holds")
	}
	holder.close()

	// Torn append: the last record cut in half.
	mustExport(t, src, t.TempDir(), opts) // appends the edited body
	refs := cacheEntries(t, cache)
	last := refs[len(refs)-1]
	if err := os.Truncate(filepath.Join(cache, packName), last.off+int64(last.n)/2); err != nil {
		t.Fatal(err)
	}
	if r, err := CheckRenderCache(cache); err != nil || len(r.Damaged) != 0 || r.Entries != 8 {
		t.Errorf("CheckRenderCache with a torn tail = %+v, %v; want 8 whole entries (a torn append is not damage)", r, err)
	}
	plain := t.TempDir()
	mustExport(t, src, plain, Options{NoSync: true})
	dir := t.TempDir()
	mustExport(t, src, dir, opts)
	sameFiles(t, "after a torn tail", dir, snapshot(t, plain))
	if n := len(cacheEntries(t, cache)); n != 9 {
		t.Errorf("%d entries after the torn tail was rendered again, want 9", n)
	}
	if st, _ := os.Stat(filepath.Join(cache, packName)); st.Size() != cacheEntries(t, cache)[8].off+int64(cacheEntries(t, cache)[8].n) {
		t.Error("the torn tail was not cut before appending")
	}
}

// The size bound removes the least recently USED entries: an entry an
// export took from the cache counts as new.
func TestRenderCacheLRU(t *testing.T) {
	src := genSource(10, 400, 0)
	cache := filepath.Join(t.TempDir(), "render")
	opts := Options{NoSync: true, RenderCacheDir: cache}
	mustExport(t, src, t.TempDir(), opts)
	// Every record written two hours ago.
	sizes := backdatePack(t, cache, func(packKey) time.Duration { return 2 * time.Hour })
	// A site of the first five articles only: they are hit (touched).
	few := &memSource{arts: src.arts[:5], media: src.media}
	if res := mustExport(t, few, t.TempDir(), opts); res.Rendered != 5 {
		t.Fatalf("rendered %d", res.Rendered)
	}
	keep, err := currentKeys(src)
	if err != nil {
		t.Fatal(err)
	}
	var used int64 // the five used entries' size: the bound
	for _, a := range few.arts {
		k, _ := parseKey(articleCacheKey(&a, a.Body))
		used += sizes[k]
	}
	c := openRenderCache(cache)
	r, err := c.prune(keep, used)
	c.close()
	if err != nil || r.OverSize != 5 || r.Kept != 5 {
		t.Fatalf("prune = %+v, %v; want 5 removed for size, 5 kept", r, err)
	}
	// The five kept are the five used.
	c = openRenderCache(cache)
	defer c.close()
	for i, a := range src.arts {
		_, hit := c.peek(articleCacheKey(&a, a.Body))
		if hit != (i < 5) {
			t.Errorf("article %d: in cache %v, want %v", a.ID, hit, i < 5)
		}
	}
}

// A warm export reads no body from the source: an article whose content
// hash names a cache entry is rendered from the entry. A body is read
// only for an entry that does not serve (damaged here), and a source that
// fails then stops the export before any file is written.
func TestWarmExportReadsNoBody(t *testing.T) {
	src := &streamSource{memSource: genSource(9, 500, 2)}
	cache := filepath.Join(t.TempDir(), "render")
	opts := Options{NoSync: true, RenderCacheDir: cache}
	plain := t.TempDir()
	mustExport(t, src, plain, Options{NoSync: true})
	want := snapshot(t, plain)
	mustExport(t, src, t.TempDir(), opts)

	src.bodies = 0
	dir := t.TempDir()
	mustExport(t, src, dir, opts)
	if src.bodies != 0 {
		t.Errorf("warm export read %d bodies, want 0", src.bodies)
	}
	sameFiles(t, "warm", dir, want)

	// One entry damaged: its body (only) is read and rendered again.
	a := &src.arts[4] // has photos
	k, _ := parseKey(articleCacheKey(a, ""))
	ref := scanCache(t, cache).index[k]
	patchPack(t, cache, ref.off+int64(ref.n)-1, []byte{0xff})
	src.bodies = 0
	dir = t.TempDir()
	mustExport(t, src, dir, opts)
	if src.bodies != 1 {
		t.Errorf("export with one damaged entry read %d bodies, want 1", src.bodies)
	}
	sameFiles(t, "one damaged", dir, want)

	// Damaged again, and the source fails to give that body.
	ref = scanCache(t, cache).index[k]
	patchPack(t, cache, ref.off+int64(ref.n)-1, []byte{0xff})
	src.failBody = a.ID
	dir = t.TempDir()
	if _, err := Export(src, dir, opts); err == nil {
		t.Fatal("export succeeded although a body could not be read")
	}
	for p := range snapshot(t, dir) {
		if p != lockName {
			t.Errorf("a failed export left %s", p)
		}
	}
}

// backdatePack rewrites the time of every record in the pack in dir to
// ago(key) before now, and returns each key's record size.
func backdatePack(t *testing.T, dir string, ago func(packKey) time.Duration) map[packKey]int64 {
	t.Helper()
	p := filepath.Join(dir, packName)
	b := mustRead(t, p)
	sizes := map[packKey]int64{}
	for off := int64(0); off < int64(len(b)); {
		h, ok := parsePackHeader(b[off:])
		if !ok {
			t.Fatalf("bad record header at %d", off)
		}
		copy(b[off:], packHeader(h.kind, int(h.n), time.Now().Add(-ago(h.key)).Unix(), h.key))
		off += packHeaderSize + int64(h.n)
		sizes[h.key] = packHeaderSize + int64(h.n)
	}
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return sizes
}

// Entries of an earlier format (format 3 checked with SHA-256; format 4
// with CRC-32C) are stale, not damage: check counts them as entries no
// current article renders to, an export renders those bodies again
// (nothing from the old entry reaches a page) and appends them anew.
func TestRenderCacheOldFormatIsStale(t *testing.T) {
	src := genSource(6, 400, 1)
	cache := filepath.Join(t.TempDir(), "render")
	opts := Options{NoSync: true, RenderCacheDir: cache}
	mustExport(t, src, t.TempDir(), opts)
	refs := cacheEntries(t, cache)
	f, err := os.OpenFile(filepath.Join(cache, packName), os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, ref := range refs {
		if _, err := f.WriteAt([]byte("CDRC3\n"), ref.off); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()
	if r, err := CheckRenderCache(cache); err != nil || len(r.Damaged) != 0 || r.Entries != 6 || r.Unreferenced != 6 {
		t.Fatalf("CheckRenderCache on format-3 entries = %+v, %v; want 6 stale entries, none damaged", r, err)
	}
	plain := t.TempDir()
	mustExport(t, src, plain, Options{NoSync: true})
	dir := t.TempDir()
	before := mustRead(t, filepath.Join(cache, packName))
	if res := mustExport(t, src, dir, opts); res.Rendered != 6 {
		t.Errorf("export over format-3 entries: rendered %d, want 6", res.Rendered)
	}
	if after := mustRead(t, filepath.Join(cache, packName)); len(after) <= len(before) {
		t.Error("the bodies of format-3 entries were not rendered again and appended")
	}
	sameFiles(t, "over format-3 entries", dir, snapshot(t, plain))
	if r, err := CheckRenderCache(cache); err != nil || len(r.Damaged) != 0 || r.Entries != 6 || r.Unreferenced != 0 {
		t.Errorf("CheckRenderCache after the export = %+v, %v; want 6 current entries", r, err)
	}
}
