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
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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

// peek returns the entry for key, whatever media it was rendered with.
func (c *renderCache) peek(key string) (e cachedBody, ok bool) {
	data, err := c.root.ReadFile(cachePath(key))
	if err != nil {
		return e, false
	}
	e, err = decodeCacheEntry(data)
	if err != nil {
		c.broken.Add(1)
		_ = c.root.Remove(cachePath(key))
		return e, false
	}
	return e, true
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
	if c == nil {
		return
	}
	p := cachePath(key)
	if err := c.root.MkdirAll(key[:2], 0o700); err != nil {
		return
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

var errCacheEntry = errors.New("damaged render cache entry")

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
}

// CheckRenderCache reads every entry of the render cache in dir and
// reports the damaged ones (a damaged entry is harmless: the next export
// renders that body again and replaces it). A missing dir is an empty
// cache. Only an unreadable directory is an error.
func CheckRenderCache(dir string) (RenderCacheReport, error) {
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
		return nil
	})
	if err != nil {
		return r, fmt.Errorf("export: render cache %s: %w", dir, err)
	}
	return r, nil
}
