package search

import (
	"time"

	"github.com/copydesk/copydesk/locale"
)

// releaseSegments releases the pages of the index's segment files that
// this process has mapped in (Linux: madvise MADV_DONTNEED over zapx's
// read-only shared mappings of those files; elsewhere nothing), as
// store.ReleaseMapped does for the database. The data stay in the page
// cache: a page a later query needs is mapped back without I/O.
//
// It is safe against the merger: the segments are those of a snapshot
// held (reference counted) for the whole call, so none of their files is
// unmapped while it runs, and only mappings of exactly those files
// (matched by device and inode in /proc/self/maps) are advised — never a
// range whose mapping could have been replaced by other memory.
//
// Before it releases them it verifies the snapshot's segment files
// (verifier.check: a stat each, and a full read of a file not verified
// before, such as one a merge just wrote): damage found sets the index
// aside for a rebuild (damagedNow) and releaseSegments reports true.
func (ix *Index) releaseSegments() (damaged bool) {
	return ix.walkSegments(true)
}

// verifySegments verifies the current snapshot's segment files as
// releaseSegments does, without releasing anything (Run's tick: a
// segment a merge wrote, or a file changed behind the index's back, is
// checked even while nobody searches). It reports whether damage was
// found.
func (ix *Index) verifySegments() (damaged bool) {
	return ix.walkSegments(false)
}

// recheckSegments reads every segment file of the current snapshot whole
// again, whatever was verified before (verifier.recheck: at most once per
// recheckEvery), and reports damage as walkSegments does. Search calls it
// before it answers "no hits": a segment that rotted on disk since it was
// verified (no stat field changes) otherwise reads as no matches.
func (ix *Index) recheckSegments() (damaged bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil || ix.rebuilding.Load() {
		return false
	}
	snapshotSegments(ix.idx, func(paths []string) {
		if _, err := ix.ver.recheck(paths, time.Now()); err != nil {
			ix.damagedNow(err)
			damaged = true
		}
	})
	return damaged
}

func (ix *Index) walkSegments(release bool) (damaged bool) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil || ix.rebuilding.Load() {
		return false
	}
	snapshotSegments(ix.idx, func(paths []string) {
		if err := ix.ver.check(paths); err != nil {
			ix.damagedNow(err)
			damaged = true
			return
		}
		if release && len(paths) > 0 {
			releaseFileMaps(paths)
		}
	})
	return damaged
}

// damagedNow notes that the open index was found damaged (err says how):
// searches get ErrRebuilding from now on, and Sync (Run, or the local
// command that owns the index) rebuilds it. It says so once, through
// Options.Logf, in the catalogued words Open uses.
func (ix *Index) damagedNow(err error) {
	if ix.rebuilding.Swap(true) {
		return
	}
	ix.logf("%s", locale.T(ix.opts.Lang, "SearchUnreadable", locale.Args{"Dir": ix.dir, "Err": ix.shown(err)}))
	ix.poke()
}
