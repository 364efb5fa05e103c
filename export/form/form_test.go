package form_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

var (
	admin   = store.Actor{Login: "admin"}
	liwei   = store.Actor{Login: "liwei"}
	wangyin = store.Actor{Login: "wangyin"}
	baomi   = store.Actor{Login: "baomi"}
	shenjl  = store.Actor{Login: "shenjl"}
	chen    = store.Actor{Login: "chen"}
)

const college = `stages:
  - name: 部门负责人审核
    role: reviewer
  - name: 保密审查
    users: [baomi]
    checklist: [是否涉及国家秘密？, 是否涉及工作秘密？, 是否涉及个人信息？, 是否涉及内部事项？, 是否含有涉密场所图片？]
  - name: 分管领导签发
    role: chief
    signoff: true
`

// office is a database with a three-stage college workflow (a 保密审查
// stage with the five questions) and article 1 taken through it: returned
// once, resubmitted, approved at both stages, signed off and published.
func office(t testing.TB, c model.Content, opinions ...string) (*store.Store, uint64) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "copydesk.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, u := range []struct {
		act   store.Actor
		login string
		disp  string
		role  model.Role
	}{{store.Actor{}, "admin", "管理员", model.RoleAdmin}, {admin, "liwei", "李伟", model.RoleWriter},
		{admin, "wangyin", "王音", model.RoleReviewer}, {admin, "baomi", "赵保密", model.RoleReviewer},
		{admin, "shenjl", "沈建龙", model.RoleChief}, {admin, "chen", "陈晨", model.RoleWriter}} {
		if _, err := st.AddUser(u.act, model.User{Login: u.login, Display: u.disp, Roles: []model.Role{u.role}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.DefineWorkflow(admin, "学院", []byte(college)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKindWorkflow(admin, c.Kind, "学院"); err != nil {
		t.Fatal(err)
	}
	a, err := st.Create(liwei, c, "")
	if err != nil {
		t.Fatal(err)
	}
	op := func(i int, def string) string {
		if i < len(opinions) {
			return opinions[i]
		}
		return def
	}
	decide := func(act store.Actor, action model.Action, opinion string, answers ...model.Answer) {
		t.Helper()
		cur, err := st.Get(a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Decide(act, a.ID, store.Decision{Action: action, Opinion: opinion, Rev: cur.Rev, Hash: cur.Hash, Answers: answers}); err != nil {
			t.Fatalf("%s %s: %v", act.Login, action, err)
		}
	}
	decide(liwei, model.ActSubmit, "")
	decide(wangyin, model.ActReturn, op(0, "第二段时间表述不准确，请核实。"))
	decide(liwei, model.ActSubmit, "")
	decide(wangyin, model.ActApprove, op(1, "同意。"))
	decide(baomi, model.ActApprove, op(2, "经审查，不涉及国家秘密和工作秘密，同意公开。"), secrecyAnswers...)
	decide(shenjl, model.ActSignOff, op(3, "同意发布"))
	decide(shenjl, model.ActPublish, "")
	return st, a.ID
}

// secrecyAnswers answer the five questions: one yes, with a note.
var secrecyAnswers = []model.Answer{{Question: "是否涉及国家秘密？"}, {Question: "是否涉及工作秘密？"},
	{Question: "是否涉及个人信息？", Yes: true, Note: "照片中的学生已同意公开"}, {Question: "是否涉及内部事项？"}, {Question: "是否含有涉密场所图片？"}}

func sample() model.Content {
	return model.Content{Kind: model.KindMeeting, Title: "学院召开2026年冬季安全工作会议", Subtitle: "部署寒假前安全检查",
		Source: "党委宣传部", Authors: []string{"李伟", "陈晨"}, Photographers: []string{"赵丽", "欧阳振华"},
		Meeting: &model.Meeting{Name: "冬季安全工作会议", Date: "2026-11-20", Place: "行政楼报告厅", Chair: "张明"},
		Body:    "11月20日下午，学院召开冬季安全工作会议。\n\n## 一、压实安全责任\n\n各部门要落实“一岗双责”。"}
}

func makeHTML(t testing.TB, st *store.Store, act store.Actor, id uint64) (*html.Node, string) {
	t.Helper()
	doc, err := form.Make(context.Background(), st, &act, id, locale.ZH, form.HTML, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	n, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	return n, string(doc)
}

// --- a small DOM reader over x/net/html ---

func attr(n *html.Node, k string) string {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, c string) bool {
	for _, f := range strings.Fields(attr(n, "class")) {
		if f == c {
			return true
		}
	}
	return false
}

// all returns the elements under n (n included) for which ok holds, in
// document order.
func all(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func tag(name string) func(*html.Node) bool { return func(n *html.Node) bool { return n.Data == name } }
func class(c string) func(*html.Node) bool  { return func(n *html.Node) bool { return hasClass(n, c) } }

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.Data == "br" {
			b.WriteString("\n")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// field returns the text of the cell after the header cell labelled
// label in the first table of section (the register's fields).
func field(t testing.TB, section *html.Node, label string) string {
	t.Helper()
	for _, th := range all(section, tag("th")) {
		if text(th) != label {
			continue
		}
		for td := th.NextSibling; td != nil; td = td.NextSibling {
			if td.Type == html.ElementNode && td.Data == "td" {
				return text(td)
			}
		}
	}
	t.Fatalf("no field %q in the form", label)
	return ""
}

// TestRegisterHasEveryField prints the register of an article taken
// through a three-stage workflow and checks every field against the
// record: the article's fields, each stage's signer, time, decision and
// opinion (display names as they were), the 三校 result, the signed
// revision and its hash, the publication time, the history with the
// return, and the 保密审查表 with the five questions.
func TestRegisterHasEveryField(t *testing.T) {
	st, id := office(t, sample())
	// A later rename changes nothing printed: names are as they were.
	renamed := "王音（已调离）"
	if _, err := st.EditUser(admin, "wangyin", store.UserEdit{Display: &renamed}); err != nil {
		t.Fatal(err)
	}
	a, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	set, _ := st.Settings()
	at := func(tm time.Time) string { return tm.In(set.Zone()).Format(form.TimeLayout) }
	doc, raw := makeHTML(t, st, wangyin, id)

	forms := all(doc, tag("section"))
	if len(forms) != 2 || !hasClass(forms[0], "register") || !hasClass(forms[1], "secrecy") {
		t.Fatalf("want the register and one 保密审查表, got %d sections", len(forms))
	}
	reg := forms[0]
	if got := text(all(reg, tag("h1"))[0]); got != "信息发布审核登记表" {
		t.Errorf("heading %q", got)
	}
	for label, want := range map[string]string{
		"标题": "学院召开2026年冬季安全工作会议", "副标题": "部署寒假前安全检查", "来源（部门）": "党委宣传部",
		"稿件类型": "会议", "作者": "李伟、陈晨", "摄影": "赵丽、欧阳振华", "发布人": "李伟",
		"登记时间": at(a.Created), "签发时间": at(a.Signed.At), "内容指纹（SHA-256）": a.Signed.Hash,
		"签发版本": "第 1 版", "发布时间": at(a.PublishedAt) + " · 手动标记",
		"会议":   "冬季安全工作会议 · 2026-11-20 · 行政楼报告厅 · 主持：张明",
		"审核流程": "学院：部门负责人审核 → 保密审查 → 分管领导签发",
	} {
		if got := field(t, reg, label); got != want {
			t.Errorf("%s: %q, want %q", label, got, want)
		}
	}
	stages := all(reg, class("stage"))
	if len(stages) != 3 {
		t.Fatalf("%d stage rows, want 3", len(stages))
	}
	byStage := map[int]model.Approval{}
	for _, ap := range a.Record {
		byStage[ap.Stage] = ap
	}
	for i, row := range stages {
		ap := byStage[i]
		if got := text(all(row, tag("th"))[0]); !strings.HasPrefix(got, a.Workflow.Stages[i].Name) {
			t.Errorf("stage %d is %q", i, got)
		}
		entries := all(row, class("entry"))
		if len(entries) != 1 {
			t.Fatalf("stage %d: %d entries (the first approval must not be printed twice)", i, len(entries))
		}
		e := entries[0]
		if got := text(all(e, class("opinion"))[0]); got != ap.Opinion {
			t.Errorf("stage %d opinion %q, want %q", i, got, ap.Opinion)
		}
		sign := all(e, tag("b"))
		decision := "批准"
		if i == 2 {
			decision = "签发"
		}
		if len(sign) != 3 || text(sign[0]) != decision || text(sign[1]) != ap.Display || text(sign[2]) != at(ap.At) {
			t.Errorf("stage %d signature line %q", i, text(all(e, class("sign"))[0]))
		}
		if lis := all(e, tag("li")); len(lis) != len(ap.Answers) {
			t.Errorf("stage %d: %d answers printed, %d recorded", i, len(lis), len(ap.Answers))
		} else {
			for j, li := range lis {
				// both boxes printed, the answer's ticked: 是□ 否☑ reads as
				// the paper form, an empty box before 否 read as "not 否"
				yes, no := "否", "是"
				if ap.Answers[j].Yes {
					yes, no = "是", "否"
				}
				if got := text(li); !strings.Contains(got, ap.Answers[j].Question) || !strings.Contains(got, "✓"+yes) || strings.Contains(got, "✓"+no) || !strings.Contains(got, no) || !strings.Contains(got, ap.Answers[j].Note) {
					t.Errorf("stage %d answer %d printed %q, recorded %+v", i, j, got, ap.Answers[j])
				}
			}
		}
		facts := text(all(e, class("facts"))[0])
		if !strings.Contains(facts, ap.Hash) || !strings.Contains(facts, "三校（第 1 版）：错误 0，警告 0") || strings.Contains(facts, "lists") || strings.Contains(facts, "rules") {
			t.Errorf("stage %d facts %q lack the hash or the 三校 result", i, facts)
		}
	}
	if !strings.Contains(raw, "王音") || strings.Contains(raw, "已调离") {
		t.Error("the printed name is not the name at the time")
	}
	hist := all(all(reg, class("history"))[0], tag("tr"))[1:]
	if len(hist) != len(a.Decisions) {
		t.Fatalf("history has %d rows, the record %d decisions", len(hist), len(a.Decisions))
	}
	for i, row := range hist {
		d := a.Decisions[i]
		cells := all(row, tag("td"))
		if text(cells[0]) != at(d.At) || text(cells[2]) != d.Display || text(cells[3]) != locale.Render(locale.ZH, d.Action) ||
			!strings.HasPrefix(text(cells[5]), d.Opinion) {
			t.Errorf("history row %d: %q, want %+v", i, text(row), d)
		}
	}
	if got := text(hist[0]); !strings.Contains(got, "退回") || !strings.Contains(got, "第二段时间表述不准确") {
		t.Errorf("the return is not in the history: %q", got)
	}

	sec := forms[1]
	if got := text(all(sec, tag("h1"))[0]); got != "信息发布保密审查表" {
		t.Errorf("secrecy heading %q", got)
	}
	if got := field(t, sec, "标题"); got != "学院召开2026年冬季安全工作会议" {
		t.Errorf("secrecy title %q", got)
	}
	rows := all(all(sec, class("checklist"))[0], tag("tr"))[1:]
	qs := a.Workflow.Stages[1].Checklist
	if len(rows) != len(qs) {
		t.Fatalf("%d checklist rows, want %d", len(rows), len(qs))
	}
	for i, r := range rows {
		cells := all(r, tag("td"))
		if got := text(cells[1]); got != qs[i] {
			t.Errorf("question %d: %q", i, got)
		}
		yes, no := text(cells[2]), text(cells[3])
		if want := secrecyAnswers[i]; (want.Yes && (yes != "✓" || no != "")) || (!want.Yes && (yes != "" || no != "✓")) || text(cells[4]) != want.Note {
			t.Errorf("answer %d: 是 %q 否 %q 说明 %q, want %+v", i, yes, no, text(cells[4]), want)
		}
	}
	if got := text(all(sec, class("sign"))[0]); !strings.Contains(got, "赵保密") {
		t.Errorf("secrecy signer: %q", got)
	}
}

// TestVisibility: who may print the record is who may see the article.
func TestVisibility(t *testing.T) {
	st, _ := office(t, sample())
	draft, err := st.Create(liwei, model.Content{Kind: model.KindNews, Title: "未送审的草稿", Body: "正文"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := form.Make(context.Background(), st, &chen, draft.ID, locale.ZH, form.HTML, time.Now()); !errors.Is(err, model.ErrNotVisible) || !errors.Is(err, model.ErrDenied) {
		t.Fatalf("another writer printed a draft: %v", err)
	}
	if _, err := form.Make(context.Background(), st, &liwei, draft.ID, locale.ZH, form.HTML, time.Now()); err != nil {
		t.Fatalf("the owner: %v", err)
	}
	if _, err := form.Make(context.Background(), st, &store.Actor{Login: "ghost", Remote: true}, draft.ID, locale.ZH, form.HTML, time.Now()); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("an unknown user: %v", err)
	}
}

// TestOfficeTemplates: a replaced template is used; a broken one is a
// clear error naming the file, and nothing is printed.
func TestOfficeTemplates(t *testing.T) {
	st, id := office(t, sample())
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "style.html"), []byte(`{{define "style"}}body { font-size: 12pt; color: #123456 }{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "register.html"), []byte(`{{define "register"}}<section class="form register"><h1>某某学院信息发布审核登记表</h1><p class="t">{{.Title}}</p></section>{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := st.SetSettings(admin, store.SiteSettings{FormDir: dir}); err != nil {
		t.Fatal(err)
	}
	doc, raw := makeHTML(t, st, admin, id)
	if got := text(all(doc, tag("h1"))[0]); got != "某某学院信息发布审核登记表" {
		t.Fatalf("the office's register was not used: %q", got)
	}
	if !strings.Contains(raw, "#123456") || strings.Contains(raw, "@page") {
		t.Fatal("the office's style was not used")
	}
	if len(all(doc, class("secrecy"))) != 1 {
		t.Fatal("the default secrecy form went missing")
	}
	if err := os.WriteFile(filepath.Join(dir, "register.html"), []byte(`{{define "register"}}{{.Title}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := form.Make(context.Background(), st, &admin, id, locale.ZH, form.HTML, time.Now())
	var te *form.TemplateError
	if !errors.As(err, &te) || te.File != "register.html" || out != nil {
		t.Fatalf("a broken template: %v (%d bytes)", err, len(out))
	}
	if msg := locale.Err(locale.ZH, err); !strings.Contains(msg, "register.html") || !strings.Contains(msg, "登记表模板") {
		t.Fatalf("message %q", msg)
	}
	// A template that fails while running (a field that does not exist).
	if err := os.WriteFile(filepath.Join(dir, "register.html"), []byte(`{{define "register"}}{{.NoSuchField}}{{end}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := form.Make(context.Background(), st, &admin, id, locale.ZH, form.HTML, time.Now()); !errors.Is(err, form.ErrTemplate) {
		t.Fatalf("a failing template: %v", err)
	}
}

// needTool skips when a program is missing, and fails under CI.
func needTool(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI (apt-get install -y chromium poppler-utils fonts-noto-cjk): %v", n, err)
			}
			t.Skipf("%s not installed; skipping", n)
		}
	}
}

// pdfText is pdftotext of a PDF, in reading order.
func pdfText(t testing.TB, pdf []byte) string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", pdf)
	}
	f := filepath.Join(t.TempDir(), "form.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestPDF prints the forms with headless Chromium; pdftotext finds the
// title, every signer's name and the content hash.
func TestPDF(t *testing.T) {
	needTool(t, "chromium", "pdftotext")
	st, id := office(t, sample())
	a, _ := st.Get(id)
	pdf, err := form.Make(context.Background(), st, &admin, id, locale.ZH, form.PDFs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	txt := pdfText(t, pdf)
	for _, want := range []string{a.Title, "王音", "赵保密", "沈建龙", a.Signed.Hash, "信息发布审核登记表", "信息发布保密审查表", "是否涉及国家秘密？"} {
		if !strings.Contains(txt, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
}

// TestNoBrowser: without Chromium on PATH the PDF is a clear error.
func TestNoBrowser(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := form.PDF(context.Background(), []byte("<p>x</p>"))
	if !errors.Is(err, form.ErrNoBrowser) {
		t.Fatalf("got %v", err)
	}
	if msg := locale.Err(locale.ZH, err); !strings.Contains(msg, "Chromium") || !strings.Contains(msg, "--format html") {
		t.Fatalf("message %q", msg)
	}
}

// TestCountersignAndReaders: a 会签 stage prints every named approver of
// the revision, and an extra reader (本人审阅) is printed with their
// approval; the history names the reader's decision.
func TestCountersignAndReaders(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "copydesk.db"), store.Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, u := range []struct {
		login, disp string
		role        model.Role
	}{{"admin", "管理员", model.RoleAdmin}, {"liwei", "李伟", model.RoleWriter},
		{"wangyin", "王音", model.RoleReviewer}, {"chenfang", "陈芳", model.RoleReviewer}, {"lingdao", "张书记", model.RoleWriter},
		{"shenjl", "沈建龙", model.RoleChief}} {
		act := admin
		if u.login == "admin" {
			act = store.Actor{}
		}
		if _, err := st.AddUser(act, model.User{Login: u.login, Display: u.disp, Roles: []model.Role{u.role}}); err != nil {
			t.Fatal(err)
		}
	}
	const wf = "stages:\n  - name: 会签\n    users: [wangyin, chenfang]\n    all: true\n  - name: 签发\n    role: chief\n    signoff: true\n"
	if _, err := st.DefineWorkflow(admin, "会签", []byte(wf)); err != nil {
		t.Fatal(err)
	}
	if err := st.SetKindWorkflow(admin, model.KindNews, "会签"); err != nil {
		t.Fatal(err)
	}
	a, err := st.Create(liwei, model.Content{Kind: model.KindNews, Title: "书记在开学典礼上的讲话", Body: "同学们：大家好。"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddReader(liwei, a.ID, "lingdao", "讲话本人审阅"); err != nil {
		t.Fatal(err)
	}
	decide := func(act store.Actor, action model.Action, op string) {
		t.Helper()
		cur, _ := st.Get(a.ID)
		if _, err := st.Decide(act, a.ID, store.Decision{Action: action, Opinion: op, Rev: cur.Rev, Hash: cur.Hash}); err != nil {
			t.Fatalf("%s %s: %v", act.Login, action, err)
		}
	}
	decide(liwei, model.ActSubmit, "")
	decide(wangyin, model.ActApprove, "王音同意")
	decide(store.Actor{Login: "chenfang"}, model.ActApprove, "陈芳同意")
	decide(store.Actor{Login: "lingdao"}, model.ActApprove, "本人已审阅，同意")
	decide(shenjl, model.ActSignOff, "同意发布")

	doc, _ := makeHTML(t, st, admin, a.ID)
	stages := all(doc, class("stage"))
	if len(stages) != 2 {
		t.Fatalf("%d stage rows", len(stages))
	}
	var signers []string
	for _, e := range all(stages[0], class("entry")) {
		signers = append(signers, text(all(e, tag("b"))[1]))
	}
	if strings.Join(signers, ",") != "王音,陈芳" {
		t.Errorf("会签 stage printed %v, want both approvers", signers)
	}
	rd := all(doc, class("readers"))
	if len(rd) != 1 || !strings.Contains(text(rd[0]), "本人已审阅，同意") || text(all(rd[0], tag("b"))[1]) != "张书记" {
		t.Fatalf("the extra reader's approval is not printed: %v", rd)
	}
	var hist []string
	for _, row := range all(all(doc, class("history"))[0], tag("tr"))[1:] {
		hist = append(hist, text(all(row, tag("td"))[1])+"/"+text(all(row, tag("td"))[2]))
	}
	if !slices.Contains(hist, "本人审阅/张书记") {
		t.Errorf("the history does not name the reader's decision: %v", hist)
	}
}

// TestRegisterRecordsTheTakedown (tester, 2026-12-01): the 登记表 of an
// article taken down (撤稿) said 状态：已撤稿 and nothing else — not who
// took it down, when, or why. The review history ends with the takedown:
// the signer, the time, the revision that was live and the reason.
func TestRegisterRecordsTheTakedown(t *testing.T) {
	st, id := office(t, sample())
	a, err := st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(shenjl, id, store.Decision{Action: model.ActTakedown, Opinion: "会议信息需与上级统一发布，暂撤。", Rev: a.Rev, Hash: a.Hash}); err != nil {
		t.Fatal(err)
	}
	_, doc := makeHTML(t, st, shenjl, id)
	for _, want := range []string{"已撤稿", "撤稿", "沈建龙", "会议信息需与上级统一发布，暂撤。"} {
		if !strings.Contains(doc, want) {
			t.Errorf("the register lacks %q", want)
		}
	}
	i, j := strings.LastIndex(doc, "同意发布"), strings.LastIndex(doc, "会议信息需与上级统一发布")
	if i < 0 || j < i {
		t.Errorf("the takedown is not the last entry of the history (sign-off at %d, takedown at %d)", i, j)
	}
}
