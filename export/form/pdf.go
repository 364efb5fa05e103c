package form

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/copydesk/copydesk/locale"
)

// Browsers are the names of a Chromium-like browser PDF looks for on PATH,
// in order.
var Browsers = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless-shell"}

// PDFTimeout bounds one printing: starting the browser, loading the fonts
// and printing, including the wait for a printing slot.
const PDFTimeout = 60 * time.Second

// MaxPrints is how many browsers PDF runs at once in this process (each
// takes about 230 MB): an SSH server with many sessions asking for forms
// queues them instead of starting a browser per request.
const MaxPrints = 2

var printing = make(chan struct{}, MaxPrints)

// ErrNoBrowser: no Chromium is installed where PDF looks for it.
var ErrNoBrowser = &NoBrowserError{}

// NoBrowserError says that PDF found no browser; Names are the programs
// it looked for on PATH.
type NoBrowserError struct{ Names []string }

// Error is the catalog's English text (for logs); users read MessageID.
func (e *NoBrowserError) Error() string { return locale.Render(locale.EN, e) }

// Is makes every NoBrowserError an ErrNoBrowser.
func (e *NoBrowserError) Is(target error) bool { _, ok := target.(*NoBrowserError); return ok }

// MessageID and MessageArgs render it from the catalog.
func (e *NoBrowserError) MessageID() string { return "ErrFormNoBrowser" }

// MessageArgs: Names.
func (e *NoBrowserError) MessageArgs() map[string]any {
	return map[string]any{"Names": strings.Join(Browsers, ", ")}
}

// FindBrowser returns the path of the first of Browsers on PATH, or
// ErrNoBrowser.
func FindBrowser() (string, error) {
	for _, n := range Browsers {
		if p, err := exec.LookPath(n); err == nil {
			return p, nil
		}
	}
	return "", &NoBrowserError{Names: Browsers}
}

// PDF prints an HTML document (the forms of HTML) to PDF with headless
// Chromium: A4 as the document's @page rule says, backgrounds printed, no
// browser header or footer. The page is set as about:blank's content (it
// may load no local file), and
// printing waits for its fonts. It returns ErrNoBrowser when no browser is
// installed; the work is bounded by PDFTimeout and by ctx, and at most
// MaxPrints browsers run at once.
func PDF(ctx context.Context, html []byte) ([]byte, error) {
	exe, err := FindBrowser()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "copydesk-form-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(filepath.Join(dir, "profile")),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("mute-audio", true),
	}
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	ctx, cancel := context.WithTimeout(ctx, PDFTimeout)
	defer cancel()
	select {
	case printing <- struct{}{}:
		defer func() { <-printing }()
	case <-ctx.Done():
		return nil, locale.NewError("ErrFormPrintWait", nil, ctx.Err())
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancelB := chromedp.NewContext(alloc)
	defer cancelB()
	// The form is set as the content of about:blank, not loaded from a
	// file: a page from file:// may read every local file (an iframe,
	// object or image naming file:///etc/… in an office template would be
	// printed into the form); about:blank may load no local resource.
	setContent := chromedp.Action[chromedp.Void](func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		tree, err := cdp.Call(ctx, t, page.GetFrameTree, cdp.Empty{})
		if err != nil {
			return chromedp.Void{}, err
		}
		if tree.FrameTree == nil || tree.FrameTree.Frame == nil {
			return chromedp.Void{}, locale.NewError("ErrFormNoFrame", nil)
		}
		_, err = cdp.Call(ctx, t, page.SetDocumentContent, page.SetDocumentContentParams{FrameID: tree.FrameTree.Frame.ID, HTML: string(html)})
		return chromedp.Void{}, err
	})
	if err := chromedp.Do(bctx, chromedp.Navigate("about:blank"), setContent,
		chromedp.Evaluate[chromedp.Void](`document.fonts.ready.then(() => undefined)`, chromedp.EvalAwaitPromise)); err != nil { // langcheck:ok JavaScript
		return nil, locale.NewError("ErrFormPrint", locale.Args{"Browser": exe, "Reason": err}, err)
	}
	pdf, err := chromedp.Run(bctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground()))
	if err != nil {
		return nil, locale.NewError("ErrFormPrint", locale.Args{"Browser": exe, "Reason": err}, err)
	}
	if !strings.HasPrefix(string(pdf[:min(len(pdf), 5)]), "%PDF-") {
		return nil, locale.NewError("ErrFormPrint", locale.Args{"Browser": exe, "Reason": locale.M("ErrFormNoPDF", nil)})
	}
	return pdf, nil
}
