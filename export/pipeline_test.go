package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// streamSource is memSource as a BodySource: Heads without bodies, one
// Body at a time, counting the calls.
type streamSource struct {
	*memSource
	bodies   int
	failBody uint64 // Body of this id fails
}

func (s *streamSource) Heads() ([]Article, error) {
	list, err := s.Articles()
	for i := range list {
		list[i].Body = ""
	}
	return list, err
}

func (s *streamSource) Body(id uint64) (string, error) {
	s.bodies++
	if id == s.failBody {
		return "", errors.New("bbolt: page read error (simulated)")
	}
	for i := range s.arts {
		if s.arts[i].ID == id {
			return s.arts[i].Body, nil
		}
	}
	return "", fmt.Errorf("article %d: %w", id, fs.ErrNotExist)
}

// dirs lists every directory below dir.
func dirs(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestPipelineHoldsAtMostWorkers: a full export streams the articles
// through the workers: never more articles are held (body read, result
// not collected) than there are workers, each body is read once, and the
// site is the same as one exported from a Source that hands over every
// body at once.
func TestPipelineHoldsAtMostWorkers(t *testing.T) {
	for _, workers := range []int{1, 3} {
		t.Run(fmt.Sprint("workers=", workers), func(t *testing.T) {
			saved := pipelineWorkers
			pipelineWorkers = func() int { return workers }
			maxHeld, calls := 0, 0
			pipelineWatch = func(held, w int) {
				calls++
				if w != workers {
					t.Errorf("pipeline ran %d workers, want %d", w, workers)
				}
				maxHeld = max(maxHeld, held)
			}
			defer func() { pipelineWorkers, pipelineWatch = saved, nil }()

			mem := genSource(40, 300, 2)
			src := &streamSource{memSource: mem}
			streamed, whole := t.TempDir(), t.TempDir()
			res := mustExport(t, src, streamed, Options{NoSync: true})
			if res.Rendered != 40 || src.bodies != 40 {
				t.Fatalf("rendered %d articles reading %d bodies, want 40 and 40", res.Rendered, src.bodies)
			}
			if maxHeld > workers || maxHeld < 1 || calls < 80 {
				t.Errorf("at most %d articles held at once (%d reports), want 1…%d", maxHeld, calls, workers)
			}
			mustExport(t, mem, whole, Options{NoSync: true})
			a, b := snapshot(t, streamed), snapshot(t, whole)
			for p := range a {
				if a[p].data != b[p].data {
					t.Errorf("%s differs between a streamed and a whole export", p)
				}
			}
			if len(a) != len(b) {
				t.Errorf("streamed export wrote %d files, whole %d", len(a), len(b))
			}

			// Unchanged: nothing rendered, no body read.
			src.bodies = 0
			res = mustExport(t, src, streamed, Options{NoSync: true})
			if res.Rendered != 0 || src.bodies != 0 || len(res.Written) != 0 {
				t.Errorf("re-export rendered %d, read %d bodies, wrote %v", res.Rendered, src.bodies, res.Written)
			}
		})
	}
}

// TestStreamFailureLeavesNothing: a body that cannot be read in the middle
// of a streamed export fails the export and leaves the site as it was:
// no file changed, no temporary file and no new directory left behind.
func TestStreamFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	mustExport(t, genSource(10, 300, 2), dir, Options{NoSync: true})
	before, beforeDirs := snapshot(t, dir), dirs(t, dir)

	src := &streamSource{memSource: genSource(30, 300, 2), failBody: 25}
	_, err := Export(src, dir, Options{NoSync: true})
	if err == nil || !strings.Contains(err.Error(), "page read error") {
		t.Fatalf("err = %v, want the body read error", err)
	}
	if d := changed(before, snapshot(t, dir)); len(d) != 0 {
		t.Errorf("failed export changed %v", d)
	}
	if after := dirs(t, dir); !reflect.DeepEqual(beforeDirs, after) {
		t.Errorf("failed export left directories: %v, was %v", after, beforeDirs)
	}
	// And a later export converges.
	src.failBody = 0
	res := mustExport(t, src, dir, Options{NoSync: true})
	if len(res.Failed) != 0 || !strings.Contains(readSite(t, dir, "index.html"), "第30期") {
		t.Errorf("after the failure, export failed %v", res.Failed)
	}
}

// TestFilterAndPageHooks: an article a filter refuses is taken off the
// site (page and index entry); page hooks shape the page data.
func TestFilterAndPageHooks(t *testing.T) {
	dir := t.TempDir()
	src := genSource(6, 300, 0)
	mustExport(t, src, dir, Options{NoSync: true})
	if _, err := os.Stat(filepath.Join(dir, articlePath(3))); err != nil {
		t.Fatal(err)
	}
	savedF, savedH := articleFilters, pageHooks
	defer func() { articleFilters, pageHooks = savedF, savedH }()
	articleFilters = append(articleFilters, func(_ *site, a *Article) bool { return a.ID != 3 })
	pageHooks = append(pageHooks, func(_ *site, a *Article, d *ArticleData) { d.Subtitle = fmt.Sprintf("钩子%d", a.ID) })

	res := mustExport(t, src, dir, Options{NoSync: true, Force: true})
	if !contains(res.Removed, articlePath(3)) {
		t.Errorf("filtered article 3 not removed: %v", res.Removed)
	}
	if strings.Contains(readSite(t, dir, "index.html"), "第3期") {
		t.Error("index still lists the filtered article")
	}
	if !strings.Contains(readSite(t, dir, articlePath(5)), "钩子5") {
		t.Error("page hook's data not on the page")
	}
	bad, err := Check(src, Options{})
	if err != nil || len(bad) != 0 {
		t.Errorf("Check with a filter: %v %v", bad, err)
	}
}

// The provenance record is in each article's page (<meta
// name="copydesk:provenance">), not in a provenance.json beside it: an
// article writes one file and its directory. A site exported by copydesk
// before renderVersion 3 (a provenance.json per article, listed in the
// manifest) is published from those files until the next export, which
// removes them; SiteArticles then reads the manifest.
func TestProvenanceInPage(t *testing.T) {
	src := genSource(8, 300, 2)
	dir := t.TempDir()
	opts := Options{NoSync: true, BaseURL: "https://news.example.edu.cn/"}
	res := mustExport(t, src, dir, opts)
	for _, a := range src.arts {
		ents, err := os.ReadDir(filepath.Join(dir, "articles", strconv.FormatUint(a.ID, 10)))
		if err != nil || len(ents) != 1 || ents[0].Name() != "index.html" {
			t.Fatalf("article %d's directory: %v %v; want index.html alone", a.ID, ents, err)
		}
		p := pageProvenance(t, readSite(t, dir, articlePath(a.ID)))
		if p.ID != a.ID || p.Rev != a.Rev || p.ContentHash != a.ContentHash || p.Generator != "copydesk" ||
			p.URL != "https://news.example.edu.cn/articles/"+strconv.FormatUint(a.ID, 10)+"/" ||
			p.Title != a.Title || len(p.Approvals) != len(a.Approvals) || !p.SignedAt.Equal(a.SignedAt) {
			t.Errorf("article %d: page's provenance %+v", a.ID, p)
		}
	}
	for _, p := range res.Written {
		if strings.HasPrefix(p, "articles/") && !strings.HasSuffix(p, "/index.html") && !strings.HasPrefix(p, "articles/media") {
			t.Errorf("export wrote %s", p)
		}
	}
	fromManifest, err := SiteArticles(dir)
	if err != nil || len(fromManifest) != 8 {
		t.Fatalf("SiteArticles = %v, %v", fromManifest, err)
	}
	for i, pa := range fromManifest {
		a := src.arts[i]
		if pa.ID != a.ID || pa.Rev != a.Rev || pa.Hash != a.ContentHash || pa.URL != "https://news.example.edu.cn/articles/"+strconv.FormatUint(a.ID, 10)+"/" {
			t.Errorf("SiteArticles[%d] = %+v", i, pa)
		}
	}

	// The site as copydesk before renderVersion 3 left it: a sidecar per
	// article, in the manifest with the sidecar's key where Pub is now,
	// and render keys of that version.
	root, err := os.OpenRoot(dir)
	if err != nil {
		t.Fatal(err)
	}
	m, err := readSiteManifest(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range src.arts {
		old := Provenance{ID: a.ID, Title: a.Title, URL: "https://news.example.edu.cn/articles/" + strconv.FormatUint(a.ID, 10) + "/",
			Rev: a.Rev, ContentHash: a.ContentHash, Approvals: []ProvenanceApproval{}, Generator: "copydesk"}
		b, _ := json.MarshalIndent(old, "", "  ")
		pp := provenancePath(a.ID)
		if err := root.WriteFile(pp, b, 0o644); err != nil {
			t.Fatal(err)
		}
		m.Files[pp] = hashOf(b)
		id := strconv.FormatUint(a.ID, 10)
		e := m.Articles[id]
		e.Key, e.Pub = "old-"+e.Key, strings.Repeat("ab", 32)
		e.Files = append(e.Files, pp)
		sort.Strings(e.Files)
		m.Articles[id] = e
	}
	if err := root.WriteFile(manifestName, encodeManifestLog(m), 0o644); err != nil {
		t.Fatal(err)
	}
	root.Close()
	if old, err := SiteArticles(dir); err != nil || !reflect.DeepEqual(old, fromManifest) {
		t.Errorf("SiteArticles of the old site = %v, %v; want %v", old, err, fromManifest)
	}
	res = mustExport(t, src, dir, opts)
	if res.Rendered != 8 || len(res.Removed) != 8 {
		t.Errorf("export of the old site: rendered %d, removed %v; want 8 and the 8 sidecars", res.Rendered, res.Removed)
	}
	for _, a := range src.arts {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(provenancePath(a.ID)))); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("article %d's provenance.json is still there: %v", a.ID, err)
		}
	}
	if now, err := SiteArticles(dir); err != nil || !reflect.DeepEqual(now, fromManifest) {
		t.Errorf("SiteArticles after the export = %v, %v; want %v", now, err, fromManifest)
	}
	fresh := t.TempDir()
	mustExport(t, src, fresh, opts)
	a, b := snapshot(t, dir), snapshot(t, fresh)
	for p := range a {
		if _, ok := b[p]; !ok {
			t.Errorf("the old site exported again has %s, a fresh export has not", p)
		}
	}
	for p := range b {
		if p != manifestName && a[p].data != b[p].data {
			t.Errorf("%s differs from a fresh export", p)
		}
	}
}

// pageProvenance reads the provenance record a page carries (its one
// <meta name="copydesk:provenance">).
func pageProvenance(t *testing.T, page string) Provenance {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var raw []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "meta" {
			attrs := map[string]string{}
			for _, at := range n.Attr {
				attrs[at.Key] = at.Val
			}
			if attrs["name"] == "copydesk:provenance" {
				raw = append(raw, attrs["content"])
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(raw) != 1 {
		t.Fatalf("%d provenance records in the page, want 1", len(raw))
	}
	var p Provenance
	if err := json.Unmarshal([]byte(raw[0]), &p); err != nil {
		t.Fatalf("the page's provenance record: %v\n%s", err, raw[0])
	}
	return p
}
