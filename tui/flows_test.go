package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"

	"github.com/copydesk/copydesk/model"
)

// The four flows of the office, each at 100×30 with the Ascii profile, each
// ending in a golden frame: a writer composes a meeting report and submits
// it; a reviewer approves it with an opinion; the chief signs it off; the
// writer sees it published.

func TestWriterComposesMeetingReportAndSubmits(t *testing.T) {
	st := testStore(t)
	p := run(t, st, "liwei")
	p.waitFor("草稿 0", "送审中 0")

	p.typ("m")
	p.waitFor("会议名称")
	p.fill("2024年宣传工作会议")
	p.fill("") // the date is today's
	p.fill("行政楼第一会议室")
	p.fill("张明")
	p.fill("李华、王芳")
	p.fill("") // 资讯来源: the writer's department

	// The compose page opens on the new article with the drafted lead.
	p.waitFor("编辑 #1", "11月20日，党委宣传部在行政楼第一会议室召开2024年宣传工作会议。")
	p.typ("会议要求，各单位认真贯彻落实。")
	p.waitFor("会议要求，各单位认真贯彻落实。")
	p.key(tea.KeyCtrlS)
	p.waitFor("第2版 · 已保存")

	p.key(tea.KeyCtrlT)
	p.waitFor("y 送交审核")
	p.typ("y")
	p.waitFor("已送审 #1")
	frame := p.quit()
	golden.RequireEqual(t, []byte(frame))

	a, rev, err := st.Head(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.State != model.StateReview || a.Stage != 0 || a.Owner != "liwei" {
		t.Fatalf("article is %s at stage %d owned by %s; want review at 0 by liwei", a.State, a.Stage, a.Owner)
	}
	c := rev.Content
	if c.Kind != model.KindMeeting || c.Meeting == nil || c.Meeting.Chair != "张明" ||
		strings.Join(c.Meeting.Attendees, ",") != "李华,王芳" || c.Meeting.Date != "2024-11-20" {
		t.Fatalf("meeting fields: %+v", c.Meeting)
	}
	want := "11月20日，党委宣传部在行政楼第一会议室召开2024年宣传工作会议。张明主持会议，李华、王芳参加会议。\n\n" + meetingSections + "会议要求，各单位认真贯彻落实。"
	if strings.TrimSpace(c.Body) != want {
		t.Fatalf("body = %q\nwant %q", c.Body, want)
	}
	if c.Title != "党委宣传部召开2024年宣传工作会议" || c.Source != "党委宣传部" || strings.Join(c.Authors, ",") != "李伟" {
		t.Fatalf("title %q source %q authors %v", c.Title, c.Source, c.Authors)
	}
}

// openFirstAndDecide opens the first row of the home screen, presses a (or
// r), writes the opinion and waits for the confirmation.
func openFirstAndDecide(p *TestProgram, key, opinion, confirm string) {
	p.t.Helper()
	p.key(tea.KeyEnter)
	p.waitFor("全文", "批注")
	p.typ(key)
	p.waitFor("书面意见")
	p.typ(opinion)
	p.waitFor(opinion)
	p.key(tea.KeyEnter)
	p.waitFor(confirm)
}

func TestReviewerConfirmNamesRevisionAndHash(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "review")
	p := run(t, st, "wangyin")
	p.waitFor("待我审核 1")
	openFirstAndDecide(p, "a", "同意。文字通顺，事实清楚。", "确认批准")
	frame := p.quit()
	golden.RequireEqual(t, []byte(frame))
	if !strings.Contains(frame, "第 1 版") || !strings.Contains(frame, shortHash(a.Hash)) {
		t.Fatalf("the confirmation does not name revision 1 and hash %s:\n%s", shortHash(a.Hash), frame)
	}
}

func TestReviewerApprovesWithOpinion(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	p := run(t, st, "wangyin")
	p.waitFor("待我审核 1")
	openFirstAndDecide(p, "a", "同意。文字通顺，事实清楚。", "确认批准")
	p.typ("y")
	p.waitFor("已批准 #1")
	golden.RequireEqual(t, []byte(p.quit()))

	a, err := st.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.State != model.StateReview || a.Stage != 1 {
		t.Fatalf("after approval: %s at stage %d; want review at the sign-off stage", a.State, a.Stage)
	}
	if len(a.Approvals) != 1 || a.Approvals[0].Login != "wangyin" || a.Approvals[0].Opinion != "同意。文字通顺，事实清楚。" ||
		a.Approvals[0].Rev != 1 {
		t.Fatalf("approvals: %+v", a.Approvals)
	}
}

func TestChiefSignOffShowsCreditsLine(t *testing.T) {
	st := testStore(t)
	seed(t, st, "approved")
	p := run(t, st, "shenjl")
	p.waitFor("待我签发 1")
	openFirstAndDecide(p, "a", "同意签发。", "确认签发")
	frame := p.quit()
	golden.RequireEqual(t, []byte(frame))
	if want := "（图文来源：党委宣传部 /摄：赵丽焕 审核：王音 主编：沈建龙）"; !strings.Contains(frame, want) {
		t.Fatalf("the sign-off does not show the credits line %s:\n%s", want, frame)
	}
}

func TestChiefSignsOff(t *testing.T) {
	st := testStore(t)
	seed(t, st, "approved")
	p := run(t, st, "shenjl")
	p.waitFor("待我签发 1")
	openFirstAndDecide(p, "a", "同意签发。", "确认签发")
	p.typ("y")
	p.waitFor("已签发 #1")
	golden.RequireEqual(t, []byte(p.quit()))
	a, err := st.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.State != model.StateSigned || a.Signed == nil || a.Signed.Login != "shenjl" || a.Signed.Opinion != "同意签发。" {
		t.Fatalf("after sign-off: %s, signed %+v", a.State, a.Signed)
	}
}

func TestWriterSeesItPublished(t *testing.T) {
	st := testStore(t)
	seed(t, st, "published")
	p := run(t, st, "liwei")
	p.waitFor("已签发 1")
	p.key(tea.KeyShiftTab) // from the first queue back round to the last
	p.waitFor("党委宣传部召开2024年宣传工作会议", "已上线 ·")
	golden.RequireEqual(t, []byte(p.quit()))
}

func TestWriterCannotApprove(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	p := run(t, st, "liwei")
	p.waitFor("送审中 1")
	p.key(tea.KeyTab)
	p.key(tea.KeyTab)
	p.waitFor("审核中·审核")
	p.key(tea.KeyEnter)
	p.waitFor("全文")
	p.typ("a")
	p.waitFor("无权操作")
	frame := p.quit()
	golden.RequireEqual(t, []byte(frame))
	if !strings.Contains(frame, "无权操作：「审核」需要审核角色") || strings.Contains(frame, "needs the") {
		t.Fatalf("no clear refusal in Chinese in the status bar:\n%s", frame)
	}
	// Fault 9.9: the footer offers no decision the writer cannot make.
	if strings.Contains(frame, "a 批准") || strings.Contains(frame, "a 签发") || strings.Contains(frame, "r 退回") {
		t.Fatalf("the footer offers a refused decision:\n%s", frame)
	}
	if a, _ := st.Get(1); len(a.Approvals) != 0 || a.State != model.StateReview {
		t.Fatalf("the refusal changed the article: %+v", a)
	}
}

func TestReviewerReturnsAndWriterSeesOpinion(t *testing.T) {
	st := testStore(t)
	seed(t, st, "review")
	p := run(t, st, "wangyin")
	p.waitFor("待我审核 1")
	openFirstAndDecide(p, "r", "请补充会议的主要议题。", "确认退回")
	p.typ("y")
	p.waitFor("已退回 #1")
	p.quit()

	w := run(t, st, "liwei")
	w.waitFor("退回 1", "请补充会议的主要议题。")
	golden.RequireEqual(t, []byte(w.quit()))
}
