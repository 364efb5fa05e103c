package model

import "strings"

// FieldChange is one published field, other than the body, that differs
// between two revisions: Field names it ("source", "meeting.attendees";
// its catalog label is Field.MessageID()), Old and New are its values as
// text — lists joined by 、, Important as "" (no) or "important" (yes).
type FieldChange struct {
	Field    FieldName
	Old, New string
}

// ChangedFields lists every published field other than the body in which
// a and b differ, in the order an article shows them: title, subtitle,
// source, authors, photographers, the meeting's name, date, place, chair
// and attendees, important, tags. A reviewer's diff names each one, so a
// change made outside the body (a meeting date, the attendees a return
// asked for) is seen before it is approved. Nil when only the body (or
// nothing) changed.
func ChangedFields(a, b *Content) []FieldChange {
	var out []FieldChange
	add := func(f FieldName, o, n string) {
		if o != n {
			out = append(out, FieldChange{Field: f, Old: o, New: n})
		}
	}
	list := func(s []string) string { return strings.Join(s, "、") }
	flag := func(v bool) string {
		if v {
			return "important"
		}
		return ""
	}
	ma, mb := a.Meeting, b.Meeting
	if ma == nil {
		ma = &Meeting{}
	}
	if mb == nil {
		mb = &Meeting{}
	}
	add("title", a.Title, b.Title)
	add("subtitle", a.Subtitle, b.Subtitle)
	add("source", a.Source, b.Source)
	add("authors", list(a.Authors), list(b.Authors))
	add("photographers", list(a.Photographers), list(b.Photographers))
	add("meeting.name", ma.Name, mb.Name)
	add("meeting.date", ma.Date, mb.Date)
	add("meeting.place", ma.Place, mb.Place)
	add("meeting.chair", ma.Chair, mb.Chair)
	add("meeting.attendees", list(ma.Attendees), list(mb.Attendees))
	add("important", flag(a.Important), flag(b.Important))
	add("tags", list(a.Tags), list(b.Tags))
	return out
}
