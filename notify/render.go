package notify

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Message is one rendered notification: a subject line and a plain-text
// body in Chinese, the same for every channel (robots get Subject and Text
// joined).
type Message struct {
	ID      string // the delivery ID, for receivers to drop duplicates
	Subject string
	Text    string
	Link    string // the article's address for people, when the office set one
}

// Reason values of a delivery: why this recipient gets it.
const (
	ReasonStage    = "stage"    // it waits for them
	ReasonAuthor   = "author"   // they wrote it
	ReasonApprover = "approver" // they approved it
	ReasonChief    = "chief"    // they sign off and publish
	ReasonMention  = "mention"  // they were @mentioned
	ReasonGroup    = "group"    // a group robot
	ReasonTest     = "test"
)

// maxOpinion bounds how much of an opinion or comment a message quotes.
const maxOpinion = 500

// Render writes the message for delivery d, with the office settings and
// the users' names from dir. now is used for overdue waits.
func Render(d store.Delivery, ns store.NotifySettings, dir *Directory, now time.Time) Message {
	n := d.Notice
	actor := n.ActorName
	if actor == "" {
		actor = dir.Name(n.Actor)
	}
	title := "《" + n.Title + "》"
	var head, subject string
	switch n.Kind {
	case store.NoticeSubmit:
		head = fmt.Sprintf("%s 提交了稿件%s，等待「%s」。", actor, title, n.StageName)
		subject = "待" + n.StageName + "：" + title
	case store.NoticeApprove:
		if n.StageName != "" {
			head = fmt.Sprintf("%s 在「%s」通过了%s，现等待「%s」。", actor, n.DecidedAt, title, n.StageName)
			subject = "待" + n.StageName + "：" + title
		} else {
			head = fmt.Sprintf("%s 在「%s」通过了%s。", actor, n.DecidedAt, title)
			subject = "已通过" + n.DecidedAt + "：" + title
		}
	case store.NoticeReturn:
		head = fmt.Sprintf("%s 在「%s」退回了%s，请按意见修改后重新提交。", actor, n.DecidedAt, title)
		subject = "退回修改：" + title
	case store.NoticeSignOff:
		head = fmt.Sprintf("%s 签发了%s。", actor, title)
		subject = "已签发：" + title
	case store.NoticePublish:
		head = fmt.Sprintf("%s 发布了%s。", actor, title)
		subject = "已发布：" + title
	case store.NoticeWithdraw:
		head = fmt.Sprintf("%s 撤回了%s（撤稿）。", actor, title)
		subject = "已撤稿：" + title
	case store.NoticeTakedown:
		head = fmt.Sprintf("%s 将%s下线。", actor, title)
		subject = "已下线：" + title
	case store.NoticeSchedule:
		head = fmt.Sprintf("%s 安排了%s的定时发布。", actor, title)
		subject = "定时发布：" + title
	case store.NoticeUnschedule:
		head = fmt.Sprintf("%s 取消了%s的定时发布。", actor, title)
		subject = "取消定时发布：" + title
	case store.NoticeCorrect:
		head = fmt.Sprintf("%s 更正了已发布的%s。", actor, title)
		subject = "更正：" + title
	case store.NoticeComment:
		head = fmt.Sprintf("%s 评论了%s第 %d 段。", actor, title, n.Para)
		subject = "新评论：" + title
	case store.NoticeOverdue:
		wait := waitText(now.Sub(n.Since))
		if n.Level >= 2 {
			head = fmt.Sprintf("%s在「%s」已等待%s，超过时限，请督办。", title, n.StageName, wait)
			subject = "超时督办：" + title
		} else {
			head = fmt.Sprintf("%s在「%s」已等待%s，超过时限，请尽快处理。", title, n.StageName, wait)
			subject = "超时提醒：" + title
		}
	case store.NoticeTest:
		head = fmt.Sprintf("这是 %s 发出的测试消息：copydesk 的通知能送到这里。", actor)
		subject = "测试消息"
	default:
		head = fmt.Sprintf("%s：%s %s", n.Kind, actor, title)
		subject = string(n.Kind) + "：" + title
	}
	if d.Reason == ReasonMention {
		head = fmt.Sprintf("%s 在%s中提到了您。", actor, title) + "\n" + head
		subject = "提到您：" + title
	}

	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\n\n")
	if n.Article != 0 {
		fmt.Fprintf(&b, "稿件：第 %d 号%s（第 %d 版", n.Article, title, n.Rev)
		if n.State != "" {
			b.WriteString("，" + n.State.Label())
			if n.StageName != "" && n.State == model.StateReview {
				b.WriteString("·" + n.StageName)
			}
		}
		b.WriteString("）\n")
	}
	if n.Opinion != "" {
		b.WriteString("意见：" + clip(n.Opinion, maxOpinion) + "\n")
	}
	if n.Text != "" {
		b.WriteString("评论：" + clip(n.Text, maxOpinion) + "\n")
	}
	if n.Article != 0 {
		b.WriteString(actLines(d, ns))
	}
	link := ""
	if ns.Link != "" && n.Article != 0 {
		link = strings.ReplaceAll(ns.Link, "{id}", strconv.FormatUint(n.Article, 10))
		b.WriteString("链接：" + link + "\n")
	}
	fmt.Fprintf(&b, "\n消息编号 %s（重复收到同一编号时只需处理一次）\n", d.ID)
	return Message{ID: d.ID, Subject: "[copydesk] " + subject, Text: b.String(), Link: link}
}

// actLines says how to act: the commands over SSH (or locally), and the
// workstation.
func actLines(d store.Delivery, ns store.NotifySettings) string {
	n := d.Notice
	act := ns.Act
	if act == "" {
		act = "copydesk"
	}
	id := strconv.FormatUint(n.Article, 10)
	var cmds []string
	switch {
	case (n.Kind == store.NoticeSubmit || n.Kind == store.NoticeApprove || (n.Kind == store.NoticeOverdue && n.Level < 2)) &&
		(d.Reason == ReasonStage || d.Reason == ReasonGroup):
		cmds = append(cmds, act+" article show "+id, act+" article diff "+id)
		if n.StageRole == model.RoleChief {
			cmds = append(cmds, act+" article signoff "+id+" -m 意见")
		} else {
			cmds = append(cmds, act+" article approve "+id+" -m 意见")
		}
		cmds = append(cmds, act+" article return "+id+" -m 意见")
	case n.Kind == store.NoticeReturn && (d.Reason == ReasonAuthor || d.Reason == ReasonGroup):
		cmds = append(cmds, act+" article pull "+id+" > "+id+".md", act+" article push "+id+" --file - < "+id+".md", act+" article submit "+id)
	case n.Kind == store.NoticeComment || d.Reason == ReasonMention:
		cmds = append(cmds, act+" article comments "+id, act+" article show "+id)
	default:
		cmds = append(cmds, act+" article show "+id)
	}
	var b strings.Builder
	for i, c := range cmds {
		if i == 0 {
			b.WriteString("处理：" + c + "\n")
		} else {
			b.WriteString("      " + c + "\n")
		}
	}
	if ns.Act != "" && strings.HasPrefix(ns.Act, "ssh ") {
		b.WriteString("      或登录工作台：" + ns.Act + "（用您的 SSH 密钥）\n")
	}
	return b.String()
}

func waitText(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return fmt.Sprintf(" %d 天", int(d.Hours()/24))
	case d >= time.Hour:
		return fmt.Sprintf(" %d 小时", int(d.Hours()))
	default:
		return fmt.Sprintf(" %d 分钟", int(d.Minutes()))
	}
}

// clip shortens s to at most n characters, marking the cut.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "……"
}

// clipBytes shortens s to at most n bytes on a character boundary (WeCom
// counts its limit in UTF-8 bytes).
func clipBytes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	const mark = "……"
	cut := n - len(mark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}
