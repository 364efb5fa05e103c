package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Over SSH a reader lists and reads only what the queues and search show
// them (model.Article.VisibleTo, through store.MayRead and
// store.Filter.Viewer): their own articles, those waiting for them, the
// archive. Every command that shows an article's text, revisions, history,
// comments or conflict drafts refuses the others with exit 4 and prints
// none of their text.
func TestArticleReadsOverSSHFollowVisibility(t *testing.T) {
	o := newOffice(t)
	const secret = "尚未送审的内部稿件正文"
	review := o.article(t, o.chen, "陈晨送审的稿件", "送审稿正文：校园开放日。")
	if _, err := o.st.AddComment(o.chen.actor(), review, 1, 0, "请审核人注意第二段"); err != nil {
		t.Fatal(err)
	}
	if _, err := o.st.Decide(o.chen.actor(), review, store.Decision{Action: model.ActSubmit, Opinion: "送审"}); err != nil {
		t.Fatal(err)
	}
	draft := o.article(t, o.wang, "王音的草稿", secret)
	deleted := o.article(t, o.chen, "陈晨删掉的草稿", "删掉的稿件正文。")
	if _, err := o.st.Delete(o.chen.actor(), deleted); err != nil {
		t.Fatal(err)
	}
	pub, err := o.st.Import(o.wang.actor(), model.Content{Kind: model.KindNews, Title: "已发布的旧闻", Body: "往年开放日回顾。"}, store.ImportOptions{Published: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := start(t, o, nil)

	list := func(u *user, args string) []uint64 {
		t.Helper()
		r := ts.runAs(t, u, "", "article list --json"+args)
		if r.code != 0 {
			t.Fatalf("%s: article list: %+v", u.login, r)
		}
		var rows []struct {
			ID uint64 `json:"id"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
			t.Fatalf("%s: article list --json: %v\n%s", u.login, err, r.stdout)
		}
		var ids []uint64
		for _, row := range rows {
			ids = append(ids, row.ID)
		}
		slices.Sort(ids)
		return ids
	}
	for _, c := range []struct {
		u    *user
		want []uint64
	}{
		{o.chen, []uint64{review, pub.ID}}, // own (in review) and the archive
		{o.li, []uint64{review, pub.ID}},   // waits for the reviewer
		{o.zhao, []uint64{pub.ID}},         // not yet at the chief's stage
		{o.wang, []uint64{draft, pub.ID}},  // own draft; admin is no exception
	} {
		if got := list(c.u, ""); !slices.Equal(got, c.want) {
			t.Errorf("%s lists %v, want %v", c.u.login, got, c.want)
		}
	}
	if got := list(o.li, " --limit 1"); len(got) != 1 {
		t.Errorf("li with --limit 1 lists %v", got)
	}
	if got := list(o.chen, " --deleted"); !slices.Equal(got, []uint64{deleted}) {
		t.Errorf("chen's deleted drafts: %v", got)
	}
	if got := list(o.wang, " --deleted"); len(got) != 0 {
		t.Errorf("wang lists chen's deleted draft: %v", got)
	}
	// the text table too (what a person reads)
	if r := ts.runAs(t, o.zhao, "", "article list"); r.code != 0 || strings.Contains(r.stdout, "陈晨送审的稿件") || strings.Contains(r.stdout, "王音的草稿") || !strings.Contains(r.stdout, "已发布的旧闻") {
		t.Errorf("zhao's article list:\n%+v", r)
	}

	reads := []string{"article show %d", "article show %d --json", "article pull %d", "article diff %d",
		"article history %d", "article comments %d", "article conflicts %d", "article check %d"}
	refused := func(u *user, id uint64, text string) {
		t.Helper()
		for _, f := range reads {
			cmd := fmt.Sprintf(f, id)
			r := ts.runAs(t, u, "", cmd)
			if r.code != 4 || !strings.Contains(r.stderr, "无权查看") {
				t.Errorf("%s: %s: exit %d, stderr %q; want exit 4 无权查看", u.login, cmd, r.code, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, text) {
				t.Errorf("%s: %s printed the article's text:\n%s", u.login, cmd, r.stdout)
			}
		}
	}
	refused(o.chen, draft, secret)
	refused(o.li, draft, secret)
	refused(o.zhao, review, "送审稿正文")
	refused(o.zhao, review, "请审核人注意")

	// what they may see reads as before
	for _, c := range []struct {
		u    *user
		id   uint64
		want string
	}{
		{o.li, review, "送审稿正文"}, {o.chen, review, "送审稿正文"}, {o.zhao, pub.ID, "往年开放日回顾"}, {o.wang, draft, secret},
	} {
		if r := ts.runAs(t, c.u, "", fmt.Sprintf("article show %d", c.id)); r.code != 0 || !strings.Contains(r.stdout, c.want) {
			t.Errorf("%s: article show %d: %+v", c.u.login, c.id, r)
		}
	}
	if r := ts.runAs(t, o.li, "", fmt.Sprintf("article comments %d", review)); r.code != 0 || !strings.Contains(r.stdout, "请审核人注意") {
		t.Errorf("li: article comments: %+v", r)
	}
	// a new sign-off makes it visible to the chief: the rule reads the
	// current header
	if _, err := o.st.Decide(o.li.actor(), review, store.Decision{Action: model.ActApprove, Rev: 1, Opinion: "同意"}); err != nil {
		t.Fatal(err)
	}
	if r := ts.runAs(t, o.zhao, "", fmt.Sprintf("article show %d", review)); r.code != 0 || !strings.Contains(r.stdout, "送审稿正文") {
		t.Errorf("zhao after the review: %+v", r)
	}
}

// The worst case over SSH (x/crypto client, the key's owner): a writer
// guesses the ID of another writer's draft and comments on it, resolves a
// comment on it, or has it marked read through pull. The store refuses each
// (model.MayRead inside its transaction): exit 4 无权查看, none of the
// draft's text printed, no comment written, nothing audited.
func TestCommentOnUnseenDraftOverSSH(t *testing.T) {
	o := newOffice(t)
	const secret = "王音尚未送审的草稿正文"
	draft := o.article(t, o.wang, "王音的草稿", secret)
	own, err := o.st.AddComment(o.wang.actor(), draft, 0, 0, "自己的批注：第一段再改")
	if err != nil {
		t.Fatal(err)
	}
	seq0, _ := o.st.LastSeq()
	ts := start(t, o, nil)
	for _, cmd := range []string{
		fmt.Sprintf("article comment %d --para 1 -m 猜编号评论", draft),
		fmt.Sprintf("article comment %d --para 1 --rev 1 -m 猜编号评论", draft),
		fmt.Sprintf("article resolve %d %d", draft, own.ID),
		// the ignore is refused before the draft is checked: no count of its findings
		fmt.Sprintf("article check %d --ignore 9 -m 猜编号忽略", draft),
	} {
		for _, u := range []*user{o.chen, o.li, o.zhao} {
			r := ts.runAs(t, u, "", cmd)
			if r.code != 4 || !strings.Contains(r.stderr, "无权") {
				t.Errorf("%s: %s: exit %d, stderr %q; want exit 4 无权", u.login, cmd, r.code, r.stderr)
			}
			if strings.Contains(r.stdout+r.stderr, secret) || strings.Contains(r.stdout+r.stderr, "第一段再改") {
				t.Errorf("%s: %s printed the draft:\n%s%s", u.login, cmd, r.stdout, r.stderr)
			}
		}
	}
	cs, err := o.st.Comments(store.Holder(), draft)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 || cs[0].Resolved {
		t.Errorf("comments after the refusals: %+v", cs)
	}
	if seq, _ := o.st.LastSeq(); seq != seq0 {
		t.Errorf("the refusals were audited: last seq %d, was %d", seq, seq0)
	}
	for _, u := range []*user{o.chen, o.li, o.zhao} {
		if _, ok := o.st.LastRead(u.login, draft); ok {
			t.Errorf("%s: a read mark of the draft was recorded", u.login)
		}
	}
	// the owner still may
	if r := ts.runAs(t, o.wang, "", fmt.Sprintf("article comment %d --para 1 -m 补充", draft)); r.code != 0 {
		t.Errorf("the owner comments: %+v", r)
	}
}
