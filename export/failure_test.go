package export

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestFailedExportLeavesSiteIntact: every way a whole export can fail (the
// source, the options, the theme) fails before writing and leaves the
// previous site byte-identical (content and mtime). Failures of single
// articles are TestOneBadArticleDoesNotStopTheSite.
func TestFailedExportLeavesSiteIntact(t *testing.T) {
	dir := t.TempDir()
	base := genSource(12, 600, 2)
	mustExport(t, base, dir, Options{})
	before := snapshot(t, dir)

	cases := []struct {
		name string
		src  func() *memSource
		opts Options
		want string
	}{
		{"articles fail", func() *memSource {
			s := genSource(12, 600, 2)
			s.failArticles = errors.New("bbolt: read error (simulated)")
			return s
		}, Options{}, "read articles: bbolt: read error"},
		{"media fail midway", func() *memSource {
			s := genSource(12, 600, 2)
			s.failMediaAfter = 3
			return s
		}, Options{Force: true}, "disk read error"},
		{"duplicate id", func() *memSource {
			s := genSource(12, 600, 2)
			s.arts = append(s.arts, s.arts[0])
			return s
		}, Options{}, "article 1 appears twice"},
		{"bad credits format", func() *memSource { return genSource(12, 600, 2) }, Options{CreditsFormat: "{{.Nope"}, "credits format"},
		{"bad base URL", func() *memSource { return genSource(12, 600, 2) }, Options{BaseURL: "javascript:alert(1)"}, "base-url"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Export(c.src(), dir, c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want one containing %q", err, c.want)
			}
			if d := changed(before, snapshot(t, dir)); len(d) != 0 {
				t.Errorf("failed export changed %v", d)
			}
		})
	}
	// And the site still re-exports cleanly afterwards.
	res := mustExport(t, base, dir, Options{})
	if len(res.Written) != 0 || !reflect.DeepEqual(before, snapshot(t, dir)) {
		t.Errorf("after failures, re-export wrote %v", res.Written)
	}
}

// TestOneBadArticleDoesNotStopTheSite: an article that cannot be exported
// (bad media reference, missing, damaged or unpublishable media, a credits
// line that does not render) is reported in Result.Failed while the rest of
// the site is exported. On a site exported before, the failed article keeps
// its earlier page; on a new site it is left out, index included.
func TestOneBadArticleDoesNotStopTheSite(t *testing.T) {
	cases := []struct {
		name string
		src  func() *memSource
		opts Options
		ids  []uint64
		want string
	}{
		{"unknown media id", func() *memSource {
			s := genSource(12, 600, 2)
			edit(&s.arts[6], "", "![不存在的照片](media:00000000deadbeef)")
			return s
		}, Options{}, []uint64{7}, "article 7: unknown media id 00000000deadbeef"},
		{"malformed media ref", func() *memSource {
			s := genSource(12, 600, 2)
			edit(&s.arts[4], "", "![坏引用](media:../../etc/passwd)")
			return s
		}, Options{}, []uint64{5}, "not a media reference"},
		{"damaged media", func() *memSource {
			s := genSource(12, 600, 2)
			for id, m := range s.media {
				m.Data = append([]byte(nil), m.Data...)
				m.Data[40] ^= 0xff
				s.media[id] = m
			}
			return s
		}, Options{Force: true}, nil, "do not match the stored SHA-256"},
		{"svg media", func() *memSource {
			s := genSource(12, 600, 2)
			m := newMedia([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`), "x.svg", "", "")
			s.media[m.ID] = m
			edit(&s.arts[1], "", "![矢量图](media:"+m.ID+")")
			return s
		}, Options{}, []uint64{2}, "is not published"},
		{"credits format runtime error", func() *memSource { return genSource(12, 600, 2) }, Options{CreditsFormat: "{{.Nope}}", Force: true}, nil, "credits line"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			base := genSource(12, 600, 2)
			mustExport(t, base, dir, Options{})
			before := snapshot(t, dir)
			src := c.src()
			res, err := Export(src, dir, c.opts)
			if err != nil {
				t.Fatalf("one bad article stopped the export: %v", err)
			}
			if len(res.Failed) == 0 {
				t.Fatal("no article reported as failed")
			}
			failed := map[uint64]bool{}
			for _, f := range res.Failed {
				failed[f.ID] = true
				if !strings.Contains(f.Error(), c.want) {
					t.Errorf("failure %v, want one containing %q", f, c.want)
				}
			}
			for _, id := range c.ids {
				if !failed[id] || len(res.Failed) != len(c.ids) {
					t.Errorf("failed %v, want exactly %v", res.Failed, c.ids)
				}
			}
			after := snapshot(t, dir)
			for id := range failed {
				p := articlePath(id)
				if !reflect.DeepEqual(before[p], after[p]) {
					t.Errorf("the earlier page of failed article %d was not kept", id)
				}
			}
			// On a new site the failed articles are left out, the rest is there.
			fresh := t.TempDir()
			res, err = Export(c.src(), fresh, c.opts)
			if err != nil {
				t.Fatal(err)
			}
			fs := snapshot(t, fresh)
			for _, a := range src.arts {
				_, has := fs[articlePath(a.ID)]
				if has == failed[a.ID] {
					t.Errorf("new site: article %d failed=%v but page present=%v", a.ID, failed[a.ID], has)
				}
			}
		})
	}
}
