package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/export"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// defaultSiteDir is where the site goes unless the user says otherwise:
// $COPYDESK_SITE, else "site" next to the database. Over SSH this is a path
// on the server's disk, which is where the export runs.
func defaultSiteDir(s *session) string {
	if d := os.Getenv("COPYDESK_SITE"); d != "" {
		return d
	}
	if s.store == nil {
		return "site"
	}
	return filepath.Join(filepath.Dir(s.store.Path()), "site")
}

// Messages of a running export, delivered to the page that started it.
type (
	// exportProgressMsg is the exporter's latest progress report.
	exportProgressMsg struct{ done, total int }
	// exportDoneMsg ends the export.
	exportDoneMsg struct {
		dir  string
		res  export.Result
		held []export.Held // what is not on the site, and why (res.Held and the unsigned)
		err  error
	}
)

// orphan tells the outcome when the user has left the page meanwhile.
func (m exportDoneMsg) orphan(tl tr) tea.Cmd {
	if m.err != nil {
		return notify(noticeErr, "%s", tl.wt("TUIExportFailed", locale.Args{"Err": tl.errText(m.err)}))
	}
	done := tl.wt("TUIExportDoneTo", locale.Args{"Dir": termsafe.Line(m.dir), "Written": len(m.res.Written), "Removed": len(m.res.Removed)})
	if len(m.held) > 0 {
		done += " · " + tl.wt("ExportHeldHead", locale.Args{"Count": len(m.held)})
	}
	return notify(noticeOK, "%s", done)
}

// exportRun is one export in flight: the exporter runs in its own
// goroutine and reports through these channels.
type exportRun struct {
	progress chan exportProgressMsg // latest report; stale ones are dropped
	done     chan exportDoneMsg     // buffered: the goroutine never blocks
}

// startExport returns a command that starts the export in a goroutine and
// waits for its first message.
func startExport(p page, st *store.Store, dir string, opts export.Options) (*exportRun, tea.Cmd) {
	r := &exportRun{progress: make(chan exportProgressMsg, 1), done: make(chan exportDoneMsg, 1)}
	opts.Progress = r.report
	start := func() tea.Msg {
		go func() {
			res, err := export.Export(export.FromStore(st), dir, opts)
			m := exportDoneMsg{dir: dir, res: res, err: err}
			if err == nil {
				unsigned, uerr := export.Unsigned(st)
				m.held, m.err = append(res.Held, unsigned...), uerr
			}
			r.done <- m
		}()
		return r.next()
	}
	return r, tell(p, start)
}

// report is the exporter's Progress callback. It never blocks: when the
// page has not yet taken the previous report, that one is replaced.
func (r *exportRun) report(done, total int) {
	m := exportProgressMsg{done, total}
	for {
		select {
		case r.progress <- m:
			return
		default:
		}
		select {
		case <-r.progress:
		default:
		}
	}
}

// next waits for the next message of the run.
func (r *exportRun) next() tea.Msg {
	select {
	case m := <-r.done:
		return m
	case m := <-r.progress:
		return m
	}
}

type exportStage int

const (
	exportAsking exportStage = iota
	exportRunning
	exportFinished
)

// exportPage asks for the output directory, runs the export with a
// progress bar and shows what changed.
type exportPage struct {
	s    *session
	w, h int

	stage exportStage
	dir   textinput.Model
	run   *exportRun
	// choices are the admin's export folders, offered instead of a free
	// path in a session over SSH (store.ExportDirs); pick indexes them.
	choices []string
	pick    int

	done, total int
	started     time.Time
	result      exportDoneMsg
}

func newExportPage(s *session) *exportPage {
	p := &exportPage{s: s}
	p.dir = s.sty.textInput(s.wt("TUIExportDir"), 1024)
	p.dir.Prompt = s.wt("TUIExportDirPrompt")
	p.dir.PromptStyle = s.sty.Accent
	p.dir.SetValue(defaultSiteDir(s))
	if !s.local && s.store != nil {
		// Over SSH the export writes only where the admin said: a choice
		// among those folders, not a path to type.
		if dirs, err := s.store.ExportDirs(); err == nil && len(dirs) > 0 {
			p.choices = dirs
			p.dir.SetValue(dirs[0])
		}
	}
	p.dir.CursorEnd()
	return p
}

func (p *exportPage) init() tea.Cmd { return p.dir.Focus() }

func (p *exportPage) title() string { return p.s.wt("TUIExportSite") }

func (p *exportPage) setSize(w, h int) { p.w, p.h = w, h; p.dir.Width = max(w-16, 10) }

func (p *exportPage) capturing() bool { return p.stage == exportAsking }

func (p *exportPage) status() string {
	if p.stage == exportRunning {
		return p.s.wt("TUIExportProgress", locale.Args{"Done": p.done, "Total": p.total})
	}
	return ""
}

func (p *exportPage) help() help.KeyMap {
	k := p.s.keys
	if p.stage == exportAsking {
		return bindings{short: []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", p.s.wt("TUIExportStart"))),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", p.s.wt("TUICancel"))),
		}}
	}
	return bindings{short: []key.Binding{k.Back, k.Help, k.Quit}}
}

func (p *exportPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case exportProgressMsg:
		p.done, p.total = msg.done, msg.total
		return p, tell(p, p.run.next)
	case exportDoneMsg:
		p.stage, p.result = exportFinished, msg
		if msg.err != nil {
			return p, notify(noticeErr, "%s", p.s.wt("TUIExportFailed", locale.Args{"Err": p.s.errText(msg.err)}))
		}
		return p, notify(noticeOK, "%s", p.s.wt("TUIExportDone"))
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *exportPage) key(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, p.s.keys.Back) {
		// A running export goes on; its outcome comes as a notice.
		return pop
	}
	if p.stage != exportAsking {
		return nil
	}
	if p.choices != nil && msg.Type != tea.KeyEnter {
		switch msg.Type {
		case tea.KeyUp, tea.KeyShiftTab:
			p.pick = (p.pick + len(p.choices) - 1) % len(p.choices)
		case tea.KeyDown, tea.KeyTab:
			p.pick = (p.pick + 1) % len(p.choices)
		}
		p.dir.SetValue(p.choices[p.pick])
		return nil
	}
	if msg.Type == tea.KeyEnter {
		dir := strings.TrimSpace(p.dir.Value())
		if dir == "" {
			return notify(noticeErr, "%s", p.s.wt("TUIExportNeedDir"))
		}
		if err := model.MayExport(p.s.user); err != nil { // the rule the export command asks over SSH
			return notify(noticeErr, "%s", p.s.errText(err))
		}
		if !p.s.local {
			d, err := p.s.store.ConfineExportDir(dir) // the same rule as the export command over SSH
			if err != nil {
				return notify(noticeErr, "%s", p.s.errText(err))
			}
			dir = d
		}
		opts, err := export.SiteOptions(p.s.store) // the admin's credits format and theme
		if err != nil {
			return notify(noticeErr, "%s", p.s.wt("TUIExportFailed", locale.Args{"Err": p.s.errText(err)}))
		}
		p.dir.Blur()
		p.stage, p.started = exportRunning, p.s.now()
		var cmd tea.Cmd
		p.run, cmd = startExport(p, p.s.store, dir, opts)
		return cmd
	}
	var cmd tea.Cmd
	p.dir, cmd = p.dir.Update(msg)
	return cmd
}

// maxListed is how many written paths the summary names.
const maxListed = 5

func (p *exportPage) view() string {
	sty := p.s.sty
	var b strings.Builder
	b.WriteString(" " + sty.Title.Render(p.s.wt("TUIExportSite")) + "\n\n")
	switch p.stage {
	case exportAsking:
		b.WriteString(" " + p.dir.View() + "\n\n")
		note := p.s.wt("TUIExportIntro")
		if !p.s.local {
			note += p.s.wt("TUIExportServerDirs")
			if len(p.choices) > 1 {
				for i, c := range p.choices {
					mark := "  "
					if i == p.pick {
						mark = "› "
					}
					b.WriteString(" " + mark + termsafe.Line(c) + "\n")
				}
				b.WriteString("\n")
			}
		}
		b.WriteString(" " + sty.Dim.Render(note) + "\n")
	case exportRunning:
		b.WriteString(" " + sty.Dim.Render(p.s.wt("TUIExportTo", locale.Args{"Dir": termsafe.Line(p.dir.Value())})) + "\n\n")
		b.WriteString(" " + p.bar() + "\n")
	case exportFinished:
		b.WriteString(" " + sty.Dim.Render(p.s.wt("TUIExportTo", locale.Args{"Dir": termsafe.Line(p.dir.Value())})) + "\n\n")
		b.WriteString(p.summary())
	}
	return b.String()
}

// bar draws the progress bar and the count, from the session's styles.
func (p *exportPage) bar() string {
	sty := p.s.sty
	label := fmt.Sprintf(" %d/%d", p.done, p.total)
	width := max(min(p.w-2-len(label)-6, 60), 10)
	ratio := 0.0
	if p.total > 0 {
		ratio = min(float64(p.done)/float64(p.total), 1)
	}
	full := int(ratio*float64(width) + 0.5)
	pct := fmt.Sprintf(" %3.0f%%", ratio*100)
	return sty.Accent.Render(strings.Repeat("█", full)) + sty.Faint.Render(strings.Repeat("░", width-full)) +
		sty.Base.Render(pct) + sty.Dim.Render(label)
}

// summary says what the export changed.
func (p *exportPage) summary() string {
	sty := p.s.sty
	m := p.result
	if m.err != nil {
		return " " + sty.Bad.Render(p.s.wt("TUIExportFailed", locale.Args{"Err": p.s.errText(m.err)})) + "\n"
	}
	r := m.res
	var b strings.Builder
	b.WriteString(" " + sty.OK.Render(p.s.wt("TUIExportFinished")) + "\n\n")
	b.WriteString(" " + p.s.wt("TUIExportSummary", locale.Args{"Written": len(r.Written), "Removed": len(r.Removed), "Unchanged": len(r.Unchanged), "Rendered": r.Rendered, "Secs": fmt.Sprintf("%.1f", r.Duration.Seconds())}) + "\n")
	if r.Note != nil { // a damaged manifest, rebuilt
		b.WriteString(" " + sty.Bad.Render(termsafe.Line(locale.Err(p.s.lang(), r.Note))) + "\n")
	}
	if len(r.Written) > 0 {
		b.WriteString("\n " + sty.Dim.Render(p.s.wt("TUIExportWritten")) + "\n")
		for _, f := range r.Written[:min(len(r.Written), maxListed)] {
			b.WriteString("   " + termsafe.Line(f) + "\n")
		}
		if n := len(r.Written) - maxListed; n > 0 {
			b.WriteString("   " + sty.Dim.Render(p.s.wt("TUIListedMore", locale.Args{"N": n})) + "\n")
		}
	}
	// What is not on the site, and why (scheduled, taken down, unsigned).
	for i, l := range export.HeldLines(p.s.lang(), m.held, p.s.zone) {
		if i == 0 {
			b.WriteString("\n " + sty.Warn.Render(cut(l, p.w-2)) + "\n")
			continue
		}
		b.WriteString(" " + cut(l, p.w-2) + "\n")
	}
	return b.String()
}
