package export

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"slices"
	"sort"

	"github.com/copydesk/copydesk/locale"
)

// The manifest log (.copydesk-manifest.log) holds the Manifest so that
// an export after a small change reads it cheaply and writes only what
// changed:
//
//	log      = magic record*
//	magic    = "CDMF2\n"
//	record   = length:uint32le crc:uint32le payload   (CRC-32C of payload)
//	payload  = kind:byte op*                          ('S' snapshot, 'D' delta)
//	op       = 'v' site | 'f' path hash | 'F' path | 'p' path key | 'P' path
//	         | 'a' id key cache pub summary count path* | 'A' id
//	         | 'n' files:uvarint pages:uvarint articles:uvarint (a snapshot's sizes)
//	string   = length:uvarint bytes
//
// The first record is a snapshot of the whole manifest; each later record
// is the delta one export made ('f' sets a file's hash, 'F' forgets a
// file, 'p'/'P' the same for list pages' render keys, 'a'/'A' for
// articles, 'v' the site key). Reading costs one read of the file and no
// allocation per string (every string is a slice of one copy of the file);
// an export after one edit appends one delta of a few hundred bytes (one
// write, one fsync) instead of rewriting the manifest. When the deltas
// outgrow the snapshot (compactSlack), the export writes a new snapshot
// instead: a temporary file renamed over the log, as the first export, a
// migration from the JSON manifest and a repair do.
//
// Crash safety. An append is preceded by the pending marker
// (.copydesk-pending.json), removed after the append's fsync: a record cut
// short or failing its checksum at the end of the log, while the marker is
// there, is the append of a run that died, and is dropped (the marker's
// paths are distrusted as usual). Anywhere else, or without the marker,
// it is damage: the export renders and writes every page again, forgets
// what it cannot trust (Result.Note) and writes a new snapshot; it never
// fails or crashes on a damaged manifest.
//
// Migration. A .copydesk-manifest.json (copydesk before the log, or a
// migration that died before removing it) is the manifest when present;
// the export writes its content as a snapshot, then removes the JSON.
const (
	manifestLogMagic = "CDMF2\n"
	recSnapshot      = 'S'
	recDelta         = 'D'
	opSite           = 'v'
	opFile           = 'f'
	opFileDel        = 'F'
	opPage           = 'p'
	opPageDel        = 'P'
	opArticle        = 'a'
	opArticleDel     = 'A'
	opSizes          = 'n' // files, pages, articles: how big to make the maps
)

// compactSlack: a new snapshot is written when the log would exceed twice
// its snapshot plus this many bytes (tests lower it).
var compactSlack int64 = 64 << 10

var crc32c = crc32.MakeTable(crc32.Castagnoli)

// manifestState is what reading the manifest learned besides its content.
type manifestState struct {
	size    int64 // bytes of the log read and sound: an append goes there (0: no log)
	snapLen int64 // bytes of its magic and snapshot record
	legacy  bool  // the content came from the JSON manifest (.copydesk-manifest.json)
	// damaged says why the manifest cannot be trusted; the content is
	// then what could be read of it (its paths were the site's).
	damaged error
}

// loadManifest reads the manifest of the site below root: the JSON
// manifest when there is one, else the log. tolerateTail (a pending
// marker is present) lets a bad last record be dropped as an interrupted
// append. m is nil when the site has neither file; err is an error
// reading a file, never damage (see manifestState.damaged).
func loadManifest(root *os.Root, tolerateTail bool) (m *Manifest, st manifestState, err error) {
	raw, err := root.ReadFile(jsonManifestName)
	switch {
	case err == nil:
		st.legacy = true
		m, perr := parseManifest(raw)
		if perr != nil {
			st.damaged = perr
			return newManifest(), st, nil
		}
		return m, st, nil
	case !errors.Is(err, fs.ErrNotExist):
		return nil, st, locale.NewError("ExportReadManifest", locale.Args{"Err": err}, err)
	}
	data, err := root.ReadFile(manifestName)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, st, nil
	case err != nil:
		return nil, st, locale.NewError("ExportReadManifest", locale.Args{"Err": err}, err)
	}
	m, st = decodeManifestLog(data, tolerateTail)
	return m, st, nil
}

// readSiteManifest is loadManifest for a reader that does not write the
// site (Publish, SiteArticles): a missing manifest is fs.ErrNotExist, a
// damaged one (also a bad last record: such a reader runs without a
// pending marker) an error wrapping errManifestDamaged.
func readSiteManifest(root *os.Root) (*Manifest, error) {
	m, st, err := loadManifest(root, false)
	switch {
	case err != nil:
		return nil, err
	case m == nil:
		return nil, fs.ErrNotExist
	case st.damaged != nil:
		return nil, locale.NewError("ExportManifestUnreadable", locale.Args{"Err": st.damaged}, errManifestDamaged, st.damaged)
	}
	return m, nil
}

// errManifestDamaged marks the errors of a damaged manifest.
var errManifestDamaged = locale.NewError("ExportManifestDamagedBare", nil)

// decodeManifestLog decodes a manifest log (see the format above).
func decodeManifestLog(data []byte, tolerateTail bool) (*Manifest, manifestState) {
	var st manifestState
	m := newManifest()
	if len(data) < len(manifestLogMagic) || string(data[:len(manifestLogMagic)]) != manifestLogMagic {
		st.damaged = locale.NewError("ExportManifestMagic", nil)
		return m, st
	}
	s := string(data) // every string of m is a slice of this one copy
	off := len(manifestLogMagic)
	for off < len(s) {
		var bad error
		end := len(s) // where the bad record ends, to tell a tail
		switch {
		case len(s)-off < 8:
			bad = locale.NewError("ExportManifestShort", locale.Args{"N": off})
		default:
			n := int64(binary.LittleEndian.Uint32(data[off:]))
			sum := binary.LittleEndian.Uint32(data[off+4:])
			switch {
			case n > int64(len(s)-off-8):
				bad = locale.NewError("ExportManifestShort", locale.Args{"N": off})
			case crc32.Checksum(data[off+8:off+8+int(n)], crc32c) != sum:
				end = off + 8 + int(n)
				bad = locale.NewError("ExportManifestChecksum", locale.Args{"N": off})
			default:
				want := byte(recDelta)
				if st.snapLen == 0 {
					want = recSnapshot
				}
				if n == 0 || s[off+8] != want {
					bad = locale.NewError("ExportManifestMalformed", locale.Args{"N": off})
				} else if err := m.apply(s[off+9 : off+8+int(n)]); err != nil {
					bad = locale.NewError("ExportManifestMalformed", locale.Args{"N": off}, err)
				}
				end = off + 8 + int(n)
			}
		}
		if bad != nil {
			if tolerateTail && end == len(s) && st.snapLen > 0 {
				break // the append of an interrupted run: dropped
			}
			st.damaged = bad
			return m, st
		}
		off += 8 + int(int64(binary.LittleEndian.Uint32(data[off:])))
		if st.snapLen == 0 {
			st.snapLen = int64(off)
		}
		st.size = int64(off)
	}
	if st.snapLen == 0 {
		st.damaged = locale.NewError("ExportManifestMalformed", locale.Args{"N": len(manifestLogMagic)})
	}
	return m, st
}

// logReader reads the strings and numbers of one record's operations.
type logReader struct {
	s   string
	i   int
	bad bool
}

func (r *logReader) uvarint() uint64 {
	var x uint64
	for shift := uint(0); r.i < len(r.s) && shift < 64; shift += 7 {
		b := r.s[r.i]
		r.i++
		x |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return x
		}
	}
	r.bad = true
	return 0
}

func (r *logReader) str() string {
	n := r.uvarint()
	if r.bad || n > uint64(len(r.s)-r.i) {
		r.bad = true
		return ""
	}
	v := r.s[r.i : r.i+int(n)]
	r.i += int(n)
	return v
}

// apply applies one record's operations to m. Every path and hash is
// checked before it is recorded, so even a manifest read in part names
// only paths inside the site.
func (m *Manifest) apply(ops string) error {
	r := &logReader{s: ops}
	for r.i < len(r.s) && !r.bad {
		op := r.s[r.i]
		r.i++
		switch op {
		case opSite:
			m.Site = r.str()
		case opFile:
			p, h := r.str(), r.str()
			if r.bad {
				break
			}
			if err := validPath(p); err != nil {
				return err
			}
			if !isHexHash(h) {
				return locale.NewError("ExportManifestHash", locale.Args{"Path": p, "Hash": h})
			}
			m.Files[p] = h
		case opFileDel:
			delete(m.Files, r.str())
		case opPage:
			p, k := r.str(), r.str()
			m.Pages[p] = k
		case opPageDel:
			delete(m.Pages, r.str())
		case opArticle:
			id := r.str()
			e := ManifestArticle{Key: r.str(), Cache: r.str(), Pub: r.str(), Summary: r.str()}
			n := r.uvarint()
			if n > uint64(len(r.s)-r.i) { // each path takes a byte at least
				r.bad = true
				break
			}
			e.Files = make([]string, n)
			for i := range e.Files {
				e.Files[i] = r.str()
			}
			m.Articles[id] = e
		case opArticleDel:
			delete(m.Articles, r.str())
		case opSizes:
			// Room for the entries that follow (each takes 3 bytes at
			// least, so a false count cannot make a large allocation).
			limit := uint64(len(r.s)-r.i) / 3
			f, p, a := min(r.uvarint(), limit), min(r.uvarint(), limit), min(r.uvarint(), limit)
			if len(m.Files)+len(m.Pages)+len(m.Articles) == 0 {
				m.Files, m.Pages, m.Articles = make(map[string]string, f), make(map[string]string, p), make(map[string]ManifestArticle, a)
			}
		default:
			r.bad = true
		}
	}
	if r.bad {
		return locale.NewError("ExportManifestOp", locale.Args{"N": r.i})
	}
	return nil
}

// logWriter encodes operations.
type logWriter []byte

func (w *logWriter) str(s string) {
	*w = binary.AppendUvarint(*w, uint64(len(s)))
	*w = append(*w, s...)
}

func (w *logWriter) op(op byte, strs ...string) {
	*w = append(*w, op)
	for _, s := range strs {
		w.str(s)
	}
}

func (w *logWriter) article(id string, e ManifestArticle) {
	w.op(opArticle, id, e.Key, e.Cache, e.Pub, e.Summary)
	*w = binary.AppendUvarint(*w, uint64(len(e.Files)))
	for _, f := range e.Files {
		w.str(f)
	}
}

// record frames a payload (kind and operations) as a log record.
func record(payload []byte) []byte {
	out := make([]byte, 8, 8+len(payload))
	binary.LittleEndian.PutUint32(out, uint32(len(payload)))
	binary.LittleEndian.PutUint32(out[4:], crc32.Checksum(payload, crc32c))
	return append(out, payload...)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// encodeManifestLog returns a new log holding m as its snapshot (the same
// manifest gives the same bytes).
func encodeManifestLog(m *Manifest) []byte {
	w := logWriter{recSnapshot, opSizes}
	for _, n := range []int{len(m.Files), len(m.Pages), len(m.Articles)} {
		w = binary.AppendUvarint(w, uint64(n))
	}
	w.op(opSite, m.Site)
	for _, p := range sortedKeys(m.Files) {
		w.op(opFile, p, m.Files[p])
	}
	for _, p := range sortedKeys(m.Pages) {
		w.op(opPage, p, m.Pages[p])
	}
	for _, id := range sortedKeys(m.Articles) {
		w.article(id, m.Articles[id])
	}
	return append([]byte(manifestLogMagic), record(w)...)
}

// manifestDelta returns the delta record that turns old into next, or nil
// when they are equal. Its size is proportional to the change.
func manifestDelta(old, next *Manifest) []byte {
	var ops []string // sort keys: op byte + key, for a deterministic record
	w := logWriter{recDelta}
	if old.Site != next.Site {
		w.op(opSite, next.Site)
	}
	for p, h := range next.Files {
		if old.Files[p] != h {
			ops = append(ops, string(opFile)+p)
		}
	}
	for p := range old.Files {
		if _, ok := next.Files[p]; !ok {
			ops = append(ops, string(opFileDel)+p)
		}
	}
	for p, k := range next.Pages {
		if ok, had := old.Pages[p]; !had || ok != k {
			ops = append(ops, string(opPage)+p)
		}
	}
	for p := range old.Pages {
		if _, ok := next.Pages[p]; !ok {
			ops = append(ops, string(opPageDel)+p)
		}
	}
	for id, e := range next.Articles {
		if o, ok := old.Articles[id]; !ok || !sameArticle(o, e) {
			ops = append(ops, string(opArticle)+id)
		}
	}
	for id := range old.Articles {
		if _, ok := next.Articles[id]; !ok {
			ops = append(ops, string(opArticleDel)+id)
		}
	}
	if len(ops) == 0 && len(w) == 1 {
		return nil
	}
	sort.Strings(ops)
	for _, o := range ops {
		k := o[1:]
		switch o[0] {
		case opFile:
			w.op(opFile, k, next.Files[k])
		case opPage:
			w.op(opPage, k, next.Pages[k])
		case opArticle:
			w.article(k, next.Articles[k])
		default:
			w.op(o[0], k)
		}
	}
	return record(w)
}

func sameArticle(a, b ManifestArticle) bool {
	return a.Key == b.Key && a.Cache == b.Cache && a.Pub == b.Pub && a.Summary == b.Summary && slices.Equal(a.Files, b.Files)
}

// appendMeta appends rec to the exporter's file name at offset at (made
// durable with sync). It returns false, having written nothing, when the
// file is not at bytes long (then the caller writes a new snapshot).
func (w *siteWriter) appendMeta(name string, rec []byte, at int64) (bool, error) {
	f, err := w.root.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	if fi, err := f.Stat(); err != nil || !fi.Mode().IsRegular() || fi.Size() != at {
		return false, nil
	}
	if _, err := f.WriteAt(rec, at); err != nil {
		return true, locale.NewError("ExportWriteFile", locale.Args{"Path": name, "Err": err}, err)
	}
	if w.sync {
		if err := f.Sync(); err != nil {
			return true, locale.NewError("ExportSyncFile", locale.Args{"Path": name, "Err": err}, err)
		}
	}
	if err := f.Close(); err != nil {
		return true, locale.NewError("ExportWriteFile", locale.Args{"Path": name, "Err": err}, err)
	}
	return true, nil
}
