package form_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// fake is a record as a damaged or hostile database could hold it: every
// text the forms print is whatever text(name) says, past the store's
// validation.
type fake struct {
	a *model.Article
	r *model.Revision
}

func (f *fake) MayRead(store.Actor, uint64) (*model.Article, error)      { return f.a, nil }
func (f *fake) Get(uint64) (*model.Article, error)                       { return f.a, nil }
func (f *fake) Revision(uint64, int) (*model.Revision, error)            { return f.r, nil }
func (f *fake) Trail(store.Actor, uint64) ([]model.AuditRecord, error)   { return nil, nil }
func (f *fake) ProofResult(uint64) (*store.ProofResult, bool, error)     { return nil, false, nil }
func (f *fake) Settings() (store.SiteSettings, error)                    { return store.SiteSettings{}, nil }
func (f *fake) CreditedPhotographers(c *model.Content) ([]string, error) { return c.Photographers, nil }

const hostile = "</td></tr></table></section><script>alert(1)</script><b>粗</b>&amp;" +
	"\x1b[31m红\x1b[0m\x1b]0;title\x07\u202e倒序\u202c\u2066隔离\u2069\x00\x08\u009b31m" + `"'` + "\r\n第二行"

// hostileRecord fills every printed field with text(name).
func hostileRecord(text func(string) string) *fake {
	at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	hash := "sha256:" + strings.Repeat("ab", 32)
	wf := model.Workflow{Name: text("workflow"), Stages: []model.Stage{
		{Name: text("stage1"), Role: model.RoleReviewer},
		{Name: text("stage2"), Users: []string{"bao"}, Checklist: []string{text("q1"), text("q2")}},
		{Name: text("stage3"), Role: model.RoleChief}}}
	ap := func(stage int, who string) model.Approval {
		return model.Approval{Stage: stage, Name: wf.Stages[stage].Name, Login: who, Display: text("display-" + who), Rev: 2, Hash: hash,
			Opinion: text("opinion-" + who), At: at.Add(time.Duration(stage) * time.Hour), AuditSeq: uint64(10 + stage)}
	}
	rec := []model.Approval{ap(0, "wang"), ap(1, "bao"), ap(2, "shen")}
	var ds []model.Decision
	ds = append(ds, model.Decision{Action: model.ActReturn, Stage: 0, Login: "wang", Display: text("display-wang"), Opinion: text("return"), Rev: 1, At: at.Add(-time.Hour)})
	for _, r := range rec {
		ds = append(ds, model.Decision{Action: model.ActApprove, Stage: r.Stage, Login: r.Login, Display: r.Display, Opinion: r.Opinion, Rev: 2, At: r.At})
	}
	signed := rec[2]
	a := &model.Article{ID: 9, Owner: "li", OwnerDisplay: text("owner"), Kind: model.KindMeeting, Title: text("title"), State: model.StatePublished,
		Workflow: wf, Rev: 2, Hash: hash, Created: at, Record: rec, Approvals: rec, Signed: &signed, Decisions: ds, PublishedAt: at.Add(5 * time.Hour)}
	r := &model.Revision{N: 2, Hash: hash, Content: model.Content{Kind: model.KindMeeting, Title: text("title"), Subtitle: text("subtitle"),
		Source: text("source"), Authors: []string{text("author1"), text("author2")}, Photographers: []string{text("photo")},
		Meeting: &model.Meeting{Name: text("meeting"), Date: text("date"), Place: text("place"), Chair: text("chair")}}}
	return &fake{a: a, r: r}
}

func render(t testing.TB, f *fake) []byte {
	t.Helper()
	rec, err := form.Collect(f, nil, 9, locale.ZH, time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	ts, err := form.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ts.HTML(rec, locale.ZH)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// shape is the document's element structure: tag and class of every
// element in order.
func shape(t testing.TB, doc []byte) []string {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range all(n, func(*html.Node) bool { return true }) {
		out = append(out, e.Data+"."+attr(e, "class"))
	}
	return out
}

// TestHostileText: markup, escape sequences, bidi overrides, NULs and
// 10,000-character opinions in every field leave the forms' structure as
// it is with plain text: nothing is injected, no control character is
// printed, and the text is there (cleaned).
func TestHostileText(t *testing.T) {
	plain := render(t, hostileRecord(func(name string) string { return "普通文字" + name }))
	long := strings.Repeat("长", 10000)
	wide := strings.Repeat("W", 2000) // no break opportunity at all
	bad := render(t, hostileRecord(func(name string) string {
		switch {
		case strings.HasPrefix(name, "opinion-"):
			return hostile + long + wide
		case name == "title":
			return hostile + wide
		}
		return hostile + name
	}))
	ps, bs := shape(t, plain), shape(t, bad)
	if strings.Join(ps, " ") != strings.Join(bs, " ") {
		t.Fatalf("hostile text changed the document's structure:\nplain   %v\nhostile %v", ps, bs)
	}
	for _, c := range []string{"\x1b", "\x07", "\x00", "\x08", "\u202e", "\u2066", "\u009b", "\r"} {
		if bytes.Contains(bad, []byte(c)) {
			t.Errorf("the form holds the control character %q", c)
		}
	}
	if bytes.Contains(bad, []byte("<script>")) || !bytes.Contains(bad, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("markup in a field was not printed as text")
	}
	n, _ := html.Parse(bytes.NewReader(bad))
	if got, want := field(t, n, "标题"), termsafe.Line(hostile+wide); got != want {
		t.Errorf("title printed as %.80q, want %.80q", got, want)
	}
	if got := text(all(n, class("opinion"))[0]); !strings.Contains(got, long) || !strings.Contains(got, "第二行") {
		t.Error("the long opinion was cut")
	}
	checkLayout(t, bad)
}

// checkLayout loads the form in headless Chromium at A4 width and checks
// that nothing sticks out to the right of the page or out of its box:
// long text wraps.
func checkLayout(t *testing.T, doc []byte) {
	if testing.Short() {
		return
	}
	exe, err := form.FindBrowser()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	f := filepath.Join(t.TempDir(), "form.html")
	if err := os.WriteFile(f, doc, 0o644); err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(exe), chromedp.Headless, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(794, 1123)} // A4 at 96 dpi
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel2 := chromedp.NewContext(alloc)
	defer cancel2()
	ctx, cancel3 := context.WithTimeout(ctx, 60*time.Second)
	defer cancel3()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+f)); err != nil {
		t.Fatal(err)
	}
	over, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const w = document.documentElement.clientWidth;
		return [...document.querySelectorAll('body *')].filter(e =>
			e.getBoundingClientRect().right > w + 1 || (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1))
			.map(e => e.tagName + '.' + e.className + ' ' + e.scrollWidth + '>' + e.clientWidth);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(over) > 0 {
		t.Errorf("%d elements stick out of the page: %s", len(over), strings.Join(over[:min(len(over), 5)], "; "))
	}
}

// TestPublications: the register lists the publications of its revision
// (target, URL, time, lateness), not those of another revision.
func TestPublications(t *testing.T) {
	f := hostileRecord(func(name string) string { return "文字" + name })
	at := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	f.a.Publications = []model.Publication{
		{Target: "old", URL: "https://old.example.edu.cn/a/9/", At: at, Rev: 1, Hash: "sha256:other"},
		{Target: "学院官网", URL: "https://www.example.edu.cn/articles/9/", At: at.Add(time.Hour), Rev: 2, Hash: f.a.Hash, Late: true},
	}
	f.a.Schedule = &model.Schedule{At: at.Add(30 * time.Minute), Rev: 2, Hash: f.a.Hash}
	n, err := html.Parse(bytes.NewReader(render(t, f)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := field(t, n, "发布时间"), "2026-11-30 17:00 · 学院官网 （晚于预定时间）\n定时发布：2026-11-30 16:30"; got != strings.ReplaceAll(want, "\n", "") {
		t.Errorf("发布时间 %q, want %q", got, want)
	}
	if got := field(t, n, "发布网址"); got != "https://www.example.edu.cn/articles/9/" {
		t.Errorf("发布网址 %q", got)
	}
}
