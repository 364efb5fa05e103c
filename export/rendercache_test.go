package export

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// scanCache reads the headers of the render cache's pack in dir (an
// empty index when there is no pack).
func scanCache(t *testing.T, dir string) packScan {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, packName))
	if os.IsNotExist(err) {
		return packScan{index: map[packKey]packRef{}}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := scanPack(f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// cacheEntries lists the live entries of a render cache's pack (the
// latest record of each key whose header is whole), in pack order.
func cacheEntries(t *testing.T, dir string) []packRef {
	t.Helper()
	var out []packRef
	for _, r := range scanCache(t, dir).index {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].off < out[j].off })
	return out
}

// sameFiles fails unless dir holds exactly the files of want (a
// snapshot of the export without cache).
func sameFiles(t *testing.T, name, dir string, want map[string]fileState) {
	t.Helper()
	got := snapshot(t, dir)
	if len(got) != len(want) {
		t.Fatalf("%s: %d files, want %d", name, len(got), len(want))
	}
	for p, f := range want {
		if got[p].data != f.data {
			t.Fatalf("%s: %s differs from the export without cache", name, p)
		}
	}
}

// patchPack overwrites the pack in dir at off with b.
func patchPack(t *testing.T, dir string, off int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(filepath.Join(dir, packName), os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// appendEntry appends an entry record for key to the pack in dir, as
// put does.
func appendEntry(t *testing.T, dir, key string, e cachedBody) {
	t.Helper()
	k, ok := parseKey(key)
	if !ok {
		t.Fatalf("bad key %q", key)
	}
	p := encodeCacheEntry(k, e)
	f, err := os.OpenFile(filepath.Join(dir, packName), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(append(packHeader(packEntry, len(p), time.Now().Unix(), k), p...)); err != nil {
		t.Fatal(err)
	}
}

// readEntry reads and decodes the entry ref of the pack in dir.
func readEntry(t *testing.T, dir string, ref packRef) (cachedBody, error) {
	t.Helper()
	b := mustRead(t, filepath.Join(dir, packName))
	var k packKey
	copy(k[:], b[ref.off-packHeaderSize+20:])
	return decodeCacheEntry(k, b[ref.off:ref.off+int64(ref.n)])
}

// A warm render cache gives a new directory exactly the site a cold export
// gives, without rendering any body again; a damaged entry is rendered
// again and repaired; CheckRenderCache reports it.
func TestRenderCacheSameSite(t *testing.T) {
	src := genSource(12, 1500, 2)
	cache := filepath.Join(t.TempDir(), "render")
	opts := Options{BaseURL: "https://news.example.edu.cn/", NoSync: true}

	plain := t.TempDir()
	if _, err := Export(src, plain, opts); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, plain)

	opts.RenderCacheDir = cache
	check := func(name string) {
		t.Helper()
		dir := t.TempDir()
		if _, err := Export(src, dir, opts); err != nil {
			t.Fatal(err)
		}
		sameFiles(t, name, dir, want)
	}
	check("cold")
	entries := cacheEntries(t, cache)
	if len(entries) != len(src.arts) {
		t.Fatalf("cache has %d entries, want one per article (%d)", len(entries), len(src.arts))
	}
	if r, err := CheckRenderCache(cache); err != nil || r.Entries != len(src.arts) || len(r.Damaged) != 0 {
		t.Fatalf("CheckRenderCache = %+v, %v", r, err)
	}

	// Warm: no body goes through goldmark. Prove it by planting a
	// different (well-formed) body in one entry: the page shows it.
	a := src.arts[0]
	media := map[string]*resolvedMedia{}
	ids, _ := mediaRefs(a.Body)
	for _, id := range ids {
		m, _, err := resolveMedia(a.ID, id, src.media[id])
		if err != nil {
			t.Fatal(err)
		}
		media[id] = m
	}
	key := articleCacheKey(&a, a.Body)
	k, _ := parseKey(key)
	e, err := readEntry(t, cache, scanCache(t, cache).index[k])
	if err != nil {
		t.Fatal(err)
	}
	e.html = "<p>FROM-THE-CACHE</p>"
	appendEntry(t, cache, key, e) // a later record of a key replaces the earlier
	dir := t.TempDir()
	if _, err := Export(src, dir, opts); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(mustRead(t, filepath.Join(dir, articlePath(a.ID)))), "FROM-THE-CACHE") {
		t.Fatal("warm export rendered the body instead of taking it from the cache")
	}

	// Damage every entry in a different way: each is rendered again and
	// the site is again exactly the uncached one.
	for i, ref := range cacheEntries(t, cache) {
		n := int(ref.n)
		switch i % 4 {
		case 0:
			patchPack(t, cache, ref.off+int64(n/2), make([]byte, n-n/2)) // second half lost
		case 1:
			b := mustRead(t, filepath.Join(cache, packName))
			patchPack(t, cache, ref.off+int64(n-1), []byte{b[ref.off+int64(n-1)] ^ 1}) // flipped bit in the HTML
		case 2:
			patchPack(t, cache, ref.off, make([]byte, n)) // zeroed
		case 3:
			patchPack(t, cache, ref.off, []byte("XXXXX\n")) // bad magic
		}
	}
	r, err := CheckRenderCache(cache)
	if err != nil || len(r.Damaged) != len(src.arts) || r.Entries != 0 {
		t.Fatalf("CheckRenderCache on a damaged cache = %d entries, %d damaged, %v", r.Entries, len(r.Damaged), err)
	}
	check("damaged")
	if r, err := CheckRenderCache(cache); err != nil || r.Entries != len(src.arts) || len(r.Damaged) != 0 {
		t.Fatalf("after re-render CheckRenderCache = %+v, %v", r, err)
	}

	// A damaged record header in the middle of the pack hides the records
	// after it: check reports it, the next export cuts the pack there and
	// renders those bodies again.
	cache = filepath.Join(t.TempDir(), "render")
	opts.RenderCacheDir = cache
	check("cold, second cache")
	refs := cacheEntries(t, cache)
	mid := refs[len(refs)/2]
	patchPack(t, cache, mid.off-packHeaderSize+1, []byte("?"))
	if r, err := CheckRenderCache(cache); err != nil || len(r.Damaged) != 1 || r.Entries != len(refs)/2 {
		t.Fatalf("CheckRenderCache with a damaged header = %+v, %v; want 1 damaged, %d entries", r, err, len(refs)/2)
	}
	check("damaged header")
	if r, err := CheckRenderCache(cache); err != nil || r.Entries != len(src.arts) || len(r.Damaged) != 0 {
		t.Fatalf("after the damaged header CheckRenderCache = %+v, %v", r, err)
	}

	// An unusable cache directory (a file in its place) only costs speed.
	bad := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(bad, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	opts.RenderCacheDir = bad
	check("unusable")
}

// The key changes with the body and the prefix; the media signature
// with a referenced media file's path, caption, credit, kind or size, so
// an entry rendered with other media is not used.
func TestRenderKeyCovers(t *testing.T) {
	if renderKey("body", "正文", "../../") != renderKey("body", "正文", "../../") {
		t.Fatal("key is not deterministic")
	}
	if renderKey("body", "正文", "../../") == renderKey("body", "正文。", "../../") || renderKey("body", "正文", "../../") == renderKey("body", "正文", "../") ||
		renderKey("body", "正文", "../../") == renderKey("hash", "正文", "../../") {
		t.Fatal("key does not cover kind, content and prefix")
	}
	a := Article{Body: "正文"}
	if articleCacheKey(&a, a.Body) != renderKey("body", "正文", articlePrefix) {
		t.Fatal("an article without a content hash is keyed by its body")
	}
	a.ContentHash = "sha256:00"
	if articleCacheKey(&a, a.Body) != renderKey("hash", "sha256:00", articlePrefix) {
		t.Fatal("an article is keyed by its content hash")
	}
	m0 := resolvedMedia{ID: "0123456789abcdef", Path: "media/x.png", Caption: "图", Credit: "摄", Image: true, Width: 3, Height: 4}
	ids := []string{m0.ID}
	base := mediaSig(ids, map[string]*resolvedMedia{m0.ID: &m0})
	seen := map[string]string{base: "base"}
	try := func(name, k string) {
		if prev, ok := seen[k]; ok {
			t.Errorf("%s gives the same media signature as %s", name, prev)
		}
		seen[k] = name
	}
	for name, change := range map[string]func(m *resolvedMedia){
		"caption": func(m *resolvedMedia) { m.Caption += "改" },
		"credit":  func(m *resolvedMedia) { m.Credit += "改" },
		"path":    func(m *resolvedMedia) { m.Path = "media/y.png" },
		"width":   func(m *resolvedMedia) { m.Width++ },
		"height":  func(m *resolvedMedia) { m.Height++ },
		"image":   func(m *resolvedMedia) { m.Image = !m.Image },
	} {
		m := m0
		change(&m)
		try(name, mediaSig(ids, map[string]*resolvedMedia{m0.ID: &m}))
	}
	try("missing", mediaSig(ids, map[string]*resolvedMedia{}))
}

// A changed credit of a media file makes the cached body stale: the page
// shows the new credit.
func TestRenderCacheMediaChange(t *testing.T) {
	src := genSource(6, 800, 2)
	opts := Options{NoSync: true, RenderCacheDir: filepath.Join(t.TempDir(), "render")}
	if _, err := Export(src, t.TempDir(), opts); err != nil {
		t.Fatal(err)
	}
	for id, m := range src.media {
		m.Credit = "新摄影" + id[:4]
		src.media[id] = m
	}
	cached, plain := t.TempDir(), t.TempDir()
	if _, err := Export(src, cached, opts); err != nil {
		t.Fatal(err)
	}
	opts.RenderCacheDir = ""
	if _, err := Export(src, plain, opts); err != nil {
		t.Fatal(err)
	}
	got, want := snapshot(t, cached), snapshot(t, plain)
	n := 0
	for p, f := range want {
		if got[p].data != f.data {
			t.Errorf("%s differs from the export without cache", p)
		}
		if strings.Contains(f.data, "新摄影") {
			n++
		}
	}
	if n == 0 {
		t.Fatal("no page shows a credit; the test proves nothing")
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// An entry's payload moved under another article's key (a record header
// rewritten, or two payloads of the same length swapped) is not served:
// the key is inside the entry's checksum, so the article is rendered
// again and the site is exactly the uncached one. Before, the checksum
// covered the payload only and article A's page showed B's body.
func TestRenderCacheEntryUnderAnotherKey(t *testing.T) {
	src := genSource(4, 800, 0)
	opts := Options{BaseURL: "https://news.example.edu.cn/", NoSync: true}
	plain := t.TempDir()
	if _, err := Export(src, plain, opts); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, plain)
	cache := filepath.Join(t.TempDir(), "render")
	opts.RenderCacheDir = cache
	if _, err := Export(src, t.TempDir(), opts); err != nil {
		t.Fatal(err)
	}
	a, b := src.arts[0], src.arts[1]
	ka, _ := parseKey(articleCacheKey(&a, a.Body))
	kb, _ := parseKey(articleCacheKey(&b, b.Body))
	idx := scanCache(t, cache).index
	ref := idx[kb]
	if ref.n == 0 || idx[ka].n == 0 {
		t.Fatal("cold export cached no entry for the articles")
	}
	raw := mustRead(t, filepath.Join(cache, packName))
	payload := raw[ref.off : ref.off+int64(ref.n)]
	// b's payload, byte for byte, recorded under a's key (a later record
	// of a key replaces the earlier)
	f, err := os.OpenFile(filepath.Join(cache, packName), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(append(packHeader(packEntry, len(payload), time.Now().Unix(), ka), payload...)); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if r, err := CheckRenderCache(cache); err != nil || len(r.Damaged) != 1 {
		t.Errorf("CheckRenderCache with b's entry under a's key = %+v, %v; want it damaged", r, err)
	}
	dir := t.TempDir()
	if _, err := Export(src, dir, opts); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, "entry under another key", dir, want)
}
