package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

func TestChiefExportsSite(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")
	dir := t.TempDir()
	other := t.TempDir()
	// Over SSH the page offers the admin's export folders, not a free path.
	if err := st.SetSettings(store.Actor{Login: "admin"}, store.SiteSettings{ExportDirs: []string{dir, other}}); err != nil {
		t.Fatal(err)
	}

	p := run(t, st, "shenjl")
	p.waitFor("我的队列")
	p.typ("E")
	p.waitFor("输出目录：", "› "+dir, other)
	p.typ("x") // typing does not make a path
	p.key(tea.KeyEnter)
	p.waitFor("导出完成", "articles/1/index.html")
	frame := p.quit()

	for _, want := range []string{"导出完成", "写入 ", "删除 0 个", "未变 0 个", "渲染 1 篇文章", "用时 ", "写入的文件：", "articles/1/index.html"} {
		if !strings.Contains(frame, want) {
			t.Errorf("summary lacks %q:\n%s", want, frame)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", "1", "index.html")); err != nil {
		t.Fatal(err)
	}
	// The page exports through the same render cache as the command
	// (beside the database), so a later export reuses its bodies.
	rc, err := export.CheckRenderCache(export.RenderCacheDir(st.Path()))
	if err != nil || rc.Entries != 1 || len(rc.Damaged) != 0 {
		t.Errorf("render cache after the page's export: %+v, %v; want 1 entry", rc, err)
	}
}

func TestWriterCannotExport(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")
	dir := t.TempDir()
	t.Setenv("COPYDESK_SITE", dir)

	p := run(t, st, "liwei")
	p.waitFor("我的队列")
	p.typ("E")
	p.waitFor(locale.T(locale.ZH, "ErrExportRole"))
	p.key(tea.KeyEnter)
	frame := p.quit()

	if strings.Contains(frame, "输出目录") {
		t.Errorf("writer got the export page:\n%s", frame)
	}
	if ents, err := os.ReadDir(dir); err != nil || len(ents) != 0 {
		t.Fatalf("export dir: %v, %d entries", err, len(ents))
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(st.Path()), "site")); !os.IsNotExist(err) {
		t.Fatalf("default site dir: %v", err)
	}
}

// TestExportPageSaysWhatIsHeldBack: the export page's summary names the
// articles the export left off the site and why — one taken down, one
// approved and waiting for sign-off — and not the one it published.
func TestExportPageSaysWhatIsHeldBack(t *testing.T) {
	st := testStore(t)
	seed(t, st, "signed")
	waiting := seed(t, st, "approved")
	gone := seed(t, st, "signed")
	if _, err := st.Decide(shenjl, gone.ID, store.Decision{Action: model.ActTakedown, Opinion: "信息有误，撤稿"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Setenv("COPYDESK_SITE", dir)
	p := run(t, st, "shenjl")
	p.waitFor("我的队列")
	p.typ("E")
	p.waitFor("输出目录：")
	p.key(tea.KeyEnter)
	p.waitFor("导出完成", "不在网站上的稿件 2 篇")
	frame := p.quit()
	for _, want := range []string{
		fmt.Sprintf("#%d《%s》已有批准，尚未签发：在「主编签发」等待", waiting.ID, waiting.Title),
		fmt.Sprintf("#%d《%s》已于 ", gone.ID, gone.Title),
	} {
		if !strings.Contains(frame, want) {
			t.Errorf("the summary lacks %q:\n%s", want, frame)
		}
	}
}
