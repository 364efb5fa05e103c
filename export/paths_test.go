package export

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestValidPath(t *testing.T) {
	good := []string{"index.html", "articles/7/index.html", "media/abc.png", "static/a-b_c.css", "页面/文件.html", ".htaccess"}
	for _, p := range good {
		if err := validPath(p); err != nil {
			t.Errorf("validPath(%q) = %v, want ok", p, err)
		}
	}
	bad := []string{"", "/etc/passwd", "../x", "a/../../x", "a/..", "..", ".", "a//b", "a/./b", "a/", "a\\b",
		"..\\..\\x", "C:/x", "c:x", "a\x00b", "x\x00", "a\nb", ".copydesk-manifest.json", "a/.copydesk-x",
		"x" + tmpSuffix, string([]byte{0xff, 0xfe})}
	for _, p := range bad {
		err := validPath(p)
		var pe *PathError
		if !errors.As(err, &pe) {
			t.Errorf("validPath(%q) = %v, want a PathError", p, err)
			continue
		}
		if !strings.Contains(err.Error(), "refusing output path") {
			t.Errorf("unclear error: %v", err)
		}
	}
}

// TestWriterStaysInside writes hostile names through the site writer and
// checks that nothing appears outside the output directory.
func TestWriterStaysInside(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "site")
	w, err := openSite(out, false)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, p := range []string{"../escaped.html", "../../escaped.html", "/tmp/escaped.html", filepath.Join(base, "escaped.html"),
		"a/../../escaped.html", "ok\x00../../escaped.html", "..\\escaped.html"} {
		err := w.writeAll([]outFile{{Path: p, Data: []byte("x")}}, nil)
		if err == nil {
			t.Errorf("write %q: no error", p)
		}
		if err := w.removeAll([]string{p}, nil); err == nil {
			t.Errorf("remove %q: no error", p)
		}
	}
	// A symbolic link inside the output directory that points outside:
	// os.Root refuses to follow it.
	outside := filepath.Join(base, "outside")
	if err := os.Mkdir(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(out, "articles")); err != nil {
		t.Fatal(err)
	}
	if err := w.writeAll([]outFile{{Path: "articles/1/index.html", Data: []byte("x")}}, nil); err == nil {
		t.Error("write through a symlink leading outside: no error")
	}
	checkOnly(t, base, "site", "outside")
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("files written outside through the symlink: %v", entries)
	}
}

// checkOnly fails if base holds other entries than names.
func checkOnly(t *testing.T, base string, names ...string) {
	t.Helper()
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !contains(names, e.Name()) {
			t.Errorf("unexpected %s in %s", e.Name(), base)
		}
	}
}

// TestExportThroughSymlinkFails: an output directory whose articles/ is a
// symbolic link to elsewhere makes the export fail, writing nothing there.
func TestExportThroughSymlinkFails(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{out, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink("../outside", filepath.Join(out, "articles")); err != nil {
		t.Fatal(err)
	}
	_, err := Export(genSource(2, 300, 0), out, Options{NoSync: true})
	if err == nil {
		t.Fatal("export through an escaping symlink succeeded")
	}
	t.Logf("error (expected): %v", err)
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Errorf("files written outside: %v", entries)
	}
}

// TestHostileNames: a media file's stored name, a hostile media SHA-256
// and a theme's static file names never decide where a file goes.
func TestHostileNames(t *testing.T) {
	base := t.TempDir()
	out := filepath.Join(base, "site")
	img := newMedia(genPNG(3, 20, 20), "../../../escaped.png", "图", "")
	img.Name = "/etc/passwd\x00.png"
	a := genArticle(1, 200, []string{img.ID})
	src := &memSource{arts: []Article{a}, media: map[string]MediaFile{img.ID: img}}
	res := mustExport(t, src, out, Options{NoSync: true})
	if !contains(res.Written, "media/"+img.SHA256+".png") {
		t.Errorf("media not named by hash: %v", res.Written)
	}
	checkOnly(t, base, "site")

	// A SHA-256 that tries to climb out is refused with a clear error.
	bad := img
	bad.SHA256 = "../../" + img.SHA256[6:]
	src.media[img.ID] = bad
	res, err := Export(src, filepath.Join(base, "site2"), Options{NoSync: true, Force: true})
	if err != nil || len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Error(), "article 1: media "+img.ID) {
		t.Errorf("hostile SHA-256: err = %v, failed %v", err, res.Failed)
	}

	// Theme static names: fs.FS cannot even hold "..", but a name that
	// would overwrite a generated file or the manifest is refused.
	for name, want := range map[string]string{
		"static/index.html":              "would overwrite",
		"static/articles/1/index.html":   "would overwrite",
		"static/.copydesk-manifest.json": "reserved",
	} {
		theme := fstest.MapFS{name: {Data: []byte("x")}}
		_, err := Export(genSource(1, 100, 0), filepath.Join(base, "site3"), Options{NoSync: true, ThemeDir: theme})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("theme file %s: err = %v, want %q", name, err, want)
		}
	}
	checkOnly(t, base, "site", "site2", "site3")
	if entries, _ := os.ReadDir(filepath.Join(base, "site3")); len(entries) > 1 { // the lock file at most
		t.Errorf("refused theme still wrote: %v", entries)
	}
}

// Force repairs a site whose files were changed behind the export's back:
// a page edited by hand and a file replaced by a symlink to a file outside
// the site (feed.xml → a secret) are written again; the site is then the
// export's, byte for byte, and the file outside is untouched. Before, the
// manifest's hashes alone decided: Force reported every file unchanged and
// the site kept serving the symlink's target.
func TestForceRepairsFilesChangedOnDisk(t *testing.T) {
	src := genSource(3, 300, 0)
	opts := Options{NoSync: true, BaseURL: "https://news.example.edu.cn/"}
	ref := t.TempDir()
	mustExport(t, src, ref, opts)
	want := snapshot(t, ref)
	dir := t.TempDir()
	mustExport(t, src, dir, opts)
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("root:x:0:0"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "feed.xml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "feed.xml")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, articlePath(src.arts[1].ID)), []byte("defaced"), 0o644); err != nil {
		t.Fatal(err)
	}
	opts.Force = true
	res := mustExport(t, src, dir, opts)
	if !contains(res.Written, "feed.xml") || !contains(res.Written, articlePath(src.arts[1].ID)) || len(res.Written) != 2 {
		t.Errorf("Force wrote %v, want feed.xml and the defaced page only", res.Written)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "feed.xml")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("feed.xml after Force: %v %v", fi.Mode(), err)
	}
	got := snapshot(t, dir)
	for p, f := range want {
		if !bookkeeping(p) && got[p].data != f.data {
			t.Errorf("%s differs from a fresh export after Force", p)
		}
	}
	if b, _ := os.ReadFile(secret); string(b) != "root:x:0:0" {
		t.Errorf("the symlink's target was written: %q", b)
	}
}

// A plain export (no Force) restores a site file that was deleted, or
// replaced by a symlink (to a file outside the site) or by a directory,
// since the last export: each is written again, the rest is not, and the
// symlink's target is untouched. Before, the manifest's hashes alone
// decided: the export said every file was unchanged and the site went on
// without the page (or serving the symlink's target) until --force
// (attacker, stop 21). A page whose content was edited in place is still
// only found by Force (TestForceRepairsFilesChangedOnDisk).
func TestExportRestoresFilesGoneFromTheSite(t *testing.T) {
	src := genSource(4, 300, 1)
	opts := Options{NoSync: true, BaseURL: "https://news.example.edu.cn/"}
	ref := t.TempDir()
	mustExport(t, src, ref, opts)
	want := snapshot(t, ref)
	dir := t.TempDir()
	mustExport(t, src, dir, opts)
	var media string
	for p := range want {
		if strings.HasPrefix(p, "media/") {
			media = p
		}
	}
	if media == "" {
		t.Fatal("no media file in the site")
	}
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("root:x:0:0"), 0o600); err != nil {
		t.Fatal(err)
	}
	gone := []string{articlePath(src.arts[0].ID), media, "index.html"}
	for _, p := range gone {
		if err := os.Remove(filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	linked := []string{"feed.xml", articlePath(src.arts[2].ID), "style.css"}
	for _, p := range linked {
		if err := os.Remove(filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(secret, filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	dirred := articlePath(src.arts[3].ID)
	if err := os.Remove(filepath.Join(dir, dirred)); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, dirred), 0o755); err != nil {
		t.Fatal(err)
	}
	res, err := Export(src, dir, opts)
	wantWritten := append(append(slices.Clone(gone), linked...), dirred)
	if err != nil {
		// a directory in a page's place is refused, clearly, never kept
		if !strings.Contains(err.Error(), dirred) {
			t.Fatalf("export: %v", err)
		}
		if err := os.Remove(filepath.Join(dir, dirred)); err != nil {
			t.Fatal(err)
		}
		res = mustExport(t, src, dir, opts)
	}
	for _, p := range wantWritten {
		if !contains(res.Written, p) {
			t.Errorf("%s was not written again (written: %v)", p, res.Written)
		}
		if fi, err := os.Lstat(filepath.Join(dir, p)); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("%s after the export: %v", p, err)
		}
	}
	got := snapshot(t, dir)
	for p, f := range want {
		if !bookkeeping(p) && got[p].data != f.data {
			t.Errorf("%s differs from a fresh export", p)
		}
	}
	if b, _ := os.ReadFile(secret); string(b) != "root:x:0:0" {
		t.Errorf("the symlink's target was written: %q", b)
	}
	if res := mustExport(t, src, dir, opts); len(res.Written) != 0 {
		t.Errorf("the next export wrote %v", res.Written)
	}
}
