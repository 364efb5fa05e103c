package export

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestFailedExportLeavesSiteIntact: every way an export can fail before
// writing leaves the previous site byte-identical (content and mtime).
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
		{"unknown media id", func() *memSource {
			s := genSource(12, 600, 2)
			edit(&s.arts[6], "", "![不存在的照片](media:00000000deadbeef)")
			return s
		}, Options{}, "article 7: unknown media id 00000000deadbeef"},
		{"malformed media ref", func() *memSource {
			s := genSource(12, 600, 2)
			edit(&s.arts[4], "", "![坏引用](media:../../etc/passwd)")
			return s
		}, Options{}, "article 5: invalid media reference"},
		{"damaged media", func() *memSource {
			s := genSource(12, 600, 2)
			for id, m := range s.media {
				m.Data = append([]byte(nil), m.Data...)
				m.Data[40] ^= 0xff
				s.media[id] = m
			}
			return s
		}, Options{Force: true}, "do not match the stored SHA-256"},
		{"svg media", func() *memSource {
			s := genSource(12, 600, 2)
			m := newMedia([]byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>`), "x.svg", "", "")
			s.media[m.ID] = m
			edit(&s.arts[1], "", "![矢量图](media:"+m.ID+")")
			return s
		}, Options{}, "is not published"},
		{"duplicate id", func() *memSource {
			s := genSource(12, 600, 2)
			s.arts = append(s.arts, s.arts[0])
			return s
		}, Options{}, "article 1 appears twice"},
		{"bad credits format", func() *memSource { return genSource(12, 600, 2) }, Options{CreditsFormat: "{{.Nope"}, "credits format"},
		{"credits format runtime error", func() *memSource { return genSource(12, 600, 2) }, Options{CreditsFormat: "{{.Nope}}", Force: true}, "credits line"},
		{"bad base URL", func() *memSource { return genSource(12, 600, 2) }, Options{BaseURL: "javascript:alert(1)"}, "BaseURL"},
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
