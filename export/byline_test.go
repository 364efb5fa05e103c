package export

import (
	"strings"
	"testing"
	"time"
)

// TestDefaultThemeShowsAuthors is fault 9.8 on the page: the default theme
// puts the authors on the meta line as 文/李伟、张三, and the form is
// configurable like the credits line.
func TestDefaultThemeShowsAuthors(t *testing.T) {
	a := genArticle(3, 100, nil)
	a.Authors = []string{"李伟", "张三"}
	for _, tc := range []struct{ format, want string }{
		{"", `<span class="byline">文/李伟、张三</span>`},
		{`{{with join .Authors " "}}记者 {{.}}{{end}}`, `<span class="byline">记者 李伟 张三</span>`},
	} {
		s, err := newSite(Options{BylineFormat: tc.format}.withDefaults())
		if err != nil {
			t.Fatal(err)
		}
		page, _, _, _, err := s.renderArticle(&a, a.Body, "", nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), tc.want) {
			t.Errorf("format %q: the page lacks %s", tc.format, tc.want)
		}
	}
	a.Authors = nil
	s, _ := newSite(Options{}.withDefaults())
	page, _, _, _, _ := s.renderArticle(&a, a.Body, "", nil, nil, nil)
	if strings.Contains(string(page), `class="byline"`) {
		t.Error("an article without authors shows an empty byline")
	}
}

// TestDateOnlyImportShowsTheDay (tester, 2026-12-01): an archive imported
// with dates only (date: 2022-06-09) showed 发布时间：2022-06-09 00:00:00
// on every page; midnight to the second shows the day alone, any other
// time stays as it was.
func TestDateOnlyImportShowsTheDay(t *testing.T) {
	s, err := newSite(Options{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2022, 6, 9, 0, 0, 0, 0, cst), `>2022-06-09</time>`},
		{time.Date(2022, 6, 9, 0, 0, 1, 0, cst), `>2022-06-09 00:00:01</time>`},
		{time.Date(2025, 4, 9, 16, 35, 0, 0, cst), `>2025-04-09 16:35:00</time>`},
	} {
		a := genArticle(3, 100, nil)
		a.PublishedAt = tc.at
		page, _, _, _, err := s.renderArticle(&a, a.Body, "", nil, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(page), tc.want) || !strings.Contains(string(page), "发布时间：<time datetime=") {
			t.Errorf("%v: the page lacks %s", tc.at, tc.want)
		}
	}
}
