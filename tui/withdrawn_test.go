package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// TestWriterStillSeesTheirTakenDownArticle: after 撤稿 the writer's home
// keeps the article, in an 已撤稿 queue, with its state, who took it down
// and the reason; a colleague who may not read it has no such queue. A
// draft or an article in review that names a writer as author is in their
// queues too, not only the owner's.
func TestWriterStillSeesTheirTakenDownArticle(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "published")
	if _, err := st.Decide(shenjl, a.ID, store.Decision{Action: model.ActTakedown, Opinion: "数据有误，先撤下核实"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddUser(store.Actor{Login: "admin"}, model.User{Login: "zhaoli", Display: "赵丽", Roles: []model.Role{model.RoleWriter}}); err != nil {
		t.Fatal(err)
	}

	p := run(t, st, "liwei")
	p.waitFor("已撤稿 1")
	p.key(tea.KeyShiftTab) // the last queue
	p.waitFor(a.Title, "已撤稿", "数据有误，先撤下核实", "沈建龙")
	p.quit()

	// zhaoli may not read it (store.MayRead): no queue shows it to her.
	if _, err := st.MayRead(store.Actor{Login: "zhaoli"}, a.ID); err == nil {
		t.Fatal("zhaoli may read a taken-down article she did not write")
	}
	q := loadQueues(st, "zhaoli")().(queuesMsg)
	for k, rows := range q.q {
		for _, it := range rows {
			if it.sum.ID == a.ID {
				t.Errorf("zhaoli sees the taken-down article in %s", queueKind(k).label(zhTR))
			}
		}
	}

	// An article liwei created that names zhaoli as author is hers too:
	// as a draft and in review.
	c := meetingContent()
	c.Title, c.Authors = "赵丽参与撰写的稿件", []string{"赵丽"}
	b, err := st.Create(liwei, c, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		want queueKind
		d    *store.Decision
	}{{qDrafts, nil}, {qSubmitted, &store.Decision{Action: model.ActSubmit}}} {
		if step.d != nil {
			if _, err := st.Decide(liwei, b.ID, *step.d); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.MayRead(store.Actor{Login: "zhaoli"}, b.ID); err != nil {
			t.Fatalf("the named author may not read it: %v", err)
		}
		q := loadQueues(st, "zhaoli")().(queuesMsg)
		found := false
		for _, it := range q.q[step.want] {
			found = found || it.sum.ID == b.ID
		}
		if !found {
			t.Errorf("the named author's %s queue lacks the article: %+v", step.want.label(zhTR), q.q)
		}
	}
	// a reviewer who returned a draft may read it, but it is not their draft
	seed(t, st, "review")
	if _, err := st.Decide(wangyin, 3, store.Decision{Action: model.ActReturn, Opinion: "请补充时间。", Rev: 1}); err != nil {
		t.Fatal(err)
	}
	q = loadQueues(st, "wangyin")().(queuesMsg)
	if len(q.q[qDrafts]) != 0 || !strings.Contains(visibleQueuesText(q), "待我审核") {
		t.Errorf("a reviewer's drafts: %+v", q.q[qDrafts])
	}
}

func visibleQueuesText(m queuesMsg) string {
	var out []string
	for _, k := range visibleQueues(m.user, &m.q) {
		out = append(out, k.label(zhTR))
	}
	return strings.Join(out, " ")
}
