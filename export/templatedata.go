package export

import (
	"html/template"
	"time"
)

// The types below are the data that theme templates receive. article.html
// is executed with an ArticlePage, index.html with an IndexPage. Every
// template file of a theme is parsed into one set, so a partial defined in
// base.html ({{define "head"}} …) is available to both pages. Templates
// may call join (strings.Join) and date (time.Time.Format with a layout).
// themes/example/README.md describes every field for theme authors.

// SiteData describes the whole site; every page has it as .Site.
type SiteData struct {
	Title   string // Options.SiteTitle
	BaseURL string // Options.BaseURL ending in "/", or "" (links are relative)
	Lang    string // always "zh-CN"
}

// ArticlePage is the data of article.html (articles/<id>/index.html).
type ArticlePage struct {
	Site SiteData // the site
	// Root is the relative path from this page to the site root ("../../");
	// prefix every site link with it: {{.Root}}style.css.
	Root string
	// Canonical is the page's absolute URL, or "" without a BaseURL.
	Canonical string
	Article   ArticleData // the article
}

// ArticleData is one article as a page shows it. Text fields are plain
// text (html/template escapes them); only Body is HTML, already sanitized.
type ArticleData struct {
	ID            uint64         // article number
	Kind          string         // "news" or "meeting"
	KindLabel     string         // 新闻 or 会议
	Title         string         // title
	Subtitle      string         // subtitle, may be empty
	Source        string         // 资讯来源
	Publisher     string         // 发布人
	Authors       []string       // 撰稿
	Photographers []string       // 摄
	Date          time.Time      // 发布时间 (published, else signed), in Options.Location
	DateText      string         // Date as 2006-01-02 15:04:05, or 2006-01-02 at midnight (a date-only import)
	DateISO       string         // Date in RFC 3339, for <time datetime>
	Updated       time.Time      // last change, in Options.Location
	Summary       string         // the first words of the body, plain text
	Meeting       *MeetingData   // meeting facts, nil for news
	Body          template.HTML  // the sanitized body with figures
	Credits       string         // the credits line (Options.CreditsFormat)
	CreditsHTML   template.HTML  // Credits with each credit in a <span class="nw"> that never breaks inside (see creditsHTML)
	ShortHash     string         // ContentHash shortened for the page ("sha256:" and 16 hex digits, "…"); the full value is in ContentHash and Provenance
	Byline        string         // the authors line, e.g. 文/李伟 (Options.BylineFormat)
	Path          string         // "articles/<id>/", relative to the root
	Rev           int            // the signed revision
	ContentHash   string         // its content hash ("sha256:…")
	Approvals     []ApprovalData // sign-off records in stage order
	// Provenance is the article's whole provenance record (Provenance:
	// id, title, URL, revision, content hash, signed and published
	// times, approvals) as one JSON object, for <meta
	// name="copydesk:provenance" content="{{.Article.Provenance}}"> in
	// the page's <head> (html/template escapes it for the attribute):
	// what readers hold against `copydesk verify` (copydesk before
	// renderVersion 3 wrote it to articles/<id>/provenance.json).
	Provenance string
	// Corrections are the article's signed-off 更正, oldest first, each
	// with its public note and date (correction.go); the theme shows them
	// at the top or the bottom.
	Corrections []CorrectionData
}

// MeetingData holds a meeting report's facts (nil for news).
type MeetingData struct {
	Name      string   // 会议名称
	Date      string   // 会议时间, as entered (YYYY-MM-DD)
	Place     string   // 地点
	Chair     string   // 主持
	Attendees []string // 参会人员
}

// ApprovalData is one sign-off record as published. The approver's login
// and written opinion are internal and are not given to templates.
type ApprovalData struct {
	Stage       string    // 审核, 主编签发, …
	Role        string    // reviewer or chief
	Display     string    // the approver's display name
	Rev         int       // revision approved
	ContentHash string    // content hash approved
	At          time.Time // when, in Options.Location
	AtText      string    // At as 2006-01-02 15:04
	AtISO       string    // At in RFC 3339
	AuditSeq    uint64    // the audit record, for copydesk verify
	// JSON is this record as one JSON object, the ProvenanceApproval form
	// of the Provenance record's approvals, for <meta name="copydesk:approval"
	// content="{{.JSON}}">: html/template escapes it for the attribute, and
	// a reader gets back exactly the fields, whatever a name contains.
	JSON string
}

// IndexPage is the data of index.html (index.html, page/2/index.html, …).
type IndexPage struct {
	Site      SiteData    // the site
	Root      string      // relative path to the root: "" on page 1, "../../" after
	Canonical string      // absolute URL of this page, or ""
	Page      int         // 1-based
	Pages     int         // number of index pages (at least 1)
	Total     int         // number of articles on the site
	Entries   []EntryData // the articles of this page, newest first
	Prev      string      // URL of the newer page, relative to this one; "" on page 1
	Next      string      // URL of the older page; "" on the last
	Links     []PageLink  // the pager
}

// EntryData is one article in an index page.
type EntryData struct {
	ID        uint64    // article number
	Kind      string    // "news" or "meeting"
	KindLabel string    // 新闻 or 会议
	Title     string    // title
	Subtitle  string    // subtitle
	Source    string    // 资讯来源
	Summary   string    // first words of the body, plain text
	Path      string    // "articles/<id>/", relative to the root
	Date      time.Time // 发布时间
	DateText  string    // 2006-01-02
	DateISO   string    // RFC 3339
}

// PageLink is one entry of the pager. Gap marks an ellipsis between
// distant page numbers (Number and URL are then empty).
type PageLink struct {
	Number  int    // page number
	URL     string // relative to the current page
	Current bool   // the page being shown
	Gap     bool   // an ellipsis
}
