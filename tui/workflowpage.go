package tui

// The workflows page (W on home): read-only, the workflows the office has
// (the presets and those defined with copydesk workflow define), and the
// selected one's stages — who acts, 会签, conditions, checklists — and
// which kinds of article start with it. Defining stays on the command line.

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/termsafe"
)

type workflowsLoadedMsg struct {
	defs   []model.WorkflowDef
	office map[model.Kind]model.Workflow
	roles  []model.CustomRole
	err    error
}

type workflowPage struct {
	s      *session
	w, h   int
	defs   []model.WorkflowDef
	office map[model.Kind]model.Workflow
	roles  []model.CustomRole
	cursor int
	sc     scroller
	err    error
	loaded bool
}

func newWorkflowPage(s *session) *workflowPage { return &workflowPage{s: s} }

func (p *workflowPage) init() tea.Cmd { return tell(p, p.load) }

func (p *workflowPage) load() tea.Msg {
	defs, err := p.s.store.Workflows()
	if err != nil {
		return workflowsLoadedMsg{err: err}
	}
	office, err := p.s.store.OfficeWorkflows()
	if err != nil {
		return workflowsLoadedMsg{err: err}
	}
	roles, err := p.s.store.Roles()
	return workflowsLoadedMsg{defs: defs, office: office, roles: roles, err: err}
}

func (p *workflowPage) title() string    { return p.s.wt("TUIWorkflowsTitle") }
func (p *workflowPage) setSize(w, h int) { p.w, p.h = w, h; p.layout() }
func (p *workflowPage) capturing() bool  { return false }
func (p *workflowPage) status() string   { return "" }
func (p *workflowPage) help() help.KeyMap {
	k := p.s.keys
	return bindings{short: []key.Binding{k.Up, k.Down, k.PgDown, k.Back}}
}
func (p *workflowPage) selected() *model.Workflow { return &p.defs[p.cursor].Workflow }

func (p *workflowPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case workflowsLoadedMsg:
		p.err, p.loaded = msg.err, msg.err == nil
		p.defs, p.office, p.roles = msg.defs, msg.office, msg.roles
		p.cursor = min(p.cursor, max(len(p.defs)-1, 0))
		p.layout()
	case tea.KeyMsg:
		k := p.s.keys
		switch {
		case key.Matches(msg, k.Back):
			return p, pop
		case key.Matches(msg, k.Refresh):
			return p, tell(p, p.load)
		case key.Matches(msg, k.Up):
			if p.cursor > 0 {
				p.cursor--
				p.layout()
			}
		case key.Matches(msg, k.Down):
			if p.cursor+1 < len(p.defs) {
				p.cursor++
				p.layout()
			}
		case p.sc.pageKey(msg, k):
		}
	}
	return p, nil
}

// layout lays out the selected workflow's stages for the scroller.
func (p *workflowPage) layout() {
	p.sc.height = max(p.h-len(p.defs)-6, 3)
	if !p.loaded || len(p.defs) == 0 {
		p.sc.set(nil)
		return
	}
	w := p.selected()
	width := max(p.w-6, 20)
	var lines []string
	for i, st := range w.Stages {
		who := p.s.wt("WorkflowStageRole", locale.Args{"Role": termsafe.Line(p.roleLabel(st.Role))})
		if len(st.Users) > 0 {
			who = p.s.wt("WorkflowStageUsers", locale.Args{"Users": termsafe.Line(strings.Join(st.Users, p.s.listSep()))})
		}
		line := fmt.Sprintf("%d. %s  %s", i+1, termsafe.Line(st.Name), who)
		if st.All {
			line += "  " + p.s.wt("WorkflowStageAll")
		}
		if w.IsFinal(i) {
			line += "  " + p.s.wt("WorkflowStageSignoff")
		}
		if st.When != "" {
			line += "  " + p.s.wt("WorkflowStageWhen", locale.Args{"When": termsafe.Line(st.When)})
		}
		lines = append(lines, cut(line, width))
		for _, q := range st.Checklist {
			lines = append(lines, cut("     □ "+termsafe.Line(q), width))
		}
	}
	p.sc.set(lines)
}

// roleLabel is a built-in role's name from the catalog, a custom role's
// display name (保密员), else the role as stored.
func (p *workflowPage) roleLabel(r model.Role) string {
	if slices.Contains(model.AllRoles, r) {
		return locale.T(p.s.lang(), r.MessageID())
	}
	if i := slices.IndexFunc(p.roles, func(c model.CustomRole) bool { return c.Name == r }); i >= 0 {
		return p.roles[i].Display
	}
	return string(r)
}

func (p *workflowPage) view() string {
	sty := p.s.sty
	var b strings.Builder
	b.WriteString(" " + sty.Title.Render(p.s.wt("TUIWorkflowsTitle")) + "  " + sty.Dim.Render(p.s.wt("TUIWorkflowsHint")) + "\n\n")
	if p.err != nil {
		b.WriteString(" " + sty.Bad.Render(termsafe.Line(locale.Err(p.s.lang(), p.err))) + "\n")
		return b.String()
	}
	if !p.loaded {
		b.WriteString(" " + sty.Dim.Render(p.s.wt("TUIWorkflowsLoading")) + "\n")
		return b.String()
	}
	for i, d := range p.defs {
		var kinds []string
		for _, k := range []model.Kind{model.KindNews, model.KindMeeting} {
			if p.office[k].Name == d.Workflow.Name {
				kinds = append(kinds, locale.T(p.s.lang(), k.MessageID()))
			}
		}
		line := termsafe.Line(d.Workflow.Name) + "  " + termsafe.Line(d.Workflow.String())
		if len(kinds) > 0 {
			line += "  " + p.s.wt("TUIWorkflowsDefaultFor", locale.Args{"Kinds": strings.Join(kinds, p.s.listSep())})
		}
		line = cut(line, max(p.w-4, 20))
		if i == p.cursor {
			b.WriteString(" " + sty.Accent.Render("› "+line) + "\n")
		} else {
			b.WriteString("   " + line + "\n")
		}
	}
	b.WriteString("\n")
	b.WriteString(indent(p.sc.view(), "  "))
	return b.String()
}
