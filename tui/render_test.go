package tui

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
)

func TestMeetingLead(t *testing.T) {
	m := &model.Meeting{Name: "2024年宣传工作会议", Date: "2024-11-20", Place: "行政楼第一会议室", Chair: "张明", Attendees: []string{"李华", "王芳"}}
	cases := []struct {
		m      model.Meeting
		source string
		want   string
	}{
		{*m, "党委宣传部", "11月20日，党委宣传部在行政楼第一会议室召开2024年宣传工作会议。张明主持会议，李华、王芳参加会议。"},
		{model.Meeting{Name: "党委理论学习中心组学习会", Date: "2024-03-05"}, "", "3月5日，学院召开党委理论学习中心组学习会。"},
		{model.Meeting{Name: "教代会", Date: "2024-12-01", Chair: "陈静"}, "工会", "12月1日，工会召开教代会。陈静主持会议。"},
		{model.Meeting{Name: "座谈会", Date: "2024-06-18", Attendees: []string{"各系主任"}}, "教务处", "6月18日，教务处召开座谈会。各系主任参加会议。"},
	}
	for _, c := range cases {
		if got := meetingLead(&c.m, c.source); got != c.want {
			t.Errorf("meetingLead(%+v, %q)\n got %s\nwant %s", c.m, c.source, got, c.want)
		}
	}
	if got := meetingTitle(m, "党委宣传部"); got != "党委宣传部召开2024年宣传工作会议" {
		t.Errorf("meetingTitle = %s", got)
	}
	// the new report's sections are real headings: the export and the
	// preview both parse them as <h2>
	body := meetingBody(m, "党委宣传部")
	if !strings.HasPrefix(body, meetingLead(m, "党委宣传部")+"\n\n## 一、\n") || !strings.Contains(body, "\n## 二、\n") {
		t.Errorf("meetingBody = %q", body)
	}
	if got := splitPeople("张明、李华，王芳, 赵丽 ; 钱七"); strings.Join(got, "|") != "张明|李华|王芳|赵丽|钱七" {
		t.Errorf("splitPeople = %q", got)
	}
}

// TestCreditsLine: the sign-off box shows the line the export prints, in
// full-width punctuation, the signer named by the sign-off stage's role (an
// office's own 分管领导, not a fixed 主编), stale approvals left out.
func TestCreditsLine(t *testing.T) {
	a := &model.Article{Workflow: model.ThreeReview, Hash: "h", Approvals: []model.Approval{
		{Stage: 0, Display: "王音", Hash: "h"},
		{Stage: 1, Display: "赵敏", Hash: "h"},
		{Stage: 1, Display: "旧的", Hash: "stale"},
	}}
	c := &model.Content{Source: "党委宣传部", Photographers: []string{"赵丽焕", "孙立"}}
	if got, want := creditsText(zhTR, "", a, c, "沈建龙", nil), "（图文来源：党委宣传部 /摄：赵丽焕、孙立 审核：王音、赵敏 主编：沈建龙）"; got != want {
		t.Errorf("credits\n got %s\nwant %s", got, want)
	}
	if got, want := creditsText(zhTR, "", &model.Article{Workflow: model.DefaultWorkflow}, &model.Content{}, "沈建龙", nil), "（主编：沈建龙）"; got != want {
		t.Errorf("bare credits: %s", got)
	}
	if got, want := creditsText(zhTR, "", &model.Article{Workflow: model.DefaultWorkflow}, &model.Content{Photographers: []string{"赵丽焕"}}, "沈建龙", nil), "（摄：赵丽焕 主编：沈建龙）"; got != want {
		t.Errorf("no source: %s", got)
	}
	college := model.Workflow{Name: "college", Stages: []model.Stage{{Name: "部门负责人审核", Role: "depthead"}, {Name: "分管领导签发", Role: "leader"}}}
	roles := []model.CustomRole{{Name: "depthead", Display: "部门负责人"}, {Name: "leader", Display: "分管领导"}}
	b := &model.Article{Workflow: college, Hash: "h", Approvals: []model.Approval{{Stage: 0, Display: "赵主任", Hash: "h"}}}
	if got, want := creditsText(zhTR, "", b, &model.Content{}, "孙领导", roles), "（审核：赵主任 分管领导：孙领导）"; got != want {
		t.Errorf("office roles: %s", got)
	}
	named := model.Workflow{Name: "n", Stages: []model.Stage{{Name: "审核", Role: model.RoleReviewer}, {Name: "校长签发", Users: []string{"xz"}}}}
	if got, want := creditsText(zhTR, "", &model.Article{Workflow: named}, &model.Content{}, "王校长", nil), "（校长：王校长）"; got != want {
		t.Errorf("named signer: %s", got)
	}
	// the office's own format is what the box shows
	if got, want := creditsText(zhTR, `{{.ChiefLabel}} {{.Chief}}`, b, &model.Content{}, "孙领导", roles), "分管领导 孙领导"; got != want {
		t.Errorf("office format: %s", got)
	}
}

func TestWrapSpans(t *testing.T) {
	text := "学院召开2024年宣传工作会议，English words mixed in，强调“先审后发”。👩‍👩‍👧 家庭 e\u0301 combining。"
	for _, w := range []int{20, 40, 80, 7} {
		lines := wrapSpans([]span{{text: text}}, w)
		if got := strings.Join(lines, ""); got != text {
			t.Fatalf("width %d lost text:\n%q\n%q", w, got, text)
		}
		for _, l := range lines {
			if lw := ansi.StringWidth(l); lw > w {
				t.Errorf("width %d: line %q is %d wide", w, l, lw)
			}
			if strings.ContainsAny(firstRune(l), "，。、；：？！）》」』”") {
				t.Errorf("width %d: line starts with closing punctuation: %q", w, l)
			}
		}
	}
}

func firstRune(s string) string {
	for _, r := range s {
		return string(r)
	}
	return ""
}

func TestDiffLinesReadInChinese(t *testing.T) {
	sty := newStyles(asciiRenderer())
	old := "会议指出，要加强新闻宣传工作。\n\n" + strings.Repeat("这一段没有改动。", 30) + "\n\n会议强调，要落实审核制度。"
	new := "会议指出，要全面加强新闻宣传工作。\n\n" + strings.Repeat("这一段没有改动。", 30) + "\n\n会议强调，要落实三审制度。"
	lines, ins, del := diffLines(zhTR, sty, old, new, 60)
	v := strings.Join(lines, "\n")
	for _, want := range []string{"要{+全面+}加强", "落实{+三+}审[-核-]制度", "⋯ 未改动"} {
		if !strings.Contains(v, want) {
			t.Errorf("diff lacks %q:\n%s", want, v)
		}
	}
	if ins != 3 || del != 1 {
		t.Errorf("stats +%d −%d; want +3 −1", ins, del)
	}
}

func TestSurelyFitsNeverLies(t *testing.T) {
	pieces := []string{"a", " ", "中", "，", "…", "─", "👩‍👩‍👧", "e\u0301", "\x1b[1;38;5;99m", "\x1b[0m", "·", "Ａ"}
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 5000; i++ {
		var b strings.Builder
		for j := rng.Intn(60); j > 0; j-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		s, w := b.String(), rng.Intn(80)
		if surelyFits(s, w) && ansi.StringWidth(s) > w {
			t.Fatalf("surelyFits(%q, %d) but it is %d wide", s, w, ansi.StringWidth(s))
		}
	}
}
