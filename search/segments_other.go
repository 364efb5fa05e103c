//go:build !linux

package search

// releaseFileMaps does nothing outside Linux.
func releaseFileMaps([]string) {}
