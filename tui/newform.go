package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// formPage asks for what a new article needs before it exists: a headline
// for news; the meeting's facts for a meeting report, from which the lead
// paragraph is drafted. On completion it creates the article and opens the
// compose page on it.
type formPage struct {
	s    *session
	kind model.Kind
	w, h int

	headline, source                         string
	mName, mDate, mPlace, mChair, mAttendees string

	form     *huh.Form
	sync     *formSync
	creating bool
	dateErr  string // what is wrong with the date typed, shown under the field
}

// createdMsg is the result of creating an article.
type createdMsg struct {
	a   *model.Article
	err error
}

func newNewsForm(s *session) *formPage {
	f := &formPage{s: s, kind: model.KindNews}
	if s.user != nil {
		f.source = s.user.Department
	}
	f.build()
	return f
}

func newMeetingForm(s *session) *formPage {
	f := &formPage{s: s, kind: model.KindMeeting, mDate: s.now().In(s.zone).Format("2006-01-02")}
	if s.user != nil {
		f.source = s.user.Department
	}
	f.build()
	return f
}

func required(tl tr, what string) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return tl.formErr("TUIFieldRequired", locale.Args{"Field": what})
		}
		return nil
	}
}

// validDate checks the meeting date (model.ParseMeetingDate: 2026-1-5,
// 2026/01/05, 2026年1月5日 are taken and saved as 2026-01-05); the example in its message is today,
// and the message also shows under the field (dateDescription).
func (f *formPage) validDate(v string) error {
	f.dateErr = ""
	if _, err := model.ParseMeetingDate(v); err != nil {
		f.dateErr = f.s.wt("TUIDateExample", locale.Args{"Example": f.s.now().In(f.s.zone).Format("2006-01-02")})
		return f.s.formErr("TUIFieldReason", locale.Args{"Field": f.s.wt("TUIFormDate"), "Reason": f.dateErr})
	}
	return nil
}

// optionalDate checks a meeting date in the article's fields: a draft may
// leave it empty (submit asks for it), but one that is there must be a date.
func optionalDate(s *session) func(string) error {
	return func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		if _, err := model.ParseMeetingDate(v); err != nil {
			return s.formErr("TUIFieldReason", locale.Args{"Field": s.wt("TUIFormDate"), "Reason": s.wt("TUIDateExampleOrEmpty", locale.Args{"Example": s.now().In(s.zone).Format("2006-01-02")})})
		}
		return nil
	}
}

// dateDescription is the line under the date field: the form, or what is
// wrong with what was typed.
func (f *formPage) dateDescription() string {
	if f.dateErr != "" {
		return "✗ " + f.dateErr
	}
	return "YYYY-MM-DD"
}

func (f *formPage) build() {
	var g *huh.Group
	if f.kind == model.KindNews {
		g = huh.NewGroup(
			huh.NewInput().Title(f.s.wt("FieldTitle")).Value(&f.headline).CharLimit(model.MaxTitleRunes).Validate(required(f.s.tr, f.s.wt("FieldTitle"))),
			huh.NewInput().Title(f.s.wt("FieldSource")).Description(f.s.wt("TUIFormSourceHint")).Value(&f.source).CharLimit(model.MaxLineRunes),
		).Title(f.s.wt("TUIKeyNewNews"))
	} else {
		g = huh.NewGroup(
			huh.NewInput().Title(f.s.wt("FieldMeetingName")).Placeholder(f.s.wt("TUIFormMeetingHint")).Value(&f.mName).CharLimit(model.MaxLineRunes).Validate(required(f.s.tr, f.s.wt("FieldMeetingName"))),
			huh.NewInput().Title(f.s.wt("TUIFormDate")).DescriptionFunc(f.dateDescription, &f.dateErr).Value(&f.mDate).Validate(f.validDate),
			huh.NewInput().Title(f.s.wt("TUIFormPlace")).Value(&f.mPlace).CharLimit(model.MaxLineRunes),
			huh.NewInput().Title(f.s.wt("FieldMeetingChair")).Value(&f.mChair).CharLimit(model.MaxLineRunes),
			huh.NewInput().Title(f.s.wt("FieldMeetingAttendees")).Description(f.s.wt("TUIFormAttendeesHint")).Value(&f.mAttendees),
			huh.NewInput().Title(f.s.wt("FieldSource")).Description(f.s.wt("TUIFormMeetingSourceHint")).Value(&f.source).CharLimit(model.MaxLineRunes),
		).Title(f.s.wt("TUIKeyNewMeeting")).Description(f.s.wt("TUIFormLeadNote"))
	}
	km := huhKeyMap(f.s.tr)
	f.form = huh.NewForm(g).WithTheme(f.s.sty.huhTheme()).WithKeyMap(km).WithShowHelp(false)
	f.sync = newFormSync(km)
	if f.w > 0 {
		f.form = f.form.WithWidth(min(f.w-2, 76)).WithHeight(f.formHeight())
	}
}

// formHeight is the page's height less two lines kept for a validation
// message: huh scrolls a form to its focused field only when it is given a
// height.
func (f *formPage) formHeight() int { return max(f.h-2, 4) }

func (f *formPage) init() tea.Cmd { return f.form.Init() }

func (f *formPage) title() string {
	if f.kind == model.KindNews {
		return f.s.wt("TUIKeyNewNews")
	}
	return f.s.wt("TUIKeyNewMeeting")
}

func (f *formPage) setSize(w, h int) {
	f.w, f.h = w, h
	f.form = f.form.WithWidth(min(w-2, 76)).WithHeight(f.formHeight())
}

func (f *formPage) capturing() bool { return true }

func (f *formPage) status() string {
	if f.creating {
		return f.s.wt("TUICreating")
	}
	return ""
}

func (f *formPage) help() help.KeyMap {
	return bindings{short: []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", f.s.wt("TUIKeyNextOrDone"))),
		key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", f.s.wt("TUIKeyPrevField"))),
		f.s.keys.Back,
	}}
}

func (f *formPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case createdMsg:
		// creating stays set on success: huh may deliver a late second
		// completion, which must not create the article twice.
		if msg.err != nil {
			f.creating = false
			f.build()
			return f, tea.Batch(notifyErr(f.s.tr, msg.err), f.form.Init())
		}
		c := newCompose(f.s, msg.a.ID)
		c.atEnd = true
		return f, tea.Batch(replace(c),
			notify(noticeOK, "%s", f.s.wt("TUICreated", locale.Args{"ID": msg.a.ID})))
	case tea.KeyMsg:
		if key.Matches(msg, f.s.keys.Back) {
			return f, pop
		}
	}
	if f.creating {
		return f, nil
	}
	var cmd tea.Cmd
	f.form, cmd = f.sync.update(f.form, msg)
	if f.form.State == huh.StateCompleted {
		f.creating = true
		if f.kind == model.KindNews {
			// A news article has no text yet: the editor creates it on its
			// first save, so that revision 1 is the first real text.
			c := newComposeFresh(f.s, f.content())
			c.atEnd = true
			return f, replace(c)
		}
		return f, f.create()
	}
	if f.form.State == huh.StateAborted {
		return f, pop
	}
	return f, cmd
}

// content is what the form describes, with the drafted lead for a meeting.
func (f *formPage) content() model.Content {
	c := model.Content{Kind: f.kind, Title: strings.TrimSpace(f.headline), Source: strings.TrimSpace(f.source)}
	if f.s.user != nil {
		c.Authors = []string{f.s.user.Name()}
	}
	if f.kind == model.KindMeeting {
		m := &model.Meeting{Name: strings.TrimSpace(f.mName), Date: strings.TrimSpace(f.mDate),
			Place: strings.TrimSpace(f.mPlace), Chair: strings.TrimSpace(f.mChair), Attendees: splitPeople(f.mAttendees)}
		c.Meeting = m
		c.Title = meetingTitle(m, c.Source)
		c.Body = meetingBody(m, c.Source)
	}
	return c
}

func (f *formPage) create() tea.Cmd {
	st, act, c := f.s.store, f.s.actor, f.content()
	return func() tea.Msg {
		a, err := st.Create(act, c, "")
		return createdMsg{a: a, err: err}
	}
}

func (f *formPage) view() string {
	if f.creating {
		return " " + f.s.sty.Dim.Render(f.s.wt("TUICreating"))
	}
	return indent(f.form.View(), " ")
}
