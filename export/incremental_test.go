package export

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// edit changes an article the way a new signed revision would.
func edit(a *Article, title string, lead string) {
	a.Rev++
	if title != "" {
		a.Title = title
	}
	a.Body = lead + "\n\n" + a.Body
	a.UpdatedAt = a.UpdatedAt.Add(30 * 24 * time.Hour)
	rehash(a, a.UpdatedAt)
}

func TestIncrementalExport(t *testing.T) {
	src := genSource(50, 800, 2)
	// Article 30 gets a photo of its own, to see it go when it is withdrawn.
	own := newMedia(genPNG(77, 30, 20), "own.png", "独有图片", "")
	src.media[own.ID] = own
	src.arts[29].Body += "\n\n![独有图片](media:" + own.ID + ")\n"
	rehash(&src.arts[29], src.arts[29].SignedAt)

	dir := t.TempDir()
	opts := Options{BaseURL: "https://news.example.edu.cn/", PageSize: 20}
	res := mustExport(t, src, dir, opts)
	if res.Rendered != 50 || len(res.Removed) != 0 || len(res.Unchanged) != 0 {
		t.Fatalf("first export: rendered %d, removed %v, unchanged %d", res.Rendered, res.Removed, len(res.Unchanged))
	}
	for _, p := range []string{"index.html", "page/2/index.html", "page/3/index.html", "feed.xml", "sitemap.xml",
		"articles/1/index.html", "articles/50/index.html", "media/" + own.SHA256 + ".png", manifestName} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "page/4/index.html")); err == nil {
		t.Error("page 4 exists for 50 articles of 20 per page")
	}
	s0 := snapshot(t, dir)

	// Nothing changed: nothing is rendered or written.
	res = mustExport(t, src, dir, opts)
	if len(res.Written) != 0 || len(res.Removed) != 0 || res.Rendered != 0 {
		t.Fatalf("unchanged re-export wrote %v, removed %v, rendered %d", res.Written, res.Removed, res.Rendered)
	}
	if d := changed(s0, snapshot(t, dir)); len(d) != 0 {
		t.Fatalf("unchanged re-export touched %v", d)
	}

	// Edit article 45 (page 1, in the feed) with a new title.
	edit(&src.arts[44], "校园开放日活动圆满结束（更新）", "更新：活动时间顺延一周。")
	res = mustExport(t, src, dir, opts)
	want := []string{"articles/45/index.html", "feed.xml", "index.html", "sitemap.xml"}
	if !reflect.DeepEqual(res.Written, want) || res.Rendered != 1 || len(res.Removed) != 0 {
		t.Errorf("after edit: written %v (want %v), rendered %d, removed %v", res.Written, want, res.Rendered, res.Removed)
	}
	s1 := snapshot(t, dir)
	if d := changed(s0, s1); !reflect.DeepEqual(d, append([]string{manifestName}, want...)) {
		t.Errorf("files changed on disk: %v", d)
	}
	if !strings.Contains(s1["articles/45/index.html"].data, "校园开放日活动圆满结束（更新）") ||
		!strings.Contains(s1["index.html"].data, "校园开放日活动圆满结束（更新）") {
		t.Error("edited title not on the article page and the index")
	}
	if !strings.Contains(s1["articles/45/index.html"].data, `<meta name="copydesk:revision" content="2">`) {
		t.Error("revision meta not updated")
	}

	// Edit article 25 (page 2, not in the feed), body only.
	edit(&src.arts[24], "", "补充说明：本次活动共有十二个班级参加。")
	res = mustExport(t, src, dir, opts)
	want = []string{"articles/25/index.html", "page/2/index.html", "sitemap.xml"}
	if !reflect.DeepEqual(res.Written, want) {
		t.Errorf("after body edit: written %v, want %v", res.Written, want)
	}
	s2 := snapshot(t, dir)

	// Withdraw article 30: its files and its own photo vanish, the index
	// no longer lists it.
	src.arts = append(src.arts[:29:29], src.arts[30:]...)
	res = mustExport(t, src, dir, opts)
	wantRemoved := []string{"articles/30/index.html", "media/" + own.SHA256 + ".png"}
	if !reflect.DeepEqual(res.Removed, wantRemoved) {
		t.Errorf("removed %v, want %v", res.Removed, wantRemoved)
	}
	want = []string{"page/2/index.html", "page/3/index.html", "sitemap.xml"}
	if !reflect.DeepEqual(res.Written, want) || res.Rendered != 0 {
		t.Errorf("after withdrawal: written %v (want %v), rendered %d", res.Written, want, res.Rendered)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles/30")); !os.IsNotExist(err) {
		t.Errorf("articles/30 still exists (%v)", err)
	}
	s3 := snapshot(t, dir)
	for p, f := range s3 {
		if strings.HasSuffix(p, ".html") && strings.Contains(f.data, `href="../../articles/30/"`) || strings.Contains(f.data, `"articles/30/"`) {
			t.Errorf("%s still links to the withdrawn article", p)
		}
	}
	if strings.Contains(s3["sitemap.xml"].data, "/articles/30/") {
		t.Error("sitemap still lists the withdrawn article")
	}
	for _, p := range []string{"index.html", "feed.xml", "articles/1/index.html"} {
		if s3[p] != s2[p] {
			t.Errorf("%s changed on withdrawal", p)
		}
	}

	// A new theme option changes every page, and renders everything again.
	opts.SiteTitle = "校园新闻网"
	res = mustExport(t, src, dir, opts)
	if res.Rendered != 49 {
		t.Errorf("site title change rendered %d articles, want 49", res.Rendered)
	}
}

// TestInterruptedExportHeals simulates an export that died after
// replacing some files: the pending marker makes the next export rewrite
// (or remove) exactly those paths.
func TestInterruptedExportHeals(t *testing.T) {
	src := genSource(6, 400, 1)
	dir := t.TempDir()
	mustExport(t, src, dir, Options{NoSync: true})
	good := snapshot(t, dir)

	// The dead run had written a newer page 3 and a page of an article
	// that the store then withdrew, and listed both as pending.
	if err := os.WriteFile(filepath.Join(dir, "articles/3/index.html"), []byte("half-way"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "articles/99"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "articles/99/index.html"), []byte("orphan"), 0o644); err != nil {
		t.Fatal(err)
	}
	marker := `{"paths":["articles/3/index.html","articles/99/index.html"]}`
	if err := os.WriteFile(filepath.Join(dir, pendingName), []byte(marker), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Publish(dir, t.TempDir(), PublishOptions{}); err == nil || !strings.Contains(err.Error(), "did not finish") {
		t.Errorf("publish of an unfinished export: err = %v", err)
	}
	res := mustExport(t, src, dir, Options{NoSync: true})
	if !reflect.DeepEqual(res.Written, []string{"articles/3/index.html"}) || !reflect.DeepEqual(res.Removed, []string{"articles/99/index.html"}) {
		t.Errorf("healing export: written %v, removed %v", res.Written, res.Removed)
	}
	healed := snapshot(t, dir)
	for p, f := range good {
		if p != manifestName && healed[p].data != f.data {
			t.Errorf("%s differs after healing", p)
		}
	}
	if _, ok := healed[pendingName]; ok {
		t.Error("pending marker left behind")
	}
	if _, ok := healed["articles/99/index.html"]; ok {
		t.Error("orphan of the dead run left behind")
	}
}
