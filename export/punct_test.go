package export

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// goneMem is a memSource that also lists articles taken down.
type goneMem struct {
	*memSource
	gone []Gone
}

func (s goneMem) Gone() ([]Gone, error) { return s.gone, nil }

// readerText is the text a reader sees on an HTML page: text nodes outside
// <script>, <style> and <code>.
func readerText(t *testing.T, b []byte) string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return textOf(doc, "script", "style", "code")
}

// TestSitePunctuationIsChinese: every page the export writes — the article
// with its meta line, byline, meeting facts, figure credit, correction and
// credits line, the index, and the notice of an article taken down — uses
// full-width punctuation in its Chinese text (GB/T 15834-2011), in the
// default theme and the example theme.
func TestSitePunctuationIsChinese(t *testing.T) {
	src, art := browserSource()
	for i := range src.arts {
		if src.arts[i].ID == art.ID {
			src.arts[i].Corrections = []Correction{{Note: "第二段的时间应为4月8日下午。", Rev: 3, At: art.SignedAt.Add(time.Hour)}}
		}
	}
	gsrc := goneMem{memSource: src, gone: []Gone{{ID: 99, At: art.SignedAt.Add(2 * time.Hour)}}}
	for _, theme := range []string{"", "themes/example"} {
		dir := t.TempDir()
		o := Options{NoSync: true}
		if theme != "" {
			o.ThemeDir = os.DirFS(theme)
		}
		mustExport(t, gsrc, dir, o)
		pages := 0
		err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".html") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			pages++
			text := readerText(t, b)
			for _, hit := range langcheck.HalfWidthPunct(text) {
				t.Errorf("theme %q, %s: half-width mark in Chinese text: %q", theme, strings.TrimPrefix(path, dir), hit)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		page := readerText(t, []byte(readSite(t, dir, "articles/42/index.html")))
		for _, want := range []string{"（图文来源：党委学生工作部", "主编：周健）", "摄：林晓"} {
			if !strings.Contains(page, want) {
				t.Errorf("theme %q: the article page lacks %q:\n%s", theme, want, page)
			}
		}
		if pages < 3 {
			t.Errorf("theme %q: only %d pages checked", theme, pages)
		}
	}
}
