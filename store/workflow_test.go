package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

func TestWorkflowThroughStore(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	if a.ID != 1 || a.Rev != 1 || a.State != model.StateDraft {
		t.Fatalf("new article: %+v", a)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	// Another writer, who may not see it, is refused as reading it would
	// be (model.MayAct): nothing about its stage or reviewers.
	_, err := st.Decide(zhaoli, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意"})
	if !errors.Is(err, model.ErrNotVisible) {
		t.Fatalf("another writer approved: %v", err)
	}
	// Its writer, who sees it, is refused with the specific message.
	_, err = st.Decide(liwei, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意", Rev: a.Rev})
	if !errors.Is(err, model.ErrDenied) || errors.Is(err, model.ErrNotVisible) {
		t.Fatalf("writer approved own article: %v", err)
	}
	// A decision without an opinion is refused.
	if _, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActApprove}); !errors.Is(err, model.ErrOpinionRequired) {
		t.Fatalf("approval without opinion: %v", err)
	}
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意，请主编签发")
	// The reviewer may not also sign off (and lacks the role); duo has both roles but is fresh.
	if _, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActSignOff, Opinion: "同意"}); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("reviewer signed off: %v", err)
	}
	a = mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意发布")
	if a.State != model.StateSigned || a.Signed == nil || a.Signed.AuditSeq == 0 {
		t.Fatalf("after signoff: %+v", a)
	}
	trail, err := st.Trail(store.Holder(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, r := range trail {
		actions = append(actions, string(r.Action))
	}
	if got := strings.Join(actions, ","); got != "create,submit,approve,signoff" {
		t.Fatalf("audit trail %s", got)
	}
	if trail[3].Seq != a.Signed.AuditSeq || trail[3].ContentHash != a.Hash {
		t.Fatal("signoff approval not bound to its audit record and hash")
	}
	rep, err := st.Verify()
	if err != nil || !rep.OK() || rep.Signed != 1 {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

func TestOwnArticleAndTwoStages(t *testing.T) {
	st, _ := newOffice(t)
	// A reviewer who writes may not review their own article.
	mustUser(t, st, admin, "sunli", "孙丽", model.RoleWriter, model.RoleReviewer)
	a, err := st.Create(store.Actor{Login: "sunli"}, meeting("孙丽的稿件", sampleBody), "")
	if err != nil {
		t.Fatal(err)
	}
	mustDecide(t, st, store.Actor{Login: "sunli"}, a.ID, model.ActSubmit, "")
	if _, err := st.Decide(store.Actor{Login: "sunli"}, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意"}); !errors.Is(err, model.ErrOwnArticle) {
		t.Fatalf("author reviewed own article: %v", err)
	}
	// One user acting at two stages is refused.
	b := mustCreate(t, st)
	mustDecide(t, st, liwei, b.ID, model.ActSubmit, "")
	mustDecide(t, st, duo, b.ID, model.ActApprove, "同意")
	if _, err := st.Decide(duo, b.ID, store.Decision{Action: model.ActSignOff, Opinion: "同意"}); !errors.Is(err, model.ErrTwoStages) {
		t.Fatalf("one user at two stages: %v", err)
	}
	mustDecide(t, st, shenjl, b.ID, model.ActSignOff, "同意")
}

func TestEditAfterApprovalIsStale(t *testing.T) {
	st, _ := newOffice(t)
	if err := st.SetDefaultWorkflow(admin, "三审"); err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, st)
	if a.Workflow.Name != "三审" {
		t.Fatalf("workflow %s", a.Workflow.Name)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "初审同意")
	a = mustDecide(t, st, chenfang, a.ID, model.ActApprove, "复审同意")
	if a.Current().Name != "终审" {
		t.Fatalf("at %v", a.Current())
	}
	// The chief read revision 1; the writer edits before the sign-off.
	seenRev, seenHash := a.Rev, a.Hash
	c := meeting("学院召开党委理论学习中心组学习会", strings.Replace(sampleBody, "11月20日", "11月21日", 1))
	a, err := st.Save(liwei, a.ID, a.Rev, c)
	if err != nil {
		t.Fatal(err)
	}
	if a.State != model.StateReview || a.Current().Name != "初审" || a.Rev != 2 {
		t.Fatalf("edit after approval: %s at %v rev %d", a.State, a.Current(), a.Rev)
	}
	if len(a.StaleApprovals()) != 2 {
		t.Fatalf("%d stale approvals", len(a.StaleApprovals()))
	}
	// Back at 初审 the chief no longer sees it (model.MayAct): his
	// sign-off of what he saw is refused as reading it would be.
	_, err = st.Decide(shenjl, a.ID, store.Decision{Action: model.ActSignOff, Opinion: "同意", Rev: seenRev, Hash: seenHash})
	if !errors.Is(err, model.ErrNotVisible) {
		t.Fatalf("sign-off while back at 初审: %v", err)
	}
	// The first reviewer sees the diff since their approval: revision 1 → 2.
	last := a.LastApproval()
	old, err := st.Revision(a.ID, last.Rev)
	if err != nil || !strings.Contains(old.Content.Body, "11月20日") {
		t.Fatalf("last approved revision: %v", err)
	}
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "日期已改，同意")
	mustDecide(t, st, chenfang, a.ID, model.ActApprove, "同意")
	// At 终审 again, the chief's sign-off of what he saw before is stale.
	_, err = st.Decide(shenjl, a.ID, store.Decision{Action: model.ActSignOff, Opinion: "同意", Rev: seenRev, Hash: seenHash})
	if !errors.Is(err, model.ErrStaleView) || errors.Is(err, store.ErrConflict) {
		t.Fatalf("stale sign-off: %v", err)
	}
	a = mustDecide(t, st, shenjl, a.ID, model.ActSignOff, "同意")
	if a.Signed.Rev != 2 {
		t.Fatalf("signed rev %d", a.Signed.Rev)
	}
}

func TestReturnAndResubmit(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	a = mustDecide(t, st, wangyin, a.ID, model.ActReturn, "请补充参会人员")
	if a.State != model.StateDraft || a.Returned == nil {
		t.Fatal("not returned")
	}
	rows, err := st.List(store.Filter{States: []model.State{model.StateDraft}, Owner: "liwei"})
	if err != nil || len(rows) != 1 {
		t.Fatalf("writer's drafts: %v %v", rows, err)
	}
	c := meeting("学院召开党委理论学习中心组学习会", sampleBody)
	c.Meeting.Attendees = []string{"党委班子成员", "各部门负责人"}
	if _, err := st.Save(liwei, a.ID, 1, c); err != nil {
		t.Fatal(err)
	}
	a = mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	if a.State != model.StateReview || a.Stage != 0 {
		t.Fatal("resubmit")
	}
}

func TestOnlyOwnerOrStageEditors(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	if _, err := st.Save(zhaoli, a.ID, 1, meeting("改标题", sampleBody)); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("another writer edited a draft: %v", err)
	}
	if _, err := st.Save(store.Actor{Login: "ghost"}, a.ID, 1, meeting("改标题", sampleBody)); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("unknown user edited: %v", err)
	}
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	// The reviewer at the current stage may make an editorial edit.
	if _, err := st.Save(wangyin, a.ID, 1, meeting("学院召开党委理论学习中心组学习会（修订）", sampleBody)); err != nil {
		t.Fatal(err)
	}
}

func TestUsers(t *testing.T) {
	st, _ := newOffice(t)
	if _, err := st.AddUser(liwei, model.User{Login: "x", Display: "X", Roles: []model.Role{model.RoleWriter}}); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("writer added a user: %v", err)
	}
	if err := st.RemoveUser(admin, "admin"); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("removed the last admin: %v", err)
	}
	k, err := model.ParseKey("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGZ7eTCHYsLP1hLJ7o8X3mXkN1KZ3nAGq8u1i6yq1Vt2 liwei@laptop")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddKey(liwei, "liwei", k); err != nil {
		t.Fatal(err)
	}
	u, err := st.UserByKey(k.Fingerprint)
	if err != nil || u.Login != "liwei" {
		t.Fatalf("%v %v", u, err)
	}
	if err := st.AddKey(admin, "zhaoli", k); !errors.Is(err, store.ErrExists) {
		t.Fatalf("one key for two users: %v", err)
	}
	if err := st.RemoveUser(admin, "liwei"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UserByKey(k.Fingerprint); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("removed user's key still works: %v", err)
	}
}

func TestComments(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "送审") // the reviewer sees it once it waits for them
	c, err := st.AddComment(wangyin, a.ID, 1, 1, "小标题建议改为“深化教学改革，提升育人质量”")
	if err != nil {
		t.Fatal(err)
	}
	if c.Quote != "一、深化教学改革" {
		t.Fatalf("quote %q", c.Quote)
	}
	if _, err := st.AddComment(wangyin, a.ID, 1, 99, "x"); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("comment on a missing paragraph: %v", err)
	}
	if err := st.ResolveComment(liwei, a.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	cs, _ := st.Comments(store.Holder(), a.ID)
	if len(cs) != 1 || !cs[0].Resolved || cs[0].ResolvedBy != "liwei" {
		t.Fatalf("%+v", cs)
	}
}

func TestMediaAndImport(t *testing.T) {
	st, _ := newOffice(t)
	m, err := st.AddMedia(liwei, "../../etc/现场.jpg", []byte("\xff\xd8\xff\xe0 fake jpeg bytes"), "会议现场", "赵丽")
	if err != nil {
		t.Fatal(err)
	}
	if m.Name != "现场.jpg" || !strings.HasPrefix(m.Ref(), "![会议现场](media:") {
		t.Fatalf("%+v %s", m, m.Ref())
	}
	c := meeting("带图的会议报道", sampleBody+"\n"+m.Ref()+"\n")
	a, err := st.Create(liwei, c, "")
	if err != nil {
		t.Fatal(err)
	}
	_, r, _ := st.Head(a.ID)
	if len(r.Content.Media) != 1 || !strings.Contains(r.Content.Media[0], m.SHA256) {
		t.Fatalf("media not bound into the content: %v", r.Content.Media)
	}
	if _, err := st.Create(liwei, meeting("缺图", "![x](media:0123456789abcdef)"), ""); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("unknown media accepted: %v", err)
	}
	if _, err := st.Import(liwei, meeting("旧稿", sampleBody), store.ImportOptions{Published: true}); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("writer imported as published: %v", err)
	}
	imp, err := st.Import(admin, meeting("旧稿", sampleBody), store.ImportOptions{Published: true})
	if err != nil || imp.State != model.StatePublished || imp.Signed == nil {
		t.Fatalf("%+v %v", imp, err)
	}
	if rep, _ := st.Verify(); !rep.OK() {
		t.Fatal(rep.Problems)
	}
}

func TestQueueRowsCarryTheStage(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意")
	rows, err := st.List(store.Filter{States: []model.State{model.StateReview}})
	if err != nil || len(rows) != 1 {
		t.Fatal(rows, err)
	}
	if r := rows[0]; r.StageName != "主编签发" || r.StageRole != model.RoleChief || r.Title != a.Title || r.Owner != "liwei" {
		t.Fatalf("%+v", r)
	}
	counts, _ := st.Counts()
	if counts[model.StateReview] != 1 || counts[model.StateDraft] != 0 {
		t.Fatalf("%v", counts)
	}
}

// A decision that names no revision is bound to what the decider last read
// (MarkRead); a newer head, or nothing read, is refused naming the head.
func TestDecisionBindsToWhatWasRead(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	approve := store.Decision{Action: model.ActApprove, Opinion: "同意"}
	var sv *model.StaleViewError
	if _, err := st.Decide(wangyin, a.ID, approve); !errors.As(err, &sv) || sv.Read != 0 || sv.Head != 1 {
		t.Fatalf("approve without reading: %v", err)
	}
	if err := st.MarkRead(wangyin, a.ID, 1); err != nil {
		t.Fatal(err)
	}
	c := meeting("学院召开党委理论学习中心组学习会", sampleBody+"\n补充一段。\n")
	if _, err := st.Save(liwei, a.ID, 1, c); err != nil {
		t.Fatal(err)
	}
	_, err := st.Decide(wangyin, a.ID, approve)
	if !errors.As(err, &sv) || sv.Read != 1 || sv.Head != 2 || errors.Is(err, model.ErrConflict) ||
		!strings.Contains(err.Error(), "read revision 2 first") || strings.Contains(err.Error(), "conflict draft") {
		t.Fatalf("approve of an unread revision: %v", err)
	}
	if m, ok := st.LastRead("wangyin", a.ID); !ok || m.Rev != 1 {
		t.Fatalf("read mark %+v %v", m, ok)
	}
	if err := st.MarkRead(wangyin, a.ID, 2); err != nil {
		t.Fatal(err)
	}
	got, err := st.Decide(wangyin, a.ID, approve)
	if err != nil {
		t.Fatal(err)
	}
	if ap := got.LastApproval(); ap == nil || ap.Rev != 2 || ap.Hash != got.Hash {
		t.Fatalf("approval bound to %+v", ap)
	}
	trail, _ := st.Trail(store.Holder(), a.ID)
	if last := trail[len(trail)-1]; last.Action != model.ActApprove || last.Rev != 2 {
		t.Fatalf("audit record %+v", last)
	}
	// An unknown reader records nothing.
	if err := st.MarkRead(store.Actor{Login: "nobody"}, a.ID, 2); err == nil {
		t.Fatal("unknown reader recorded")
	}
}

// The workflow is the office's: with 三审 set for news, a writer's
// --workflow default is refused; the writer gets 三审; only an admin may
// choose another preset. Meeting reports keep their own default.
func TestWorkflowIsTheOffices(t *testing.T) {
	st, _ := newOffice(t)
	if err := st.SetKindWorkflow(liwei, model.KindNews, "三审"); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a writer set the workflow: %v", err)
	}
	if err := st.SetKindWorkflow(admin, model.KindNews, "三审"); err != nil {
		t.Fatal(err)
	}
	news := model.Content{Kind: model.KindNews, Title: "校园新闻", Body: sampleBody}
	for _, name := range []string{"default", "three-typo"} {
		if _, err := st.Create(liwei, news, name); err == nil {
			t.Fatalf("a writer chose workflow %q", name)
		}
	}
	_, err := st.Create(liwei, news, "default")
	if !errors.Is(err, model.ErrDenied) || !strings.Contains(err.Error(), "三审") {
		t.Fatalf("shorter workflow by a writer: %v", err)
	}
	for _, name := range []string{"", "三审", "three"} {
		a, err := st.Create(liwei, news, name)
		if err != nil || a.Workflow.Name != "三审" || len(a.Workflow.Stages) != 3 {
			t.Fatalf("writer with %q: %v %+v", name, err, a)
		}
	}
	// Meeting reports were not changed: still 审核 → 主编签发.
	m, err := st.Create(liwei, meeting("学院召开党委理论学习中心组学习会", sampleBody), "")
	if err != nil || m.Workflow.Name != "default" {
		t.Fatalf("meeting: %v %+v", err, m)
	}
	wfs, _ := st.OfficeWorkflows()
	if wfs[model.KindNews].Name != "三审" || wfs[model.KindMeeting].Name != "default" {
		t.Fatalf("office workflows %+v", wfs)
	}
	// An admin (who also writes) may choose.
	mustUser(t, st, admin, "boss", "老板", model.RoleAdmin, model.RoleWriter)
	a, err := st.Create(store.Actor{Login: "boss"}, news, "default")
	if err != nil || a.Workflow.Name != "default" {
		t.Fatalf("admin's choice: %v %+v", err, a)
	}
	// An imported draft follows the office's workflow for its kind.
	imp, err := st.Import(liwei, news, store.ImportOptions{})
	if err != nil || imp.Workflow.Name != "三审" {
		t.Fatalf("import: %v %+v", err, imp)
	}
}

// Display names are unique after normalisation (NFKC, invisible and bidi
// characters removed), and stored normalized.
func TestDisplayNamesUnique(t *testing.T) {
	st, _ := newOffice(t)
	for _, d := range []string{"王音\u200b", "\u2800王音", "王\u3164音", "王\u202e音", "ＷＡＮＧＹＩＮ", "wangyin"} {
		_, err := st.AddUser(admin, model.User{Login: "imposter", Display: d, Roles: []model.Role{model.RoleReviewer}})
		if !errors.Is(err, store.ErrNameTaken) || !errors.Is(err, store.ErrExists) {
			t.Errorf("display %q: %v", d, err)
		}
	}
	if _, err := st.AddUser(admin, model.User{Login: "blank", Display: "\u3164\u200b", Roles: []model.Role{model.RoleWriter}}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("invisible-only display name: %v", err)
	}
	u, err := st.AddUser(admin, model.User{Login: "wangying", Display: "王\u200b英", Roles: []model.Role{model.RoleReviewer}})
	if err != nil || u.Display != "王英" {
		t.Fatalf("normalized add: %+v %v", u, err)
	}
	if got, _ := st.User("wangying"); got.Display != "王英" {
		t.Fatalf("stored display %q", got.Display)
	}
}

// A display name that only looks like another user's is refused as that
// name, when added and when a user renames themselves: the same letters
// from another script (Cyrillic а in Zhang Wei), confusable characters
// (UTS #39: 士 for 土), a traditional form (沈建龍 for the chief 沈建龙,
// on every credits line and audit record). Before, each was accepted.
func TestDisplayNamesUniqueAcrossLookAlikes(t *testing.T) {
	st, _ := newOffice(t)
	mustUser(t, st, admin, "zhangwei", "Zhang Wei", model.RoleWriter)
	mustUser(t, st, admin, "wangtu", "王土", model.RoleWriter)
	for _, d := range []string{"Zh\u0430ng Wei", "Zh\u0430ng W\u0435i", "王士", "沈建龍", "沈建龍\u200b"} {
		_, err := st.AddUser(admin, model.User{Login: "imposter", Display: d, Roles: []model.Role{model.RoleWriter}})
		if !errors.Is(err, store.ErrNameTaken) {
			t.Errorf("add with display %q: %v", d, err)
		}
	}
	d := "沈建龍"
	if _, err := st.EditUser(liwei, "liwei", store.UserEdit{Display: &d}); !errors.Is(err, store.ErrNameTaken) {
		t.Errorf("writer renaming themselves %q: %v", d, err)
	}
	// names that differ are still names: 李伟 and 李玮, Zhang Wei and Zhang Wen
	mustUser(t, st, admin, "liwei2", "李玮", model.RoleWriter)
	mustUser(t, st, admin, "zhangwen", "Zhang Wen", model.RoleWriter)
}

// Changing an article's kind never shortens its workflow: with news on 三审
// and meetings on the default, a writer who starts a meeting report and
// saves it as news gets 三审 (in draft), and past draft the change is
// refused; a change towards a kind with a shorter workflow keeps the
// longer one.
func TestKindChangeCannotShortenWorkflow(t *testing.T) {
	st, _ := newOffice(t)
	if err := st.SetKindWorkflow(admin, model.KindNews, "三审"); err != nil {
		t.Fatal(err)
	}
	a := mustCreate(t, st) // a meeting report: 审核 → 主编签发
	if len(a.Workflow.Stages) != 2 {
		t.Fatalf("meeting workflow %v", a.Workflow)
	}
	news := func(rev int, title string) model.Content {
		c := meeting(title, sampleBody)
		c.Kind, c.Meeting = model.KindNews, nil
		return c
	}
	got, err := st.Save(liwei, a.ID, 1, news(1, "改成新闻"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Kind != model.KindNews || len(got.Workflow.Stages) != 3 {
		t.Fatalf("a meeting report saved as news keeps %s (%d stages)", got.Workflow.Name, len(got.Workflow.Stages))
	}
	// Back to a meeting: the longer workflow stays.
	back := meeting("又改回会议", sampleBody)
	if got, err = st.Save(liwei, a.ID, 2, back); err != nil || len(got.Workflow.Stages) != 3 {
		t.Fatalf("back to meeting: %v %v", got.Workflow, err)
	}

	// Past draft: submitted as a meeting (2 stages), then saved as news.
	b := mustCreate(t, st)
	mustDecide(t, st, liwei, b.ID, model.ActSubmit, "")
	if _, err := st.Save(liwei, b.ID, 1, news(1, "送审后改成新闻")); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("kind change in review shortened the workflow: %v", err)
	}
	if h, _ := st.Get(b.ID); h.Kind != model.KindMeeting || h.Rev != 1 {
		t.Fatalf("refused save changed the article: %+v", h)
	}
}
