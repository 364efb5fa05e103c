package tui

import (
	"os"
	"os/exec"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// editorCommand is the user's editor: $VISUAL, else $EDITOR, else vi. The
// variable may carry arguments ("code --wait").
func editorCommand(path string) *exec.Cmd {
	ed := strings.TrimSpace(os.Getenv("VISUAL"))
	if ed == "" {
		ed = strings.TrimSpace(os.Getenv("EDITOR"))
	}
	if ed == "" {
		ed = "vi"
	}
	f := strings.Fields(ed)
	return exec.Command(f[0], append(f[1:], path)...)
}

// external hands the body to $EDITOR in a temporary Markdown file; the
// terminal is released while it runs, and the file is read back after.
func (c *composePage) external() tea.Cmd {
	f, err := os.CreateTemp("", "copydesk-*.md")
	if err != nil {
		return notifyErr(c.s.tr, err)
	}
	_, err = f.WriteString(c.body.Value())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return notifyErr(c.s.tr, err)
	}
	path := f.Name()
	return tea.ExecProcess(editorCommand(path), func(err error) tea.Msg {
		return pageMsg{to: c, msg: externalDoneMsg{path: path, err: err}}
	})
}

func (c *composePage) externalDone(m externalDoneMsg) tea.Cmd {
	defer os.Remove(m.path)
	if m.err != nil {
		return notify(noticeErr, "%s", c.s.wt("TUIExternalFailed", locale.Args{"Err": c.s.errText(m.err)}))
	}
	raw, err := os.ReadFile(m.path)
	if err != nil {
		return notifyErr(c.s.tr, err)
	}
	text := model.NormalizeText(strings.TrimPrefix(string(raw), "\uFEFF"))
	if text == c.body.Value() {
		return notify(noticeInfo, "%s", c.s.wt("TUIBodyUnchanged"))
	}
	c.body.SetValue(text)
	return tea.Batch(c.noticeChange(), notify(noticeOK, "%s", c.s.wt("TUIExternalReadBack")))
}
