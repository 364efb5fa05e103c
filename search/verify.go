package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/copydesk/copydesk/locale"
)

// Segment verification.
//
// bleve reads a segment (a zap file under <dir>/store) through a read-only
// mapping and never checks its checksum: damage inside the term
// dictionary, the postings or the stored fields either fails a search
// with a decoder error, or silently reads as fewer (or no) matches. Every
// zap version bleve writes (11–17) ends with the same footer tail:
//
//	… | version uint32 (big-endian) | CRC-32 uint32 (big-endian)
//
// where the CRC-32 (IEEE, hash/crc32) covers every byte of the file before
// it (zapx write.go persistFooter: "CRC-32 of everything upto but not
// including this CRC"). The verifier checks it for every segment of the
// index's current snapshot: when the index opens and whenever the segment
// set is walked again (releaseSegments, every releaseSegmentsAfter
// searches and on Run's tick), so a segment a merge wrote, or a file
// replaced behind the index's back, is checked before long.
//
// Cost: checking reads the whole file (~120 ms for the 300 MiB segment of
// the 100,000-article index from the page cache; BENCHMARKS.md, Search,
// "Verifying segments"). Zap files are written once and never changed,
// so a file is read once per version: the verifier remembers, per file,
// its size, modification time, inode and footer CRC when it last matched,
// in memory and in a small sidecar file (<dir>/copydesk-verified), and a
// file whose four still agree is not read again — a later open costs a
// stat and a 4-byte read per segment. A file written again (damage by a
// program, a restore, a copy) changes its modification time and is read
// again, and so is one whose inode change time moved (a write that set
// the modification time back: ctime cannot be set). Damage that changes
// none of them (a disk's silent bit rot) is caught by recheck: a search
// that finds nothing reads every segment again before it says so (at
// most once per recheckEvery), so a damaged index never answers "no
// hits" from a version verified before it rotted.

// verifiedName is the sidecar in the index directory that lists the
// segment files already verified.
const verifiedName = "copydesk-verified"

// verifiedHeader is the sidecar's first line (its format).
const verifiedHeader = "copydesk-verified 2" // 2: with ctime (1: read everything again)

// segVersion is one version of a segment file on disk: if any field
// differs, the file changed since it was verified.
type segVersion struct {
	size  int64
	mtime int64 // nanoseconds since the epoch
	ctime int64 // inode change time, nanoseconds since the epoch (0 if unknown)
	ino   uint64
	crc   uint32 // the footer's
}

// verifier remembers which segment files of one index directory were
// verified. Safe for concurrent use.
type verifier struct {
	dir string

	mu     sync.Mutex
	known  map[string]segVersion // base name → version verified
	fullAt time.Time             // last recheck (every file read whole)
}

// recheckEvery bounds how often recheck reads the segments whole: a
// search with no hits costs one full read (about 90 CPU-ms at 100,000
// articles, BENCHMARKS.md "Verifying segments") at most this often.
const recheckEvery = 30 * time.Second

// newVerifier returns the verifier of the index at dir, with what its
// sidecar says was verified (nothing if it is missing or unreadable).
func newVerifier(dir string) *verifier {
	v := &verifier{dir: dir, known: map[string]segVersion{}}
	raw, err := os.ReadFile(filepath.Join(dir, verifiedName))
	if err != nil || len(raw) > 1<<20 {
		return v
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	if !sc.Scan() || sc.Text() != verifiedHeader {
		return v
	}
	known := map[string]segVersion{}
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) != 6 || !strings.HasSuffix(f[0], ".zap") || strings.ContainsAny(f[0], `/\`) {
			return v // not ours: read everything again
		}
		size, e1 := strconv.ParseInt(f[1], 10, 64)
		mtime, e2 := strconv.ParseInt(f[2], 10, 64)
		ctime, e5 := strconv.ParseInt(f[3], 10, 64)
		ino, e3 := strconv.ParseUint(f[4], 10, 64)
		crc, e4 := strconv.ParseUint(f[5], 16, 32)
		if e1 != nil || e2 != nil || e3 != nil || e4 != nil || e5 != nil {
			return v
		}
		known[f[0]] = segVersion{size: size, mtime: mtime, ctime: ctime, ino: ino, crc: uint32(crc)}
	}
	v.known = known
	return v
}

// check verifies the segment files at paths (those of one snapshot, which
// the caller holds so none is removed meanwhile): each one whose version
// was verified before costs a stat and a 4-byte read; any other is read
// whole and its CRC-32 compared with its footer's. A mismatch, a file too
// short for a footer, or one that cannot be read is damage: the error
// names the file (locale "SearchErrSegment"). What was verified is
// remembered, and the sidecar rewritten when that changed (best effort:
// without it the next open reads the files again).
func (v *verifier) check(paths []string) error {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.checkLocked(paths, false)
}

// recheck is check reading every file whole, whatever was verified
// before (a disk's bit rot changes no stat field), unless it ran less
// than recheckEvery ago; ran tells whether it did.
func (v *verifier) recheck(paths []string, now time.Time) (ran bool, err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.fullAt.IsZero() && now.Sub(v.fullAt) < recheckEvery {
		return false, nil
	}
	v.fullAt = now
	return true, v.checkLocked(paths, true)
}

func (v *verifier) checkLocked(paths []string, full bool) error {
	changed := false
	live := make(map[string]bool, len(paths))
	for _, p := range paths {
		name := filepath.Base(p)
		live[name] = true
		cur, err := segVersionOf(p)
		if err != nil {
			return locale.NewError("SearchErrSegment", locale.Args{"File": name, "Err": err}, err)
		}
		if !full && v.known[name] == cur {
			continue
		}
		if err := verifySegment(p, cur); err != nil {
			delete(v.known, name)
			return locale.NewError("SearchErrSegment", locale.Args{"File": name, "Err": err}, err)
		}
		if v.known[name] != cur {
			v.known[name], changed = cur, true
		}
	}
	for name := range v.known {
		if !live[name] {
			delete(v.known, name) // merged away
			changed = true
		}
	}
	if changed {
		v.save()
	}
	return nil
}

// save writes the sidecar (write a new file, then rename it over the old).
func (v *verifier) save() {
	names := make([]string, 0, len(v.known))
	for n := range v.known {
		names = append(names, n)
	}
	slices.Sort(names)
	var b strings.Builder
	b.WriteString(verifiedHeader + "\n")
	for _, n := range names {
		k := v.known[n]
		fmt.Fprintf(&b, "%s %d %d %d %d %08x\n", n, k.size, k.mtime, k.ctime, k.ino, k.crc)
	}
	path := filepath.Join(v.dir, verifiedName)
	tmp := path + ".new"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o600); err != nil {
		_ = os.Remove(tmp)
		return
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
	}
}

// footerTail is the part of every zap version's footer check reads: the
// version and the CRC-32, both uint32 big-endian, at the file's end.
const footerTail = 8

// errSegmentShort and errSegmentCRC are the two ways a segment fails its
// check besides a read error.
var (
	errSegmentShort = locale.NewError("SearchErrSegmentShort", nil)
	errSegmentCRC   = locale.NewError("SearchErrSegmentCRC", nil)
)

// segVersionOf stats the segment file at p and reads its footer CRC.
func segVersionOf(p string) (segVersion, error) {
	f, err := os.Open(p)
	if err != nil {
		return segVersion{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return segVersion{}, err
	}
	if fi.Size() < footerTail {
		return segVersion{}, errSegmentShort
	}
	var tail [4]byte
	if _, err := f.ReadAt(tail[:], fi.Size()-4); err != nil {
		return segVersion{}, err
	}
	return segVersion{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: fileCtime(fi), ino: fileIno(fi),
		crc: binary.BigEndian.Uint32(tail[:])}, nil
}

// segmentsRead counts the segment files verifySegment read whole (tests:
// a file verified before is not read again).
var segmentsRead atomic.Int64

// verifySegment reads the segment file at p and compares the CRC-32 of
// everything before its last 4 bytes with want.crc. A file whose footer
// names a zap version this code does not know (a later bleve) is not
// judged: bleve itself refuses a version it cannot read.
func verifySegment(p string, want segVersion) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	var ver [4]byte
	if _, err := f.ReadAt(ver[:], want.size-footerTail); err != nil {
		return err
	}
	if v := binary.BigEndian.Uint32(ver[:]); v < 11 || v > 17 {
		return nil
	}
	segmentsRead.Add(1)
	h := crc32.NewIEEE()
	n, err := io.CopyBuffer(h, io.NewSectionReader(f, 0, want.size-4), make([]byte, 256<<10))
	if err != nil {
		return err
	}
	if n != want.size-4 {
		return errSegmentShort
	}
	if h.Sum32() != want.crc {
		return errSegmentCRC
	}
	return nil
}

// snapshotSegments calls fn with the paths of the segment files of idx's
// current snapshot, holding the snapshot (reference counted: the merger
// removes none of those files) until fn returns. Not a scorch index, or
// no snapshot: fn is not called.
func snapshotSegments(idx bleve.Index, fn func(paths []string)) {
	adv, err := idx.Advanced()
	if err != nil {
		return
	}
	r, err := adv.Reader()
	if err != nil {
		return
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return
	}
	var paths []string
	for _, ss := range snap.Segments() {
		if p, ok := ss.Segment().(interface{ Path() string }); ok && p.Path() != "" {
			paths = append(paths, p.Path())
		}
	}
	fn(paths)
}
