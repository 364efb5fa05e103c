package export

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/copydesk/copydesk/model"
)

// Options tune an export. The zero value is usable.
type Options struct {
	// SiteTitle is the site's name in page titles and the feed
	// (default "新闻中心").
	SiteTitle string
	// BaseURL is the absolute URL the site is served at, such as
	// "https://news.example.edu.cn/". With it, pages get a canonical link,
	// the feed uses absolute links and sitemap.xml is written. Without it,
	// every link is relative, the feed's ids are urn:copydesk:… and no
	// sitemap.xml is produced (the sitemap protocol requires absolute URLs).
	BaseURL string
	// PageSize is the number of articles per index page (default 20).
	PageSize int
	// FeedSize is the number of newest articles in feed.xml (default 20).
	FeedSize int
	// ThemeDir, when set, overlays the default theme: a file in it
	// replaces the default file of the same name (article.html,
	// index.html, base.html, static/style.css, …); files it lacks come
	// from the default theme. See theme.go and themes/example/README.md.
	ThemeDir fs.FS
	// CreditsFormat is a text/template for the credits line; the data is
	// a Credits value. Empty means DefaultCreditsFormat.
	CreditsFormat string
	// BylineFormat is a text/template for the byline (the authors, shown
	// on the meta line); the data is a Credits value. Empty means
	// DefaultBylineFormat (文/李伟).
	BylineFormat string
	// Location is the time zone dates are shown in (default UTC+8, China
	// Standard Time).
	Location *time.Location
	// Progress, when set, is called with the work done so far. total is
	// first the number of articles, and grows once, when the set of files
	// to write and remove is known; done never decreases.
	Progress func(done, total int)
	// Force renders every article again instead of trusting the render keys
	// in the manifest (useful after editing files in the output directory
	// by hand). Only files whose content changed are still written: a
	// file counts as unchanged only if the output directory has it as a
	// regular file with that content (one edited by hand or replaced by a
	// symlink is written again). Without Force a file the manifest lists
	// is reused if the output directory still has it as a regular file
	// (an lstat each): one deleted, or replaced by a symlink or a
	// directory, is written again; only an edit in place needs Force.
	Force bool
	// RenderCacheDir, when set, is a directory of rendered bodies reused
	// across exports (into any directory, with any theme): a body whose
	// text, media and renderer version are unchanged is not parsed or
	// sanitized again. It is derived data (the CLI uses <db>.cache/render);
	// a missing or damaged entry is rendered again. See renderCache.
	RenderCacheDir string
	// RenderCacheMax bounds the render cache's size in bytes (0:
	// DefaultRenderCacheMax). An export that added many entries, or once
	// a day, removes the entries no current article uses and then the
	// oldest until the cache fits (see renderCache.prune).
	RenderCacheMax int64
	// Takedown is what the URL of a taken-down article (撤稿) answers:
	// TakedownNotice ("" too) a notice page, Takedown410 a 410 Gone from
	// the web server (see takedown.go).
	Takedown string
	// NoSync skips fsync. Writes stay atomic against a crash of the
	// process, but not against a power loss.
	NoSync bool
	// Now is the clock the embargo is held against (nil: time.Now); the
	// scheduler passes its own. See schedule.go.
	Now func() time.Time
}

// Result tells what an export did. Paths are relative to the output
// directory, with forward slashes, sorted.
type Result struct {
	Written   []string      // files created or replaced
	Removed   []string      // files of the previous export no longer produced
	Unchanged []string      // files produced with the same content as before
	Rendered  int           // articles rendered (the others reused their pages)
	Duration  time.Duration // wall time of the export
	// Pruned is what pruning the render cache did, when this export
	// pruned it (nil otherwise).
	Pruned *PruneReport
	// Failed are the articles that could not be exported (a missing or
	// damaged media file, a malformed reference, …); the rest of the site
	// was exported. A failed article that an earlier export published keeps
	// its earlier page; one never exported is left out of the site.
	Failed []ArticleError
	// Held are the signed-off articles this export left off the site,
	// and why: scheduled (定时发布) before their time, a schedule gone
	// stale, taken down (撤稿). In reason order, then by ID. Unsigned
	// (store.go) adds those approved but not yet signed off.
	Held []Held
	// Note, when not nil, says the site's manifest was damaged: every
	// page was rendered and written again, the files the damaged
	// manifest still named and no page produces were removed, and a new
	// manifest was written. The export itself succeeded.
	Note error
}

// ArticleError is why one article could not be exported.
type ArticleError struct {
	ID    uint64
	Title string
	Err   error
}

func (e ArticleError) Error() string { return fmt.Sprintf("article %d %q: %v", e.ID, e.Title, e.Err) }

// MessageID is the catalog entry.
func (e ArticleError) MessageID() string { return "ExportArticleFailed" }

// MessageArgs are the article and the cause.
func (e ArticleError) MessageArgs() map[string]any {
	return map[string]any{"ID": e.ID, "Title": e.Title, "Err": e.Err}
}

// Unwrap returns the cause.
func (e ArticleError) Unwrap() error { return e.Err }

// Default option values.
const (
	DefaultSiteTitle = "新闻中心"
	DefaultPageSize  = 20
	DefaultFeedSize  = 20
)

// cst is the office's zone (model.OfficeZone, China Standard Time); a
// fixed zone, so the export does not depend on a tz database.
var cst = model.OfficeZone

func (o Options) withDefaults() Options {
	if o.SiteTitle == "" {
		o.SiteTitle = DefaultSiteTitle
	}
	if o.PageSize <= 0 {
		o.PageSize = DefaultPageSize
	}
	if o.FeedSize <= 0 {
		o.FeedSize = DefaultFeedSize
	}
	if o.CreditsFormat == "" {
		o.CreditsFormat = DefaultCreditsFormat
	}
	if o.BylineFormat == "" {
		o.BylineFormat = DefaultBylineFormat
	}
	if o.Location == nil {
		o.Location = cst
	}
	return o
}
