package tui

import (
	"reflect"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// metaFields are the published fields besides title and body, as the ctrl+o
// form edits them.
type metaFields struct {
	subtitle, source, authors, photographers string
	mName, mDate, mPlace, mChair, mAttendees string
	important                                bool   // 重要: the workflow's when: important stages apply
	tags                                     string // list-separated (、 or ,): when: tag:NAME stages apply
}

func (c *composePage) openMeta() tea.Cmd {
	ct := c.content
	v := &c.metaVals
	*v = metaFields{subtitle: ct.Subtitle, source: ct.Source,
		authors: strings.Join(ct.Authors, c.s.listSep()), photographers: strings.Join(ct.Photographers, c.s.listSep())}
	fields := []huh.Field{
		huh.NewInput().Title(c.s.wt("FieldSubtitle")).Value(&v.subtitle).CharLimit(model.MaxTitleRunes),
		huh.NewInput().Title(c.s.wt("FieldSource")).Value(&v.source).CharLimit(model.MaxLineRunes),
		huh.NewInput().Title(c.s.wt("FieldAuthors")).Description(c.s.wt("TUIFormListHint")).Value(&v.authors),
		huh.NewInput().Title(c.s.wt("FieldPhotographers")).Description(c.s.wt("TUIFormPhotoHint")).Value(&v.photographers),
	}
	v.important, v.tags = ct.Important, strings.Join(ct.Tags, c.s.listSep())
	if m := ct.Meeting; m != nil {
		v.mName, v.mDate, v.mPlace, v.mChair, v.mAttendees = m.Name, m.Date, m.Place, m.Chair, strings.Join(m.Attendees, c.s.listSep())
		fields = append(fields,
			huh.NewInput().Title(c.s.wt("FieldMeetingName")).Value(&v.mName),
			huh.NewInput().Title(c.s.wt("TUIFormDate")).Description(c.s.wt("TUIFormDateHint")).Value(&v.mDate).Validate(optionalDate(c.s)),
			huh.NewInput().Title(c.s.wt("TUIFormPlace")).Value(&v.mPlace),
			huh.NewInput().Title(c.s.wt("FieldMeetingChair")).Value(&v.mChair),
			huh.NewInput().Title(c.s.wt("FieldMeetingAttendees")).Value(&v.mAttendees),
		)
	}
	fields = append(fields,
		huh.NewConfirm().Title(locale.T(c.s.lang(), "TUIMetaImportant")).Description(locale.T(c.s.lang(), "TUIMetaImportantHint")).
			Affirmative(locale.T(c.s.lang(), "TUIAnswerYes")).Negative(locale.T(c.s.lang(), "TUIAnswerNo")).Value(&v.important),
		huh.NewInput().Title(locale.T(c.s.lang(), "TUIMetaTags")).Description(locale.T(c.s.lang(), "TUIMetaTagsHint")).Value(&v.tags),
	)
	c.metaBefore, c.metaSeen = c.content, *v // esc restores; typing is autosaved
	km := huhKeyMap(c.s.tr)
	c.metaSync = newFormSync(km)
	c.meta = huh.NewForm(huh.NewGroup(fields...).Title(c.s.wt("TUIKeyMeta"))).
		WithTheme(c.s.sty.huhTheme()).WithKeyMap(km).WithShowHelp(false).WithWidth(min(c.w-4, 76)).WithHeight(c.formHeight())
	c.mode = composeMeta
	c.body.Blur()
	c.titleIn.Blur()
	return c.meta.Init()
}

// formHeight is the height the 稿件信息 form may take below the page's
// header, less two lines kept for a validation message under it: huh
// scrolls a form to its focused field only when it is given a height.
func (c *composePage) formHeight() int {
	return max(c.h-c.headerHeight()-2, 4)
}

func (c *composePage) metaUpdate(msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		return nil // the page sizes the form
	}
	var cmd tea.Cmd
	c.meta, cmd = c.metaSync.update(c.meta, msg)
	switch c.meta.State {
	case huh.StateCompleted:
		c.applyMeta()
		c.mode, c.meta = composeEdit, nil
		c.focusTitle = false
		return tea.Batch(c.changed(), c.body.Focus())
	case huh.StateAborted:
		c.mode, c.meta = composeEdit, nil
		if c.metaVals != c.metaSeen || !reflect.DeepEqual(c.content, c.metaBefore) {
			c.content = c.metaBefore // esc: the fields as before the form
			return tea.Batch(c.changed(), c.body.Focus())
		}
		return c.body.Focus()
	}
	// Typing in the form is kept safe like typing in the body: each change
	// goes into the content at once and to the working copy after the
	// autosave pause, so a kill -9 or a dropped link in the middle of the
	// form loses at most about a second of it (fault 9.5).
	if c.metaVals != c.metaSeen {
		c.metaSeen = c.metaVals
		c.applyMeta()
		return tea.Batch(cmd, c.changed())
	}
	return cmd
}

func (c *composePage) applyMeta() {
	v := c.metaVals
	ct := &c.content
	ct.Subtitle, ct.Source = strings.TrimSpace(v.subtitle), strings.TrimSpace(v.source)
	ct.Authors, ct.Photographers = splitPeople(v.authors), splitPeople(v.photographers)
	ct.Important, ct.Tags = v.important, splitPeople(v.tags)
	if ct.Meeting != nil {
		ct.Meeting = &model.Meeting{Name: strings.TrimSpace(v.mName), Date: strings.TrimSpace(v.mDate),
			Place: strings.TrimSpace(v.mPlace), Chair: strings.TrimSpace(v.mChair), Attendees: splitPeople(v.mAttendees)}
	}
}
