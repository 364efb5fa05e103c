package export

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/copydesk/copydesk/locale"
)

// Reserved names in the output directory. Files starting with ".copydesk"
// are the exporter's own; no content path may use them.
const (
	manifestName = ".copydesk-manifest.log" // manifestlog.go
	// jsonManifestName is the manifest of copydesk before the log, read
	// once and removed (manifestlog.go), and what an older copydesk left
	// in a web root (Publish).
	jsonManifestName = ".copydesk-manifest.json"
	pendingName      = ".copydesk-pending.json"
	lockName         = ".copydesk-lock"
	tmpSuffix        = ".copydesk-tmp"
)

// PathError reports an output path that was refused.
type PathError struct {
	Path   string // the path as given
	Reason error  // why it was refused: a catalog message
}

// MessageID is the catalog entry.
func (e *PathError) MessageID() string { return "ExportRefusedPath" }

// MessageArgs are the path and the reason.
func (e *PathError) MessageArgs() map[string]any {
	return map[string]any{"Path": e.Path, "Reason": e.Reason}
}

// Error says which path was refused and why.
func (e *PathError) Error() string {
	return fmt.Sprintf("export: refusing output path %q: %s", e.Path, e.Reason) // langcheck:ok Error() is English for logs; users read MessageID
}

// validPath checks that p is a clean relative slash-separated path that
// stays inside the output directory: not empty, not absolute, no NUL or
// other control character, no backslash, no empty, "." or ".." element, and
// no element starting with ".copydesk" (reserved for the exporter).
func validPath(p string) error {
	bad := func(why error) error { return &PathError{Path: p, Reason: why} }
	switch {
	case p == "":
		return bad(locale.NewError("ExportPathEmpty", nil))
	case !utf8.ValidString(p):
		return bad(locale.NewError("ExportPathNotUTF8", nil))
	case strings.ContainsRune(p, 0):
		return bad(locale.NewError("ExportPathNUL", nil))
	case strings.HasPrefix(p, "/"):
		return bad(locale.NewError("ExportPathAbsolute", nil))
	case strings.ContainsRune(p, '\\'):
		return bad(locale.NewError("ExportPathBackslash", nil))
	case len(p) >= 2 && p[1] == ':':
		return bad(locale.NewError("ExportPathDrive", nil))
	case len(p) > 1024:
		return bad(locale.NewError("ExportPathTooLong", nil))
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return bad(locale.NewError("ExportPathControl", nil))
		}
	}
	for rest := p; ; {
		el, tail, more := strings.Cut(rest, "/")
		rest = tail
		switch {
		case el == "":
			return bad(locale.NewError("ExportPathEmptyElem", nil))
		case el == "." || el == "..":
			return bad(locale.NewError("ExportPathDots", nil))
		case strings.HasPrefix(el, ".copydesk") || strings.HasSuffix(el, tmpSuffix):
			return bad(locale.NewError("ExportPathReserved", nil))
		}
		if !more {
			return nil
		}
	}
}

// dirOf returns the directory part of a valid path ("" for the root).
func dirOf(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// baseOf returns the last element of a valid path.
func baseOf(p string) string {
	return p[strings.LastIndexByte(p, '/')+1:]
}
