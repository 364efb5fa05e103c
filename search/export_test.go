package search

import "path/filepath"

// SegmentsRead is how many segment files the verifier has read whole in
// this process.
func SegmentsRead() int64 { return segmentsRead.Load() }

// VerifySegmentsNow runs the check of ix's segments that every
// releaseSegmentsAfter searches and Run's tick run; it reports damage.
func VerifySegmentsNow(ix *Index) bool { return ix.verifySegments() }

// VerifiedName is the sidecar listing the verified segment files.
const VerifiedName = verifiedName

// MarkVerified records every segment file of the index at dir as
// verified in its present state, without reading it: what the sidecar
// says after a segment that was verified rots on disk (no stat field
// changes).
func MarkVerified(dir string, paths []string) {
	v := newVerifier(dir)
	for _, p := range paths {
		if cur, err := segVersionOf(p); err == nil {
			v.known[filepath.Base(p)] = cur
		}
	}
	v.save()
}
