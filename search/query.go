package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Limits of a query: bounded work for any input.
const (
	DefaultLimit  = 20
	MaxLimit      = 500
	MaxQueryRunes = 200
)

// ErrEmptyQuery: the query has nothing to search for.
var ErrEmptyQuery error = locale.NewError("SearchErrEmpty", nil)

// Query is one search.
type Query struct {
	Text   string        // what to find: any substring of the text
	States []model.State // only articles in these states; empty: all
	Kind   model.Kind    // only this kind; "": all
	Author string        // only articles owned or written by this login
	Since  time.Time     // only hits dated on or after; zero: no bound
	Until  time.Time     // only hits dated before; zero: no bound
	Limit  int           // at most this many hits (0: DefaultLimit; capped at MaxLimit)
	// Viewer, when set, limits hits to the articles the user may see
	// (model.Article.VisibleTo): over SSH and in the TUI. Nil means full
	// trust: the local command line, which already holds the file.
	Viewer *model.User
}

// Hit types.
const (
	HitArticle  = typeArticle  // the article's current text matches
	HitRevision = typeRevision // an earlier revision matches (and the current text does not)
	HitComment  = typeComment  // a comment on the article matches
)

// Segment is a piece of a snippet; Hit marks the text that matched. Text
// has passed termsafe.Line: no control or bidi characters, no newlines.
type Segment struct {
	Text string `json:"text"`
	Hit  bool   `json:"hit,omitempty"`
}

// Hit is one result.
type Hit struct {
	Type    string      `json:"type"` // article, revision or comment
	Article uint64      `json:"article"`
	Rev     int         `json:"rev"`               // the head (article), the matching revision, or the one commented on
	Comment uint64      `json:"comment,omitempty"` // comment ID for comment hits
	Title   string      `json:"title"`             // the article's current title (termsafe)
	State   model.State `json:"state"`
	Kind    model.Kind  `json:"kind"`
	Owner   string      `json:"owner"`
	Date    time.Time   `json:"date"` // publication date or last change; a revision's or comment's own time
	Snippet []Segment   `json:"snippet"`
	Score   float64     `json:"score"` // always 0: hits are not ranked (see Search)
	// Scheduled is the publish time of the article's pending 定时发布
	// (signed off, embargoed until then), as the home queue shows it;
	// ScheduleRefused says the scheduler refused it (定时被拒).
	Scheduled       *time.Time `json:"scheduled,omitempty"`
	ScheduleRefused bool       `json:"schedule_refused,omitempty"`
}

// Results is what Search found.
type Results struct {
	Hits []Hit
	// Candidates is how many documents the index matched on the text and
	// filters among those it looked at, before visibility and
	// de-duplication: a lower bound, since the search stops reading the
	// index once it has enough verified hits.
	Candidates uint64
	Took       time.Duration
}

// Search finds q: up to q.Limit hits in index order (not ranked: the
// index only proposes candidates, each is verified against its text in
// the store). It returns ErrRebuilding while the index is being
// (re)built, ErrEmptyQuery when q.Text has no word in it.
func (ix *Index) Search(ctx context.Context, q Query) (*Results, error) {
	start := time.Now()
	if ix.closed.Load() {
		return nil, ErrClosed
	}
	if utf8.RuneCountInString(q.Text) > MaxQueryRunes {
		return nil, locale.NewError("SearchErrTooLong", locale.Args{"Max": MaxQueryRunes}, model.ErrInvalid)
	}
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	limit = min(limit, MaxLimit)
	ix.mu.RLock()
	idx := ix.idx
	ix.mu.RUnlock()
	if idx == nil || ix.rebuilding.Load() {
		ix.poke()
		return nil, ErrRebuilding
	}
	if ix.missing() {
		// deleted behind our back: the worker rebuilds it
		ix.rebuilding.Store(true)
		ix.poke()
		return nil, ErrRebuilding
	}
	bq, err := ix.buildQuery(q)
	if err != nil {
		return nil, err
	}
	var author *model.User
	if q.Author != "" {
		author, _ = ix.st.User(q.Author)
		if author == nil {
			author = &model.User{Login: q.Author}
		}
	}
	res := &Results{}
	heads := map[uint64]*model.Article{}
	seen := map[string]bool{} // type/article already in the results
	// proven: every candidate of this query is a hit (provedByIndex), as
	// long as the index describes the store as it is; then a page needs
	// no more candidates than the hits still missing.
	proven := provedByIndex(q.Text)
	needle := foldQuery(q.Text)
	// Pages of candidates double in size: bleve has no cursor, a page
	// at from costs from+size (it collects and skips the earlier ones),
	// so equal pages would cost O(candidates²). At most maxCandidates
	// are read in all: bounded work for any query.
	page := limit*2 + 10
	maxCandidates := 20 * page
	for from, pages := 0, 0; len(res.Hits) < limit && from < maxCandidates; pages++ {
		size := min(page<<min(pages, 10), maxCandidates-from)
		if proven && pages == 0 {
			size = limit + 2 // +2: hidden from the viewer or filtered out
		}
		ix.mu.RLock()
		indexed := ix.seq // the index holds at least this much of the store
		ix.mu.RUnlock()
		req := bleve.NewSearchRequestOptions(bq, size, from, false)
		// No relevance scoring: every candidate is verified against its
		// text anyway. With Score "none" bleve also (1) intersects the
		// pairs' postings as bitmaps (the "unadorned" conjunction) and (2)
		// stops collecting after from+size matches instead of visiting
		// every candidate, so a page costs O(size), not O(matches): at
		// 100,000 articles a two-character query has ~5,600 matches.
		// Hits come in index order.
		req.Score = "none"
		sr, err := searchIndex(ctx, idx, req)
		if err != nil {
			if ix.missing() || ix.damaged(ctx, idx) {
				ix.rebuilding.Store(true)
				ix.poke()
				return nil, ErrRebuilding
			}
			return nil, ix.opts.failed("SearchErr", nil, err)
		}
		from += len(sr.Hits)
		res.Candidates = sr.Total
		// the page's headers, revisions and comments in one read
		// transaction
		err = ix.st.Read(func(v *store.Snapshot) error {
			// The index proves a match only if it describes the store as
			// the snapshot has it: nothing was recorded after the sequence
			// the index had applied when the search began (it cannot be
			// ahead of the store).
			trust := proven && v.Seq() == indexed
			// a revision is decoded only if its stored text may hold q
			var keep func(body, meta string) bool
			if !trust {
				keep = func(body, meta string) bool { return mayHold(body, meta, needle) }
			}
			for _, h := range sr.Hits {
				if len(res.Hits) >= limit {
					break
				}
				typ, id, sub, ok := parseDocID(h.ID)
				if !ok {
					continue
				}
				ids := strconv.FormatUint(id, 10)
				key := typ + "/" + ids
				if seen[key] || (typ == typeRevision && seen[typeArticle+"/"+ids]) {
					continue
				}
				// the text first: most candidates of a longer query fail
				// the check, and their header is then never read
				c, err := candidateText(v, typ, id, sub, keep)
				if err != nil {
					return err
				}
				if c == nil {
					continue
				}
				snip, ok := c.snippet(v, q.Text, trust)
				if !ok {
					continue
				}
				a, ok := heads[id]
				if !ok {
					a, err = v.Article(id)
					if err != nil && !store.IsNotFound(err) {
						return err
					}
					heads[id] = a
				}
				if a == nil || !ix.admit(a, q, author) {
					continue
				}
				if typ == typeArticle && c.rev.N != a.Rev {
					// the newest revision is not the header's head (never in
					// a consistent store): check the head itself
					r, err := v.Revision(id, a.Rev)
					if err != nil {
						if store.IsNotFound(err) {
							continue
						}
						return err
					}
					c.rev = r
					if snip, ok = c.snippet(v, q.Text, trust); !ok {
						continue
					}
				}
				hit := Hit{Type: typ, Article: a.ID, Title: lineSafe(a.Title), State: a.State, Kind: a.Kind, Owner: a.Owner,
					Date: articleDate(a), Rev: a.Rev, Snippet: snip, Score: h.Score}
				if sc := a.Schedule; sc.Pending() {
					at := sc.At
					hit.Scheduled, hit.ScheduleRefused = &at, sc.Refused != ""
				}
				switch typ {
				case typeRevision:
					hit.Rev, hit.Date = c.rev.N, c.rev.At
				case typeComment:
					hit.Comment, hit.Rev, hit.Date = c.comment.ID, c.comment.Rev, c.comment.At
				}
				seen[key] = true
				res.Hits = append(res.Hits, hit)
			}
			return nil
		})
		ix.noteReads(len(sr.Hits))
		if ix.noteSearch() {
			// a segment failed its check: what this search read may be
			// wrong (fewer hits), so it has no answer but the rebuild
			return nil, ErrRebuilding
		}
		if err != nil {
			return nil, err
		}
		// Total is only a lower bound when bleve stopped early; a short
		// page is what says the index has no more candidates.
		if len(sr.Hits) < size {
			break
		}
	}
	// a revision hit found before its article's own hit: the current text
	// has it too, so the article hit is enough.
	res.Hits = slices.DeleteFunc(res.Hits, func(h Hit) bool {
		return h.Type == typeRevision && seen[typeArticle+"/"+strconv.FormatUint(h.Article, 10)]
	})
	if len(res.Hits) == 0 && ix.recheckSegments() {
		// "no hits" may be a segment that rotted since it was verified:
		// read whole again, it failed, so there is no answer but the rebuild
		return nil, ErrRebuilding
	}
	res.Took = time.Since(start)
	return res, nil
}

// admit applies the filters and the viewer's visibility to the article's
// current header, which is the truth even when the index lags.
func (ix *Index) admit(a *model.Article, q Query, author *model.User) bool {
	if a.Deleted != nil { // 删除草稿: out of search (the index may lag)
		return false
	}
	if q.Viewer != nil && !a.VisibleTo(q.Viewer) {
		return false
	}
	if len(q.States) > 0 && !slices.Contains(q.States, a.State) {
		return false
	}
	if q.Kind != "" && a.Kind != q.Kind {
		return false
	}
	if author != nil && !a.IsAuthor(author) {
		return false
	}
	return true
}

func (ix *Index) buildQuery(q Query) (query.Query, error) {
	text, ok := textQuery(ix.an, q.Text, "text")
	if !ok {
		return nil, ErrEmptyQuery
	}

	term := func(field, v string) query.Query {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		return t
	}
	art := bleve.NewConjunctionQuery(term("type", typeArticle))
	other := bleve.NewDisjunctionQuery(term("type", typeRevision), term("type", typeComment))
	var others query.Query = other
	if len(q.States) > 0 {
		d := bleve.NewDisjunctionQuery()
		for _, s := range q.States {
			d.AddQuery(term("state", string(s)))
		}
		art.AddQuery(d)
	}
	if q.Kind != "" {
		art.AddQuery(term("kind", string(q.Kind)))
	}
	if q.Author != "" {
		d := bleve.NewDisjunctionQuery(term("people", q.Author))
		if u, err := ix.st.User(q.Author); err == nil && u.Display != "" {
			d.AddQuery(term("people", u.Display))
		}
		art.AddQuery(d)
	}
	if !q.Since.IsZero() || !q.Until.IsZero() {
		var since, until time.Time
		if !q.Since.IsZero() {
			since = q.Since
		}
		if !q.Until.IsZero() {
			until = q.Until
		}
		inc, exc := true, false
		dr := bleve.NewDateRangeInclusiveQuery(since, until, &inc, &exc)
		dr.SetField("date")
		art.AddQuery(dr)
		others = bleve.NewConjunctionQuery(other, dr)
	}
	// The viewer's visibility is not put into the index query: most
	// articles are the archive everyone sees, and a disjunction over the
	// state of every document costs more than admit's header check of the
	// few candidates a user may not see.
	if len(art.Conjuncts) == 1 && others == query.Query(other) {
		return text, nil // no filters: the text alone
	}
	return bleve.NewConjunctionQuery(text, bleve.NewDisjunctionQuery(art, others)), nil
}

// candidate is the text of a document the index proposed: an article's
// newest revision, an earlier revision, or a comment.
type candidate struct {
	typ     string
	rev     *model.Revision // article and revision documents
	comment *model.Comment  // comment documents
}

// candidateText reads the text of the document typ/id/sub from v; nil
// when it no longer exists in the store.
//
// keep, when set, is shown a revision as stored before it is decoded
// (store.Snapshot.LatestRevisionIf); a revision it says no to is nil too.
func candidateText(v *store.Snapshot, typ string, id, sub uint64, keep func(body, meta string) bool) (*candidate, error) {
	c := &candidate{typ: typ}
	var err error
	switch typ {
	case typeArticle:
		c.rev, err = v.LatestRevisionIf(id, keep)
	case typeRevision:
		c.rev, err = v.RevisionIf(id, int(sub), keep)
	case typeComment:
		var cs []model.Comment
		cs, err = v.Comments(id)
		if i := slices.IndexFunc(cs, func(c model.Comment) bool { return c.ID == sub }); err == nil && i >= 0 {
			c.comment = &cs[i]
		} else if err == nil {
			return nil, nil
		}
	}
	if err != nil {
		return nil, ignoreNotFound(err)
	}
	if c.rev == nil && c.comment == nil {
		return nil, nil // keep said no
	}
	return c, nil
}

// snippet checks the candidate's text for q and cuts the snippet around
// the first place that holds it. ok is false when no field holds q (the
// index matched its pairs and words, not their order). With proven
// (provedByIndex, and the index current) the candidate is a hit even
// when no field holds q as Find sees it; its snippet is then the start of
// the text.
func (c *candidate) snippet(v *store.Snapshot, q string, proven bool) ([]Segment, bool) {
	var fields []string
	switch c.typ {
	case typeArticle:
		r := c.rev
		fields = snippetFields(&r.Content, func() []string { return captions(&r.Content, v.MediaInfo) })
	case typeRevision:
		fields = snippetFields(&c.rev.Content, nil)
	case typeComment:
		fields = []string{c.comment.Text}
	}
	for i, f := range fields {
		if m := Find(f, q); len(m) > 0 {
			if i == 0 && c.typ != typeComment {
				return visibleSnippet(f, m, SnippetWidth), true // the body is Markdown
			}
			return Snippet(f, m, SnippetWidth), true
		}
	}
	if proven {
		for i, f := range fields {
			if f != "" {
				if i == 0 && c.typ != typeComment {
					return visibleSnippet(f, nil, SnippetWidth), true
				}
				return Snippet(f, nil, SnippetWidth), true
			}
		}
		return nil, true
	}
	return nil, false
}

// provedByIndex reports whether the index alone proves that a document
// it matches for q holds q, so the text need not be checked: q is one
// pair of Han characters (spaces around it aside). Its one term is the
// pair, and the analyzer makes a pair only of two neighbouring Han
// characters of one run (what Prepare joins across a line break or
// emphasis marks, Find skips too), folding nothing a Han character has.
// Longer queries are conjunctions of pairs and hashed triples in any
// order and must be checked; kana and Latin letters fold in ways Find
// does not follow.
func provedByIndex(q string) bool {
	rs := []rune(strings.TrimSpace(q))
	return len(rs) == 2 && unicode.Is(unicode.Han, rs[0]) && unicode.Is(unicode.Han, rs[1])
}

// snippetFields lists the raw text a snippet may come from: body first,
// then title and the other fields, then the media captions (read from the
// store only when the content has media).
func snippetFields(c *model.Content, captions func() []string) []string {
	out := []string{c.Body, c.Title, c.Subtitle, c.Source}
	out = append(out, c.Authors...)
	out = append(out, c.Photographers...)
	if m := c.Meeting; m != nil {
		out = append(out, m.Name, m.Date, m.Place, m.Chair)
		out = append(out, m.Attendees...)
	}
	if captions != nil && len(c.Media) > 0 {
		out = append(out, captions()...)
	}
	return out
}

func ignoreNotFound(err error) error {
	if store.IsNotFound(err) {
		return nil
	}
	return err
}

// SnippetText is the snippet as plain text, hits wrapped in open and close.
func SnippetText(segs []Segment, open, close string) string {
	var b strings.Builder
	for _, s := range segs {
		if s.Hit {
			b.WriteString(open + s.Text + close)
		} else {
			b.WriteString(s.Text)
		}
	}
	return b.String()
}

// searchIndex runs req on idx; a panic inside bleve (a damaged segment
// it decodes without checking) is an error, never a crash of the
// process serving every session.
func searchIndex(ctx context.Context, idx bleve.Index, req *bleve.SearchRequest) (sr *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			sr, err = nil, locale.NewError("SearchErrDamaged", locale.Args{"Detail": fmt.Sprint(r)})
		}
	}()
	return idx.SearchInContext(ctx, req)
}

// damaged tells whether a search of idx that failed failed because the
// index's files are damaged (a segment that opened but whose dictionary
// or postings do not decode): not because the search was cancelled or
// idx was closed by a rebuild that replaced it meanwhile. A damaged index
// is derived data: it is rebuilt from the store (Sync, Run), as one that
// does not open is.
func (ix *Index) damaged(ctx context.Context, idx bleve.Index) bool {
	if ctx.Err() != nil || ix.closed.Load() {
		return false
	}
	ix.mu.RLock()
	same := ix.idx == idx
	ix.mu.RUnlock()
	return same
}
