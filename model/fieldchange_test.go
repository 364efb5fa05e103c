package model

import (
	"reflect"
	"testing"
)

// Every published field besides the body is compared; a meeting added or
// dropped counts its fields as changed from or to empty.
func TestChangedFields(t *testing.T) {
	a := Content{Kind: KindMeeting, Title: "T", Body: "正文", Authors: []string{"李伟"},
		Meeting: &Meeting{Name: "会", Date: "2026-11-26", Attendees: []string{"刘芳"}}}
	if got := ChangedFields(&a, &a); got != nil {
		t.Fatalf("same content: %v", got)
	}
	b := a
	b.Body = "另一段正文"
	if got := ChangedFields(&a, &b); got != nil {
		t.Fatalf("only the body changed: %v", got)
	}
	m := *a.Meeting
	m.Attendees = []string{"刘芳", "张明"}
	m.Chair = "刘芳"
	b.Meeting, b.Subtitle, b.Important, b.Tags, b.Photographers = &m, "副", true, []string{"人事"}, []string{"赵丽"}
	want := []FieldChange{
		{"subtitle", "", "副"}, {"photographers", "", "赵丽"}, {"meeting.chair", "", "刘芳"},
		{"meeting.attendees", "刘芳", "刘芳、张明"}, {"important", "", "important"}, {"tags", "", "人事"},
	}
	if got := ChangedFields(&a, &b); !reflect.DeepEqual(got, want) {
		t.Fatalf("got  %v\nwant %v", got, want)
	}
	n := a
	n.Meeting = nil
	if got := ChangedFields(&a, &n); len(got) != 3 || got[0].Field != "meeting.name" || got[0].New != "" {
		t.Fatalf("meeting dropped: %v", got)
	}
}
