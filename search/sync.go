package search

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// buildBatch is how many documents bleve's offline builder analyses
// into one in-memory segment before writing it to disk. The builder's
// memory grows with it (bigram and unigram postings of every document in
// the batch: at 5,000 articles the rebuild's peak resident set was
// 720 MiB with 2,000, 112 MiB with 200), while more, smaller segments
// cost only a little more merging (~8% CPU; BENCHMARKS.md, Search).
const buildBatch = 200

// catchUpChunk is how many audit records one catch-up batch applies; the
// index's sequence moves after each, so an interrupted catch-up resumes.
const catchUpChunk = 500

// Status reports how far the index is.
func (ix *Index) Status() (Status, error) {
	storeSeq, err := ix.st.LastSeq()
	ix.mu.RLock()
	s := Status{IndexedSeq: ix.seq, StoreSeq: storeSeq, Rebuilding: ix.rebuilding.Load() || ix.idx == nil}
	ix.mu.RUnlock()
	if s.Rebuilding {
		s.Done, s.Total = int(ix.done.Load()), int(ix.total.Load())
	}
	return s, err
}

// missing reports whether the index directory is gone (deleted behind our
// back) while an index is open.
func (ix *Index) missing() bool {
	_, err := os.Stat(filepath.Join(ix.dir, "index_meta.json"))
	return errors.Is(err, os.ErrNotExist)
}

// Sync brings the index up to the store's last audit record in the
// caller's goroutine: it rebuilds a missing, damaged or deleted index
// first, then applies the records it has not seen.
func (ix *Index) Sync(ctx context.Context) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.closed.Load() {
		return ErrClosed
	}
	ix.mu.RLock()
	need := ix.idx == nil || ix.rebuilding.Load()
	ix.mu.RUnlock()
	if need || ix.missing() {
		if err := ix.rebuildLocked(ctx); err != nil {
			return err
		}
	}
	return ix.catchUpLocked(ctx)
}

// Reindex throws the index away and builds it again from the store.
func (ix *Index) Reindex(ctx context.Context) error {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.closed.Load() {
		return ErrClosed
	}
	if err := ix.rebuildLocked(ctx); err != nil {
		return err
	}
	return ix.catchUpLocked(ctx)
}

// catchUpLocked applies the audit records after the index's sequence, in
// chunks, each chunk one bleve batch that also moves the sequence.
func (ix *Index) catchUpLocked(ctx context.Context) error {
	start := time.Now()
	applied := 0
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		ix.mu.RLock()
		idx, seq := ix.idx, ix.seq
		ix.mu.RUnlock()
		if idx == nil {
			return ErrRebuilding
		}
		arts := map[uint64]*touched{}
		var order []uint64
		last := seq
		n, err := ix.st.AuditSince(seq, catchUpChunk, func(r model.AuditRecord) error {
			last = r.Seq
			if r.Article == 0 {
				return nil
			}
			t := arts[r.Article]
			if t == nil {
				t = &touched{revs: map[int]bool{}}
				arts[r.Article] = t
				order = append(order, r.Article)
			}
			if r.Rev > 0 {
				// the revision before a new head is no longer the head:
				// it gets its own document now.
				t.revs[r.Rev-1], t.revs[r.Rev] = true, true
			}
			if r.Action == model.ActComment || r.Action == model.ActResolve {
				t.comments = true
			}
			if r.Action == model.ActRestore { // every document comes back
				t.all, t.comments = true, true
			}
			return nil
		})
		if err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		b := idx.NewBatch()
		for _, id := range order {
			if err := ix.addArticle(batchSink{b}, id, *arts[id]); err != nil {
				return ix.opts.failed("SearchErrIndex", nil, err)
			}
		}
		ix.noteReads(len(order))
		b.SetInternal(keySeq, []byte(strconv.FormatUint(last, 10)))
		persisted := make(chan error, 1)
		b.SetPersistedCallback(func(err error) { persisted <- err })
		if err := idx.Batch(b); err != nil {
			return ix.opts.failed("SearchErrIndex", nil, err)
		}
		ix.persisted = persisted
		ix.mu.Lock()
		ix.seq = last
		ix.mu.Unlock()
		applied += n
		if n < catchUpChunk {
			if applied > catchUpChunk {
				ix.progress("SearchCaughtUp", locale.Args{"Count": applied, "Took": locale.Duration(ix.opts.Lang, time.Since(start))})
			}
			return nil
		}
		ix.progress("SearchCatchUp", locale.Args{"N": applied})
	}
}

// rebuildLocked builds a new index from every article in the store in
// <dir>.new and moves it into place. Searches get ErrRebuilding meanwhile.
// Records committed during the rebuild are applied by the catch-up that
// follows, from the sequence read before the first article.
func (ix *Index) rebuildLocked(ctx context.Context) error {
	ix.rebuilding.Store(true)
	ix.mu.Lock()
	old := ix.idx
	ix.idx = nil
	ix.mu.Unlock()
	if old != nil {
		_ = old.Close()
	}
	ix.done.Store(0)
	ix.total.Store(0)
	seq, err := ix.st.LastSeq()
	if err != nil {
		return err
	}
	ids, err := ix.st.ArticleIDs()
	if err != nil {
		return err
	}
	ix.total.Store(int64(len(ids)))
	start := time.Now()
	ix.progress("SearchProgressStart", locale.Args{"Total": len(ids)})
	tmp := ix.dir + ".new"
	_ = os.RemoveAll(tmp)
	m, err := newMapping()
	if err != nil {
		return ix.opts.failed("SearchErrBuild", nil, err)
	}
	// bleve's offline builder writes segments straight to disk and merges
	// them once at the end: several times faster than online batches.
	// It is created at the first document (it cannot close empty).
	b := &docSink{open: func() (bleve.Builder, error) {
		// the builder's scratch segments go in <dir>.build, which Open
		// clears after a crash like <dir>.new
		if err := os.MkdirAll(ix.dir+".build", 0o700); err != nil {
			return nil, err
		}
		return bleve.NewBuilder(tmp, m, map[string]any{"buildPathPrefix": ix.dir + ".build", "batchSize": buildBatch})
	}}
	fail := func(err error) error {
		_ = b.close()
		_ = os.RemoveAll(tmp)
		return ix.opts.failed("SearchErrBuild", nil, err)
	}
	lastReport := time.Now()
	for i, id := range ids {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return fail(err)
			}
			if ix.closed.Load() {
				return fail(ErrClosed)
			}
			ix.done.Store(int64(i))
			if time.Since(lastReport) > 2*time.Second {
				lastReport = time.Now()
				ix.progress("SearchProgress", locale.Args{"Done": i, "Total": len(ids)})
			}
		}
		if err := ix.addArticle(b, id, touched{all: true}); err != nil {
			return fail(err)
		}
		ix.noteReads(1)
	}
	ix.releaseMapped()
	ix.done.Store(int64(len(ids)))
	var idx bleve.Index
	if b.bld == nil { // no documents
		idx, err = bleve.NewUsing(tmp, m, scorch.Name, scorch.Name, runtimeConfig())
	} else if err = b.close(); err != nil {
		_ = os.RemoveAll(tmp)
		return ix.opts.failed("SearchErrBuild", nil, err)
	} else {
		idx, err = bleve.OpenUsing(tmp, runtimeConfig())
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
		return ix.opts.failed("SearchErrOpen", locale.Args{"Path": tmp}, err)
	}
	fb := idx.NewBatch()
	fb.SetInternal(keyVersion, []byte(formatVersion))
	fb.SetInternal(keySeq, []byte(strconv.FormatUint(seq, 10)))
	persisted := make(chan error, 1)
	fb.SetPersistedCallback(func(err error) { persisted <- err })
	err = idx.Batch(fb)
	if err == nil {
		// batches return before their fsync (unsafe_batch)
		err = <-persisted
	}
	if cerr := idx.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.RemoveAll(tmp)
		return ix.opts.failed("SearchErrIndex", nil, err)
	}
	_ = os.RemoveAll(ix.dir + ".build")
	if err := os.RemoveAll(ix.dir); err != nil {
		return ix.opts.failed("SearchErrBuild", nil, err)
	}
	if err := os.Rename(tmp, ix.dir); err != nil {
		return ix.opts.failed("SearchErrBuild", nil, err)
	}
	ver := newVerifier(ix.dir)
	idx, seq, err = openExisting(ix.dir, ver)
	if err != nil {
		return ix.opts.failed("SearchErrReopen", nil, err)
	}
	ix.mu.Lock()
	ix.idx, ix.seq, ix.ver = idx, seq, ver
	ix.mu.Unlock()
	ix.rebuilding.Store(false)
	ix.progress("SearchProgressDone", locale.Args{"Count": len(ids), "Took": locale.Duration(ix.opts.Lang, time.Since(start))})
	return nil
}

// Run keeps the index current until ctx ends: it subscribes to the
// store's events, catches up (rebuilding if needed), and on every event
// applies the audit records after the index's sequence. Events only wake
// it: a dropped event is caught up by sequence at the next one, or by the
// periodic check, which also notices a deleted index directory.
func (ix *Index) Run(ctx context.Context) {
	events, stop := ix.st.Subscribe()
	defer stop()
	ix.running.Store(true)
	defer ix.running.Store(false)
	sync := func() {
		if err := ix.Sync(ctx); err != nil && ctx.Err() == nil && !errors.Is(err, ErrClosed) {
			ix.logf("%s", locale.T(ix.opts.Lang, "SearchErrSync", locale.Args{"Err": err}))
		}
	}
	sync()
	tick := time.NewTicker(10 * time.Second)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case _, ok := <-events:
			if !ok {
				return
			}
			for drained := false; !drained; {
				select {
				case _, ok := <-events:
					if !ok {
						return
					}
				default:
					drained = true
				}
			}
			sync()
		case <-ix.wake:
			sync()
		case <-tick.C:
			if ix.verifySegments() {
				continue // damagedNow poked: the next sync rebuilds
			}
			sync()
			// idle or not, what this process read since the last release
			// leaves its resident set
			ix.releaseMapped()
		}
	}
}

// poke asks Run to sync soon.
func (ix *Index) poke() {
	select {
	case ix.wake <- struct{}{}:
	default:
	}
}

// Close closes the index. A rebuild under way stops at its next batch and
// is thrown away.
func (ix *Index) Close() error {
	ix.closed.Store(true)
	removeLibSink(ix)
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	if ix.persisted != nil {
		// let the last catch-up reach the disk (it would be replayed
		// from the audit chain otherwise: slower, not wrong)
		select {
		case <-ix.persisted:
		case <-time.After(5 * time.Second):
		}
		ix.persisted = nil
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.idx == nil {
		return nil
	}
	err := ix.idx.Close()
	ix.idx = nil
	return err
}
