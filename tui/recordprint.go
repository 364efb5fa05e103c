package tui

import (
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/locale"
)

// recordSavedMsg ends a print of the article's 审核登记表 (history page, p).
type recordSavedMsg struct {
	path     string
	fallback bool // no Chromium: the HTML was saved instead of a PDF
	err      error
}

// recordDir is where the TUI saves a printed form: the current folder
// locally; over SSH the folder "records" beside the database. Not an
// export folder: those are the public site, and the register holds the
// office's internal opinions. Nothing of the path comes from the user.
func recordDir(s *session) (string, error) {
	if s.local {
		return os.Getwd()
	}
	dir := filepath.Join(filepath.Dir(s.store.Path()), "records")
	return dir, os.MkdirAll(dir, 0o750)
}

// printRecord prints the article's forms (form.Make: the same rule of who
// may print as the CLI and SSH) as a PDF, or as HTML where Chromium is
// not installed, to a file in recordDir; it runs off the UI goroutine.
func (p *historyPage) printRecord() tea.Cmd {
	if p.printing {
		return nil
	}
	p.printing = true
	s, id := p.s, p.id
	ctx, cancel := s.pageContext()
	return tell(p, func() tea.Msg {
		defer cancel()
		f, fallback := form.PDFs, false
		if _, err := form.FindBrowser(); err != nil {
			f, fallback = form.HTML, true
		}
		dir, err := recordDir(s)
		if err != nil {
			return recordSavedMsg{err: err}
		}
		doc, err := form.Make(ctx, s.store, &s.actor, id, p.s.lang(), f, s.now())
		if err != nil {
			return recordSavedMsg{err: err}
		}
		path := filepath.Join(dir, form.FileName(id, f, p.s.lang()))
		if err := form.WriteFile(path, doc); err != nil {
			return recordSavedMsg{err: err}
		}
		return recordSavedMsg{path: path, fallback: fallback}
	})
}

// recordSaved says where the form went.
func (p *historyPage) recordSaved(m recordSavedMsg) tea.Cmd {
	p.printing = false
	if m.err != nil {
		return notifyErr(p.s.tr, m.err)
	}
	id := "RecordSavedTUI"
	if m.fallback {
		id = "RecordSavedHTMLTUI"
	}
	return notify(noticeOK, "%s", locale.T(p.s.lang(), id, locale.Args{"File": filepath.Base(m.path), "Dir": filepath.Dir(m.path)}))
}
