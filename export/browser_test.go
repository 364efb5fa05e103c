package export

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

const chromiumPath = "/usr/bin/chromium"

// browserSource is a small site as a news office would publish it: a
// meeting report with a photo and a news item. The text is made up.
func browserSource() (*memSource, Article) {
	photo := newMedia(genPNG(5, 480, 300), "会场.png", "会议现场", "")
	photo.Credit = "林晓"
	signed := time.Date(2025, 4, 9, 16, 20, 0, 0, cst)
	meeting := Article{
		ID: 42, Kind: "meeting",
		Title:         "学院召开新学期学生工作部署会",
		Subtitle:      "明确本学期学生工作六项重点任务",
		Source:        "党委学生工作部",
		Authors:       []string{"许文"},
		Photographers: []string{"林晓", "欧阳振华", "司马相如"},
		Publisher:     "新闻中心",
		Body: "4月8日下午，学院在行政楼第三会议室召开新学期学生工作部署会。党委副书记周宁主持会议，各二级学院分管学生工作的负责人、辅导员代表参加会议。\n\n" +
			"会议首先通报了上学期学生工作考核情况。与会人员结合各自岗位实际，\n就学风建设、心理健康和就业指导等问题进行了交流。\n\n" +
			"![会议现场](media:" + photo.ID + ")\n\n" +
			"## 一、抓好学风建设\n\n要完善早读、晚自习制度，发挥学生干部的带头作用，营造比学赶超的良好氛围。\n\n" +
			"## 二、做实就业服务\n\n- 每周发布岗位信息；\n- 组织简历门诊和模拟面试；\n- 建立未就业毕业生帮扶台账。\n\n" +
			"周宁强调，各单位要把任务分解到人、落实到周，确保各项工作取得实效。\n",
		Rev: 3, SignedAt: signed, PublishedAt: signed.Add(15 * time.Minute), UpdatedAt: signed,
		Meeting: &Meeting{Name: "新学期学生工作部署会", Date: "2025-04-08", Place: "行政楼第三会议室", Chair: "周宁", Attendees: []string{"各二级学院分管负责人", "辅导员代表"}},
	}
	rehash(&meeting, signed)
	news := genArticle(7, 600, nil)
	return &memSource{arts: []Article{meeting, news}, media: map[string]MediaFile{photo.ID: photo}}, meeting
}

// TestBrowserRendersSite drives headless Chromium over the exported site.
func TestBrowserRendersSite(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		skipOrFail(t, "%s is missing: apt-get install -y chromium fonts-noto-cjk", chromiumPath)
	}
	src, art := browserSource()
	site := t.TempDir()
	mustExport(t, src, site, Options{NoSync: true})
	srv := httptest.NewServer(http.FileServer(http.Dir(site)))
	defer srv.Close()
	srvURL, _ := url.Parse(srv.URL)

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 90*time.Second)
	defer cancelT()

	// The first action starts the browser with the test's context; the
	// listener is attached after that, before the first navigation.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	var mu sync.Mutex
	var problems []string
	err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				problems = append(problems, "console.error: "+strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+e.ExceptionDetails.Text)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				problems = append(problems, fmt.Sprintf("log %s: %s %s", e.Entry.Source, e.Entry.Text, e.Entry.URL))
			}
		case *network.EventRequestWillBeSent:
			if u, err := url.Parse(e.Request.URL); err == nil && u.Host != srvURL.Host {
				problems = append(problems, "request to another host: "+e.Request.URL)
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	run := func(name string, a chromedp.Action[chromedp.Void]) {
		t.Helper()
		if _, err := chromedp.Run(ctx, a); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return s
	}
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}
	shot := func(full bool) []byte {
		t.Helper()
		var b []byte
		var err error
		if full {
			b, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
		} else {
			b, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
		}
		if err != nil {
			t.Fatalf("screenshot: %v", err)
		}
		return b
	}

	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	run("open index", chromedp.Navigate(srv.URL+"/"))
	run("wait index", chromedp.WaitVisible(chromedp.CSS(".entries")))
	indexText := text(".entries")
	indexScripts := count(`document.getElementsByTagName("script").length`)
	indexPNG := shot(true)

	run("click article", chromedp.Click(chromedp.CSS(`a[href="articles/42/"]`)))
	run("wait photo", chromedp.WaitVisible(chromedp.CSS("figure img")))
	h1, credits, meta := text("h1"), text(".credits"), text(".meta")
	run("scroll to photo", chromedp.ScrollIntoView(chromedp.CSS("figure img")))
	imgOK, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(async () => {
		const imgs = [...document.images];
		await Promise.all(imgs.map(i => i.decode().catch(() => {})));
		return imgs.length > 0 && imgs.every(i => i.complete && i.naturalWidth > 0);
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	scripts := count(`document.getElementsByTagName("script").length`)
	run("top", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`))
	articlePNG := shot(true)

	wideWidth := count(`window.innerWidth`)
	wide := pageLayout(t, ctx)

	run("phone viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2)))
	run("reload", chromedp.Reload())
	run("wait title", chromedp.WaitVisible(chromedp.CSS("h1")))
	mobilePNG := shot(false)
	phone := pageLayout(t, ctx)
	run("scroll to credits", chromedp.ScrollIntoView(chromedp.CSS(".credits")))
	creditsPNG := shot(false)

	shots := t.TempDir()
	save := func(name string, b []byte) {
		p := filepath.Join(shots, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if d := os.Getenv("COPYDESK_SCREENSHOT_DIR"); d != "" {
			if err := os.MkdirAll(d, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(d, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("screenshot %s", p)
	}
	save("export-index.png", indexPNG)
	save("export-article.png", articlePNG)
	save("export-article-mobile.png", mobilePNG)
	save("export-article-mobile-credits.png", creditsPNG)

	// The credits line and the provenance on both widths, measured in the
	// DOM: a name span with two client rects was broken across lines.
	if wideWidth != 1280 {
		t.Errorf("desktop viewport %d px wide, want 1280", wideWidth)
	}
	for name, l := range map[string]layout{"1280 px": wide, "390 px": phone} {
		if l.Spans < 4 {
			t.Errorf("%s: %d credit spans", name, l.Spans)
		}
		for _, s := range l.Split {
			t.Errorf("%s: the credit %q is broken across lines", name, s)
		}
		if l.Overflow {
			t.Errorf("%s: the page is wider than the viewport", name)
		}
		if l.RecordOpen || !l.HashShort {
			t.Errorf("%s: provenance open %v, hash shortened %v (want a closed <details>, sha256:…16 hex…)", name, l.RecordOpen, l.HashShort)
		}
	}
	if phone.CreditLines < 2 {
		t.Errorf("at 390 px the credits line takes %d line(s): the test no longer tests wrapping", phone.CreditLines)
	}
	if wide.CreditLines != 1 {
		t.Errorf("at 1280 px the credits line takes %d lines", wide.CreditLines)
	}

	if !strings.Contains(indexText, art.Title) {
		t.Errorf("index does not list %q: %q", art.Title, indexText)
	}
	if h1 != art.Title {
		t.Errorf("h1 = %q", h1)
	}
	wantCredits := "（图文来源：党委学生工作部 /摄：林晓、欧阳振华、司马相如 审核：李音 主编：周健）"
	if strings.TrimSpace(credits) != wantCredits {
		t.Errorf("credits = %q, want %q", credits, wantCredits)
	}
	for _, want := range []string{"发布人：新闻中心", "资讯来源：党委学生工作部", "发布时间：2025-04-09 16:35:00"} {
		if !strings.Contains(meta, want) {
			t.Errorf("meta line %q lacks %q", meta, want)
		}
	}
	if !imgOK {
		t.Error("the photo did not load (naturalWidth 0)")
	}
	if scripts != 0 || indexScripts != 0 {
		t.Errorf("%d/%d <script> elements", indexScripts, scripts)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}

// layout is what pageLayout measures on an article page.
type layout struct {
	Spans       int      // credit spans (.credits .nw)
	Split       []string // credit spans with more than one client rect
	CreditLines int      // distinct line tops of the credit spans
	Overflow    bool     // the document is wider than the viewport
	RecordOpen  bool     // the provenance <details> is open
	HashShort   bool     // the hash shown is sha256: + 16 hex + …, the full one in title
}

func pageLayout(t *testing.T, ctx context.Context) layout {
	t.Helper()
	l, err := chromedp.Run(ctx, chromedp.Evaluate[layout](`(() => {
		const spans = [...document.querySelectorAll(".credits .nw")];
		const tops = new Set();
		const split = [];
		for (const s of spans) {
			const rects = s.getClientRects();
			if (rects.length !== 1) split.push(s.textContent);
			for (const r of rects) tops.add(Math.round(r.top));
		}
		const d = document.querySelector("details.record");
		const code = document.querySelector(".record .hash code");
		return {
			Spans: spans.length, Split: split, CreditLines: tops.size,
			Overflow: document.documentElement.scrollWidth > window.innerWidth,
			RecordOpen: !d || d.open,
			HashShort: !!code && /^sha256:[0-9a-f]{16}…$/.test(code.textContent) && /^sha256:[0-9a-f]{64}$/.test(code.title),
		};
	})()`))
	if err != nil {
		t.Fatalf("measure the page: %v", err)
	}
	return l
}
