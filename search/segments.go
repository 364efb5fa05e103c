package search

import (
	"github.com/blevesearch/bleve/v2/index/scorch"
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
func (ix *Index) releaseSegments() {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.idx == nil {
		return
	}
	adv, err := ix.idx.Advanced()
	if err != nil {
		return
	}
	r, err := adv.Reader()
	if err != nil {
		return
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return
	}
	var paths []string
	for _, ss := range snap.Segments() {
		if p, ok := ss.Segment().(interface{ Path() string }); ok && p.Path() != "" {
			paths = append(paths, p.Path())
		}
	}
	if len(paths) > 0 {
		releaseFileMaps(paths)
	}
}
