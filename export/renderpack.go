package export

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/copydesk/copydesk/locale"
)

// The render cache's pack. Every rendered body is one record appended to
// a single file, packName, in the cache directory: a cold export of 1,000
// articles creates one file instead of 1,000 files in 256 directories
// (creating and removing inodes is most of what a cold export's system
// time was), and removing the cache is removing one file.
//
// Record: a header of packHeaderSize bytes, then its payload.
//
//	magic   "CDRP"                       4 bytes
//	kind    packEntry or packTouch       1 byte, then 3 zero bytes
//	length  of the payload               uint32, little endian
//	time    written (Unix seconds)       int64, little endian
//	key     entry: its render key        32 bytes
//	        touch: SHA-256 of the payload
//	crc     CRC-32C of the 52 bytes above
//
// An entry's payload is encodeCacheEntry's (its own magic and SHA-256,
// which covers the key as well).
// A touch record's payload is the keys (32 bytes each) of entries an
// export used: their age for the size bound is the touch's time
// (least recently used first). A later record of a key replaces an
// earlier one. Reading stops at the first header that is not whole (a
// torn append of a process that died, or damage); the process holding
// the lock truncates the file there before appending. Pruning rewrites
// the pack without the records no current article needs (compact).
const (
	packName       = "pack"
	packMagic      = "CDRP"
	packHeaderSize = 56
	packEntry      = 1
	packTouch      = 2
	// touchAge: an entry hit whose record (or last touch) is younger than
	// this is not touched again.
	touchAge = time.Hour
	// maxPackRecord bounds one record's payload (a bounded body renders
	// to far less); a larger length is damage.
	maxPackRecord = 64 << 20
)

type packKey [32]byte

// packRef is where an entry's payload is in the pack.
type packRef struct {
	off  int64 // of the payload
	n    uint32
	used int64 // Unix seconds: written, or touched later
}

// size is the record's size in the pack, header included.
func (r packRef) size() int64 { return packHeaderSize + int64(r.n) }

var crcTable = crc32.MakeTable(crc32.Castagnoli)

func packHeader(kind byte, n int, at int64, key packKey) []byte {
	h := make([]byte, packHeaderSize, packHeaderSize+n)
	copy(h, packMagic)
	h[4] = kind
	binary.LittleEndian.PutUint32(h[8:], uint32(n))
	binary.LittleEndian.PutUint64(h[12:], uint64(at))
	copy(h[20:52], key[:])
	binary.LittleEndian.PutUint32(h[52:], crc32.Checksum(h[:52], crcTable))
	return h
}

type packHead struct {
	kind byte
	n    uint32
	at   int64
	key  packKey
}

func parsePackHeader(h []byte) (p packHead, ok bool) {
	if len(h) < packHeaderSize || string(h[:4]) != packMagic ||
		binary.LittleEndian.Uint32(h[52:]) != crc32.Checksum(h[:52], crcTable) {
		return p, false
	}
	p.kind, p.n = h[4], binary.LittleEndian.Uint32(h[8:])
	p.at = int64(binary.LittleEndian.Uint64(h[12:]))
	copy(p.key[:], h[20:52])
	if (p.kind != packEntry && p.kind != packTouch) || p.n > maxPackRecord {
		return p, false
	}
	return p, true
}

func parseKey(key string) (k packKey, ok bool) {
	if len(key) != 64 {
		return k, false
	}
	_, err := hex.Decode(k[:], []byte(key))
	return k, err == nil
}

// packScan is what reading a pack's headers found.
type packScan struct {
	index map[packKey]packRef
	end   int64 // end of the last whole record
	dead  int64 // bytes of replaced entries and touch records
	// bad: bytes after end that are not a torn append (a header that is
	// not whole although the rest of the file is long enough to hold
	// one): damage.
	bad  bool
	size int64 // the file's size
}

// scanPack reads the record headers of f (and the touch records'
// payloads), not the entries' contents.
func scanPack(f *os.File) (s packScan, err error) {
	fi, err := f.Stat()
	if err != nil {
		return s, err
	}
	s.size = fi.Size()
	s.index = map[packKey]packRef{}
	var hb [packHeaderSize]byte
	off := int64(0)
	for off+packHeaderSize <= s.size {
		if _, err := f.ReadAt(hb[:], off); err != nil {
			return s, err
		}
		h, ok := parsePackHeader(hb[:])
		if !ok {
			s.bad = true
			break
		}
		if off+packHeaderSize+int64(h.n) > s.size {
			break // torn: a record still (or never completely) written
		}
		ref := packRef{off: off + packHeaderSize, n: h.n, used: h.at}
		switch h.kind {
		case packEntry:
			if old, ok := s.index[h.key]; ok {
				s.dead += old.size()
			}
			s.index[h.key] = ref
		case packTouch:
			s.dead += ref.size()
			p := make([]byte, h.n)
			if _, err := f.ReadAt(p, ref.off); err != nil {
				return s, err
			}
			if sha256.Sum256(p) != h.key || len(p)%32 != 0 {
				break // a damaged touch only loses ages
			}
			for ; len(p) >= 32; p = p[32:] {
				if r, ok := s.index[packKey(p[:32])]; ok && h.at > r.used {
					r.used = h.at
					s.index[packKey(p[:32])] = r
				}
			}
		}
		off += ref.size()
	}
	s.end = off
	return s, nil
}

// load opens and reads the pack on first use. A cache that may write
// takes the pack's lock (without waiting: when another process holds
// it, this one only reads) and cuts a torn or damaged tail.
func (c *renderCache) load() {
	c.loadOnce.Do(func() {
		c.mu.Lock()
		defer c.mu.Unlock()
		c.index = map[packKey]packRef{}
		c.touched = map[packKey]bool{}
		if c.readOnly {
			f, err := c.root.Open(packName)
			if err != nil {
				return
			}
			c.pack = f
		} else {
			for range 3 { // the pack may be replaced (compact) between open and lock
				f, err := c.root.OpenFile(packName, os.O_RDWR|os.O_CREATE, 0o600)
				if err != nil {
					return
				}
				if !tryLock(f) {
					c.pack = f // read only
					break
				}
				fi, err1 := f.Stat()
				now, err2 := c.root.Stat(packName)
				if err1 == nil && err2 == nil && os.SameFile(fi, now) {
					c.pack, c.locked = f, true
					break
				}
				f.Close()
			}
			if c.pack == nil {
				return
			}
		}
		s, err := scanPack(c.pack)
		if err != nil {
			c.pack.Close()
			c.pack, c.locked = nil, false
			return
		}
		c.index, c.end, c.dead = s.index, s.end, s.dead
		if c.locked && s.size > s.end {
			if err := c.pack.Truncate(s.end); err != nil {
				c.failed = true
			}
		}
	})
}

// has tells whether the pack lists an entry under key (without reading
// it: it may still prove damaged).
func (c *renderCache) has(key string) bool {
	k, ok := parseKey(key)
	if c == nil || !ok {
		return false
	}
	c.load()
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok = c.index[k]
	return ok && c.pack != nil
}

// peek returns the entry for key, whatever media it was rendered with.
func (c *renderCache) peek(key string) (e cachedBody, ok bool) {
	k, ok := parseKey(key)
	if !ok {
		return e, false
	}
	c.load()
	c.mu.Lock()
	ref, ok := c.index[k]
	f := c.pack
	c.mu.Unlock()
	if !ok || f == nil {
		return e, false
	}
	data := getBuf(int(ref.n))[:ref.n]
	defer putBuf(data) // decodeCacheEntry copies what it keeps
	if _, err := f.ReadAt(data, ref.off); err != nil {
		return e, false
	}
	e, err := decodeCacheEntry(k, data)
	if err != nil {
		if !errors.Is(err, errCacheOld) {
			c.broken.Add(1)
		}
		return e, false
	}
	if time.Since(time.Unix(ref.used, 0)) > touchAge {
		c.mu.Lock()
		c.touched[k] = true
		c.mu.Unlock()
	}
	return e, true
}

// put appends e under key; failures are ignored (the cache is an
// optimisation; the next export renders again).
func (c *renderCache) put(key string, e cachedBody) {
	if c == nil || c.readOnly {
		return
	}
	k, ok := parseKey(key)
	if !ok {
		return
	}
	c.load()
	payload := encodeCacheEntry(k, e)
	now := time.Now().Unix()
	rec := append(packHeader(packEntry, len(payload), now, k), payload...)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.appendLocked(rec, func(off int64) {
		if old, ok := c.index[k]; ok {
			c.dead += old.size()
		}
		c.index[k] = packRef{off: off + packHeaderSize, n: uint32(len(payload)), used: now}
		delete(c.touched, k)
	})
}

// appendLocked writes rec at the end of the pack (c.mu held) and calls
// done with its offset. A failed write is cut off and ends appending.
func (c *renderCache) appendLocked(rec []byte, done func(off int64)) {
	if !c.locked || c.failed || c.pack == nil {
		return
	}
	off := c.end
	if _, err := c.pack.WriteAt(rec, off); err != nil {
		c.failed = true
		_ = c.pack.Truncate(off)
		return
	}
	c.end += int64(len(rec))
	done(off)
}

// writeTouches appends one touch record for the entries hit since the
// last one (c.mu held).
func (c *renderCache) writeTouches() {
	if len(c.touched) == 0 {
		return
	}
	keys := make([]packKey, 0, len(c.touched))
	for k := range c.touched {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return string(keys[i][:]) < string(keys[j][:]) })
	p := make([]byte, 0, 32*len(keys))
	for _, k := range keys {
		p = append(p, k[:]...)
	}
	now := time.Now().Unix()
	rec := append(packHeader(packTouch, len(p), now, sha256.Sum256(p)), p...)
	c.appendLocked(rec, func(off int64) {
		c.dead += int64(len(rec))
		for _, k := range keys {
			if r, ok := c.index[k]; ok {
				r.used = now
				c.index[k] = r
			}
		}
		clear(c.touched)
	})
}

// prune removes from the pack every entry whose key keep does not hold
// and then the least recently used entries until the rest fit in
// maxBytes (≤ 0: DefaultRenderCacheMax), by writing a new pack of the
// entries kept (compact). It also removes stale temporary packs and the
// files of the earlier one-file-per-entry layout. The pack is rewritten
// only when that frees at least an eighth of it (or the bound requires
// it); a cache whose lock another process holds is not pruned.
func (c *renderCache) prune(keep map[string]bool, maxBytes int64) (r PruneReport, err error) {
	if c == nil {
		return r, nil
	}
	if maxBytes <= 0 {
		maxBytes = DefaultRenderCacheMax
	}
	c.load()
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.locked || c.failed {
		return r, locale.NewError("ExportInUse", locale.Args{"Path": c.root.Name()})
	}
	c.removeStrays(&r)
	type entry struct {
		k   packKey
		ref packRef
	}
	var kept []entry
	garbage := c.dead
	for k, ref := range c.index {
		if t, ok := c.touched[k]; ok && t {
			ref.used = time.Now().Unix()
		}
		if !keep[hex.EncodeToString(k[:])] {
			r.Unreferenced++
			garbage += ref.size()
			continue
		}
		kept = append(kept, entry{k, ref})
		r.KeptBytes += ref.size()
	}
	sort.Slice(kept, func(i, j int) bool {
		if kept[i].ref.used != kept[j].ref.used {
			return kept[i].ref.used < kept[j].ref.used
		}
		return kept[i].ref.off < kept[j].ref.off
	})
	for len(kept) > 0 && r.KeptBytes > maxBytes {
		r.OverSize++
		r.KeptBytes -= kept[0].ref.size()
		garbage += kept[0].ref.size()
		kept = kept[1:]
	}
	r.Kept = len(kept)
	defer c.stamp()
	if r.OverSize == 0 && (garbage == 0 || garbage < c.end/8) {
		// Not worth a rewrite yet: nothing is removed.
		r.Unreferenced, r.Kept, r.KeptBytes = 0, len(c.index), c.end-c.dead
		return r, nil
	}
	tmp := fmt.Sprintf(".%s.%d.%d.tmp", packName, os.Getpid(), tmpCounter.Add(1))
	nf, err := c.root.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return r, err
	}
	if !tryLock(nf) {
		nf.Close()
		_ = c.root.Remove(tmp)
		return r, locale.NewError("ExportInUse", locale.Args{"Path": c.root.Name()})
	}
	index := make(map[packKey]packRef, len(kept))
	var off int64
	r.KeptBytes = 0
	buf := make([]byte, 0, 64<<10)
	for _, e := range kept {
		data := make([]byte, e.ref.n)
		if _, err := c.pack.ReadAt(data, e.ref.off); err != nil {
			nf.Close()
			_ = c.root.Remove(tmp)
			return r, err
		}
		if _, err := decodeCacheEntry(e.k, data); errors.Is(err, errCacheOld) {
			r.Unreferenced++
			continue
		} else if err != nil {
			r.Damaged++
			continue
		}
		rec := append(append(buf[:0], packHeader(packEntry, len(data), e.ref.used, e.k)...), data...)
		if _, err := nf.WriteAt(rec, off); err != nil {
			nf.Close()
			_ = c.root.Remove(tmp)
			return r, err
		}
		index[e.k] = packRef{off: off + packHeaderSize, n: e.ref.n, used: e.ref.used}
		off += int64(len(rec))
		r.KeptBytes += int64(len(rec))
	}
	r.Kept = len(index)
	if err := c.root.Rename(tmp, packName); err != nil {
		nf.Close()
		_ = c.root.Remove(tmp)
		return r, err
	}
	r.FreedBytes += c.end - off
	c.pack.Close() // the old pack (and its lock); nf is locked already
	c.pack, c.index, c.end, c.dead = nf, index, off, 0
	clear(c.touched)
	return r, nil
}

// removeStrays removes stale temporary packs (a process died while
// compacting) and the files of the earlier one-file-per-entry layout
// (two-hex-digit directories).
func (c *renderCache) removeStrays(r *PruneReport) {
	top, err := c.root.Open(".")
	if err != nil {
		return
	}
	ents, err := top.ReadDir(-1)
	top.Close()
	if err != nil {
		return
	}
	for _, d := range ents {
		name := d.Name()
		switch {
		case d.IsDir() && len(name) == 2 && isLowerHex(name):
			n, size := countFiles(c.root, name)
			if err := c.root.RemoveAll(name); err != nil {
				r.RemoveErrors++
				continue
			}
			r.Legacy += n
			r.FreedBytes += size
		case !d.IsDir() && strings.HasPrefix(name, "."+packName+".") && strings.HasSuffix(name, ".tmp"):
			info, err := d.Info()
			if err != nil || time.Since(info.ModTime()) <= tmpMaxAge {
				continue
			}
			if err := c.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				r.RemoveErrors++
				continue
			}
			r.TempFiles++
			r.FreedBytes += info.Size()
		}
	}
}

func isLowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return s != ""
}

// countFiles counts the files below dir in root and their size.
func countFiles(root *os.Root, dir string) (n int, size int64) {
	_ = fs.WalkDir(root.FS(), dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
			if fi, err := d.Info(); err == nil {
				size += fi.Size()
			}
		}
		return nil
	})
	return n, size
}

// stamp records the time of a prune (dueForPrune).
func (c *renderCache) stamp() {
	now := time.Now()
	if err := c.root.WriteFile(pruneStamp, nil, 0o600); err == nil {
		_ = c.root.Chtimes(pruneStamp, now, now)
	}
}

var tmpCounter atomic.Uint64

// CheckRenderCache reads every entry of the render cache in dir and
// reports the damaged ones (a damaged entry is harmless: the next export
// renders that body again and appends it). A missing dir or pack is an
// empty cache. Only an unreadable pack is an error.
func CheckRenderCache(dir string) (RenderCacheReport, error) { return checkRenderCache(dir, nil) }

// checkRenderCache is CheckRenderCache; with keep, it also counts the
// entries whose key is not in keep (Unreferenced). Damaged entries are
// named "pack@OFFSET" (the record's offset in the pack).
func checkRenderCache(dir string, keep map[string]bool) (r RenderCacheReport, err error) {
	fail := func(err error) (RenderCacheReport, error) {
		return r, locale.NewError("ExportRenderCache", locale.Args{"Path": dir, "Err": err}, err)
	}
	f, err := os.Open(dir + string(os.PathSeparator) + packName)
	if errors.Is(err, fs.ErrNotExist) {
		return r, nil
	}
	if err != nil {
		return fail(err)
	}
	defer f.Close()
	s, err := scanPack(f)
	if err != nil {
		return fail(err)
	}
	refs := make([]packRef, 0, len(s.index))
	keys := make(map[int64]packKey, len(s.index))
	for k, ref := range s.index {
		refs = append(refs, ref)
		keys[ref.off] = k
	}
	sort.Slice(refs, func(i, j int) bool { return refs[i].off < refs[j].off })
	for _, ref := range refs {
		data := make([]byte, ref.n)
		if _, err := f.ReadAt(data, ref.off); err != nil && !errors.Is(err, io.EOF) {
			return fail(err)
		}
		_, err := decodeCacheEntry(keys[ref.off], data)
		if err != nil && !errors.Is(err, errCacheOld) {
			r.Damaged = append(r.Damaged, packName+"@"+strconv.FormatInt(ref.off-packHeaderSize, 10))
			continue
		}
		r.Entries++
		r.Bytes += ref.size()
		// An entry of an earlier format is stale whatever keep says:
		// no current renderer reads it.
		if k := keys[ref.off]; err != nil || keep != nil && !keep[hex.EncodeToString(k[:])] {
			r.Unreferenced++
		}
	}
	if s.bad {
		r.Damaged = append(r.Damaged, packName+"@"+strconv.FormatInt(s.end, 10))
	}
	return r, nil
}
