package search

// SegmentsRead is how many segment files the verifier has read whole in
// this process.
func SegmentsRead() int64 { return segmentsRead.Load() }

// VerifySegmentsNow runs the check of ix's segments that every
// releaseSegmentsAfter searches and Run's tick run; it reports damage.
func VerifySegmentsNow(ix *Index) bool { return ix.verifySegments() }

// VerifiedName is the sidecar listing the verified segment files.
const VerifiedName = verifiedName
