package notify

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/copydesk/copydesk/locale"
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
// the users' names from dir, in the language of its recipient: a user's
// own setting (model.User.Lang, user edit --lang: one office's English
// exchange student reads English mail), else the office's language
// (NotifySettings.Lang, zh-CN by default; a group robot always reads it).
// The texts are the Notify* messages of locale/. now is used for overdue
// waits.
func Render(d store.Delivery, ns store.NotifySettings, dir *Directory, now time.Time) Message {
	lang := locale.Default
	if ns.Lang != "" {
		lang = locale.Parse(ns.Lang)
	}
	if u := dir.lookup(d.Login); u != nil {
		lang = locale.Session(u.Lang, lang, nil)
	}
	n := d.Notice
	actor := n.ActorName
	if actor == "" {
		actor = dir.Name(n.Actor)
	}
	args := locale.Args{"Actor": actor, "Title": n.Title, "Stage": n.StageName, "Decided": n.DecidedAt,
		"Para": n.Para, "Event": string(n.Kind)}
	T := func(id string) string { return locale.T(lang, id, args) }
	var head, subject string
	switch n.Kind {
	case store.NoticeSubmit:
		head, subject = T("NotifySubmit"), T("NotifySubmitSubject")
	case store.NoticeApprove:
		if n.StageName != "" {
			head, subject = T("NotifyApproveNext"), T("NotifyApproveNextSubject")
		} else {
			head, subject = T("NotifyApproveDone"), T("NotifyApproveDoneSubject")
		}
	case store.NoticeReturn:
		head, subject = T("NotifyReturn"), T("NotifyReturnSubject")
	case store.NoticeSignOff:
		head, subject = T("NotifySignOff"), T("NotifySignOffSubject")
	case store.NoticePublish:
		head, subject = T("NotifyPublish"), T("NotifyPublishSubject")
	case store.NoticeWithdraw:
		head, subject = T("NotifyWithdraw"), T("NotifyWithdrawSubject")
	case store.NoticeTakedown:
		head, subject = T("NotifyTakedown"), T("NotifyTakedownSubject")
	case store.NoticeSchedule:
		head, subject = T("NotifySchedule"), T("NotifyScheduleSubject")
	case store.NoticeUnschedule:
		head, subject = T("NotifyUnschedule"), T("NotifyUnscheduleSubject")
	case store.NoticeCorrect:
		head, subject = T("NotifyCorrect"), T("NotifyCorrectSubject")
	case store.NoticeComment:
		head, subject = T("NotifyComment"), T("NotifyCommentSubject")
	case store.NoticeStale:
		head, subject = T("NotifyStale"), T("NotifyStaleSubject")
	case store.NoticeOverdue:
		args["Wait"] = waitText(lang, now.Sub(n.Since))
		if n.Level >= 2 {
			head, subject = T("NotifyEscalate"), T("NotifyEscalateSubject")
		} else {
			head, subject = T("NotifyOverdue"), T("NotifyOverdueSubject")
		}
	case store.NoticeTest:
		head, subject = T("NotifyTest"), T("NotifyTestSubject")
	default:
		head, subject = T("NotifyOther"), T("NotifyOtherSubject")
	}
	if d.Reason == ReasonMention {
		head = T("NotifyMention") + "\n" + head
		subject = T("NotifyMentionSubject")
	}

	var b strings.Builder
	b.WriteString(head)
	b.WriteString("\n\n")
	if n.Article != 0 {
		state := ""
		if n.State != "" {
			state = locale.T(lang, stateID[n.State])
			if state == "" || state == stateID[n.State] {
				state = string(n.State)
			}
			if n.StageName != "" && n.State == model.StateReview {
				state += "·" + n.StageName
			}
		}
		b.WriteString(locale.T(lang, "NotifyArticle", locale.Args{"ID": n.Article, "Title": n.Title, "Rev": n.Rev, "State": state}) + "\n")
	}
	clipped := locale.T(lang, "NotifyClipped")
	if n.Opinion != "" {
		b.WriteString(locale.T(lang, "NotifyOpinion", locale.Args{"Text": clip(n.Opinion, maxOpinion, clipped)}) + "\n")
	}
	if n.Text != "" {
		b.WriteString(locale.T(lang, "NotifyCommentText", locale.Args{"Text": clip(n.Text, maxOpinion, clipped)}) + "\n")
	}
	if n.Article != 0 {
		b.WriteString(actLines(lang, d, ns))
	}
	link := ""
	if ns.Link != "" && n.Article != 0 {
		link = strings.ReplaceAll(ns.Link, "{id}", strconv.FormatUint(n.Article, 10))
		b.WriteString(locale.T(lang, "NotifyLink", locale.Args{"Link": link}) + "\n")
	}
	b.WriteString("\n" + locale.T(lang, "NotifyMessageID", locale.Args{"ID": d.ID}) + "\n")
	return Message{ID: d.ID, Subject: "[copydesk] " + subject, Text: b.String(), Link: link}
}

var stateID = map[model.State]string{model.StateDraft: "StateDraft", model.StateReview: "StateReview",
	model.StateSigned: "StateSigned", model.StatePublished: "StatePublished", model.StateWithdrawn: "StateWithdrawn"}

// actLines says how to act: the commands over SSH (or locally), and the
// workstation.
func actLines(lang locale.Lang, d store.Delivery, ns store.NotifySettings) string {
	n := d.Notice
	act := ns.Act
	if act == "" {
		act = "copydesk"
	}
	id := strconv.FormatUint(n.Article, 10)
	opinion := locale.T(lang, "NotifyOpinionArg")
	var cmds []string
	switch {
	case (n.Kind == store.NoticeSubmit || n.Kind == store.NoticeApprove || n.Kind == store.NoticeStale ||
		(n.Kind == store.NoticeOverdue && n.Level < 2)) &&
		(d.Reason == ReasonStage || d.Reason == ReasonGroup):
		cmds = append(cmds, act+" article show "+id, act+" article diff "+id)
		if (n.StageRole == model.RoleChief || n.Final) && !slices.Contains(n.Readers, d.Login) {
			cmds = append(cmds, act+" article signoff "+id+" -m "+opinion)
		} else {
			cmds = append(cmds, act+" article approve "+id+" -m "+opinion)
		}
		cmds = append(cmds, act+" article return "+id+" -m "+opinion)
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
			b.WriteString(locale.T(lang, "NotifyActFirst", locale.Args{"Command": c}) + "\n")
		} else {
			b.WriteString(locale.T(lang, "NotifyActMore", locale.Args{"Command": c}) + "\n")
		}
	}
	if strings.HasPrefix(ns.Act, "ssh ") {
		b.WriteString(locale.T(lang, "NotifyWorkstation", locale.Args{"Act": ns.Act}) + "\n")
	}
	return b.String()
}

func waitText(lang locale.Lang, d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return locale.T(lang, "NotifyWaitDays", locale.Args{"Count": int(d.Hours() / 24)})
	case d >= time.Hour:
		return locale.T(lang, "NotifyWaitHours", locale.Args{"Count": int(d.Hours())})
	default:
		return locale.T(lang, "NotifyWaitMinutes", locale.Args{"Count": int(d.Minutes())})
	}
}

// clip shortens s to at most n characters, marking the cut with mark.
func clip(s string, n int, mark string) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + mark
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
