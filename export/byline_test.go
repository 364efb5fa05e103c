package export

import (
	"strings"
	"testing"
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
