// Package search is copydesk's full-text search: a bleve index derived from
// the store, beside the database file (<db>.search/), with an analyzer that
// finds any Chinese substring (see Prepare and the analyzer notes in
// analyze.go).
//
// The index is derived data. It is never written inside a bbolt write
// transaction: it follows the audit chain. The index keeps the sequence
// number of the last audit record it applied (in the same bleve batch as
// the documents), and catching up means applying the records after it, so a
// dropped store event, a crash or a kill -9 loses nothing: the next catch-up
// reads the same records again. A missing or damaged index directory is
// rebuilt from the store, with progress, never a crash.
//
// Documents: one per article (its current text, and state, kind, people and
// dates for filters), one per earlier revision (every revision but the
// head: a phrase that was only in an earlier text finds that revision), and
// one per comment.
package search

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Errors.
var (
	// ErrRebuilding: the index is being built from the store; Status says
	// how far. Searching works again when it is done.
	ErrRebuilding error = locale.NewError("SearchErrRebuilding", nil)
	// ErrClosed: the index was closed.
	ErrClosed error = locale.NewError("SearchErrClosed", nil)
	// ErrBusy: another Index (in this process or another) holds the
	// index's lock. Open one Index per store: the server's, or the local
	// command's while it holds the database.
	ErrBusy error = locale.NewError("SearchErrBusy", nil)
)

// formatVersion names the document layout and analyzer. An index written
// with another version is rebuilt.
const formatVersion = "copydesk-search-4" // 3: Prepare removes format and control characters; 4: CJK triples

var (
	keySeq     = []byte("copydesk.seq")
	keyVersion = []byte("copydesk.version")
)

// Dir is where the index of the database at dbPath lives.
func Dir(dbPath string) string { return dbPath + ".search" }

// Options tune Open.
type Options struct {
	// Progress receives one-line progress reports of a rebuild or a long
	// catch-up ("正在重建搜索索引 …"); nil: none.
	Progress func(line string)
	// Lang is the language of progress lines (zero: locale.Default).
	Lang locale.Lang
	// Logf receives problems the index recovered from (catalogued, in
	// Lang: a damaged index it sets aside and rebuilds); nil: none.
	Logf func(format string, args ...any)
	// LibLog receives the lines bleve writes through Go's standard logger
	// while this index is open, and the text of the error that set a
	// damaged index aside (English, unchanged: for an operator's log,
	// never a user's terminal); nil: they are dropped. A line bleve writes
	// while the index opens is not passed on: it makes the open fail as
	// damaged (see liblog.go).
	LibLog func(line string)
	// Warm: after opening an existing index, ask the kernel to read its
	// files into the page cache in the background (see warm), so the
	// first searches do not wait for the disk. For long-running
	// processes (copydesk serve, the local TUI); a one-shot command
	// reads only what its query needs.
	Warm bool
}

// Status is how far the index is.
type Status struct {
	IndexedSeq uint64 // last audit record applied
	StoreSeq   uint64 // last audit record in the store
	Rebuilding bool
	Done       int // articles indexed so far during a rebuild
	Total      int // articles to index during a rebuild
}

// Lag is how many audit records the index is behind the store.
func (s Status) Lag() uint64 {
	if s.StoreSeq > s.IndexedSeq {
		return s.StoreSeq - s.IndexedSeq
	}
	return 0
}

// Index is an open search index of one store. It is safe for concurrent
// use: searches run in parallel; writes (catch-up, rebuild) are serialized.
type Index struct {
	st   *store.Store
	dir  string
	opts Options
	an   analysis.Analyzer
	ver  *verifier // the segments verified; replaced with idx (under mu)

	mu         sync.RWMutex // guards idx and seq
	idx        bleve.Index  // nil while (re)building
	seq        uint64
	rebuilding atomic.Bool
	done       atomic.Int64
	total      atomic.Int64
	closed     atomic.Bool
	running    atomic.Bool

	wmu       sync.Mutex // serializes writers
	persisted chan error // reports the fsync of the last catch-up batch (under wmu)
	wake      chan struct{}

	// reads counts the documents read from the store since the database
	// mapping's pages were last released (noteReads).
	reads atomic.Int64
	// searches counts the searches since the index segments' mapped
	// pages were last released (noteSearch).
	searches atomic.Int64
}

// releaseSegmentsAfter is how many searches run between two releases of
// the index segment files' mapped pages (releaseSegments). One search
// maps in 1–5 MiB of them at 5,000 articles (term dictionaries and
// postings, 64 KiB at a time: the kernel's fault-around), and a hundred
// different searches touch nearly the whole index (23 MiB at 5,000
// articles, 228 of 299 MiB at 100,000), so the database's count
// (releaseAfter documents, ~90 searches) bounds them too loosely. A
// search after a release maps its pages back from the page cache (no
// I/O): BENCHMARKS.md, Search, "Releasing the index segments' pages".
const releaseSegmentsAfter = 16

// noteSearch counts one search and releases the index segments' mapped
// pages once releaseSegmentsAfter searches ran since the last release
// (verifying the segments first: it reports damage found).
func (ix *Index) noteSearch() (damaged bool) {
	if ix.searches.Add(1) >= releaseSegmentsAfter {
		ix.searches.Store(0)
		return ix.releaseSegments()
	}
	return false
}

// releaseAfter is how many documents (search candidates, articles a
// catch-up or rebuild indexes) are read from the store between two
// releases of the database file's mapped pages (store.ReleaseMapped).
// Each candidate faults in its revision's pages (~35 KiB on the 100,000
// article benchmark corpus), so the database's share of the resident set
// stays within roughly releaseAfter × 35 KiB (~18 MiB) during a burst of
// searches and drops to nearly nothing after a release, instead of
// growing to the whole file read so far. Smaller is leaner but costs
// more CPU: every page read again after a release is faulted in again
// (BENCHMARKS.md, Search: with triples a query reads at most ~50
// candidates, and at 100,000 articles 512 kept the peak resident set
// (VmHWM of the RSS benchmark) at 91 MiB against 112 MiB with 1024 and
// 194 MiB with 4096, for 20-40% more CPU per 4-character query, p99
// still 6 ms). Run also releases every 10 s. The
// index's segment files' pages are released after every
// releaseSegmentsAfter searches.
const releaseAfter = 512

// noteReads counts n documents read from the store and releases the
// mapped pages once releaseAfter have been read since the last release.
// Call it outside any store transaction of the caller's.
func (ix *Index) noteReads(n int) {
	if ix.reads.Add(int64(n)) >= releaseAfter {
		ix.releaseMapped()
	}
}

// ReleaseMapped releases now the pages this process has mapped in of
// the database file (store.ReleaseMapped) and of the index's segment
// files (Linux: madvise MADV_DONTNEED over their shared read-only maps;
// elsewhere nothing). Nothing is lost or read from disk again: the data
// stay in the page cache. Searches do it on their own every releaseAfter
// documents read and Run every 10 s; a server may call it when idle.
func (ix *Index) ReleaseMapped() {
	ix.reads.Store(0)
	ix.searches.Store(0)
	ix.st.ReleaseMapped()
	ix.releaseSegments()
}

// releaseMapped releases the database mapping's pages if anything was
// read since the last release, and the index's segment mappings' pages
// (releaseSegments) if a search ran since their last release.
func (ix *Index) releaseMapped() {
	if ix.reads.Swap(0) > 0 {
		ix.st.ReleaseMapped()
	}
	if ix.searches.Swap(0) > 0 {
		ix.releaseSegments()
	}
}

// Open opens the index beside st's database, or notes that it must be
// built. It does not build it: Sync builds and catches up in the caller's
// goroutine, Run in the background. A damaged index is set aside (its
// directory removed) and rebuilt, never an error.
func Open(st *store.Store, opts Options) (*Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, opts.failed("SearchErrBuild", nil, err)
	}
	ix := &Index{st: st, dir: Dir(st.Path()), opts: opts, an: m.AnalyzerNamed(analyzerName), wake: make(chan struct{}, 1)}
	if ix.an == nil {
		return nil, locale.NewError("SearchErrAnalyzer", nil)
	}
	installLibLog()
	ix.ver = newVerifier(ix.dir)
	idx, seq, err := openExisting(ix.dir, ix.ver)
	if errors.Is(err, bolt.ErrTimeout) {
		// another Index holds it: not damage, never a reason to rebuild
		return nil, locale.NewError("SearchErrBusyDir", locale.Args{"Dir": ix.dir}, ErrBusy)
	}
	_ = os.RemoveAll(ix.dir + ".new") // a rebuild that did not finish
	_ = os.RemoveAll(ix.dir + ".build")
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			ix.logf("%s", locale.T(opts.Lang, "SearchUnreadable", locale.Args{"Dir": ix.dir, "Err": ix.shown(err)}))
		}
		ix.rebuilding.Store(true)
		addLibSink(ix)
		return ix, nil
	}
	ix.idx, ix.seq = idx, seq
	addLibSink(ix)
	if opts.Warm {
		go ix.warm()
	}
	return ix, nil
}

// shown is err as Options.Logf may show it: a catalogued error or an OS
// error as it is (both read in the reader's language); bleve's own words
// (English, uncatalogued: "error parsing mapping JSON …", a recovered
// panic's text) become the catalogued SearchErrFiles. The English text
// goes to Options.LibLog (the operator's log) in every case.
func (ix *Index) shown(err error) error {
	if ix.opts.LibLog != nil {
		ix.opts.LibLog(err.Error())
	}
	var le *locale.Error
	var pe *fs.PathError
	if (errors.As(err, &le) && le.MessageID() != "SearchErrDamaged") || errors.As(err, &pe) {
		return err
	}
	return locale.NewError("SearchErrFiles", nil, err)
}

// failed is err as the user sees it: catalog message id (args plus
// "Err") around what of err may reach a user. A catalogued error is
// returned as it is (it already reads in the user's language: ErrClosed,
// ErrRebuilding, a store error). Otherwise bleve's own words (English,
// uncatalogued: "error moving final segment into place: …") go only to
// Options.LibLog, the operator's log, and the message's Err is the OS
// error inside err when there is one (locale.OSError: it reads in the
// reader's language, path kept), else SearchErrLibLogged (there is a log)
// or SearchErrLib (there is none).
func (o Options) failed(id string, args locale.Args, err error) error {
	var m locale.Message
	if err == nil || errors.As(err, &m) {
		return err
	}
	if o.LibLog != nil {
		o.LibLog(err.Error())
	}
	a := locale.Args{}
	for k, v := range args {
		a[k] = v
	}
	switch {
	case locale.OSError(err) != nil:
		a["Err"] = locale.OSError(err)
	case o.LibLog != nil:
		a["Err"] = locale.M("SearchErrLibLogged", nil)
	default:
		a["Err"] = locale.M("SearchErrLib", nil)
	}
	return locale.NewError(id, a, err)
}

func (ix *Index) logf(format string, args ...any) {
	if ix.opts.Logf != nil {
		ix.opts.Logf(format, args...)
	}
}

func (ix *Index) progress(id string, args locale.Args) {
	if ix.opts.Progress != nil {
		ix.opts.Progress(locale.T(ix.opts.Lang, id, args))
	}
}

// runtimeConfig is a fresh scorch configuration (bleve writes into it):
// the lock on the index's own bbolt file is waited for at most 2 s, and a
// batch returns once it is searchable, without waiting for its fsync
// (unsafe_batch). That is safe here: the audit sequence is set in the same
// batch as the documents, so after a crash the index reopens at a snapshot
// whose sequence matches its documents, and catch-up replays the rest.
func runtimeConfig() map[string]any {
	return map[string]any{"bolt_timeout": "2s", "unsafe_batch": true}
}

// openExisting opens the index at dir and reads its sequence; any damage
// is an error: a panic inside bleve, a snapshot bleve could not load (it
// logs that and goes on with an older one or none: liblog.go), a segment
// file whose CRC-32 does not match its footer (ver.check).
func openExisting(dir string, ver *verifier) (idx bleve.Index, seq uint64, err error) {
	if _, err := os.Stat(filepath.Join(dir, "index_meta.json")); err != nil {
		return nil, 0, os.ErrNotExist
	}
	defer func() {
		if r := recover(); r != nil {
			if idx != nil {
				_ = idx.Close()
			}
			idx, err = nil, locale.NewError("SearchErrDamaged", locale.Args{"Detail": fmt.Sprint(r)})
		}
	}()
	idx, lines, err := openBleve(dir)
	if len(lines) > 0 {
		// bleve could not load the newest snapshot: whatever it opened
		// instead (an older one, or none) is not the index
		if err == nil { // on an error, idx is a nil *indexImpl
			idx.Close()
		}
		return nil, 0, locale.NewError("SearchErrSnapshot", nil, err)
	}
	if err != nil {
		return nil, 0, err
	}
	snapshotSegments(idx, func(paths []string) { err = ver.check(paths) })
	if err != nil {
		idx.Close()
		return nil, 0, err
	}
	v, err := idx.GetInternal(keyVersion)
	if err != nil || string(v) != formatVersion {
		idx.Close()
		return nil, 0, locale.NewError("SearchErrVersion", locale.Args{"Version": string(v)})
	}
	raw, err := idx.GetInternal(keySeq)
	if err != nil {
		idx.Close()
		return nil, 0, err
	}
	seq, err = strconv.ParseUint(string(raw), 10, 64)
	if err != nil {
		idx.Close()
		return nil, 0, locale.NewError("SearchErrSeq", locale.Args{"Seq": string(raw)})
	}
	if _, err := idx.DocCount(); err != nil {
		idx.Close()
		return nil, 0, err
	}
	return idx, seq, nil
}

// openBleve opens the bleve index at dir and returns the lines bleve
// logged meanwhile (captureOpen). A panic inside bleve goes on to the
// caller's recover, with the capture ended.
func openBleve(dir string) (idx bleve.Index, lines []string, err error) {
	openMu.Lock()
	defer openMu.Unlock()
	stop := captureOpen()
	defer func() { lines = stop() }()
	idx, err = bleve.OpenUsing(dir, runtimeConfig())
	return idx, nil, err
}

func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	if err := addAnalyzer(m); err != nil {
		return nil, err
	}
	text := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerName
		f.Store, f.IncludeInAll, f.DocValues = false, false, false
		// no positions: a query is the conjunction of its terms, and each
		// candidate is verified against its text (Find) before it is a
		// hit. Positions would make the index about twice as large and
		// phrase checks cost more than the verification.
		f.IncludeTermVectors = false
		// no frequencies and norms: hits are not scored (Search asks for
		// Score "none"); each posting is then ~1 byte instead of ~6.
		f.SkipFreqNorm = true
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Analyzer = keyword.Name
		f.Store, f.IncludeInAll, f.DocValues, f.IncludeTermVectors = false, false, false, false
		f.SkipFreqNorm = true
		return f
	}
	date := func() *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store, f.IncludeInAll, f.DocValues = false, false, true
		return f
	}
	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt("text", text())
	for _, k := range []string{"type", "art", "state", "kind", "people", "actors", "waitrole"} {
		doc.AddFieldMappingsAt(k, kw())
	}
	doc.AddFieldMappingsAt("date", date())
	m.DefaultMapping = doc
	m.DefaultAnalyzer = analyzerName
	m.StoreDynamic, m.IndexDynamic, m.DocValuesDynamic = false, false, false
	return m, nil
}

// Doc types.
const (
	typeArticle  = "article"
	typeRevision = "revision"
	typeComment  = "comment"
)

func articleDocID(id uint64) string         { return "a/" + strconv.FormatUint(id, 10) }
func revisionDocID(id uint64, n int) string { return fmt.Sprintf("r/%d/%d", id, n) }
func commentDocID(id, c uint64) string      { return fmt.Sprintf("c/%d/%d", id, c) }

// parseDocID splits a document ID into type, article, revision or comment.
func parseDocID(s string) (typ string, art uint64, sub uint64, ok bool) {
	parts := strings.Split(s, "/")
	if len(parts) < 2 {
		return "", 0, 0, false
	}
	art, err := strconv.ParseUint(parts[1], 10, 64)
	if err != nil {
		return "", 0, 0, false
	}
	switch {
	case parts[0] == "a" && len(parts) == 2:
		return typeArticle, art, 0, true
	case parts[0] == "r" && len(parts) == 3:
		n, err := strconv.ParseUint(parts[2], 10, 64)
		return typeRevision, art, n, err == nil
	case parts[0] == "c" && len(parts) == 3:
		n, err := strconv.ParseUint(parts[2], 10, 64)
		return typeComment, art, n, err == nil
	}
	return "", 0, 0, false
}

// contentText lists the searchable fields of c, the title first, each
// prepared (one value each: no pair or triple spans two fields); captions
// are the media captions and credits. The title has no field of its own:
// hits are not ranked, so a title boost has nothing to do, and one field
// makes a query one conjunction instead of a disjunction of two.
func contentText(c *model.Content, captions []string) []string {
	out := make([]string, 0, 9+len(c.Authors)+len(c.Photographers)+len(captions))
	add := func(s string) {
		if s != "" {
			out = append(out, Prepare(s))
		}
	}
	add(c.Title)
	add(c.Subtitle)
	add(c.Body)
	add(c.Source)
	for _, a := range c.Authors {
		add(a)
	}
	for _, p := range c.Photographers {
		add(p)
	}
	if m := c.Meeting; m != nil {
		add(m.Name)
		add(m.Date)
		add(m.Place)
		add(m.Chair)
		for _, a := range m.Attendees {
			add(a)
		}
	}
	for _, s := range captions {
		add(s)
	}
	return out
}

// articleDate is the date filters and result lists use: the publication
// date of a published article, else its last change.
func articleDate(a *model.Article) time.Time {
	if !a.PublishedAt.IsZero() {
		return a.PublishedAt
	}
	return a.Updated
}

// captions lists the captions and credits of c's media, looked up with
// info (Store.MediaInfo or a Snapshot's); media that cannot be read are
// left out.
func captions(c *model.Content, info func(id string) (*model.Media, error)) []string {
	var out []string
	for _, ref := range c.Media {
		id, _, _ := strings.Cut(ref, ":")
		if m, err := info(id); err == nil {
			out = append(out, m.Caption, m.Credit)
		}
	}
	return out
}

func articleDoc(a *model.Article, r *model.Revision, captions []string) map[string]any {
	people := append([]string{a.Owner}, r.Content.Authors...)
	actors := make([]string, 0, len(a.Actors))
	for login := range a.Actors {
		actors = append(actors, login)
	}
	d := map[string]any{
		"type":   typeArticle,
		"art":    strconv.FormatUint(a.ID, 10),
		"text":   contentText(&r.Content, captions),
		"state":  string(a.State),
		"kind":   string(a.Kind),
		"people": people,
		"actors": actors,
		"date":   articleDate(a),
	}
	if st := a.Current(); st != nil {
		d["waitrole"] = string(st.Role)
	}
	return d
}

func revisionDoc(a *model.Article, r *model.Revision) map[string]any {
	return map[string]any{
		"type":   typeRevision,
		"art":    strconv.FormatUint(a.ID, 10),
		"text":   contentText(&r.Content, nil),
		"people": append([]string{r.Author}, r.Content.Authors...),
		"date":   r.At,
	}
}

func commentDoc(c *model.Comment) map[string]any {
	return map[string]any{
		"type":   typeComment,
		"art":    strconv.FormatUint(c.Article, 10),
		"text":   []string{Prepare(c.Text)},
		"people": []string{c.Author},
		"date":   c.At,
	}
}

// touched is what a run of audit records changed for one article.
type touched struct {
	revs     map[int]bool // revisions whose document may be new
	comments bool
	all      bool // every revision and comment (rebuild)
}

// sink receives documents: a bleve batch (catch-up) or the offline
// builder (rebuild).
type sink interface {
	Index(id string, doc any) error
	Delete(id string)
}

// docSink feeds bleve's offline builder, opened at the first document.
type docSink struct {
	open func() (bleve.Builder, error)
	bld  bleve.Builder
}

func (d *docSink) Index(id string, doc any) error {
	if d.bld == nil {
		bld, err := d.open()
		if err != nil {
			return err
		}
		d.bld = bld
	}
	return d.bld.Index(id, doc)
}

func (d *docSink) Delete(string) {} // a rebuild starts empty

// close finishes the builder's segments; a panic inside bleve is an error.
func (d *docSink) close() (err error) {
	if d.bld == nil {
		return nil
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r) // its text: the operator's log only (Options.failed)
		}
	}()
	bld := d.bld
	d.bld = nil
	return bld.Close()
}

type batchSink struct{ b *bleve.Batch }

func (s batchSink) Index(id string, doc any) error { return s.b.Index(id, doc) }
func (s batchSink) Delete(id string)               { s.b.Delete(id) }

// addArticle adds the documents of article id to b. A missing article's
// document is deleted. The article's records are read in one store read
// transaction (a Snapshot: consistent with each other); the documents are
// handed to b after it, so the analysis and a builder's segment flushes
// never hold a read transaction open.
func (ix *Index) addArticle(b sink, id uint64, t touched) error {
	type doc struct {
		id  string
		doc map[string]any // nil: delete id
	}
	var docs []doc
	put := func(id string, d map[string]any) { docs = append(docs, doc{id, d}) }
	err := ix.st.Read(func(v *store.Snapshot) error {
		a, err := v.Article(id)
		if store.IsNotFound(err) {
			put(articleDocID(id), nil)
			return nil
		}
		if err != nil {
			return err
		}
		if a.Deleted != nil { // 删除草稿: out of search until restored
			put(articleDocID(id), nil)
			for n := 1; n < a.Rev; n++ {
				put(revisionDocID(id, n), nil)
			}
			cs, err := v.Comments(id)
			if err != nil {
				return err
			}
			for _, c := range cs {
				put(commentDocID(id, c.ID), nil)
			}
			return nil
		}
		r, err := v.Revision(id, a.Rev)
		if store.IsNotFound(err) {
			put(articleDocID(id), nil)
			return nil
		}
		if err != nil {
			return err
		}
		put(articleDocID(id), articleDoc(a, r, captions(&r.Content, v.MediaInfo)))
		revs := t.revs
		if t.all {
			revs = map[int]bool{}
			for n := 1; n < a.Rev; n++ {
				revs[n] = true
			}
		}
		for n := range revs {
			if n < 1 || n >= a.Rev {
				continue
			}
			rv, err := v.Revision(id, n)
			if err != nil {
				if store.IsNotFound(err) {
					continue
				}
				return err
			}
			put(revisionDocID(id, n), revisionDoc(a, rv))
		}
		if t.all || t.comments {
			cs, err := v.Comments(id)
			if err != nil {
				return err
			}
			for i := range cs {
				put(commentDocID(id, cs[i].ID), commentDoc(&cs[i]))
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d.doc == nil {
			b.Delete(d.id)
			continue
		}
		if err := b.Index(d.id, d.doc); err != nil {
			return err
		}
	}
	return nil
}
