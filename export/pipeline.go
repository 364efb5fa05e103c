package export

import (
	"errors"
	"io/fs"
	"runtime"
	"sort"
	"sync"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// The article pipeline. Articles to render stream through a fixed number
// of workers (one per CPU): the calling goroutine reads each body and the
// media it needs from the Source (Source is used from that goroutine
// only), a worker bounds the body, finds its media (render cache entry or
// parse), renders and sanitizes it (or takes it from the render cache),
// executes the theme (the page carries the article's provenance record,
// see provenanceRecord), hashes the page and stages it, when its hash
// differs from the manifest's, as a temporary file beside its final name. The worker keeps only hashes, the media ids
// used and the summary: no rendered page is held in memory after it is
// staged, so memory is bounded by the number of workers, not by the size
// of the site. Nothing replaces a site file before every page is staged
// (stager.commit).

// ArticleFilter decides, before anything is rendered, whether an article
// is on the site this export (embargo, takedown, …). Filters in
// articleFilters run in order on the calling goroutine; an article any of
// them refuses is treated as absent: its page and its list entries are
// removed from a site that had them. A filter that reads a field of
// Article must also put it in articleKey (key.go) if the page shows it.
type ArticleFilter func(s *site, a *Article) bool

// articleFilters are the filters every export and check applies. Other
// files of this package add to it in init (one line per concern).
var articleFilters []ArticleFilter

// PageHook adds data to an article page's template data (a field of
// ArticleData) before the theme runs. It runs on a worker goroutine and
// must only read a and s. A hook that reads a field of Article must also
// put it in articleKey (key.go), or an edit of that field alone would
// not re-render the page.
type PageHook func(s *site, a *Article, d *ArticleData)

// pageHooks run, in order, for every rendered article page.
var pageHooks []PageHook

// keep applies articleFilters to list, in place.
func (s *site) keep(list []Article) []Article {
	if len(articleFilters) == 0 {
		return list
	}
	out := list[:0]
	for i := range list {
		ok := true
		for _, f := range articleFilters {
			if !f(s, &list[i]) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, list[i])
		} else {
			s.held = append(s.held, heldBy(&list[i]))
		}
	}
	clear(list[len(out):])
	return out
}

// pageJob is one article handed to a worker, with its body, or without
// it (lazy) when the render cache holds an entry under its key: the
// worker then asks for the body (bodyReq) only if the entry does not
// serve.
type pageJob struct {
	i    int // index in the todo list
	a    *Article
	body string // bounded by the worker (model.BoundMarkdown)
	key  string // articleCacheKey, when known before the body
	lazy bool   // body not read: ask for it
}

// bodyReq asks the calling goroutine for an article's body.
type bodyReq struct {
	a     *Article
	reply chan bodyReply
}

type bodyReply struct {
	body  string
	fatal error // the Source failed
}

// pageResult is what a worker keeps of one rendered article.
type pageResult struct {
	i        int
	pageHash string
	pub      string   // what SiteArticles reads of the article (ManifestArticle.Pub)
	used     []string // media ids the page refers to, sorted
	summary  string
	cacheKey string // the body's render cache key ("" without a cache)
	err      error  // this article's failure (the rest of the site goes on)
	fatal    error  // the Source failed: the whole export stops
}

// mediaReq asks the calling goroutine for the media ids of one article.
type mediaReq struct {
	article uint64
	ids     []string
	reply   chan mediaReply
}

type mediaReply struct {
	media map[string]*resolvedMedia // the ids asked for (nil: unknown id)
	err   error                     // the article's media are bad
	fatal error                     // the Source failed
}

// mediaSet resolves media ids on the calling goroutine, each once.
type mediaSet struct {
	src      Source
	resolved map[string]*resolvedMedia
	bad      map[string]error
	hashes   map[string]string // media path → SHA-256 hex of its output
	onNew    func(m *resolvedMedia, data []byte, hash string) error
}

// get resolves ids for article: a missing id maps to nil (the page
// reports it), a bad file is the article's error, any other Source error
// is fatal.
func (ms *mediaSet) get(article uint64, ids []string) (map[string]*resolvedMedia, error, error) {
	out := make(map[string]*resolvedMedia, len(ids))
	var artErr error
	for _, id := range ids {
		if m, ok := ms.resolved[id]; ok {
			out[id] = m
			continue
		}
		if err := ms.bad[id]; err != nil {
			if artErr == nil {
				artErr = err
			}
			continue
		}
		f, err := ms.src.Media(id)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			ms.resolved[id] = nil
			out[id] = nil
			continue
		case err != nil:
			return nil, nil, locale.NewError("ExportArticleMedia", locale.Args{"ID": article, "Media": id, "Err": err}, err)
		}
		m, file, err := resolveMedia(article, id, f)
		if err != nil {
			ms.bad[id] = err
			if artErr == nil {
				artErr = err
			}
			continue
		}
		h := hashOf(file.Data)
		ms.hashes[m.Path] = h
		if ms.onNew != nil {
			if err := ms.onNew(m, file.Data, h); err != nil {
				return nil, nil, err
			}
		}
		ms.resolved[id] = m
		out[id] = m
	}
	return out, artErr, nil
}

// pipelineWorkers is the number of article workers; tests lower it.
var pipelineWorkers = func() int { return runtime.GOMAXPROCS(0) }

// pipelineWatch, when set (tests), is told on the calling goroutine how
// many articles are held by the pipeline (body read, result not yet
// collected) whenever that number changes, and the number of workers.
var pipelineWatch func(held, workers int)

// renderPages runs todo through the workers. body returns an article's
// body (called on this goroutine); stage, when not nil, is given each
// article's rendered files (one directory) with their hashes and decides
// whether to write them (called on worker goroutines). results[i] belongs to todo[i]. A fatal error (the
// Source failed) stops the run after the workers in flight finish.
func (s *site) renderPages(todo []*Article, body func(*Article) (string, error), ms *mediaSet,
	stage func(dir string, files ...stagedFile) error, progress func()) ([]pageResult, error) {
	results := make([]pageResult, len(todo))
	workers := max(1, min(pipelineWorkers(), len(todo)))
	jobs := make(chan pageJob)
	done := make(chan pageResult, workers)
	reqs := make(chan mediaReq)
	breqs := make(chan bodyReq)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				done <- s.renderPage(j, reqs, breqs, stage)
			}
		}()
	}
	var fatal error
	next, inflight := 0, 0
	var ready *pageJob
	held := 0 // articles whose body was read and whose result is not collected
	noteInFlight := func(d int) {
		held += d
		if pipelineWatch != nil {
			pipelineWatch(held, workers)
		}
	}
	for next < len(todo) || inflight > 0 {
		var send chan pageJob
		if ready == nil && next < len(todo) && inflight < workers && fatal == nil {
			a := todo[next]
			// An article whose content hash names a cache entry goes
			// without its body: a hit never reads it.
			if a.ContentHash != "" && s.cache != nil {
				if key := articleCacheKey(a, ""); s.cache.has(key) {
					noteInFlight(1)
					ready = &pageJob{i: next, a: a, key: key, lazy: true}
				}
			}
			if ready == nil {
				b, err := body(a)
				if err != nil {
					fatal = locale.NewError("ExportArticle", locale.Args{"ID": a.ID, "Err": err}, err)
				} else {
					noteInFlight(1)
					ready = &pageJob{i: next, a: a, body: b}
				}
			}
		}
		if fatal != nil && ready != nil {
			noteInFlight(-1) // read, never started
			ready = nil
		}
		if fatal != nil {
			next = len(todo) // nothing more is started
			if inflight == 0 {
				break
			}
		}
		var j pageJob
		if ready != nil {
			send, j = jobs, *ready
		}
		select {
		case send <- j:
			ready = nil
			next++
			inflight++
		case r := <-breqs:
			if fatal != nil {
				r.reply <- bodyReply{fatal: fatal}
				continue
			}
			b, err := body(r.a)
			if err != nil {
				fatal = locale.NewError("ExportArticle", locale.Args{"ID": r.a.ID, "Err": err}, err)
			}
			r.reply <- bodyReply{body: b, fatal: fatal}
		case r := <-reqs:
			if fatal != nil {
				r.reply <- mediaReply{fatal: fatal}
				continue
			}
			m, artErr, err := ms.get(r.article, r.ids)
			if err != nil && fatal == nil {
				fatal = err
			}
			r.reply <- mediaReply{media: m, err: artErr, fatal: err}
		case r := <-done:
			inflight--
			noteInFlight(-1)
			if r.fatal != nil && fatal == nil {
				fatal = r.fatal
			}
			results[r.i] = r
			progress()
		}
	}
	close(jobs)
	wg.Wait()
	return results, fatal
}

// renderPage is one worker's work on one article.
func (s *site) renderPage(j pageJob, reqs chan<- mediaReq, breqs chan<- bodyReq, stage func(dir string, files ...stagedFile) error) (r pageResult) {
	r.i = j.i
	a := j.a
	// The media the body uses: from its render cache entry when there is
	// one (a body is cached only after its references were found valid),
	// else by parsing it.
	var pre *cachedBody
	var ids []string
	// The key is recorded in the manifest with or without a cache, so a
	// later export with one can prune it without reading this body.
	key := j.key
	if key == "" {
		key = articleCacheKey(a, j.body)
	}
	r.cacheKey = key
	var body string
	if !j.lazy {
		body, _ = model.BoundMarkdown(j.body)
	}
	// needBody reads a lazy job's body (its cache entry did not serve).
	needBody := func() bool {
		if !j.lazy {
			return true
		}
		reply := make(chan bodyReply, 1)
		breqs <- bodyReq{a: a, reply: reply}
		b := <-reply
		if b.fatal != nil {
			r.fatal = b.fatal
			return false
		}
		body, _ = model.BoundMarkdown(b.body)
		j.lazy = false
		return true
	}
	if s.cache != nil {
		if e, ok := s.cache.peek(key); ok {
			pre, ids = &e, e.used
		}
	}
	ask := func(ids []string) (map[string]*resolvedMedia, error) {
		reply := make(chan mediaReply, 1)
		reqs <- mediaReq{article: a.ID, ids: ids, reply: reply}
		m := <-reply
		if m.fatal != nil {
			r.fatal = m.fatal
			return nil, m.fatal
		}
		return m.media, m.err
	}
	var media map[string]*resolvedMedia
	var resolve func([]string) (map[string]*resolvedMedia, error)
	if pre == nil {
		// Not in the cache: the parse that renders the body also finds
		// its media and asks for them (mdState.resolve).
		resolve = ask
	} else if len(ids) > 0 {
		var err error
		if media, err = ask(ids); err != nil {
			if r.fatal == nil {
				r.err = err
			}
			return r
		}
	}
	if (pre == nil || mediaSig(pre.used, media) != pre.media) && !needBody() {
		return r
	}
	page, used, summary, pub, err := s.renderArticle(a, body, key, pre, media, resolve)
	if r.fatal != nil {
		return r
	}
	if err != nil {
		r.err = err
		return r
	}
	r.summary, r.pub = summary, pub
	r.pageHash = hashOf(page)
	for id := range used {
		r.used = append(r.used, id)
	}
	sort.Strings(r.used)
	if stage != nil {
		if err := stage(dirOf(articlePath(a.ID)), stagedFile{baseOf(articlePath(a.ID)), page, r.pageHash}); err != nil {
			r.fatal = err
			return r
		}
	}
	putBuf(page) // written (stage keeps no data) and hashed
	return r
}

func newMediaSet(src Source, onNew func(m *resolvedMedia, data []byte, hash string) error) *mediaSet {
	return &mediaSet{src: src, resolved: map[string]*resolvedMedia{}, bad: map[string]error{}, hashes: map[string]string{}, onNew: onNew}
}
