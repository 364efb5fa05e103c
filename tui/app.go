// Package tui is copydesk's Bubble Tea workstation: queues, compose, editor,
// preview, review, sign-off and history. It talks to the store, never to
// bbolt, and builds every style from the session's lipgloss renderer.
package tui

import (
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/copydesk/copydesk/store"
)

// Options configure one workstation session.
type Options struct {
	Store *store.Store
	Actor store.Actor
	// Renderer is the session's lipgloss renderer (over SSH, from the
	// bubbletea middleware's MakeRenderer); nil means lipgloss.DefaultRenderer().
	Renderer *lipgloss.Renderer
	// Local enables what only a local terminal can do (ctrl+e: $EDITOR).
	Local bool
	// Presence shares who has which article open; nil when alone.
	Presence Presence
	// Width and Height are the initial size when known (SSH PTY).
	Width, Height int
}

// Presence tells sessions who else is editing an article. It is a hint for
// people; correctness stays with the store's revision check.
type Presence interface {
	// Open marks that login has article id open for editing; done ends it.
	Open(id uint64, login string) (done func())
	// Editors returns the logins other than except who have article id open.
	Editors(id uint64, except string) []string
}

// New returns the root model of a session.
func New(opts Options) tea.Model {
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.DefaultRenderer()
	}
	return &placeholder{opts: opts}
}

// Run runs the workstation on the local terminal until the user quits.
func Run(opts Options, teaOpts ...tea.ProgramOption) error {
	opts.Local = true
	_, err := tea.NewProgram(New(opts), append([]tea.ProgramOption{tea.WithAltScreen()}, teaOpts...)...).Run()
	return err
}

// placeholder stands until the workstation lands (issue 3): it only says so.
type placeholder struct{ opts Options }

func (p *placeholder) Init() tea.Cmd { return nil }

func (p *placeholder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyMsg); ok && (k.String() == "q" || k.String() == "ctrl+c") {
		return p, tea.Quit
	}
	return p, nil
}

func (p *placeholder) View() string {
	return "copydesk — " + p.opts.Actor.Login + "\n(the workstation is being built; q quits)\n"
}
