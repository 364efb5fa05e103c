package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/search"
	"github.com/copydesk/copydesk/termsafe"
)

// The search page: `/` on the home screen. Results come as you type: each
// keystroke starts a short timer (searchDebounce); when it fires with no
// newer keystroke, the query runs in a tea.Cmd (never on the UI
// goroutine) and its result comes back as a searchResultMsg tagged with the
// query's generation, so a slow old result never replaces a newer one.
// Filters are typed into the query (作者:liwei 从:2026-01-01 到:2026-06-30,
// or author:/since:/until:) or cycled with tab (state) and shift+tab (kind).

// searchDebounce is how long typing must pause before a query runs.
const searchDebounce = 150 * time.Millisecond

// searchRetry is how often the page asks again while the index rebuilds.
const searchRetry = time.Second

type (
	// searchTickMsg: the debounce timer of generation gen fired.
	searchTickMsg struct{ gen int }
	// searchResultMsg is a query's outcome.
	searchResultMsg struct {
		gen    int
		res    *search.Results
		err    error
		status search.Status
	}
)

var searchStates = []model.State{"", model.StateDraft, model.StateReview, model.StateSigned, model.StatePublished, model.StateWithdrawn}
var searchKinds = []model.Kind{"", model.KindNews, model.KindMeeting}

type searchKeys struct {
	Open, Up, Down, State, Kind, Back key.Binding
}

func newSearchKeys(tl tr) searchKeys {
	b := func(h, desc string, keys ...string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(h, desc))
	}
	t := func(id string) string { return locale.T(tl.lang(), id) }
	return searchKeys{
		Open:  b("enter", t("TUISearchKeyOpen"), "enter"),
		Up:    b("↑", t("TUISearchKeyUp"), "up", "ctrl+p"),
		Down:  b("↓", t("TUISearchKeyDown"), "down", "ctrl+n"),
		State: b("tab", t("TUISearchKeyState"), "tab"),
		Kind:  b("shift+tab", t("TUISearchKeyKind"), "shift+tab"),
		Back:  b("esc", t("TUISearchKeyBack"), "esc"),
	}
}

type searchPage struct {
	s    *session
	w, h int
	keys searchKeys

	input textinput.Model
	state int // index into searchStates
	kind  int // index into searchKinds

	gen      int // bumped by every change of the query or a filter
	shown    int // generation of the results shown
	running  bool
	res      *search.Results
	err      error
	progress search.Status // while the index rebuilds

	cursor, offset int
	// limit is how many hits the page asks for (0: search.DefaultLimit);
	// more says the search has hits past them, which ↓ at the last hit
	// fetches (keep: the cursor stays where it was)
	limit      int
	more, keep bool

	ctx    context.Context
	cancel context.CancelFunc
}

func newSearchPage(s *session) *searchPage {
	p := &searchPage{s: s, keys: newSearchKeys(s.tr)}
	p.input = s.sty.textInput(locale.T(s.lang(), "TUISearchPlaceholder"), search.MaxQueryRunes)
	p.input.Prompt = locale.T(s.lang(), "TUISearchPrompt")
	p.input.PromptStyle = s.sty.Accent
	p.ctx, p.cancel = s.pageContext()
	return p
}

func (p *searchPage) init() tea.Cmd { return p.input.Focus() }

func (p *searchPage) close() { p.cancel() }

func (p *searchPage) title() string    { return locale.T(p.s.lang(), "TUISearchTitle") }
func (p *searchPage) setSize(w, h int) { p.w, p.h = w, h; p.input.Width = max(w-12, 10) }
func (p *searchPage) capturing() bool  { return true }
func (p *searchPage) status() string {
	if p.res != nil && len(p.res.Hits) > 0 {
		return p.s.zoneNote() // the rows' dates are office dates (issue 8.5)
	}
	return ""
}
func (p *searchPage) help() help.KeyMap {
	k := p.keys
	return bindings{short: []key.Binding{k.Open, k.Up, k.Down, k.State, k.Kind, k.Back}}
}

// changed starts the debounce timer for a new generation.
func (p *searchPage) changed() tea.Cmd {
	p.gen++
	p.limit = 0 // a new query starts with one page of hits
	gen := p.gen
	return tea.Tick(searchDebounce, func(time.Time) tea.Msg { return pageMsg{to: p, msg: searchTickMsg{gen}} })
}

// query builds the query of the input and filters; ok is false when the
// input holds no text to search.
func (p *searchPage) query() (search.Query, error) {
	q, err := parseSearchInput(p.input.Value(), p.s.zone)
	if err != nil {
		return q, err
	}
	if st := searchStates[p.state]; st != "" && len(q.States) == 0 {
		q.States = []model.State{st}
	}
	if k := searchKinds[p.kind]; k != "" && q.Kind == "" {
		q.Kind = k
	}
	q.Viewer = p.s.user   // the TUI shows what the queues would: model.Article.VisibleTo
	q.Limit = p.lim() + 1 // one more than shown says whether there are more
	return q, nil
}

// run starts the query of generation gen off the UI goroutine.
func (p *searchPage) run(gen int) tea.Cmd {
	q, err := p.query()
	if err != nil {
		p.err, p.res, p.shown = err, nil, gen
		return nil
	}
	if strings.TrimSpace(q.Text) == "" {
		p.err, p.res, p.shown = nil, nil, gen
		return nil
	}
	sr := p.s.search
	if sr == nil {
		p.err, p.shown = errSearchUnavailable, gen
		return nil
	}
	p.running = true
	ctx := p.ctx
	return tell(p, func() tea.Msg {
		res, err := sr.Search(ctx, q)
		m := searchResultMsg{gen: gen, res: res, err: err}
		if errors.Is(err, search.ErrRebuilding) {
			m.status, _ = sr.Status()
		}
		return m
	})
}

// lim is how many hits the page shows: search.DefaultLimit, more after
// each ↓ past the last one, at most search.MaxLimit - 1 (one more is asked).
func (p *searchPage) lim() int {
	if p.limit <= 0 {
		return search.DefaultLimit
	}
	return min(p.limit, search.MaxLimit-1)
}

// errSearchUnavailable: the session has no search index (shown as
// TUISearchUnavailable).
var errSearchUnavailable error = locale.NewError("TUISearchUnavailable", nil)

func (p *searchPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case searchTickMsg:
		if msg.gen != p.gen {
			return p, nil // typing went on
		}
		return p, p.run(msg.gen)
	case searchResultMsg:
		if msg.gen < p.shown {
			return p, nil
		}
		p.running = false
		p.shown = msg.gen
		if errors.Is(msg.err, search.ErrRebuilding) {
			p.progress, p.err = msg.status, msg.err
			gen := msg.gen
			return p, tea.Tick(searchRetry, func(time.Time) tea.Msg { return pageMsg{to: p, msg: searchTickMsg{gen}} })
		}
		p.err, p.res = msg.err, msg.res
		if msg.err != nil {
			p.res = nil
		}
		p.more = false
		if p.res != nil && len(p.res.Hits) > p.lim() {
			p.res.Hits, p.more = p.res.Hits[:p.lim()], true
		}
		if p.keep && p.res != nil { // ↓ fetched more: on to the next hit
			p.cursor = min(p.cursor+1, max(len(p.res.Hits)-1, 0))
		} else {
			p.cursor, p.offset = 0, 0
		}
		p.keep = false
		return p, nil
	case tea.KeyMsg:
		return p, p.key(msg)
	}
	return p, nil
}

func (p *searchPage) key(msg tea.KeyMsg) tea.Cmd {
	k := p.keys
	n := 0
	if p.res != nil {
		n = len(p.res.Hits)
	}
	switch {
	case key.Matches(msg, k.Back):
		return pop
	case key.Matches(msg, k.Open):
		if p.cursor < n {
			return p.open(p.res.Hits[p.cursor])
		}
		return nil
	case key.Matches(msg, k.Up):
		p.cursor = max(p.cursor-1, 0)
		return nil
	case key.Matches(msg, k.Down):
		if p.cursor == n-1 && p.more && !p.running && p.lim() < search.MaxLimit-1 {
			p.limit, p.keep = p.lim()+search.DefaultLimit, true
			return p.run(p.shown)
		}
		p.cursor = max(min(p.cursor+1, n-1), 0)
		return nil
	case key.Matches(msg, k.State):
		p.state = (p.state + 1) % len(searchStates)
		return p.changed()
	case key.Matches(msg, k.Kind):
		p.kind = (p.kind + 1) % len(searchKinds)
		return p.changed()
	}
	before := p.input.Value()
	var cmd tea.Cmd
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		return tea.Batch(cmd, p.changed())
	}
	return cmd
}

// open shows a hit: the author's own draft in the editor, an earlier
// revision in the history, anything else on the article page.
func (p *searchPage) open(h search.Hit) tea.Cmd {
	switch {
	case h.Type == search.HitRevision:
		return push(newHistory(p.s, h.Article))
	case h.State == model.StateDraft && h.Owner == p.s.actor.Login:
		return push(newCompose(p.s, h.Article))
	}
	return push(newArticlePage(p.s, h.Article))
}

// rowHeight of a result: title line, snippet line, space.
const searchRowHeight = 3

func (p *searchPage) perPage() int { return max((p.h-4)/searchRowHeight, 1) }

func (p *searchPage) view() string {
	sty := p.s.sty
	t := func(id string, args ...locale.Args) string { return locale.T(p.s.lang(), id, args...) }
	var b strings.Builder
	b.WriteString(" " + p.input.View() + "\n")
	st, kd := t("TUISearchAll"), t("TUISearchAll")
	if s := searchStates[p.state]; s != "" {
		st = p.s.label(s)
	}
	if k := searchKinds[p.kind]; k != "" {
		kd = p.s.label(k)
	}
	b.WriteString(" " + sty.Dim.Render(t("TUISearchFilters", locale.Args{"State": st, "Kind": kd})) + "\n\n")
	switch {
	case errors.Is(p.err, search.ErrRebuilding):
		b.WriteString(" " + sty.Warn.Render(t("SearchRebuilding", locale.Args{"Done": p.progress.Done, "Total": p.progress.Total})))
		return b.String()
	case errors.Is(p.err, errSearchUnavailable):
		b.WriteString(" " + sty.Bad.Render(t("TUISearchUnavailable")))
		return b.String()
	case errors.Is(p.err, search.ErrEmptyQuery):
		b.WriteString(" " + sty.Dim.Render(t("SearchEmpty")))
		return b.String()
	case p.err != nil:
		b.WriteString(" " + sty.Bad.Render(p.s.describeErr(p.err)))
		return b.String()
	case p.res == nil:
		if strings.TrimSpace(p.input.Value()) == "" {
			b.WriteString(" " + sty.Dim.Render(t("TUISearchHint")))
		} else {
			b.WriteString(" " + sty.Dim.Render(t("TUISearchRunning")))
		}
		return b.String()
	case len(p.res.Hits) == 0:
		b.WriteString(" " + sty.Dim.Render(t("SearchNothing", locale.Args{"Query": termsafe.Line(p.input.Value())})))
		return b.String()
	}
	hits := p.res.Hits
	per := p.perPage()
	p.cursor = min(p.cursor, len(hits)-1)
	if p.cursor < p.offset {
		p.offset = p.cursor
	}
	if p.cursor >= p.offset+per {
		p.offset = p.cursor - per + 1
	}
	end := min(p.offset+per, len(hits))
	for i := p.offset; i < end; i++ {
		b.WriteString(p.rowView(hits[i], i == p.cursor))
		b.WriteString("\n\n")
	}
	footID := "TUISearchFooter"
	if p.more {
		footID = "TUISearchFooterMore"
	}
	foot := t(footID, locale.Args{"N": len(hits), "Took": fmt.Sprintf("%.1f ms", float64(p.res.Took.Microseconds())/1000)})
	b.WriteString(strings.Repeat(" ", max(p.w-ansi.StringWidth(foot)-1, 0)) + sty.Faint.Render(foot))
	return b.String()
}

// rowView draws one hit: a title line (number, state, date, title, and
// which revision or a comment) and the snippet with the hits marked, both
// cut to the page's display width.
func (p *searchPage) rowView(h search.Hit, selected bool) string {
	sty := p.s.sty
	width := max(p.w-4, 10)
	title := termsafe.Line(h.Title)
	switch h.Type {
	case search.HitRevision:
		title += p.s.wt("TUIParenthetical", locale.Args{"Text": locale.T(p.s.lang(), "SearchRevision", locale.Args{"Rev": h.Rev})})
	case search.HitComment:
		title += p.s.wt("TUIParenthetical", locale.Args{"Text": locale.T(p.s.lang(), "SearchComment")})
	}
	meta := sty.Meta.Render(fmt.Sprintf("#%d · ", h.Article)) + sty.badge(p.s.tr, h.State, false)
	switch { // a pending 定时发布, as the home queue shows it (scheduleMeta)
	case h.ScheduleRefused:
		meta += " · " + sty.Warn.Render(locale.T(p.s.lang(), "TUIHomeScheduleRefused"))
	case h.Scheduled != nil:
		meta += " · " + sty.Accent.Render(locale.T(p.s.lang(), "TUIHomeScheduled", locale.Args{"At": p.s.fmtTime(*h.Scheduled)}))
	}
	meta += sty.Meta.Render(" · " + h.Date.In(p.s.zone).Format("2006-01-02") + " · ")
	titleRoom := max(width-ansi.StringWidth(meta), 4)
	title = cut(title, titleRoom)
	snippet := p.snippetLine(h.Snippet, width)
	if selected {
		bar := sty.SelBar.Render("│")
		return " " + bar + " " + meta + sty.SelTitle.Render(title) + "\n " + bar + " " + snippet
	}
	return "   " + meta + sty.ItemTitle.Render(title) + "\n   " + snippet
}

// snippetLine renders segments within width display columns; hits are
// highlighted (on a terminal without colour, bracketed 【】).
func (p *searchPage) snippetLine(segs []search.Segment, width int) string {
	sty := p.s.sty
	hit := sty.Accent.Bold(true).Underline(true)
	var b strings.Builder
	room := width
	for _, sg := range segs {
		text := termsafe.Line(sg.Text) // already safe; cheap when clean
		if sg.Hit && sty.ascii {
			text = "【" + text + "】" // langcheck:ok marks a hit inside the article's own text
		}
		w := ansi.StringWidth(text)
		if w > room {
			text = cut(text, room)
			w = room
		}
		if sg.Hit {
			b.WriteString(hit.Render(text))
		} else {
			b.WriteString(sty.Dim.Render(text))
		}
		room -= w
		if room <= 0 {
			break
		}
	}
	return b.String()
}

// parseSearchInput splits what was typed into words to find and filters:
// 作者:LOGIN / author:LOGIN, 从:DATE / since:DATE, 到:DATE / until:DATE
// (YYYY-MM-DD, both days included), 状态:S / state:S, 类型:K / kind:K. A
// full-width colon works too.
func parseSearchInput(s string, zone *time.Location) (search.Query, error) {
	var q search.Query
	var words []string
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(strings.Replace(f, "：", ":", 1), ":") // langcheck:ok query syntax: a full-width colon typed is accepted
		if !ok || v == "" {
			words = append(words, f)
			continue
		}
		var err error
		switch strings.ToLower(k) {
		case "作者", "author": // langcheck:ok query syntax, accepted in both languages
			q.Author = v
		case "从", "since": // langcheck:ok query syntax, accepted in both languages
			q.Since, err = searchDay(v, 0, zone)
		case "到", "until": // langcheck:ok query syntax, accepted in both languages
			q.Until, err = searchDay(v, 1, zone)
		case "状态", "state": // langcheck:ok query syntax, accepted in both languages
			var st model.State
			if st, err = model.ParseState(v); err == nil {
				q.States = []model.State{st}
			}
		case "类型", "kind": // langcheck:ok query syntax, accepted in both languages
			q.Kind, err = model.ParseKind(v)
		default:
			words = append(words, f)
		}
		if err != nil {
			return q, err
		}
	}
	q.Text = strings.Join(words, " ")
	return q, nil
}

func searchDay(v string, add int, zone *time.Location) (time.Time, error) {
	d, err := time.ParseInLocation("2006-01-02", v, zone)
	if err != nil {
		return time.Time{}, &model.FieldError{Field: "date", ID: "SearchBadDate", Args: map[string]any{"Date": termsafe.Line(v)},
			Reason: locale.T(locale.EN, "SearchBadDate", locale.Args{"Date": termsafe.Line(v)})} // Reason: Error()'s English, for logs
	}
	return d.AddDate(0, 0, add), nil
}
