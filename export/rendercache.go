package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/copydesk/copydesk/locale"
)

// renderCacheVersion names the renderer: goldmark's setup and extensions
// (markdown.go, cjkmark), the media transformer, the summary rules
// (summary.go), model.BoundMarkdown, model.FindMediaRefs (an entry's media
// list stands in for its result) and the sanitizer policy
// (sanitize.go). Change it whenever any of these changes what a body
// renders to: every entry of the old version is then ignored (and
// re-rendered). The versions of goldmark and bluemonday the binary was
// built with are part of every key as well (rendererID).
const renderCacheVersion = "copydesk-render-4"

// renderCacheMagic starts every cache entry. Format 4 checks an entry
// with CRC-32C (format 3: SHA-256, 3.5 % of a warm export's CPU).
const renderCacheMagic = "CDRC4\n"

// oldCacheMagic starts the entries of earlier formats ("CDRC" and a
// digit): not damage, only stale (their keys name an older renderer).
const oldCacheMagic = "CDRC"

// cachedBody is what the render cache holds for one body: the rendered
// and sanitized HTML, the summary, and the media ids the HTML refers to.
type cachedBody struct {
	html    string // a string: the page's template takes it without a copy
	summary string
	used    []string // sorted
	media   string   // mediaSig of used when rendered
}

// renderCache holds rendered bodies keyed by renderKey, in one
// append-only pack file in its directory (renderpack.go; the CLI uses
// <db>.cache/render/pack). It is derived data beside the database: never
// written inside a bbolt transaction, never fsynced, and every entry
// carries a checksum (CRC-32C over its key and payload), so an entry that is missing, unreadable or
// damaged is rendered again and appended anew. One process at a time
// appends (flock(2) on the pack); another export meanwhile reads the
// cache and adds nothing. All methods are safe for concurrent use; a nil
// *renderCache caches nothing.
type renderCache struct {
	root     *os.Root
	readOnly bool // Check: nothing is written or removed

	loadOnce sync.Once
	mu       sync.Mutex // everything below
	pack     *os.File   // nil: no pack (read-only and none yet, or unusable)
	locked   bool       // this process appends (holds the pack's lock)
	index    map[packKey]packRef
	end      int64 // where the next record goes
	dead     int64 // bytes of records the index does not point at
	failed   bool  // a write failed: append nothing more
	touched  map[packKey]bool

	hits, misses, broken atomic.Int64
}

// openRenderCache opens (creating) the cache directory dir. An empty dir,
// or a directory that cannot be created or opened, gives a nil cache: the
// export then renders everything, as without a cache. The pack itself is
// opened on first use.
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

// close records the entries hit this run (for the size bound's "least
// recently used first") and releases the pack and its lock.
func (c *renderCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.writeTouches()
	if c.pack != nil {
		_ = c.pack.Close() // releases the lock
		c.pack = nil
	}
	c.mu.Unlock()
	_ = c.root.Close()
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

// articleCacheKey is the render cache key of article a's body rendered
// as an article page: from a's content hash when it has one (the model's
// hash of the signed content covers the body, see Article.ContentHash;
// the page key articleKey stands on it too), so a hit needs neither the
// body read from the source nor bounded nor hashed; else from body, the
// body as the source gives it (not yet bounded: bounding is part of the
// renderer, named by renderCacheVersion).
func articleCacheKey(a *Article, body string) string {
	if a.ContentHash != "" {
		return renderKey("hash", a.ContentHash, articlePrefix)
	}
	return renderKey("body", body, articlePrefix)
}

// renderKey is the cache key of content (kind "hash": a content hash;
// "body": a Markdown body) rendered with the page prefix: hex SHA-256 of
// the renderer, the prefix, the kind and the content. The media a body
// uses are checked on lookup instead (mediaSig), so no body is parsed to
// find its references before a cache hit.
func renderKey(kind, content, prefix string) string {
	h := sha256.New()
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	field(rendererIDOnce())
	field(prefix)
	field(kind)
	field(content)
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

// encodeCacheEntry: magic, CRC-32C (4 bytes, little endian) of the
// entry's key and the payload, payload (uvarint-length summary,
// uvarint-length media signature, uvarint count of media ids, each
// uvarint-length id, then the HTML to the end). The key is inside the
// checksum: an entry whose payload was moved under another key (a
// record's payload swapped for another article's of the same length, a
// header rewritten) fails it and is rendered again, so an article never
// shows another's body. The checksum guards against damage (a torn or
// flipped byte, a misplaced record), not against someone who can write
// the cache: such a person could recompute any unkeyed checksum.
func encodeCacheEntry(k packKey, e cachedBody) []byte {
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
	out := make([]byte, 0, len(renderCacheMagic)+entrySumSize+len(p))
	out = append(out, renderCacheMagic...)
	out = binary.LittleEndian.AppendUint32(out, entrySum(k, p))
	return append(out, p...)
}

var (
	errCacheEntry = locale.NewError("ExportCacheEntry", nil)
	// errCacheOld: an entry of an earlier format (oldCacheMagic); its own
	// value, told from errCacheEntry by errors.Is.
	errCacheOld = locale.NewError("ExportCacheEntry", nil)
)

// entrySumSize is the size of an entry's checksum.
const entrySumSize = 4

// entrySum is the checksum of payload p stored under key k: CRC-32C
// (Castagnoli; the CPU's crc32 instruction where there is one).
func entrySum(k packKey, p []byte) uint32 {
	return crc32.Update(crc32.Checksum(k[:], crcTable), crcTable, p)
}

// decodeCacheEntry decodes data, the payload of an entry record under key
// k (see encodeCacheEntry); errCacheEntry if it is damaged or not k's,
// errCacheOld if it is of an earlier format.
func decodeCacheEntry(k packKey, data []byte) (e cachedBody, err error) {
	if !bytes.HasPrefix(data, []byte(renderCacheMagic)) || len(data) < len(renderCacheMagic)+entrySumSize {
		if len(data) > len(renderCacheMagic) && bytes.HasPrefix(data, []byte(oldCacheMagic)) &&
			data[4] >= '1' && data[4] < renderCacheMagic[4] && data[5] == '\n' {
			return e, errCacheOld
		}
		return e, errCacheEntry
	}
	data = data[len(renderCacheMagic):]
	sum, p := binary.LittleEndian.Uint32(data), data[entrySumSize:]
	if entrySum(k, p) != sum {
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
	n, w := binary.Uvarint(p)
	if w <= 0 || n > uint64(len(p)) {
		return e, errCacheEntry
	}
	p = p[w:]
	for range n {
		id, ok := str()
		if !ok {
			return e, errCacheEntry
		}
		e.used = append(e.used, id)
	}
	e.html = string(p) // data may be a reused buffer (peek)
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

// Render cache pruning. Entries of bodies no current revision has (an
// edited article's old text, a withdrawn article) and, past a size bound,
// the least recently used entries are removed (renderpack.go). An export prunes after
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
	// tmpMaxAge: a temporary pack older than this was left by a
	// process that died while writing it.
	tmpMaxAge = time.Hour
)

// PruneReport is what a prune of the render cache did.
type PruneReport struct {
	Kept         int   // entries kept
	KeptBytes    int64 // their size
	Unreferenced int   // entries removed: no current revision renders to them
	OverSize     int   // entries removed to stay under the size bound
	Damaged      int   // entries removed: their record is damaged
	TempFiles    int   // stale temporary packs removed (a process died while pruning)
	Legacy       int   // files of the earlier one-file-per-entry layout removed
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
		a := &list[i]
		var b string
		if a.ContentHash == "" {
			if b, err = bodyOf(a); err != nil {
				return nil, locale.NewError("ExportArticle", locale.Args{"ID": a.ID, "Err": err}, err)
			}
		}
		keep[articleCacheKey(a, b)] = true
	}
	return keep, nil
}
