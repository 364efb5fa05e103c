package search

// SegmentsRead is how many segment files the verifier has read whole in
// this process.
func SegmentsRead() int64 { return segmentsRead.Load() }
