package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// renderCacheVersion names the renderer: goldmark's setup and extensions
// (markdown.go, cjkmark), the media transformer, the summary rules
// (summary.go), model.BoundMarkdown, model.FindMediaRefs (an entry's media
// list stands in for its result) and the sanitizer policy
// (sanitize.go). Change it whenever any of these changes what a body
// renders to: every entry of the old version is then ignored (and
// re-rendered). The versions of goldmark and bluemonday the binary was
// built with are part of every key as well (rendererID).
const renderCacheVersion = "copydesk-render-2"

// renderCacheMagic starts every cache entry file.
const renderCacheMagic = "CDRC2\n"

// cachedBody is what the render cache holds for one body: the rendered
// and sanitized HTML, the summary, and the media ids the HTML refers to.
type cachedBody struct {
	html    []byte
	summary string
	used    []string // sorted
	media   string   // mediaSig of used when rendered
}

// renderCache is a directory of rendered bodies, keyed by renderKey. It is
// derived data beside the database (the CLI uses <db>.cache/render/): it
// is never written inside a bbolt transaction, entries are written without
// fsync (temporary file, then rename, so a reader sees a whole entry or
// none), and an entry that is missing, unreadable or fails its checksum is
// rendered again and rewritten. All methods are safe for concurrent use;
// a nil *renderCache caches nothing.
type renderCache struct {
	root                 *os.Root
	readOnly             bool     // Check: nothing is written or removed
	dirs                 sync.Map // subdirectories known to exist
	hits, misses, broken atomic.Int64
}

// openRenderCache opens (creating) the cache directory dir. An empty dir,
// or a directory that cannot be created or opened, gives a nil cache: the
// export then renders everything, as without a cache.
func openRenderCache(dir string) *renderCache {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	return &renderCache{root: root}
}

func (c *renderCache) close() {
	if c != nil {
		_ = c.root.Close()
	}
}

var rendererIDOnce = sync.OnceValue(func() string {
	id := renderCacheVersion + "|" + renderVersion
	if bi, ok := debug.ReadBuildInfo(); ok {
		for _, d := range bi.Deps {
			if strings.Contains(d.Path, "goldmark") || strings.Contains(d.Path, "bluemonday") {
				id += "|" + d.Path + "@" + d.Version
			}
		}
	}
	return id
})

// renderKey is the cache key of body rendered with the page prefix (hex
// SHA-256 of the renderer, the prefix and the body). The media a body
// uses are checked on lookup instead (mediaSig), so no body is parsed
// to find its references before a cache hit.
func renderKey(body, prefix string) string {
	h := sha256.New()
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	field(rendererIDOnce())
	field(prefix)
	field(body)
	return hex.EncodeToString(h.Sum(nil))
}

// mediaSig describes the media ids (sorted) as a page shows them: path,
// caption, credit, kind and size. A cache entry is used only if the
// media it was rendered with still have the same signature.
func mediaSig(ids []string, media map[string]*resolvedMedia) string {
	var b strings.Builder
	for _, id := range ids {
		m := media[id]
		if m == nil {
			b.WriteString(strconv.Quote(id) + ":-;")
			continue
		}
		fmt.Fprintf(&b, "%q:%q,%q,%q,%v,%dx%d;", id, m.Path, m.Caption, m.Credit, m.Image, m.Width, m.Height)
	}
	return b.String()
}

func cachePath(key string) string { return key[:2] + "/" + key }

// refreshAge: a hit on an entry whose mtime is older than this sets its
// mtime to now, so the size bound's "oldest first" (prune) removes the
// least recently used entries, not the least recently written; at most one
// utimensat(2) per entry per refreshAge (the mtime comes from the fstat
// reading the entry needs anyway).
const refreshAge = time.Hour

// peek returns the entry for key, whatever media it was rendered with. A
// hit refreshes the entry's age (refreshAge), except in a read-only cache.
func (c *renderCache) peek(key string) (e cachedBody, ok bool) {
	data, mod, err := readEntry(c.root, cachePath(key))
	if err != nil {
		return e, false
	}
	e, err = decodeCacheEntry(data)
	if err != nil {
		c.broken.Add(1)
		if !c.readOnly {
			_ = c.root.Remove(cachePath(key))
		}
		return e, false
	}
	if now := time.Now(); !c.readOnly && now.Sub(mod) > refreshAge {
		_ = c.root.Chtimes(cachePath(key), now, now)
	}
	return e, true
}

// readEntry reads the file p below root and returns its content and mtime.
func readEntry(root *os.Root, p string) ([]byte, time.Time, error) {
	f, err := root.Open(p)
	if err != nil {
		return nil, time.Time{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, time.Time{}, err
	}
	var b bytes.Buffer
	b.Grow(int(min(fi.Size(), 64<<20)) + 512)
	if _, err := b.ReadFrom(f); err != nil {
		return nil, time.Time{}, err
	}
	return b.Bytes(), fi.ModTime(), nil
}

// articlePrefix is the path from an article page to the site root.
const articlePrefix = "../../"

// count records a lookup's outcome (hits, misses).
func (c *renderCache) count(hit bool) {
	switch {
	case c == nil:
	case hit:
		c.hits.Add(1)
	default:
		c.misses.Add(1)
	}
}

// put stores e under key; failures are ignored (the cache is an
// optimisation; the next export renders again).
func (c *renderCache) put(key string, e cachedBody) {
	if c == nil || c.readOnly {
		return
	}
	p := cachePath(key)
	if _, ok := c.dirs.Load(key[:2]); !ok {
		if err := c.root.MkdirAll(key[:2], 0o700); err != nil {
			return
		}
		c.dirs.Store(key[:2], true)
	}
	var rnd [8]byte
	binary.LittleEndian.PutUint64(rnd[:], uint64(tmpCounter.Add(1)))
	tmp := key[:2] + "/." + key + "." + hex.EncodeToString(rnd[:]) + ".tmp"
	if err := c.root.WriteFile(tmp, encodeCacheEntry(e), 0o600); err != nil {
		_ = c.root.Remove(tmp)
		return
	}
	if err := c.root.Rename(tmp, p); err != nil {
		_ = c.root.Remove(tmp)
	}
}

var tmpCounter atomic.Uint64

// encodeCacheEntry: magic, SHA-256 of the payload, payload (uvarint-length
// summary, uvarint-length media signature, uvarint count of media ids, each uvarint-length id, then the
// HTML to the end).
func encodeCacheEntry(e cachedBody) []byte {
	var p []byte
	p = binary.AppendUvarint(p, uint64(len(e.summary)))
	p = append(p, e.summary...)
	p = binary.AppendUvarint(p, uint64(len(e.media)))
	p = append(p, e.media...)
	p = binary.AppendUvarint(p, uint64(len(e.used)))
	for _, id := range e.used {
		p = binary.AppendUvarint(p, uint64(len(id)))
		p = append(p, id...)
	}
	p = append(p, e.html...)
	sum := sha256.Sum256(p)
	out := make([]byte, 0, len(renderCacheMagic)+len(sum)+len(p))
	out = append(out, renderCacheMagic...)
	out = append(out, sum[:]...)
	return append(out, p...)
}

var errCacheEntry = locale.NewError("ExportCacheEntry", nil)

func decodeCacheEntry(data []byte) (e cachedBody, err error) {
	if !bytes.HasPrefix(data, []byte(renderCacheMagic)) || len(data) < len(renderCacheMagic)+sha256.Size {
		return e, errCacheEntry
	}
	data = data[len(renderCacheMagic):]
	sum, p := data[:sha256.Size], data[sha256.Size:]
	if got := sha256.Sum256(p); !bytes.Equal(got[:], sum) {
		return e, errCacheEntry
	}
	str := func() (string, bool) {
		n, k := binary.Uvarint(p)
		if k <= 0 || n > uint64(len(p)-k) {
			return "", false
		}
		s := string(p[k : k+int(n)])
		p = p[k+int(n):]
		return s, true
	}
	var ok bool
	if e.summary, ok = str(); !ok {
		return e, errCacheEntry
	}
	if e.media, ok = str(); !ok {
		return e, errCacheEntry
	}
	n, k := binary.Uvarint(p)
	if k <= 0 || n > uint64(len(p)) {
		return e, errCacheEntry
	}
	p = p[k:]
	for range n {
		id, ok := str()
		if !ok {
			return e, errCacheEntry
		}
		e.used = append(e.used, id)
	}
	e.html = p
	return e, nil
}

// RenderCacheReport is what CheckRenderCache found.
type RenderCacheReport struct {
	Entries int      // well-formed entries
	Damaged []string // entries that fail their checksum or format (paths relative to the cache)
	// Unreferenced counts the well-formed entries no current article
	// renders to (CheckSite only): an edited article's old text, a
	// withdrawn article. The next pruning export removes them.
	Unreferenced int
	Bytes        int64 // size of the well-formed entries
}

// CheckRenderCache reads every entry of the render cache in dir and
// reports the damaged ones (a damaged entry is harmless: the next export
// renders that body again and replaces it). A missing dir is an empty
// cache. Only an unreadable directory is an error.
func CheckRenderCache(dir string) (RenderCacheReport, error) { return checkRenderCache(dir, nil) }

// checkRenderCache is CheckRenderCache; with keep, it also counts the
// entries whose key is not in keep (Unreferenced).
func checkRenderCache(dir string, keep map[string]bool) (RenderCacheReport, error) {
	var r RenderCacheReport
	fsys := os.DirFS(dir)
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		if _, err := decodeCacheEntry(data); err != nil || len(d.Name()) != 64 || !strings.HasPrefix(p, d.Name()[:2]+"/") {
			r.Damaged = append(r.Damaged, p)
			return nil
		}
		r.Entries++
		r.Bytes += int64(len(data))
		if keep != nil && !keep[d.Name()] {
			r.Unreferenced++
		}
		return nil
	})
	if err != nil {
		return r, locale.NewError("ExportRenderCache", locale.Args{"Path": dir, "Err": err}, err)
	}
	return r, nil
}

// Render cache pruning. Entries of bodies no current revision has (an
// edited article's old text, a withdrawn article) and, past a size bound,
// the least recently written entries are removed. An export prunes after
// it succeeded, when it knows the cache key of every article on the site
// (rendered now, or recorded in the manifest) and either it added at least
// pruneAfterMisses entries or the last prune (the mtime of pruneStamp) is
// older than pruneEvery, so a re-export after one edit does not walk the
// cache every time.
const (
	pruneStamp       = ".pruned"
	pruneAfterMisses = 64
	pruneEvery       = 24 * time.Hour
	// DefaultRenderCacheMax bounds the render cache's size in bytes when
	// Options.RenderCacheMax is 0.
	DefaultRenderCacheMax int64 = 2 << 30
	// tmpMaxAge: a temporary entry file older than this was left by a
	// process that died while writing it.
	tmpMaxAge = time.Hour
)

// PruneReport is what a prune of the render cache did.
type PruneReport struct {
	Kept         int   // entries kept
	KeptBytes    int64 // their size
	Unreferenced int   // entries removed: no current revision renders to them
	OverSize     int   // entries removed to stay under the size bound
	Damaged      int   // entries removed: misnamed (a damaged content is found when read)
	TempFiles    int   // stale temporary files removed
	FreedBytes   int64 // bytes removed
	RemoveErrors int   // entries that could not be removed
}

// dueForPrune tells whether an export that added misses entries should
// prune (see pruneStamp).
func (c *renderCache) dueForPrune(misses int64) bool {
	if c == nil {
		return false
	}
	if misses >= pruneAfterMisses {
		return true
	}
	fi, err := c.root.Stat(pruneStamp)
	if err != nil {
		// Never pruned: start the clock (a new cache has nothing stale).
		_ = c.root.WriteFile(pruneStamp, nil, 0o600)
		return false
	}
	return time.Since(fi.ModTime()) > pruneEvery
}

// prune removes every entry whose key keep does not hold, stale temporary
// files, misnamed files, and then the oldest entries until the rest fit
// in maxBytes (≤ 0: DefaultRenderCacheMax). It reads directory listings
// and file sizes only, never entry contents.
func (c *renderCache) prune(keep map[string]bool, maxBytes int64) (r PruneReport, err error) {
	if c == nil {
		return r, nil
	}
	if maxBytes <= 0 {
		maxBytes = DefaultRenderCacheMax
	}
	type entry struct {
		path string
		size int64
		mod  time.Time
	}
	var kept []entry
	remove := func(p string, size int64) bool {
		if err := c.root.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			r.RemoveErrors++
			return false
		}
		r.FreedBytes += size
		return true
	}
	top, err := c.root.Open(".")
	if err != nil {
		return r, err
	}
	subs, err := top.ReadDir(-1)
	top.Close()
	if err != nil {
		return r, err
	}
	for _, sd := range subs {
		if !sd.IsDir() {
			continue
		}
		d, err := c.root.Open(sd.Name())
		if err != nil {
			return r, err
		}
		files, err := d.ReadDir(-1)
		d.Close()
		if err != nil {
			return r, err
		}
		for _, f := range files {
			name := sd.Name() + "/" + f.Name()
			info, err := f.Info()
			if err != nil {
				continue // removed meanwhile
			}
			switch {
			case strings.HasPrefix(f.Name(), "."):
				if time.Since(info.ModTime()) > tmpMaxAge && remove(name, info.Size()) {
					r.TempFiles++
				}
			case f.IsDir() || len(f.Name()) != 64 || !isHexHash(f.Name()) || f.Name()[:2] != sd.Name():
				if !f.IsDir() && remove(name, info.Size()) {
					r.Damaged++
				}
			case !keep[f.Name()]:
				if remove(name, info.Size()) {
					r.Unreferenced++
				}
			default:
				kept = append(kept, entry{name, info.Size(), info.ModTime()})
				r.KeptBytes += info.Size()
			}
		}
	}
	if r.KeptBytes > maxBytes {
		sort.Slice(kept, func(i, j int) bool { return kept[i].mod.Before(kept[j].mod) })
		for len(kept) > 0 && r.KeptBytes > maxBytes {
			if remove(kept[0].path, kept[0].size) {
				r.OverSize++
				r.KeptBytes -= kept[0].size
			}
			kept = kept[1:]
		}
	}
	r.Kept = len(kept)
	now := time.Now()
	if err := c.root.WriteFile(pruneStamp, nil, 0o600); err == nil {
		_ = c.root.Chtimes(pruneStamp, now, now)
	}
	return r, nil
}

// PruneRenderCache prunes the render cache in dir (see renderCache.prune):
// it keeps the entries of the bodies src has now and at most maxBytes
// (≤ 0: DefaultRenderCacheMax) of them, newest first. It reads every
// body of src once (to compute their keys) and renders nothing.
func PruneRenderCache(dir string, src Source, maxBytes int64) (PruneReport, error) {
	keep, err := currentKeys(src)
	if err != nil {
		return PruneReport{}, err
	}
	c := openRenderCache(dir)
	if c == nil {
		return PruneReport{}, locale.NewError("ExportRenderCacheOpen", locale.Args{"Path": dir})
	}
	defer c.close()
	return c.prune(keep, maxBytes)
}

// currentKeys returns the render cache keys of every article src has now.
func currentKeys(src Source) (map[string]bool, error) {
	list, bodyOf, err := readArticles(src)
	if err != nil {
		return nil, err
	}
	keep := make(map[string]bool, len(list))
	for i := range list {
		b, err := bodyOf(&list[i])
		if err != nil {
			return nil, locale.NewError("ExportArticle", locale.Args{"ID": list[i].ID, "Err": err}, err)
		}
		b, _ = model.BoundMarkdown(b)
		keep[renderKey(b, articlePrefix)] = true
	}
	return keep, nil
}
