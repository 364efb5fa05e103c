package export

import (
	"encoding/binary"
	"encoding/json"
	"hash/crc32"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// loadDir reads the manifest of the site in dir as an export would
// (tolerateTail: a pending marker is present).
func loadDir(t *testing.T, dir string, tolerateTail bool) (*Manifest, manifestState) {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	m, st, err := loadManifest(root, tolerateTail)
	if err != nil {
		t.Fatal(err)
	}
	return m, st
}

func fileSize(t *testing.T, p string) int64 {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// sameSite checks that the site in dir is exactly the one a fresh export
// of src makes (copydesk's own files aside).
func sameSite(t *testing.T, src Source, dir string, opts Options) {
	t.Helper()
	ref := t.TempDir()
	mustExport(t, src, ref, opts)
	want, got := snapshot(t, ref), snapshot(t, dir)
	for p, f := range want {
		if !bookkeeping(p) && got[p].data != f.data {
			t.Errorf("%s differs from a fresh export", p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok && !bookkeeping(p) {
			t.Errorf("%s is on the site but a fresh export does not make it", p)
		}
	}
}

// TestManifestLogAppendsTheChange: an export after one edit appends a
// record of the size of the change (not of the site) that, read back,
// gives the manifest a fresh export writes; an unchanged re-export writes
// nothing; deltas outgrowing the snapshot are folded into a new one.
func TestManifestLogAppendsTheChange(t *testing.T) {
	src := genSource(200, 300, 1)
	dir := t.TempDir()
	opts := Options{NoSync: true, BaseURL: "https://news.example.edu.cn/"}
	mustExport(t, src, dir, opts)
	log := filepath.Join(dir, manifestName)
	size0 := fileSize(t, log)
	if _, st := loadDir(t, dir, false); st.damaged != nil || st.size != size0 || st.snapLen != size0 {
		t.Fatalf("first export's log: %+v, size %d", st, size0)
	}

	edit(&src.arts[150], "", "更新：时间改为下午三点。")
	res := mustExport(t, src, dir, opts)
	if res.Rendered != 1 || len(res.Written) != 3 { // the page, index page 3, the sitemap
		t.Fatalf("edit: rendered %d, written %v", res.Rendered, res.Written)
	}
	size1 := fileSize(t, log)
	if d := size1 - size0; d <= 0 || d > 3000 || d > size0/20 {
		t.Errorf("one edit grew the log by %d bytes (snapshot %d)", d, size0)
	}
	got, st := loadDir(t, dir, false)
	if st.damaged != nil || st.size != size1 || st.snapLen != size0 {
		t.Fatalf("log after the edit: %+v", st)
	}
	fresh := t.TempDir()
	mustExport(t, src, fresh, opts)
	want, _ := loadDir(t, fresh, false)
	if !reflect.DeepEqual(got, want) {
		t.Error("snapshot + delta differ from the manifest of a fresh export")
	}

	if res := mustExport(t, src, dir, opts); len(res.Written) != 0 || fileSize(t, log) != size1 {
		t.Errorf("unchanged re-export wrote %v, log %d → %d bytes", res.Written, size1, fileSize(t, log))
	}

	// Compaction: with the slack lowered so that a few deltas outgrow
	// it, the log is rewritten as one snapshot.
	defer func(s int64) { compactSlack = s }(compactSlack)
	compactSlack = 4000 - size0
	var peak int64
	compacted := false
	for i := 0; i < 20 && !compacted; i++ {
		edit(&src.arts[i%200], "", "再次更新。")
		mustExport(t, src, dir, opts)
		_, st := loadDir(t, dir, false)
		peak = max(peak, st.size)
		compacted = i > 0 && st.size == st.snapLen
	}
	if !compacted {
		t.Error("20 edits never compacted the log")
	}
	if peak > size0+4000+3000 {
		t.Errorf("the log reached %d bytes (snapshot %d)", peak, size0)
	}
	got, _ = loadDir(t, dir, false)
	fresh = t.TempDir()
	mustExport(t, src, fresh, opts)
	if want, _ := loadDir(t, fresh, false); !reflect.DeepEqual(got, want) {
		t.Error("compacted manifest differs from a fresh export's")
	}
	sameSite(t, src, dir, opts)
}

// TestManifestMigratesFromJSON: a site of an older copydesk
// (.copydesk-manifest.json) is taken over without rendering or writing a
// page; a migration that died after writing the log but before removing
// the JSON (pending marker still there) converges too.
func TestManifestMigratesFromJSON(t *testing.T) {
	src := genSource(30, 300, 1)
	dir := t.TempDir()
	opts := Options{NoSync: true}
	mustExport(t, src, dir, opts)
	m, _ := loadDir(t, dir, false)
	oldJSON, err := json.Marshal(m) // the format copydesk wrote before the log
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, jsonManifestName), oldJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, manifestName)); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	res := mustExport(t, src, dir, opts)
	if res.Rendered != 0 || len(res.Written) != 0 || len(res.Removed) != 0 || res.Note != nil {
		t.Fatalf("migration rendered %d, wrote %v, removed %v, note %v", res.Rendered, res.Written, res.Removed, res.Note)
	}
	if _, err := os.Stat(filepath.Join(dir, jsonManifestName)); !os.IsNotExist(err) {
		t.Errorf("the JSON manifest is still there (%v)", err)
	}
	after := snapshot(t, dir)
	for p, f := range before {
		if !bookkeeping(p) && after[p] != f {
			t.Errorf("migration touched %s", p)
		}
	}
	if got, st := loadDir(t, dir, false); st.damaged != nil || st.legacy || !reflect.DeepEqual(got, m) {
		t.Errorf("migrated manifest: %+v", st)
	}

	// Died mid-migration: the edit's files are in place, the log holds
	// the new state, the JSON the old one, the marker the changed paths.
	edit(&src.arts[3], "新标题", "更新。")
	res = mustExport(t, src, dir, opts)
	marker, _ := json.Marshal(pendingMarker{Paths: res.Written})
	if err := os.WriteFile(filepath.Join(dir, jsonManifestName), oldJSON, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, pendingName), marker, 0o644); err != nil {
		t.Fatal(err)
	}
	if res := mustExport(t, src, dir, opts); res.Note != nil {
		t.Errorf("interrupted migration reported damage: %v", res.Note)
	}
	for _, name := range []string{jsonManifestName, pendingName} {
		if _, err := os.Stat(filepath.Join(dir, name)); !os.IsNotExist(err) {
			t.Errorf("%s left behind", name)
		}
	}
	sameSite(t, src, dir, opts)
	if res := mustExport(t, src, dir, opts); len(res.Written)+len(res.Removed)+res.Rendered != 0 {
		t.Errorf("export after the repair: %+v", res)
	}
}

// TestManifestDamageRebuilds: whatever happened to the manifest, the
// export does not fail or crash: it renders and writes every page again,
// says so (Result.Note, in both languages), removes the files the
// readable part of the manifest names and no page produces, and leaves a
// sound manifest. Publish refuses the damaged manifest with an error.
func TestManifestDamageRebuilds(t *testing.T) {
	craft := func(ops ...byte) func([]byte) []byte {
		return func([]byte) []byte { return append([]byte(manifestLogMagic), record(ops)...) }
	}
	var badPath logWriter = []byte{recSnapshot}
	badPath.op(opFile, "../../etc/passwd", strings.Repeat("a", 64))
	var badHash logWriter = []byte{recSnapshot}
	badHash.op(opFile, "index.html", "xyz")
	var bigCount logWriter = []byte{recSnapshot}
	bigCount.op(opArticle, "1", "k", "c", "p", "s")
	bigCount = binary.AppendUvarint(bigCount, 1<<40)
	cases := []struct {
		name     string
		damage   func(log []byte) []byte
		salvaged bool // the snapshot is readable: stale files are removed
	}{
		{"garbage", func([]byte) []byte { return []byte("这不是清单 not a manifest") }, false},
		{"empty", func([]byte) []byte { return nil }, false},
		{"magic only", func([]byte) []byte { return []byte(manifestLogMagic) }, false},
		{"flipped byte in the snapshot", func(b []byte) []byte { b[len(manifestLogMagic)+40] ^= 0x20; return b }, false},
		{"flipped byte in the last delta", func(b []byte) []byte { b[len(b)-3] ^= 0x01; return b }, true},
		{"cut short, no pending marker", func(b []byte) []byte { return b[:len(b)-7] }, true},
		{"length past the end", func(b []byte) []byte {
			binary.LittleEndian.PutUint32(b[len(manifestLogMagic):], 0xffffffff)
			return b
		}, false},
		{"delta first", craft(recDelta, opSite, 0), false},
		{"unknown operation", craft(recSnapshot, 'z'), false},
		{"path outside the site", craft(badPath...), false},
		{"bad hash", craft(badHash...), false},
		{"huge file count", craft(bigCount...), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src := genSource(12, 300, 1)
			dir := t.TempDir()
			opts := Options{NoSync: true, PageSize: 5}
			mustExport(t, src, dir, opts)
			edit(&src.arts[2], "", "更新。")
			mustExport(t, src, dir, opts)
			log := filepath.Join(dir, manifestName)
			b, err := os.ReadFile(log)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(log, c.damage(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Publish(dir, t.TempDir(), PublishOptions{}); err == nil {
				t.Error("publish of a site with a damaged manifest succeeded")
			}
			src.arts = src.arts[1:] // article 1 withdrawn meanwhile
			res, err := Export(src, dir, opts)
			if err != nil {
				t.Fatalf("export over a damaged manifest: %v", err)
			}
			if res.Note == nil || res.Rendered != len(src.arts) {
				t.Fatalf("note %v, rendered %d of %d", res.Note, res.Rendered, len(src.arts))
			}
			zh, en := locale.Err(locale.ZH, res.Note), locale.Err(locale.EN, res.Note)
			if !strings.Contains(zh, "清单") || !strings.Contains(zh, "已损坏") || !strings.Contains(en, "damaged") {
				t.Errorf("note: %q / %q", zh, en)
			}
			if c.salvaged {
				sameSite(t, src, dir, opts)
			}
			if _, st := loadDir(t, dir, false); st.damaged != nil || st.size != st.snapLen {
				t.Errorf("manifest after the repair: %+v", st)
			}
			if res := mustExport(t, src, dir, opts); res.Note != nil || len(res.Written)+res.Rendered != 0 {
				t.Errorf("export after the repair: note %v, wrote %v, rendered %d", res.Note, res.Written, res.Rendered)
			}
			if _, err := Publish(dir, t.TempDir(), PublishOptions{}); err != nil {
				t.Errorf("publish after the repair: %v", err)
			}
		})
	}
}

// TestManifestTornAppend: an export killed while appending its record
// (pages in place, the record cut short, the pending marker still there)
// is completed by the next export without calling it damage; the same
// cut without the marker is damage, and repaired as such.
func TestManifestTornAppend(t *testing.T) {
	for _, marker := range []bool{true, false} {
		src := genSource(20, 300, 1)
		dir := t.TempDir()
		opts := Options{NoSync: true, PageSize: 5}
		mustExport(t, src, dir, opts)
		log := filepath.Join(dir, manifestName)
		size0 := fileSize(t, log)
		edit(&src.arts[10], "改过的标题", "更新。")
		res := mustExport(t, src, dir, opts)
		if err := os.Truncate(log, size0+5); err != nil {
			t.Fatal(err)
		}
		if marker {
			m, _ := json.Marshal(pendingMarker{Paths: res.Written})
			if err := os.WriteFile(filepath.Join(dir, pendingName), m, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		res = mustExport(t, src, dir, opts)
		if (res.Note != nil) == marker {
			t.Errorf("marker %v: note %v", marker, res.Note)
		}
		if marker && res.Rendered != 1 {
			t.Errorf("interrupted append: rendered %d, want the one article whose paths were pending", res.Rendered)
		}
		sameSite(t, src, dir, opts)
		if _, st := loadDir(t, dir, false); st.damaged != nil {
			t.Errorf("marker %v: manifest after: %v", marker, st.damaged)
		}
	}
}

// TestManifestRecordChecksum: the checksum is CRC-32C of the payload (the
// format documented in manifestlog.go).
func TestManifestRecordChecksum(t *testing.T) {
	r := record([]byte{recDelta, opSite, 1, 'x'})
	if binary.LittleEndian.Uint32(r) != 4 || binary.LittleEndian.Uint32(r[4:]) != crc32.Checksum(r[8:], crc32.MakeTable(crc32.Castagnoli)) {
		t.Errorf("record framing: % x", r)
	}
	// A snapshot claiming 2⁶³ entries reserves room for what follows only.
	huge := append([]byte(manifestLogMagic), record([]byte{recSnapshot, opSizes, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0, 0, opSite, 1, 'x'})...)
	if m, st := decodeManifestLog(huge, false); st.damaged != nil || m.Site != "x" || len(m.Files) != 0 {
		t.Errorf("huge sizes: %+v %v", st, m)
	}
}
