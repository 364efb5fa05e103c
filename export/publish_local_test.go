package export

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// bookkeeping tells whether a path is one of copydesk's own files
// (.copydesk-manifest.log, .copydesk-lock, .copydesk-publish-…).
func bookkeeping(p string) bool { return strings.HasPrefix(p, ".copydesk") }

// sameContent checks that the target b holds exactly the site exported into
// a — its pages, feeds and media, and none of copydesk's bookkeeping.
func sameContent(t *testing.T, a, b string) {
	t.Helper()
	sa, sb := snapshot(t, a), snapshot(t, b)
	for p := range sa {
		if bookkeeping(p) {
			delete(sa, p)
		}
	}
	for p := range sb {
		if strings.Contains(p, ".copydesk") {
			t.Errorf("the target %s holds copydesk's own file %s", b, p)
		}
	}
	if len(sa) != len(sb) {
		t.Errorf("trees differ: %d files vs %d", len(sa), len(sb))
	}
	for p, f := range sa {
		if g, ok := sb[p]; !ok || g.data != f.data {
			t.Errorf("%s differs between %s and %s", p, a, b)
		}
	}
}

func TestPublishLocal(t *testing.T) {
	src := genSource(30, 500, 1)
	site := t.TempDir()
	www := filepath.Join(t.TempDir(), "www")
	mustExport(t, src, site, Options{})
	man := siteManifest(t, site)

	var calls int
	res, err := Publish(site, www, PublishOptions{Progress: func(done, total int) { calls++ }})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Sent) != len(man.Files) || res.Unchanged != 0 || calls != len(man.Files) {
		t.Errorf("first publish sent %d of %d files (progress calls %d)", len(res.Sent), len(man.Files), calls)
	}
	sameContent(t, site, www)

	res, err = Publish(site, www, PublishOptions{})
	if err != nil || len(res.Sent) != 0 || len(res.Removed) != 0 {
		t.Fatalf("unchanged publish: %+v, %v", res, err)
	}

	// Edit one, withdraw another: exactly the exported changes travel.
	edit(&src.arts[27], "", "更正：会议地点改在图书馆报告厅。")
	src.arts = src.arts[1:]
	ex := mustExport(t, src, site, Options{})
	before := snapshot(t, www)
	res, err = Publish(site, www, PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Sent, ex.Written) || !reflect.DeepEqual(res.Removed, ex.Removed) {
		t.Errorf("publish sent %v removed %v; export wrote %v removed %v", res.Sent, res.Removed, ex.Written, ex.Removed)
	}
	after := snapshot(t, www)
	want := append(slices.Clone(ex.Written), ex.Removed...)
	if d := changed(before, after); !sameSet(d, want) {
		t.Errorf("target files touched %v, want %v", d, want)
	}
	sameContent(t, site, www)
	if _, err := os.Stat(filepath.Join(www, "articles/1")); !os.IsNotExist(err) {
		t.Error("withdrawn article's directory still on the target")
	}

	// A file changed by hand in the site is refused, not sent.
	edit(&src.arts[0], "", "再次更新。")
	mustExport(t, src, site, Options{})
	p := filepath.Join(site, "articles", "2", "index.html")
	if err := os.WriteFile(p, []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(site, www, PublishOptions{}); err == nil || !strings.Contains(err.Error(), "does not match the manifest") {
		t.Errorf("tampered site: err = %v", err)
	}
	if _, err := Publish(site, site, PublishOptions{}); err == nil || !strings.Contains(err.Error(), "site directory itself") {
		t.Errorf("publish onto itself: err = %v", err)
	}
	if _, err := Publish(t.TempDir(), www, PublishOptions{}); err == nil || !strings.Contains(err.Error(), "copydesk export") {
		t.Errorf("publish of a non-site: err = %v", err)
	}
}

// TestPublishLeavesNoBookkeeping: a target an older copydesk published to
// (manifest, pending marker and lock in the web root) is cleaned on the
// next publish, and its record is used once; the site directory keeps the
// record, and deleting it makes the next publish send everything again.
func TestPublishLeavesNoBookkeeping(t *testing.T) {
	src := genSource(5, 300, 0)
	site := t.TempDir()
	www := filepath.Join(t.TempDir(), "www")
	mustExport(t, src, site, Options{})
	if _, err := Publish(site, www, PublishOptions{}); err != nil {
		t.Fatal(err)
	}
	sameContent(t, site, www)
	// as an older copydesk left it
	man, _ := json.Marshal(siteManifest(t, site))
	for name, data := range map[string][]byte{jsonManifestName: man, lockName: nil, pendingName: []byte(`{"paths":["index.html"]}`)} {
		if err := os.WriteFile(filepath.Join(www, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	states, _ := filepath.Glob(filepath.Join(site, ".copydesk-publish-*"))
	if len(states) != 1 {
		t.Fatalf("records in the site directory: %v", states)
	}
	for _, f := range states {
		os.Remove(f)
	}
	res, err := Publish(site, www, PublishOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.Sent, []string{"index.html"}) {
		t.Errorf("publish after the legacy record sent %v, want the pending index.html only", res.Sent)
	}
	sameContent(t, site, www)
	// no record: everything again
	states, _ = filepath.Glob(filepath.Join(site, ".copydesk-publish-*"))
	for _, f := range states {
		os.Remove(f)
	}
	res, err = Publish(site, www, PublishOptions{})
	if err != nil || len(res.Sent) == 0 {
		t.Errorf("publish without a record: %d sent, %v", len(res.Sent), err)
	}
	sameContent(t, site, www)
}

func sameSet(a, b []string) bool {
	m := map[string]int{}
	for _, x := range a {
		m[x]++
	}
	for _, x := range b {
		m[x]--
	}
	for _, v := range m {
		if v != 0 {
			return false
		}
	}
	return true
}

func TestParseTarget(t *testing.T) {
	cases := map[string]Target{
		"/var/www/news":                    {Local: "/var/www/news"},
		"./site":                           {Local: "./site"},
		"site":                             {Local: "site"},
		"out/dir:x":                        {Local: "out/dir:x"},
		"web@news.example.edu.cn:/srv/www": {User: "web", Host: "news.example.edu.cn", Port: 22, Path: "/srv/www"},
		"web@host:2222:/srv/www":           {User: "web", Host: "host", Port: 2222, Path: "/srv/www"},
		"web@host:www":                     {User: "web", Host: "host", Port: 22, Path: "www"},
		"ssh://web@host:2200/srv/www":      {User: "web", Host: "host", Port: 2200, Path: "/srv/www"},
		"sftp://web@host/~/public_html":    {User: "web", Host: "host", Port: 22, Path: "public_html"},
		"web@[::1]:/srv/www":               {User: "web", Host: "::1", Port: 22, Path: "/srv/www"},
		"ssh://web@[::1]:2222/srv":         {User: "web", Host: "::1", Port: 2222, Path: "/srv"},
	}
	for in, want := range cases {
		got, err := ParseTarget(in)
		if err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "web@host:", "ssh://web@host/", "ssh://web:pw@host/x", "web@host:99999:/x", "ssh://host:0/x", "@:/x"} {
		if _, err := ParseTarget(bad); err == nil {
			t.Errorf("ParseTarget(%q): no error", bad)
		}
	}
}

// siteManifest reads the manifest of the site exported into dir.
func siteManifest(t *testing.T, dir string) *Manifest {
	t.Helper()
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	m, err := readSiteManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
