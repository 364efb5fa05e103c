// Package indextest damages a search index's segment file for tests, the
// way a bad disk, an interrupted copy or a person with the files would:
// garbage written over the file at a chosen offset, every time from the
// same good copy of the index directory. The search package's tests and
// the command line's use it.
package indextest

import (
	"encoding/binary"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// Garbage is what Damage writes at an offset (cut at the end of the file).
const Garbage = "garbage\xff\xfe\x00garbage"

// Segment is the one segment file of an index directory, with a copy of
// the whole directory taken when it was good.
type Segment struct {
	Dir  string // the index directory (<db>.search)
	Path string // the segment file, <Dir>/store/NNN.zap
	Good []byte // its bytes when it was good
	good string // the copy of Dir
}

// One finds the index at dir's only segment file (the test fails if
// there is not exactly one) and keeps a copy of dir. The index must be
// closed (or at least settled) when it is called.
func One(t testing.TB, dir string) *Segment {
	t.Helper()
	segs, _ := filepath.Glob(filepath.Join(dir, "store", "*.zap"))
	if len(segs) != 1 {
		t.Fatalf("segments in %s: %v", dir, segs)
	}
	good, err := os.ReadFile(segs[0])
	if err != nil {
		t.Fatal(err)
	}
	backup := t.TempDir()
	if err := os.CopyFS(backup, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	return &Segment{Dir: dir, Path: segs[0], Good: good, good: backup}
}

// Restore puts the good copy of the index directory back (whatever a
// rebuild or damage left there is removed).
func (s *Segment) Restore(t testing.TB) {
	t.Helper()
	if err := os.RemoveAll(s.Dir); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(s.Dir, os.DirFS(s.good)); err != nil {
		t.Fatal(err)
	}
}

// Damage restores the good index and writes Garbage over its segment at
// off (the file keeps its length).
func (s *Segment) Damage(t testing.TB, off int) {
	t.Helper()
	s.Restore(t)
	bad := slices.Clone(s.Good)
	copy(bad[off:], Garbage)
	if err := os.WriteFile(s.Path, bad, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Region is a part of a zap segment file, by what it holds.
type Region struct {
	Name       string
	Start, End int // byte offsets, End excluded
}

// Regions splits the good segment into its parts, read from its footer
// (zap v17, bleve's default: zapx zap.md): the stored fields (the
// documents' stored values; the file's start), their index, the index
// sections (each field's term dictionary, a vellum FST, and its postings:
// roaring bitmaps), the sections index and the footer (writer ID, number
// of documents, the offsets, chunk factor, version and the CRC-32). An
// empty part is left out. The test fails on another version.
func (s *Segment) Regions(t testing.TB) []Region {
	t.Helper()
	b := s.Good
	n := len(b)
	u32 := func(at int) int { return int(binary.BigEndian.Uint32(b[at:])) }
	u64 := func(at int) int { return int(binary.BigEndian.Uint64(b[at:])) }
	if v := u32(n - 8); v != 17 {
		t.Fatalf("%s: zap version %d, Regions knows 17", s.Path, v)
	}
	// footer from the end: CRC 4, version 4, chunk 4, sections index 8,
	// stored index 8, number of docs 8, writer ID length 4, writer ID
	sections, stored, docs := u64(n-20), u64(n-28), u64(n-36)
	footer := n - 40 - u32(n-40)
	parts := []Region{
		{"stored fields", 0, stored},
		{"stored fields index", stored, stored + 8*docs},
		{"dictionaries and postings", stored + 8*docs, sections},
		{"sections index", sections, footer},
		{"footer", footer, n},
	}
	var out []Region
	for _, r := range parts {
		if r.Start < 0 || r.End > n || r.Start > r.End {
			t.Fatalf("%s: region %s [%d,%d) outside the file (%d bytes)", s.Path, r.Name, r.Start, r.End, n)
		}
		if r.End > r.Start {
			out = append(out, r)
		}
	}
	return out
}

// Offsets picks offsets to damage: for every region its first and last
// byte and perRegion random ones inside it (seeded: the same offsets
// every run), every byte of the last 12 (CRC, version, chunk factor),
// sorted and without repeats.
func (s *Segment) Offsets(t testing.TB, perRegion int, seed uint64) []int {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var offs []int
	for _, r := range s.Regions(t) {
		offs = append(offs, r.Start, r.End-1)
		for range perRegion {
			offs = append(offs, r.Start+rng.IntN(r.End-r.Start))
		}
	}
	for i := len(s.Good) - 12; i < len(s.Good); i++ {
		offs = append(offs, i)
	}
	slices.Sort(offs)
	return slices.Compact(offs)
}
