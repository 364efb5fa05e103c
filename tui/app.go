// Package tui is copydesk's Bubble Tea workstation: queues, compose, editor,
// preview, review, sign-off and history. It talks to the store, never to
// bbolt, and builds every style from the session's lipgloss renderer.
//
// The root model (App) is a small router over a stack of pages: home (the
// queues) is always at the bottom; compose, review, sign-off and history are
// pushed on top of it and popped with esc. Every store call that writes, and
// every render that may be slow, runs in a tea.Cmd that returns a typed
// message; Update itself only moves state around.
package tui

import (
	"context"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui/preview"
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
	// Search is the search index; nil: the search page says it is
	// unavailable.
	Search Searcher
	// Welcome is first-run guidance shown in the status bar at start
	// (a new database: who you are, what to do next).
	Welcome string
	// Width and Height are the initial size when known (SSH PTY).
	Width, Height int
	// Lang is the session's language (the user's own setting, else the
	// SSH client's or the process's choice; see README "Language");
	// "" is locale.Default, zh-CN. Each session has its own: sessions of
	// one server in different languages run side by side.
	Lang locale.Lang
	// Context is the session's context (over SSH, the ssh.Session's); work
	// a page starts (preview renders, searches) ends when it is done, when
	// the page is left, or when the App is closed. nil: context.Background().
	Context context.Context
}

// Presence tells sessions who else is editing an article. It is a hint for
// people; correctness stays with the store's revision check.
type Presence interface {
	// Open marks that login has article id open for editing; done ends it.
	Open(id uint64, login string) (done func())
	// Editors returns the logins other than except who have article id open.
	Editors(id uint64, except string) []string
}

// New returns the root model of a session. The model subscribes to the
// store's events; when the session ends, call its Close method (the value
// returned implements io.Closer) so the subscription and any presence mark
// are released. Run does this itself.
func New(opts Options) tea.Model {
	return newApp(opts, time.Now)
}

// Run runs the workstation on the local terminal until the user quits.
func Run(opts Options, teaOpts ...tea.ProgramOption) error {
	opts.Local = true
	app := newApp(opts, time.Now)
	defer app.Close()
	_, err := tea.NewProgram(app, append([]tea.ProgramOption{tea.WithAltScreen()}, teaOpts...)...).Run()
	return err
}

// session is what every page of one workstation session shares.
type session struct {
	tr       // the session's language: every page's text (wt, label, errText)
	store    *store.Store
	actor    store.Actor
	user     *model.User
	roles    []model.CustomRole // the office's own roles, for their names (部门负责人)
	sty      *styles
	keys     keyMap
	local    bool
	presence Presence
	search   Searcher
	marks    *marks
	now      func() time.Time
	zone     *time.Location

	pvr   *preview.Renderer // made on first use; see previewer
	pvErr error

	// ctx ends with the session (Options.Context, or App.Close); pages
	// derive their own from it (pageContext).
	ctx    context.Context
	cancel context.CancelFunc
}

// pageContext returns a context for work a page starts: it ends with the
// session, or when the page calls cancel (as it is left).
func (s *session) pageContext() (context.Context, context.CancelFunc) {
	if s.ctx == nil {
		return context.WithCancel(context.Background())
	}
	return context.WithCancel(s.ctx)
}

// displayZone, when set, overrides the office's time zone (the site
// setting, default Asia/Shanghai) for showing and parsing times; tests pin
// it.
var displayZone *time.Location

// fmtTime shows a stored time briefly: "11-20 14:05", with the year when it
// is not this year.
func (s *session) fmtTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(s.zone)
	if t.Year() != s.now().In(s.zone).Year() {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("01-02 15:04")
}

// zoneNote says once, quietly, in which zone fmtTime shows times (issue 8.5):
// "时区：北京时间" for the default office zone, else the zone's IANA name
// from the setting ("时区：Asia/Urumqi").
func (s *session) zoneNote() string {
	return locale.T(s.lang(), "TUITimeZoneNote", locale.Args{"Zone": zoneLabel(s.tr, s.zone)})
}

// zoneLabel names loc for people: 北京时间 for Asia/Shanghai and for
// model.OfficeZone (the fixed UTC+08:00 "CST" used when the tz database
// lacks Asia/Shanghai), otherwise loc's own name (IANA, e.g. UTC).
func zoneLabel(tl tr, loc *time.Location) string {
	if loc == nil {
		loc = model.OfficeZone
	}
	name, off := time.Date(2000, 1, 1, 0, 0, 0, 0, loc).Zone()
	if loc.String() == model.DefaultTimeZone || loc == model.OfficeZone || (loc.String() == "CST" && name == "CST" && off == 8*3600) {
		return locale.T(tl.lang(), "TUIZoneBeijing")
	}
	return loc.String()
}

// who names a user for display: their display name, else the login.
func (s *session) me() string {
	if s.user != nil {
		return termsafe.Line(s.user.Name())
	}
	return termsafe.Line(s.actor.Login)
}

// page is one screen of the workstation.
type page interface {
	update(msg tea.Msg) (page, tea.Cmd)
	view() string
	setSize(w, h int)
	// title is the breadcrumb in the header.
	title() string
	// help lists the page's keys for the help line and the ? screen.
	help() help.KeyMap
	// status is the page's part of the status bar (字数, revision, …).
	status() string
	// capturing reports that keys are text being typed: q and ? are then
	// letters, not commands.
	capturing() bool
}

// closer is a page that holds something to release when it is popped.
type closer interface{ close() }

// Navigation and notice messages shared by every page.
type (
	// pushMsg opens a page on top of the current one.
	pushMsg struct{ p page }
	// popMsg goes back one page; home reloads its queues and, when focus
	// is set, shows the queue that now holds that article.
	popMsg struct {
		focus    uint64
		archived bool // the article is signed off or published now
	}
	// replaceMsg swaps the current page for another (form → compose).
	replaceMsg struct{ p page }
	// noticeMsg shows a message in the status bar; hold, when set, is how
	// long it stays (default 5 s, errors 12 s).
	noticeMsg struct {
		text string
		kind noticeKind
		hold time.Duration
	}
	noticeExpiredMsg struct{ id int }
	// eventsMsg carries committed store changes (coalesced).
	eventsMsg []store.Event
	// subClosedMsg: the store closed the subscription (it is shutting down).
	subClosedMsg struct{}
	// pageMsg delivers a command's result to the page that asked for it,
	// wherever that page is in the stack.
	pageMsg struct {
		to  page
		msg tea.Msg
	}
)

// tell runs f as a command and delivers its result to p.
func tell(p page, f func() tea.Msg) tea.Cmd {
	return func() tea.Msg {
		msg := f()
		if msg == nil {
			return nil // nothing to tell (a render cancelled with its page)
		}
		return pageMsg{to: p, msg: msg}
	}
}

// orphan is a result that still matters after its page was closed (a
// save's outcome); it says what to show instead.
type orphan interface{ orphan() tea.Cmd }

type noticeKind int

const (
	noticeInfo noticeKind = iota
	noticeOK
	noticeErr
)

// push opens p on top of the current page.
func push(p page) tea.Cmd { return func() tea.Msg { return pushMsg{p} } }

// pop goes back one page.
func pop() tea.Msg { return popMsg{} }

// popTo goes back and points home at article a.
func popTo(a *model.Article) tea.Cmd {
	m := popMsg{focus: a.ID, archived: a.State == model.StateSigned || a.State == model.StatePublished}
	return func() tea.Msg { return m }
}

// replace swaps the current page for p.
func replace(p page) tea.Cmd { return func() tea.Msg { return replaceMsg{p} } }

// notify returns a command that shows a notice.
func notify(kind noticeKind, format string, args ...any) tea.Cmd {
	text := fmt.Sprintf(format, args...)
	return func() tea.Msg { return noticeMsg{text: text, kind: kind} }
}

// notifyErr shows err as a refusal or failure, in words the user can act on.
func notifyErr(tl tr, err error) tea.Cmd {
	return func() tea.Msg { return noticeMsg{text: tl.describeErr(err), kind: noticeErr} }
}

// App is the root model of a session.
type App struct {
	s      *session
	stack  []page
	home   *homePage
	width  int
	height int

	showHelp bool
	helpView help.Model
	welcome  string

	notice   noticeMsg
	noticeID int

	life   *lifecycle
	closed bool
	fatal  string

	// opts and now made this App; a language switch makes the next one
	// from them (relaunch), which Close then closes too.
	opts Options
	now  func() time.Time
	next *App
}

// officeZone is where the workstation shows and reads times: the office's
// time zone setting (store.SiteSettings.Zone), unless a test pinned
// displayZone.
func officeZone(st interface {
	Settings() (store.SiteSettings, error)
}) *time.Location {
	if displayZone != nil {
		return displayZone
	}
	if st != nil {
		if set, err := st.Settings(); err == nil {
			return set.Zone()
		}
	}
	return store.SiteSettings{}.Zone()
}

func newApp(opts Options, now func() time.Time) *App {
	if opts.Renderer == nil {
		opts.Renderer = lipgloss.DefaultRenderer()
	}
	tl := tr(opts.Lang)
	s := &session{tr: tl, store: opts.Store, actor: opts.Actor, sty: newStyles(opts.Renderer), keys: newKeyMap(tl),
		local: opts.Local, presence: opts.Presence, search: opts.Search, marks: &marks{p: opts.Presence}, now: now, zone: officeZone(opts.Store)}
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	s.ctx, s.cancel = context.WithCancel(opts.Context)
	a := &App{s: s, width: opts.Width, height: opts.Height, welcome: opts.Welcome, opts: opts, now: now}
	a.helpView = help.New()
	a.helpView.Styles = s.sty.Help
	a.helpView.ShortSeparator = " · "
	if opts.Store == nil {
		a.fatal = tl.wt("TUINoDatabase")
		return a
	}
	u, err := opts.Store.User(opts.Actor.Login)
	if err != nil {
		a.fatal = tl.wt("TUIUnknownUser", locale.Args{"Login": termsafe.Line(opts.Actor.Login), "Err": tl.errText(err)})
	}
	s.user = u
	s.roles, _ = opts.Store.Roles()
	a.home = newHome(s)
	a.stack = []page{a.home}
	a.life = newLifecycle(opts.Store, s.marks)
	if a.width > 0 && a.height > 0 {
		a.resize()
	}
	return a
}

// Close releases the store subscription and every presence mark. It is safe
// to call more than once. Run calls it; an embedder (the SSH server) should
// call it when the session ends, though a session that vanishes is also
// released by a watchdog after idleRelease.
func (a *App) Close() error {
	if a.next != nil {
		defer a.next.Close() // the App a language switch made
	}
	if a.s != nil && a.s.cancel != nil {
		a.s.cancel()
	}
	if a.closed || a.life == nil {
		return nil
	}
	a.closed = true
	for _, p := range a.stack {
		if c, ok := p.(closer); ok {
			c.close()
		}
	}
	a.life.close()
	return nil
}

// Init loads the queues and starts listening to the store.
func (a *App) Init() tea.Cmd {
	if a.fatal != "" {
		return nil
	}
	cmds := []tea.Cmd{a.home.load(), a.life.waitEvents()}
	if a.welcome != "" {
		text := a.welcome
		cmds = append(cmds, func() tea.Msg { return noticeMsg{text: text, kind: noticeInfo, hold: welcomeHold} })
	}
	return tea.Batch(cmds...)
}

// welcomeHold is how long Options.Welcome stays in the status bar.
var welcomeHold = 90 * time.Second

func (a *App) top() page { return a.stack[len(a.stack)-1] }

// bodyHeight is what a page may draw in: the frame minus the header, the
// blank line under it, the help line and the status bar.
func (a *App) bodyHeight() int { return max(a.height-4, 1) }

func (a *App) resize() {
	a.helpView.Width = a.width
	for _, p := range a.stack {
		p.setSize(a.width, a.bodyHeight())
	}
}

// Update routes messages: navigation and notices here, everything else to
// the page on top; store events to home as well.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if a.fatal != "" {
		if _, ok := msg.(tea.KeyMsg); ok {
			return a, tea.Quit
		}
		if ws, ok := msg.(tea.WindowSizeMsg); ok {
			a.width, a.height = ws.Width, ws.Height
		}
		return a, nil
	}
	if !a.closed && a.life.touch() {
		// The watchdog released the session while the program was busy:
		// take it up again and catch up on what was missed.
		m, cmd := a.update(msg)
		return m, tea.Batch(cmd, a.life.waitEvents(), a.home.load())
	}
	return a.update(msg)
}

func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if d, ok := msg.(disconnecting); ok {
		return a, a.disconnect(d.Disconnecting())
	}
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		var cmds []tea.Cmd
		for _, p := range a.stack {
			if r, ok := p.(interface{ resized() tea.Cmd }); ok {
				cmds = append(cmds, r.resized())
			}
		}
		return a, tea.Batch(cmds...)

	case tea.KeyMsg:
		return a.key(msg)

	case langSwitchedMsg:
		return a.relaunch(msg)

	case pushMsg:
		a.clearStaleErr()
		msg.p.setSize(a.width, a.bodyHeight())
		a.stack = append(a.stack, msg.p)
		a.showHelp = false
		return a, initPage(msg.p)

	case replaceMsg:
		a.clearStaleErr()
		a.closeTop()
		msg.p.setSize(a.width, a.bodyHeight())
		a.stack[len(a.stack)-1] = msg.p
		return a, initPage(msg.p)

	case popMsg:
		a.clearStaleErr()
		if len(a.stack) > 1 {
			a.closeTop()
			a.stack = a.stack[:len(a.stack)-1]
		}
		if a.top() == a.home {
			if msg.focus != 0 {
				a.home.focus, a.home.focusArchived = msg.focus, msg.archived
			}
			return a, a.home.load()
		}
		return a, nil

	case noticeMsg:
		a.notice = msg
		a.noticeID++
		d := 5 * time.Second
		if msg.kind == noticeErr {
			d = 12 * time.Second
		}
		if msg.hold > 0 {
			d = msg.hold
		}
		id := a.noticeID
		return a, tea.Tick(d, func(time.Time) tea.Msg { return noticeExpiredMsg{id} })

	case noticeExpiredMsg:
		if msg.id == a.noticeID {
			a.notice = noticeMsg{}
		}
		return a, nil

	case keepaliveMsg:
		if a.closed {
			return a, nil
		}
		return a, a.life.waitEvents()

	case eventsMsg:
		var cmds []tea.Cmd
		if !a.closed {
			cmds = append(cmds, a.life.waitEvents())
		}
		var cmd tea.Cmd
		_, cmd = a.home.update(msg)
		cmds = append(cmds, cmd)
		if a.top() != a.home {
			var p page
			p, cmd = a.top().update(msg)
			a.stack[len(a.stack)-1] = p
			cmds = append(cmds, cmd)
		}
		return a, tea.Batch(cmds...)

	case subClosedMsg:
		return a, nil

	case queuesMsg:
		_, cmd := a.home.update(msg)
		return a, cmd

	case pageMsg:
		for i, p := range a.stack {
			if p == msg.to {
				was := inDialog(p)
				np, cmd := p.update(msg.msg)
				a.stack[i] = np
				if i == len(a.stack)-1 && inDialog(np) != was {
					a.clearStaleErr()
				}
				return a, cmd
			}
		}
		if o, ok := msg.msg.(orphan); ok {
			return a, o.orphan()
		}
		return a, nil
	}
	return a, a.updateTop(msg)
}

// updateTop hands msg to the top page. The status bar's lifetime rule:
// an error notice speaks of what the user was doing when it came; when
// a dialog opens or closes on the page (inDialog changes) or the page
// changes (push, replace, pop), the user has moved on and an error still
// shown is cleared (clearStaleErr). A new error that the same step
// raises arrives afterwards, as its command's noticeMsg, and stays.
func (a *App) updateTop(msg tea.Msg) tea.Cmd {
	was := inDialog(a.top())
	p, cmd := a.top().update(msg)
	a.stack[len(a.stack)-1] = p
	if inDialog(p) != was {
		a.clearStaleErr()
	}
	return cmd
}

// inDialog reports whether p shows a dialog (a form, a confirmation, a
// text box): its dialogOpen, else capturing.
func inDialog(p page) bool {
	if d, ok := p.(interface{ dialogOpen() bool }); ok {
		return d.dialogOpen()
	}
	return p.capturing()
}

// clearStaleErr drops an error notice from the status bar (see
// updateTop); other notices run their time.
func (a *App) clearStaleErr() {
	if a.notice.kind == noticeErr {
		a.notice = noticeMsg{}
		a.noticeID++
	}
}

func initPage(p page) tea.Cmd {
	if i, ok := p.(interface{ init() tea.Cmd }); ok {
		return i.init()
	}
	return nil
}

func (a *App) closeTop() {
	if c, ok := a.top().(closer); ok {
		c.close()
	}
}

func (a *App) key(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := a.s.keys
	if key.Matches(msg, k.ForceQ) {
		return a, a.quit()
	}
	if a.showHelp {
		a.showHelp = false
		return a, nil
	}
	if key.Matches(msg, k.HelpAny) {
		a.showHelp = true
		return a, nil
	}
	if !a.top().capturing() {
		switch {
		case key.Matches(msg, k.Help):
			a.showHelp = true
			return a, nil
		case key.Matches(msg, k.Quit):
			return a, a.quit()
		}
	}
	return a, a.updateTop(msg)
}

// quit leaves the workstation, letting a page with unsaved text save first.
func (a *App) quit() tea.Cmd {
	return tea.Sequence(append(a.flushes(), tea.Quit)...)
}

// flushes are the commands that save every page's unsaved text.
func (a *App) flushes() []tea.Cmd {
	var cmds []tea.Cmd
	for _, p := range a.stack {
		if f, ok := p.(interface{ flush() tea.Cmd }); ok {
			if c := f.flush(); c != nil {
				cmds = append(cmds, c)
			}
		}
	}
	return cmds
}

// disconnect is the embedder's warning that the session ends: unsaved text
// is saved, the subscription and presence marks released.
func (a *App) disconnect(reason string) tea.Cmd {
	cmds := a.flushes()
	a.Close()
	text := a.s.wt("TUIDisconnect")
	if reason = termsafe.Line(reason); reason != "" {
		text = a.s.wt("TUIDisconnectWhy", locale.Args{"Reason": reason})
	}
	if len(cmds) > 0 {
		text += a.s.wt("TUIDisconnectSaving")
	}
	return tea.Batch(notify(noticeErr, "%s", text), tea.Sequence(cmds...))
}

// View draws the frame: header, page, help line, status bar. Every frame
// passes through termsafe.Frame (only colour sequences survive), so text a
// page forgot to sanitise still cannot drive the terminal.
func (a *App) View() string { return termsafe.Frame(a.view()) }

func (a *App) view() string {
	if a.width <= 0 || a.height <= 0 {
		return ""
	}
	sty := a.s.sty
	if a.fatal != "" {
		return sty.Bad.Render(a.fatal) + "\n" + sty.Dim.Render(a.s.wt("TUIPressAnyKeyQuit"))
	}
	header := a.header()
	var body string
	if a.showHelp {
		body = a.fullHelp()
	} else {
		body = a.top().view()
	}
	body = fitBlock(body, a.width, a.bodyHeight())
	helpLine := a.shortHelp(a.top().help().ShortHelp())
	return header + "\n\n" + body + "\n" + helpLine + "\n" + a.statusBar()
}

func (a *App) header() string {
	sty := a.s.sty
	parts := []string{sty.Pill.Render("copydesk")}
	for i, p := range a.stack {
		t := p.title()
		if t == "" {
			continue
		}
		if i == len(a.stack)-1 {
			parts = append(parts, sty.Title.Render(t))
		} else {
			parts = append(parts, sty.Dim.Render(t))
		}
	}
	return cut(strings.Join(parts, sty.Faint.Render(" › ")), a.width)
}

func (a *App) fullHelp() string {
	h := a.helpView
	h.ShowAll = true
	sty := a.s.sty
	general := []key.Binding{a.s.keys.Back, a.s.keys.Help, a.s.keys.Quit, a.s.keys.ForceQ}
	if a.top().capturing() {
		// typing: ? and q are text there (see key), f1 is the help, and
		// the page lists its own esc
		general = []key.Binding{a.s.keys.HelpAny, a.s.keys.ForceQ}
	}
	groups := append(a.top().help().FullHelp(), general)
	return indent(sty.Title.Render(a.s.wt("TUIHelpKeysTitle"))+"\n\n"+helpColumns(h, groups, a.width-1)+"\n\n"+sty.Dim.Render(a.s.wt("TUIHelpAnyKeyBack")), " ")
}

// shortHelp is the key line above the status bar. When the bindings do not
// fit the width, the last ones go (with "…") but the help key stays, so the
// way to the full list of keys is always on the screen.
func (a *App) shortHelp(bs []key.Binding) string {
	h := a.helpView
	h.Width = 0 // measured here; help.Model would cut the help key off
	line := func(bs []key.Binding) string { return " " + h.ShortHelpView(bs) }
	if l := line(bs); lipgloss.Width(l) <= a.width {
		return l
	}
	isHelp := func(b key.Binding) bool {
		return b.Help().Key == a.s.keys.Help.Help().Key || b.Help().Key == a.s.keys.HelpAny.Help().Key
	}
	var keep []key.Binding // the help binding, if offered
	rest := make([]key.Binding, 0, len(bs))
	for _, b := range bs {
		if isHelp(b) && len(keep) == 0 {
			keep = append(keep, b)
			continue
		}
		rest = append(rest, b)
	}
	more := key.NewBinding(key.WithKeys("…"), key.WithHelp("…", ""))
	for n := len(rest) - 1; n >= 0; n-- {
		l := line(append(append(append([]key.Binding{}, rest[:n]...), more), keep...))
		if lipgloss.Width(l) <= a.width {
			return l
		}
	}
	return cut(line(keep), a.width)
}

// helpColumns lays the groups of bindings out as columns, starting a new
// row of columns when the next one would not fit in width, so that every
// key is listed. (help.Model.FullHelpView puts all columns on one row and
// cuts the rest off with "…": at 120 columns the compose page's help lost
// its deleting, undo and redo keys.)
func helpColumns(h help.Model, groups [][]key.Binding, width int) string {
	h.Width = 0
	const gap = "    "
	var rows []string
	var row []string
	used := 0
	for _, g := range groups {
		col := h.FullHelpView([][]key.Binding{g})
		if col == "" {
			continue
		}
		w := lipgloss.Width(col)
		if len(row) > 0 && used+len(gap)+w > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		if len(row) > 0 {
			row = append(row, gap)
			used += len(gap)
		}
		row = append(row, col)
		used += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}

// fitBlock makes s exactly h lines of at most w columns: long lines are cut,
// missing lines padded, so that the frame never shifts.
func fitBlock(s string, w, h int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		if !surelyFits(l, w) && ansi.StringWidth(l) > w {
			lines[i] = cut(l, w) // with …, never silently
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// surelyFits is a quick test that line s is at most w columns wide: it
// counts every non-ASCII character as two columns (no character is wider)
// and skips CSI sequences. When it says no, measure properly; measuring
// every line of every frame by grapheme cluster is most of a frame's cost.
func surelyFits(s string, w int) bool {
	if len(s) <= w {
		return true
	}
	n := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		switch {
		case b == 0x1b && i+1 < len(s) && s[i+1] == '[':
			for i += 2; i < len(s) && (s[i] < 0x40 || s[i] > 0x7e); i++ {
			}
		case b < 0x80:
			n++
		case b >= 0xc0:
			n += 2
		}
		if n > w {
			return false
		}
	}
	return true
}
