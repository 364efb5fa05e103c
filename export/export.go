package export

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/model"
	"io/fs"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Export writes the static site for every article of src into outDir.
//
// Every output is computed in memory first; an error from src (also one
// in the middle of fetching media), an unknown media id, a bad template or
// a bad path returns before anything in outDir is touched. Then only files
// whose content changed are written, media first, article pages next,
// index pages, feed and sitemap last, so a visitor never gets a page whose
// media are missing. Files of the previous export that are no longer
// produced are removed after all writes. The manifest is replaced last.
//
// Crash guarantee. Each file is replaced by rename(2) of a complete
// temporary file in the same directory (fsynced first unless
// Options.NoSync), so at any moment every file of the site is either its
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

	old, oldRaw, err := readManifest(w)
	if err != nil {
		if !opts.Force {
			return res, err
		}
		old, oldRaw = newManifest(), nil
	}
	pending, err := readPending(w)
	if err != nil {
		return res, err
	}
	if len(pending) > 0 {
		old.distrust(pending)
		oldRaw = nil
	}

	list, err := src.Articles()
	if err != nil {
		return res, fmt.Errorf("export: read articles: %w", err)
	}
	for i := range list {
		// goldmark is quadratic on some inputs (deep quotes, unclosed link
		// openers): every body is bounded before anything parses it, so
		// render and summary are linear (model.BoundMarkdown).
		list[i].Body, _ = model.BoundMarkdown(list[i].Body)
	}
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

	outs := newOutputs()
	next := newManifest()
	next.Site = siteHash

	// Plan: reuse what the manifest vouches for, render the rest.
	var todo []*Article
	keys := make(map[uint64]string, len(arts))
	for _, a := range arts {
		key := articleKey(a, siteHash)
		keys[a.ID] = key
		id := strconv.FormatUint(a.ID, 10)
		if e, ok := old.Articles[id]; ok && !opts.Force && e.Key == key && old.has(e.Files) {
			for _, f := range e.Files {
				outs.addHash(f, old.Files[f])
			}
			next.Articles[id] = e
			progress()
			continue
		}
		todo = append(todo, a)
	}

	// Media of the articles to render, fetched here (Source is used from
	// this goroutine only), each once. An article whose references or
	// media are bad fails alone; the rest of the site is exported.
	// Bodies in the render cache need no parse to find their media: the
	// entry lists them (and is used only if they are unchanged).
	s.preloadCache(todo)
	media, mediaData, failed, err := fetchMedia(src, todo, s.refs)
	if err != nil {
		return res, err
	}

	var ok []*Article
	for _, a := range todo {
		if failed[a.ID] == nil {
			ok = append(ok, a)
		} else {
			progress()
		}
	}
	rendered, errs := s.renderAll(ok, media, progress)
	for i, a := range ok {
		if errs[i] != nil {
			failed[a.ID] = errs[i]
		}
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
				next.Articles[id] = e
				kept = append(kept, a)
			}
		}
		arts = kept
	}
	res.Rendered = 0
	for i, a := range ok {
		if errs[i] != nil {
			continue
		}
		res.Rendered++
		r := rendered[i]
		files := []string{articlePath(a.ID), provenancePath(a.ID)}
		outs.add(articlePath(a.ID), r.page, r.pageHash)
		outs.add(provenancePath(a.ID), r.prov, "")
		for id := range r.used {
			p := media[id].Path
			outs.add(p, mediaData[p], "")
			files = append(files, p)
		}
		sort.Strings(files)
		next.Articles[strconv.FormatUint(a.ID, 10)] = ManifestArticle{Key: keys[a.ID], Files: files}
	}

	// Index pages, feed and sitemap: rendered when their key changed.
	type listOut struct {
		path, key string
		render    func() ([]byte, error)
	}
	pages := s.indexPages(len(arts))
	var lists []listOut
	for n := 1; n <= pages; n++ {
		lists = append(lists, listOut{indexPath(n), indexPageKey(siteHash, s.pageSlice(arts, n), n, pages, len(arts)),
			func() ([]byte, error) { return s.renderIndexPage(arts, n, pages) }})
	}
	feedArts := arts[:min(len(arts), opts.FeedSize)]
	lists = append(lists, listOut{"feed.xml", listKey("feed", siteHash, feedArts, opts.FeedSize),
		func() ([]byte, error) { return s.feedXML(arts) }})
	if s.data.BaseURL != "" {
		lists = append(lists, listOut{"sitemap.xml", listKey("sitemap", siteHash, arts, len(arts)),
			func() ([]byte, error) { return s.sitemapXML(arts) }})
	}
	for _, l := range lists {
		next.Pages[l.path] = l.key
		if h := old.Files[l.path]; !opts.Force && h != "" && old.Pages[l.path] == l.key {
			outs.addHash(l.path, h)
			continue
		}
		data, err := l.render()
		if err != nil {
			return res, fmt.Errorf("export: %s: %w", l.path, err)
		}
		outs.add(l.path, data, "")
	}
	if hs, ok := src.(HeadSource); ok {
		seq, hash, err := hs.ChainHead()
		if err != nil {
			return res, fmt.Errorf("export: audit chain head: %w", err)
		}
		data, err := json.MarshalIndent(SiteProvenance{ChainHead: ChainHead{Seq: seq, Hash: hash}, Articles: len(arts), Generator: "copydesk"}, "", "  ")
		if err != nil {
			return res, err
		}
		outs.add("provenance.json", append(data, '\n'), "")
	}
	for _, f := range s.theme.static {
		outs.add(f.Path, f.Data, "")
	}
	if outs.err != nil {
		return res, fmt.Errorf("export: %w", outs.err)
	}

	// Diff against the previous manifest.
	var writes []outFile
	for p, o := range outs.files {
		next.Files[p] = o.hash
		if old.Files[p] == o.hash {
			res.Unchanged = append(res.Unchanged, p)
			continue
		}
		if o.data == nil {
			return res, fmt.Errorf("export: internal error: no content for %s", p)
		}
		writes = append(writes, outFile{Path: p, Data: o.data})
		res.Written = append(res.Written, p)
	}
	for p := range old.Files {
		if _, ok := outs.files[p]; !ok {
			res.Removed = append(res.Removed, p)
		}
	}
	sort.Strings(res.Written)
	sort.Strings(res.Removed)
	sort.Strings(res.Unchanged)
	sort.Slice(writes, func(i, j int) bool { return writeOrder(writes[i].Path, writes[j].Path) })

	raw, err := next.encode()
	if err != nil {
		return res, err
	}
	if len(writes) == 0 && len(res.Removed) == 0 && len(pending) == 0 && string(raw) == string(oldRaw) {
		return res, nil // nothing changed: nothing is written
	}
	total += len(writes) + len(res.Removed)
	if opts.Progress != nil {
		opts.Progress(done, total)
	}

	if len(writes) > 0 || len(res.Removed) > 0 {
		marker, _ := json.Marshal(pendingMarker{Paths: append(slices.Clone(res.Written), res.Removed...)})
		if err := w.writeMeta(pendingName, marker); err != nil {
			return res, err
		}
	}
	if err := w.writeAll(writes, progress); err != nil {
		return res, err
	}
	if err := w.removeAll(res.Removed, progress); err != nil {
		return res, err
	}
	if err := w.writeMeta(manifestName, raw); err != nil {
		return res, err
	}
	if err := w.removeMeta(pendingName); err != nil {
		return res, fmt.Errorf("export: remove %s: %w", pendingName, err)
	}
	return res, nil
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
	if o.BaseURL != "" {
		u, err := url.Parse(o.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
			return nil, fmt.Errorf("export: BaseURL %q must be an absolute http(s) URL such as https://news.example.edu.cn/", o.BaseURL)
		}
		if !strings.HasSuffix(o.BaseURL, "/") {
			o.BaseURL += "/"
		}
	}
	th, err := loadTheme(o.ThemeDir)
	if err != nil {
		return nil, err
	}
	bt, err := parseCredits(o.BylineFormat)
	if err != nil {
		return nil, fmt.Errorf("export: byline format: %w", err)
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
			return nil, fmt.Errorf("export: article %q has no id", a.Title)
		case seen[a.ID]:
			return nil, fmt.Errorf("export: article %d appears twice", a.ID)
		case strings.TrimSpace(a.Title) == "":
			return nil, fmt.Errorf("export: article %d has no title", a.ID)
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

// fetchMedia reads the media of the articles in todo (Source is used from
// this goroutine only), each once, and checks them (resolveMedia); refs
// gives an article's media ids (site.refs). An
// article whose references or media are bad is put in failed; an error of
// the source itself is returned.
func fetchMedia(src Source, todo []*Article, refs func(*Article) ([]string, error)) (media map[string]*resolvedMedia, mediaData map[string][]byte, failed map[uint64]error, err error) {
	media = map[string]*resolvedMedia{}
	mediaErr := map[string]error{}
	mediaData = map[string][]byte{}
	failed = map[uint64]error{}
	for _, a := range todo {
		ids, err := refs(a)
		if err != nil {
			failed[a.ID] = err
			continue
		}
		for _, id := range ids {
			if _, seen := media[id]; !seen {
				if _, bad := mediaErr[id]; !bad {
					f, err := src.Media(id)
					switch {
					case errors.Is(err, fs.ErrNotExist):
						media[id] = nil // an error when the page uses it
					case err != nil:
						return nil, nil, nil, fmt.Errorf("export: article %d: media %s: %w", a.ID, id, err)
					default:
						m, out, err := resolveMedia(a.ID, id, f)
						if err != nil {
							mediaErr[id] = err
						} else {
							media[id] = m
							mediaData[m.Path] = out.Data
						}
					}
				}
			}
			if err := mediaErr[id]; err != nil && failed[a.ID] == nil {
				failed[a.ID] = err
			}
		}
	}

	return media, mediaData, failed, nil
}

// Check renders every article of src in memory, as Export would, and
// returns the ones that cannot be exported; nothing is written. An error
// of the source or the options is returned as err.
func Check(src Source, opts Options) ([]ArticleError, error) {
	s, err := newSite(opts.withDefaults())
	if err != nil {
		return nil, err
	}
	list, err := src.Articles()
	if err != nil {
		return nil, fmt.Errorf("export: read articles: %w", err)
	}
	arts, err := sortArticles(list)
	if err != nil {
		return nil, err
	}
	media, _, failed, err := fetchMedia(src, arts, s.refs)
	if err != nil {
		return nil, err
	}
	var ok []*Article
	for _, a := range arts {
		if failed[a.ID] == nil {
			ok = append(ok, a)
		}
	}
	_, errs := s.renderAll(ok, media, func() {})
	for i, a := range ok {
		if errs[i] != nil {
			failed[a.ID] = errs[i]
		}
	}
	var out []ArticleError
	for _, a := range arts {
		if err := failed[a.ID]; err != nil {
			out = append(out, ArticleError{ID: a.ID, Title: a.Title, Err: err})
		}
	}
	return out, nil
}
