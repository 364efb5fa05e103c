package export

import "time"

// Source is what an export reads: the store implements it through an adapter
// the lead writes later. Export calls its methods from the calling goroutine
// only, so an implementation need not be safe for concurrent use.
type Source interface {
	// Articles returns every article that belongs on the site (signed off
	// or published, not withdrawn), with the content of the revision that
	// was signed.
	Articles() ([]Article, error)
	// Media returns a stored media file by its reference id (16 hex
	// digits). An unknown id should return an error wrapping
	// fs.ErrNotExist; any error makes the export fail.
	Media(id string) (MediaFile, error)
}

// BodySource is a Source that can list its articles without their
// bodies and give one body at a time, so an export holds only the bodies
// being rendered (memory bounded by the number of workers, not by the
// size of the site). Export and Check prefer Heads and Body over
// Articles when a Source has them; like every Source method they are
// called from the calling goroutine only.
type BodySource interface {
	Source
	// Heads returns what Articles returns, with Body left empty. Every
	// article should carry its ContentHash (the render key stands on it;
	// for one without, the body is read at once).
	Heads() ([]Article, error)
	// Body returns the body of article id at the revision Heads listed.
	Body(id uint64) (string, error)
}

// HeadSource is a Source that can name the head of its audit chain. An
// export from it writes the head into the site's provenance.json, so the
// database can later be held against the site (copydesk verify --head).
type HeadSource interface {
	ChainHead() (seq uint64, hash string, err error)
}

// SiteProvenance is the site's provenance.json: the audit chain's head
// when the site was exported.
type SiteProvenance struct {
	ChainHead ChainHead `json:"chain_head"`
	Articles  int       `json:"articles"`  // articles on the site
	Generator string    `json:"generator"` // always "copydesk"
}

// ChainHead names one audit record: its sequence number and hash.
type ChainHead struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

// Article is one article as it is published: the content of its signed
// revision plus the record of who approved it.
type Article struct {
	ID uint64 // the article number; its page is articles/<ID>/
	// Embargo is the time before which the article stays off the site
	// (定时发布; model.Article.EmbargoUntil); zero: none. See schedule.go.
	Embargo       time.Time
	Kind          string   // "news" or "meeting"
	Title         string   // 标题
	Subtitle      string   // 副标题, may be empty
	Source        string   // 资讯来源: the source department
	Authors       []string // 撰稿
	Photographers []string // 摄
	Publisher     string   // 发布人
	Body          string   // Markdown; media as ![caption](media:ID)
	Rev           int      // the signed revision
	// ContentHash is the model's content hash of the signed revision
	// ("sha256:…"). It covers title, fields, body and media, so the export
	// uses it (with Rev) to decide whether a page must be rendered again.
	// When empty, the body is hashed instead.
	ContentHash string
	SignedAt    time.Time // the chief's sign-off of Rev
	PublishedAt time.Time // zero until published; 发布时间 falls back to SignedAt
	UpdatedAt   time.Time // last change of what is published (feed, sitemap)
	Meeting     *Meeting  // meeting reports only
	// Approvals are in stage order; the last is the chief's sign-off.
	Approvals []Approval
	// Corrections are the signed-off 更正 of the article, oldest first
	// (correction.go).
	Corrections []Correction
}

// Meeting holds the structured facts of a meeting report.
type Meeting struct {
	Name      string   // 会议名称
	Date      string   // YYYY-MM-DD
	Place     string   // 地点
	Chair     string   // 主持
	Attendees []string // 参会人员
}

// Approval is one stage's approval as recorded in the audit chain.
type Approval struct {
	Stage string // e.g. 审核, 主编签发
	Role  string // "reviewer" (a review stage) or "chief" (the sign-off stage), whatever role the stage names
	// Label is how the credits line names the one who acted: the display
	// name of the stage's role (主编, 分管领导) or the stage's name
	// (model.Stage.Title); empty: Stage.
	Label       string
	Login       string    // not published (see provenance.go)
	Display     string    // the name printed in the credits line
	Rev         int       // the revision approved
	ContentHash string    // the content hash approved
	Opinion     string    // not published (see provenance.go)
	At          time.Time // when
	AuditSeq    uint64    // the audit record of the approval
}

// MediaFile is a stored media file with its metadata.
type MediaFile struct {
	ID          string // 16 hex digits, the first of SHA256
	Name        string // original file name; never used for output paths
	ContentType string // decides the published extension (media.go)
	Caption     string // used when the Markdown alt text is empty
	Credit      string // photographer, shown in the figcaption
	SHA256      string // 64 hex digits of Data's SHA-256 (checked)
	Data        []byte // the file's bytes
}

// Role names used in Approval.Role.
const (
	RoleReviewer = "reviewer"
	RoleChief    = "chief"
)

// pubTime is the article's 发布时间: when it was published, else signed.
func (a *Article) pubTime() time.Time {
	if !a.PublishedAt.IsZero() {
		return a.PublishedAt
	}
	return a.SignedAt
}

// updTime is when the article last changed, for the feed and the sitemap.
func (a *Article) updTime() time.Time {
	t := a.pubTime()
	if a.UpdatedAt.After(t) {
		return a.UpdatedAt
	}
	return t
}
