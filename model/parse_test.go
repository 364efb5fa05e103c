package model

import (
	"errors"
	"testing"
)

// State, role and kind names are accepted in both languages.
func TestParseBothLanguages(t *testing.T) {
	states := map[string]State{
		"draft": StateDraft, "草稿": StateDraft, "review": StateReview, "Review": StateReview,
		"审核中": StateReview, "审核": StateReview, "signed": StateSigned, "已签发": StateSigned,
		"published": StatePublished, "已发布": StatePublished, "withdrawn": StateWithdrawn,
		"已撤稿": StateWithdrawn, " 审核中 ": StateReview,
	}
	for in, want := range states {
		if got, err := ParseState(in); err != nil || got != want {
			t.Errorf("ParseState(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseState("审阅"); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown state: %v", err)
	}
	rs, err := ParseRoles("撰稿，审核员,chief、管理员")
	if err != nil || len(rs) != 4 || rs[0] != RoleWriter || rs[1] != RoleReviewer || rs[2] != RoleChief || rs[3] != RoleAdmin {
		t.Errorf("ParseRoles: %v %v", rs, err)
	}
	if _, err := ParseRoles("编辑"); !errors.Is(err, ErrInvalid) {
		t.Errorf("unknown role: %v", err)
	}
	for in, want := range map[string]Kind{"": KindNews, "新闻": KindNews, "会议": KindMeeting, "Meeting": KindMeeting} {
		if got, err := ParseKind(in); err != nil || got != want {
			t.Errorf("ParseKind(%q) = %q, %v", in, got, err)
		}
	}
	// Stored content keeps the canonical value: a Chinese kind is parsed at
	// the edge, never stored.
	c := Content{Kind: "会议", Title: "t"}
	if err := c.Validate(); !errors.Is(err, ErrInvalid) {
		t.Errorf("Validate accepted kind 会议 as stored value: %v", err)
	}
	if StateReview.MessageID() != "StateReview" || RoleChief.MessageID() != "RoleChief" || KindMeeting.MessageID() != "KindMeeting" {
		t.Error("MessageID")
	}
}

// A front-matter value with bidi or C1 controls is written escaped: the
// terminal sees only ASCII for them, and the file reads back the same.
func TestEncodeMarkdownEscapesControls(t *testing.T) {
	title := "文件\u202Egpj.exe\u0085标题\u2066x"
	a := &Article{ID: 3, State: StateDraft}
	r := &Revision{N: 2, Content: Content{Kind: KindNews, Title: title, Authors: []string{"李\u200f伟"}, Body: "正文\n"}}
	out := EncodeMarkdown(a, r)
	for _, c := range string(out) {
		if unsafeRune(c) {
			t.Fatalf("pull output holds %U raw:\n%s", c, out)
		}
	}
	fm, body, err := ParseMarkdown(out)
	if err != nil {
		t.Fatal(err)
	}
	if fm.Title != title || fm.Authors[0] != "李\u200f伟" || body != "正文\n" {
		t.Fatalf("round trip: %q %q %q\n%s", fm.Title, fm.Authors, body, out)
	}
}
