package model

import (
	"errors"
	"strings"
	"testing"
)

func TestContentValidation(t *testing.T) {
	ok := Content{Kind: KindNews, Title: "学院举行2026年秋季运动会", Body: "正文\n\n第二段\t含制表符"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := map[string]Content{
		"invalid utf8 title": {Title: "标题\xff"},
		"NUL in title":       {Title: "标\x00题"},
		"escape in title":    {Title: "标题\x1b]0;pwned\x07"},
		"bidi in title":      {Title: "标题\u202e反转"},
		"newline in title":   {Title: "两行\n标题"},
		"300-char title":     {Title: strings.Repeat("长", 300)},
		"empty title":        {Title: "  "},
		"5 MiB body":         {Title: "t", Body: strings.Repeat("字", 5<<20/3)},
		"escape in body":     {Title: "t", Body: "段落\x1b[2J"},
		"invalid utf8 body":  {Title: "t", Body: "\xc3\x28"},
		"meeting bad date":   {Title: "t", Kind: KindMeeting, Meeting: &Meeting{Name: "党委会", Date: "2026-13-45"}},
		"meeting words date": {Title: "t", Kind: KindMeeting, Meeting: &Meeting{Date: "下周三"}},
	}
	for name, c := range bad {
		t.Run(name, func(t *testing.T) {
			if c.Kind == "" {
				c.Kind = KindNews
			}
			err := c.Validate()
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("accepted or wrong error: %v", err)
			}
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field == "" || fe.Reason == "" {
				t.Fatalf("error does not name the field: %v", err)
			}
		})
	}
	big := Content{Kind: KindNews, Title: "t", Body: strings.Repeat("字", 5<<20/3)}
	if err := big.Validate(); !strings.Contains(err.Error(), "MiB") {
		t.Fatalf("size message should say how big: %v", err)
	}
}

func TestContentHashCoversEveryPublishedField(t *testing.T) {
	base := Content{Kind: KindMeeting, Title: "标题", Subtitle: "副题", Source: "宣传部", Authors: []string{"李伟"},
		Photographers: []string{"赵丽"}, Body: "正文", Media: []string{"a:b"},
		Meeting: &Meeting{Name: "党委会", Date: "2026-11-20", Place: "行政楼", Chair: "张明", Attendees: []string{"全体中层"}}}
	h := base.Hash()
	if h != base.Hash() || !strings.HasPrefix(h, "sha256:") {
		t.Fatal("hash not stable")
	}
	muts := []func(c *Content){
		func(c *Content) { c.Title += "!" }, func(c *Content) { c.Subtitle = "" }, func(c *Content) { c.Source = "x" },
		func(c *Content) { c.Authors = []string{"李", "伟"} }, func(c *Content) { c.Photographers = nil },
		func(c *Content) { c.Body += " " }, func(c *Content) { c.Media = nil }, func(c *Content) { c.Kind = KindNews },
		func(c *Content) { c.Meeting.Chair = "王" }, func(c *Content) { c.Meeting.Attendees = nil },
		func(c *Content) { c.Meeting.Date = "2026-11-21" }, func(c *Content) { c.Meeting = nil },
	}
	for i, m := range muts {
		c := base
		mm := *base.Meeting
		c.Meeting = &mm
		m(&c)
		if c.Hash() == h {
			t.Errorf("mutation %d did not change the hash", i)
		}
	}
}

func TestLoginAndRoles(t *testing.T) {
	for _, l := range []string{"../etc", "Li", "", "a b", strings.Repeat("a", 33), "li\x00"} {
		if ValidateLogin(l) == nil {
			t.Errorf("accepted login %q", l)
		}
	}
	if _, err := ParseRoles("writer,editor"); err == nil {
		t.Error("accepted unknown role")
	}
	rs, err := ParseRoles("writer, reviewer,writer")
	if err != nil || len(rs) != 2 {
		t.Fatalf("%v %v", rs, err)
	}
}

func TestMarkdownRoundTrip(t *testing.T) {
	a := &Article{ID: 9, State: StateDraft}
	r := &Revision{N: 4, Content: Content{Kind: KindMeeting, Title: "学院召开安全工作会议", Source: "保卫处",
		Authors: []string{"李伟"}, Meeting: &Meeting{Name: "安全工作会议", Date: "2026-11-02", Chair: "张明"},
		Body: "11月2日，学院召开安全工作会议。\n\n一、压实责任\n"}}
	raw := EncodeMarkdown(a, r)
	fm, body, err := ParseMarkdown(raw)
	if err != nil {
		t.Fatal(err)
	}
	c, err := fm.Content(body)
	if err != nil {
		t.Fatal(err)
	}
	if fm.ID != 9 || fm.Rev != 4 || c.Hash() != r.Content.Canonical().Hash() {
		t.Fatalf("round trip changed content:\n%s\n%+v", raw, c)
	}
	for _, bad := range []string{"no header", "---\ntitle: [unclosed\n---\nbody", "---\ntitle: x\nbody without end", "+++\ntitle = 'x'\n+++\n"} {
		if _, _, err := ParseMarkdown([]byte(bad)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestAuditChain(t *testing.T) {
	var recs []*AuditRecord
	var prev *AuditRecord
	for i := 0; i < 5; i++ {
		r := &AuditRecord{Actor: "liwei", Action: ActSave, Article: 1, Rev: i + 1, At: now}
		r.Seal(prev)
		recs = append(recs, r)
		prev = r
	}
	var v ChainVerifier
	for _, r := range recs {
		if err := v.Next(r); err != nil {
			t.Fatal(err)
		}
	}
	recs[2].Detail = "tampered"
	v = ChainVerifier{}
	var ce *ChainError
	for _, r := range recs {
		if err := v.Next(r); err != nil {
			if !errors.As(err, &ce) || ce.Seq != 3 {
				t.Fatalf("wrong record named: %v", err)
			}
			return
		}
	}
	t.Fatal("tampering not detected")
}

// TestDraftsMayBeUnfinished is fault 9.3: a meeting report without its name
// or date is a valid draft; Missing names every field a submit needs.
func TestDraftsMayBeUnfinished(t *testing.T) {
	for name, c := range map[string]Content{
		"no meeting at all": {Kind: KindMeeting, Title: "t"},
		"no date":           {Kind: KindMeeting, Title: "t", Meeting: &Meeting{Name: "党委会"}},
		"no name":           {Kind: KindMeeting, Title: "t", Meeting: &Meeting{Date: "2026-11-20"}},
	} {
		if err := c.Validate(); err != nil {
			t.Errorf("%s: a draft was refused: %v", name, err)
		}
	}
	c := Content{Kind: KindMeeting, Title: "t"}
	if got := strings.Join(c.Missing(), ","); got != "meeting.name,meeting.date,body" {
		t.Fatalf("Missing = %s", got)
	}
	err := &IncompleteError{Fields: c.Missing()}
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "会议名称、会议日期、正文") {
		t.Fatalf("one message listing every field: %v", err)
	}
	full := Content{Kind: KindMeeting, Title: "t", Body: "正文", Meeting: &Meeting{Name: "党委会", Date: "2026-11-20"}}
	if m := full.Missing(); len(m) != 0 {
		t.Fatalf("complete content misses %v", m)
	}
}
