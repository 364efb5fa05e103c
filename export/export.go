package export

import (
	"encoding/json"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// Export writes the static site for every article of src into outDir.
//
// Articles stream through one worker per CPU (pipeline.go): a worker
// renders a page, hashes it and, when it differs from the previous export,
// stages it as a temporary file beside its final name; no rendered page
// stays in memory, so memory is bounded by the number of workers, not by
// the size of the site (with a BodySource, such as FromStore, bodies are
// read one at a time as well). An error from src (also one in the middle
// of reading bodies or media), a bad template or a bad path removes what
// was staged and returns before any file of the site is replaced. Then
// the staged files are renamed into place, media first, article pages
// next, index pages, feed and sitemap last, so a visitor never gets a page
// whose media are missing. Files of the previous export that are no longer
// produced are removed after all writes. The manifest is updated last
// (manifestlog.go: one appended record after a small change).
//
// Crash guarantee. Each file is replaced by rename(2) of a complete
// temporary file in the same directory (made durable first unless
// Options.NoSync: one syncfs(2) for a large batch, else fsync per file), so at any moment every file of the site is either its
// complete old or its complete new version; nothing is removed before every
// new file is in place. The site as a whole is not switched atomically: an
// export that dies while renaming leaves a site that mixes old and new
// whole files (every page still works; an index may not yet list a new
// article). Before the first write a marker (.copydesk-pending.json) lists
// the paths about to change; the next export distrusts them and rewrites or
// removes them, so it always converges to the exact site for its input.
// Publish refuses a directory with that marker.
//
// Incremental. An article whose render key equals the one recorded in the
// manifest is not rendered: its page, provenance and media are taken to be
// what the manifest lists (see articleKey). Index pages, the feed and the
// sitemap have render keys too (the site key and what they list); theme
// static files are always hashed. Whatever is rendered is written only
// when its content changed.
func Export(src Source, outDir string, opts Options) (res Result, err error) {
	start := time.Now()
	defer func() { res.Duration = time.Since(start) }()
	opts = opts.withDefaults()
	s, err := newSite(opts)
	if err != nil {
		return res, err
	}
	defer func() { res.Held = sortHeld(s.held) }()
	siteHash := siteKey(s.theme, opts)
	s.cache = openRenderCache(opts.RenderCacheDir)
	defer s.cache.close()

	w, err := openSite(outDir, !opts.NoSync)
	if err != nil {
		return res, err
	}
	defer w.Close()
	unlock, err := lockDir(w.root, lockName)
	if err != nil {
		return res, err
	}
	defer unlock()
	if err := w.sweepTemps(); err != nil {
		return res, err
	}
	defer w.endRun()

	pending, err := readPending(w)
	if err != nil {
		return res, err
	}
	old, mst, err := loadManifest(w.root, len(pending) > 0)
	if err != nil {
		return res, err
	}
	if old == nil {
		old = newManifest()
	}
	if mst.damaged != nil {
		// Render and write every page again; what the damaged manifest
		// still names is removed unless produced (distrust "*").
		res.Note = locale.NewError("ExportManifestDamaged", locale.Args{"Name": manifestName, "Dir": outDir, "Err": mst.damaged}, mst.damaged)
		pending = append(pending, "*")
	}
	if len(pending) > 0 {
		old.distrust(pending)
	}

	list, bodyOf, err := readArticles(src)
	if err != nil {
		return res, err
	}
	list = s.keep(list)
	arts, err := sortArticles(list)
	if err != nil {
		return res, err
	}
	total := len(arts)
	done := 0
	progress := func() {
		done++
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
	}
	if opts.Progress != nil {
		opts.Progress(0, total)
	}

	outs := newOutputs(len(old.Files))
	next := newManifest()
	next.Files = make(map[string]string, len(old.Files))
	next.Articles = make(map[string]ManifestArticle, len(arts))
	next.Site = siteHash
	s.summaries = make(map[uint64]string, len(arts))

	// Plan: reuse what the manifest vouches for, render the rest.
	var todo []*Article
	keys := make(map[uint64]string, len(arts))
	for _, a := range arts {
		key := articleKey(a, siteHash)
		keys[a.ID] = key
		id := strconv.FormatUint(a.ID, 10)
		if e, ok := old.Articles[id]; ok && !opts.Force && e.Key == key && old.has(e.Files) && w.present(e.Files...) {
			for _, f := range e.Files {
				outs.addHash(f, old.Files[f])
			}
			if e.Summary != "" {
				s.summaries[a.ID] = e.Summary
			}
			next.Articles[id] = e
			progress()
			continue
		}
		todo = append(todo, a)
	}

	// Render: articles stream through the workers; every changed file is
	// staged as a temporary file as soon as it is rendered (stager). An
	// article whose references or media are bad fails alone; the rest of
	// the site is exported. Any error below removes what was staged.
	st := newStager(w, old.Files)
	st.verify = opts.Force
	committed := false
	defer func() {
		if !committed {
			st.discard()
		}
	}()
	ms := newMediaSet(src, func(m *resolvedMedia, data []byte, hash string) error { return st.stage(m.Path, data, hash) })
	results, err := s.renderPages(todo, bodyOf, ms, st.stageIn, progress)
	if err != nil {
		return res, err
	}
	failed := map[uint64]error{}
	for i, a := range todo {
		r := results[i]
		if r.err != nil {
			failed[a.ID] = r.err
			continue
		}
		res.Rendered++
		files := []string{articlePath(a.ID)}
		outs.add(articlePath(a.ID), r.pageHash)
		for _, id := range r.used {
			if m := ms.resolved[id]; m != nil {
				outs.add(m.Path, ms.hashes[m.Path])
				files = append(files, m.Path)
			}
		}
		sort.Strings(files)
		s.summaries[a.ID] = r.summary
		next.Articles[strconv.FormatUint(a.ID, 10)] = ManifestArticle{Key: keys[a.ID], Files: files, Summary: r.summary, Cache: r.cacheKey, Pub: r.pub}
	}
	if len(failed) > 0 {
		// A failed article keeps the page an earlier export made, if any;
		// one never exported is left out of the site (and its index).
		kept := arts[:0:0]
		for _, a := range arts {
			err := failed[a.ID]
			if err == nil {
				kept = append(kept, a)
				continue
			}
			res.Failed = append(res.Failed, ArticleError{ID: a.ID, Title: a.Title, Err: err})
			id := strconv.FormatUint(a.ID, 10)
			if e, ok := old.Articles[id]; ok && old.has(e.Files) {
				for _, f := range e.Files {
					outs.addHash(f, old.Files[f])
				}
				if e.Summary != "" {
					s.summaries[a.ID] = e.Summary
				}
				next.Articles[id] = e
				kept = append(kept, a)
			}
		}
		arts = kept
	}

	// Index pages, feed and sitemap: rendered when their key changed.
	type listOut struct {
		path, key string
		shows     []*Article // whose summaries it shows
		render    func() ([]byte, error)
	}
	pages := s.indexPages(len(arts))
	var lists []listOut
	for n := 1; n <= pages; n++ {
		lists = append(lists, listOut{indexPath(n), indexPageKey(siteHash, s.pageSlice(arts, n), n, pages, len(arts)), s.pageSlice(arts, n),
			func() ([]byte, error) { return s.renderIndexPage(arts, n, pages) }})
	}
	feedArts := arts[:min(len(arts), opts.FeedSize)]
	lists = append(lists, listOut{"feed.xml", listKey("feed", siteHash, feedArts, opts.FeedSize), feedArts,
		func() ([]byte, error) { return s.feedXML(arts) }})
	if s.data.BaseURL != "" {
		lists = append(lists, listOut{"sitemap.xml", listKey("sitemap", siteHash, arts, len(arts)), nil,
			func() ([]byte, error) { return s.sitemapXML(arts) }})
	}
	var render []listOut
	for _, l := range lists {
		next.Pages[l.path] = l.key
		if h := old.Files[l.path]; !opts.Force && h != "" && old.Pages[l.path] == l.key && w.present(l.path) {
			outs.addHash(l.path, h)
			continue
		}
		render = append(render, l)
		// Summaries the manifest did not record (an older manifest) come
		// from the body, read here (Source is used from this goroutine).
		for _, a := range l.shows {
			if _, ok := s.summaries[a.ID]; !ok {
				b, err := bodyOf(a)
				if err != nil {
					return res, locale.NewError("ExportArticle", locale.Args{"ID": a.ID, "Err": err}, err)
				}
				b, _ = model.BoundMarkdown(b)
				s.summaries[a.ID] = summarize(b)
			}
		}
	}
	hashes := make([]string, len(render))
	if err := parallel(len(render), pipelineWorkers(), func(i int) error {
		data, err := render[i].render()
		if err != nil {
			return locale.NewError("ExportPathErr", locale.Args{"Path": render[i].path, "Err": err}, err)
		}
		hashes[i] = hashOf(data)
		return st.stage(render[i].path, data, hashes[i])
	}); err != nil {
		return res, err
	}
	for i, l := range render {
		outs.add(l.path, hashes[i])
	}
	produce := func(p string, data []byte) error {
		h := hashOf(data)
		outs.add(p, h)
		return st.stage(p, data, h)
	}
	if hs, ok := src.(HeadSource); ok {
		seq, hash, err := hs.ChainHead()
		if err != nil {
			return res, locale.NewError("ExportAuditHead", locale.Args{"Err": err}, err)
		}
		data, err := json.MarshalIndent(SiteProvenance{ChainHead: ChainHead{Seq: seq, Hash: hash}, Articles: len(arts), Generator: "copydesk"}, "", "  ")
		if err != nil {
			return res, err
		}
		if err := produce("provenance.json", append(data, '\n')); err != nil {
			return res, err
		}
	}
	for _, f := range s.theme.static {
		if err := produce(f.Path, f.Data); err != nil {
			return res, err
		}
	}
	if err := s.takedowns(src, arts, produce); err != nil { // 撤稿 (takedown.go)
		return res, err
	}
	if outs.err != nil {
		return res, locale.NewError("ExportFailed", locale.Args{"Err": outs.err}, outs.err)
	}

	// Diff against the previous manifest.
	var writes []string
	for p, o := range outs.files {
		next.Files[p] = o.hash
		if old.Files[p] == o.hash && !st.isStaged(p, o.hash) {
			res.Unchanged = append(res.Unchanged, p)
			continue
		}
		if !o.fresh || !st.isStaged(p, o.hash) {
			return res, locale.NewError("ExportNoContent", locale.Args{"Path": p})
		}
		writes = append(writes, p)
	}
	for p := range old.Files {
		if _, ok := outs.files[p]; !ok {
			res.Removed = append(res.Removed, p)
		}
	}
	res.Written = slices.Clone(writes)
	sort.Strings(res.Written)
	sort.Strings(res.Removed)
	sort.Strings(res.Unchanged)
	sort.Slice(writes, func(i, j int) bool { return writeOrder(writes[i], writes[j]) })

	// The manifest: a delta appended to the log, or a new snapshot (no
	// log yet, a migration, a repair, or deltas outgrowing the snapshot).
	snapshot := mst.size == 0 || mst.legacy || len(pending) > 0
	var delta []byte
	if !snapshot {
		delta = manifestDelta(old, next)
		snapshot = mst.size+int64(len(delta)) > 2*mst.snapLen+compactSlack
	}
	if len(writes) == 0 && len(res.Removed) == 0 && !snapshot && delta == nil {
		res.Pruned = s.maybePrune(next, results)
		return res, nil // nothing changed: nothing is written
	}
	total += len(writes) + len(res.Removed)
	if opts.Progress != nil {
		opts.Progress(done, total)
	}

	// The marker goes before anything changes, also before an append
	// alone (a record cut short is then known as an interrupted one).
	if len(writes) > 0 || len(res.Removed) > 0 || !snapshot {
		marker, _ := json.Marshal(pendingMarker{Paths: append(slices.Clone(res.Written), res.Removed...)})
		if err := w.writeMeta(pendingName, marker); err != nil {
			return res, err
		}
	}
	if err := st.commit(writes, progress); err != nil {
		return res, err
	}
	committed = true
	if err := w.removeAll(res.Removed, progress); err != nil {
		return res, err
	}
	appended := false
	if !snapshot {
		if appended, err = w.appendMeta(manifestName, delta, mst.size); err != nil {
			return res, err
		}
	}
	if !appended {
		if err := w.writeMeta(manifestName, encodeManifestLog(next)); err != nil {
			return res, err
		}
		if mst.legacy {
			if err := w.removeMeta(jsonManifestName); err != nil {
				return res, locale.NewError("ExportRemoveFile", locale.Args{"Path": jsonManifestName, "Err": err}, err)
			}
		}
	}
	if err := w.removeMeta(pendingName); err != nil {
		return res, locale.NewError("ExportRemoveFile", locale.Args{"Path": pendingName, "Err": err}, err)
	}
	res.Pruned = s.maybePrune(next, results)
	return res, nil
}

// maybePrune prunes the render cache after a successful export when it is
// due (renderCache.dueForPrune) and the cache key of every article on the
// site is known (from this export or the manifest next). Failures are
// ignored: the cache is derived data.
func (s *site) maybePrune(next *Manifest, results []pageResult) *PruneReport {
	if s.cache == nil || !s.cache.dueForPrune(s.cache.misses.Load()) {
		return nil
	}
	keep := make(map[string]bool, len(next.Articles)+len(results))
	for _, r := range results {
		if r.cacheKey != "" {
			keep[r.cacheKey] = true
		}
	}
	for _, e := range next.Articles {
		if e.Cache == "" {
			return nil // an article whose key is unknown: prune another time
		}
		keep[e.Cache] = true
	}
	r, err := s.cache.prune(keep, s.opts.RenderCacheMax)
	if err != nil {
		return nil
	}
	return &r
}

// writeOrder puts media first, then article pages, then everything else,
// so that no written page refers to a file not yet written.
func writeOrder(a, b string) bool {
	ra, rb := writeRank(a), writeRank(b)
	if ra != rb {
		return ra < rb
	}
	return a < b
}

func writeRank(p string) int {
	switch {
	case strings.HasPrefix(p, "media/"):
		return 0
	case strings.HasPrefix(p, "articles/"):
		return 1
	}
	return 2
}

// newSite checks the options and parses the theme and the credits format.
func newSite(o Options) (*site, error) {
	var err0 error
	if o.BaseURL != "" { // the one check of a site's address (settings, targets, --base-url)
		var err error
		if o.BaseURL, err = store.CheckSiteURL("base-url", o.BaseURL); err != nil {
			return nil, err
		}
	}
	if o.Takedown, err0 = ParseTakedown(o.Takedown); err0 != nil {
		return nil, err0
	}
	th, err := loadTheme(o.ThemeDir)
	if err != nil {
		return nil, err
	}
	bt, err := parseCredits(o.BylineFormat)
	if err != nil {
		return nil, locale.NewError("ExportByline", locale.Args{"Err": err}, err)
	}
	ct, err := parseCredits(o.CreditsFormat)
	if err != nil {
		return nil, err
	}
	return &site{opts: o, theme: th, credits: ct, byline: bt, data: SiteData{Title: o.SiteTitle, BaseURL: o.BaseURL, Lang: "zh-CN"}}, nil
}

// sortArticles checks the articles and sorts them newest first (by
// 发布时间, then by id).
func sortArticles(list []Article) ([]*Article, error) {
	arts := make([]*Article, len(list))
	seen := make(map[uint64]bool, len(list))
	for i := range list {
		a := &list[i]
		switch {
		case a.ID == 0:
			return nil, locale.NewError("ExportNoID", locale.Args{"Name": a.Title})
		case seen[a.ID]:
			return nil, locale.NewError("ExportTwice", locale.Args{"ID": a.ID})
		case strings.TrimSpace(a.Title) == "":
			return nil, locale.NewError("ExportNoTitle", locale.Args{"ID": a.ID})
		}
		seen[a.ID] = true
		arts[i] = a
	}
	sort.SliceStable(arts, func(i, j int) bool {
		ti, tj := arts[i].pubTime(), arts[j].pubTime()
		if !ti.Equal(tj) {
			return ti.After(tj)
		}
		return arts[i].ID > arts[j].ID
	})
	return arts, nil
}

// readArticles returns the articles of src and how to get each one's
// body: a BodySource lists them without bodies (read one at a time while
// rendering, so memory does not grow with the site); any other Source
// returns them whole.
func readArticles(src Source) ([]Article, func(*Article) (string, error), error) {
	if bs, ok := src.(BodySource); ok {
		list, err := bs.Heads()
		if err != nil {
			return nil, nil, locale.NewError("ExportReadArticles", locale.Args{"Err": err}, err)
		}
		for i := range list {
			if list[i].ContentHash == "" && list[i].Body == "" {
				// The render key needs the body when there is no hash.
				if list[i].Body, err = bs.Body(list[i].ID); err != nil {
					return nil, nil, locale.NewError("ExportArticle", locale.Args{"ID": list[i].ID, "Err": err}, err)
				}
			}
		}
		return list, func(a *Article) (string, error) {
			if a.Body != "" {
				return a.Body, nil
			}
			return bs.Body(a.ID)
		}, nil
	}
	list, err := src.Articles()
	if err != nil {
		return nil, nil, locale.NewError("ExportReadArticles", locale.Args{"Err": err}, err)
	}
	return list, func(a *Article) (string, error) { return a.Body, nil }, nil
}

// Check renders every article of src in memory, as Export would, and
// returns the ones that cannot be exported; nothing is written. An error
// of the source or the options is returned as err. With
// opts.RenderCacheDir, bodies in the render cache are not rendered again
// (their media are still checked) and the cache is not written.
func Check(src Source, opts Options) ([]ArticleError, error) {
	bad, _, err := check(src, opts)
	return bad, err
}

// CheckSite is Check plus a check of the render cache in
// opts.RenderCacheDir (CheckRenderCache): damaged entries, and entries no
// current article renders to (Unreferenced). err is an error of the
// source or the options; cacheErr one reading the cache directory (the
// cache is derived data: the next export renders again).
func CheckSite(src Source, opts Options) (bad []ArticleError, rc RenderCacheReport, cacheErr, err error) {
	bad, keys, err := check(src, opts)
	if err != nil || opts.RenderCacheDir == "" {
		return bad, rc, nil, err
	}
	rc, cacheErr = checkRenderCache(opts.RenderCacheDir, keys)
	return bad, rc, cacheErr, nil
}

// check is Check; it also returns the render cache keys of the articles
// (with a cache).
func check(src Source, opts Options) ([]ArticleError, map[string]bool, error) {
	s, err := newSite(opts.withDefaults())
	if err != nil {
		return nil, nil, err
	}
	if opts.RenderCacheDir != "" {
		if root, err := os.OpenRoot(opts.RenderCacheDir); err == nil {
			s.cache = &renderCache{root: root, readOnly: true}
			defer s.cache.close()
		}
	}
	list, bodyOf, err := readArticles(src)
	if err != nil {
		return nil, nil, err
	}
	list = s.keep(list)
	arts, err := sortArticles(list)
	if err != nil {
		return nil, nil, err
	}
	results, err := s.renderPages(arts, bodyOf, newMediaSet(src, nil), nil, func() {})
	if err != nil {
		return nil, nil, err
	}
	var out []ArticleError
	keys := map[string]bool{}
	for i, a := range arts {
		if err := results[i].err; err != nil {
			out = append(out, ArticleError{ID: a.ID, Title: a.Title, Err: err})
		}
		keys[results[i].cacheKey] = true
	}
	return out, keys, nil
}
