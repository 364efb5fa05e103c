package export

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Reserved names in the output directory. Files starting with ".copydesk"
// are the exporter's own; no content path may use them.
const (
	manifestName = ".copydesk-manifest.json"
	pendingName  = ".copydesk-pending.json"
	lockName     = ".copydesk-lock"
	tmpSuffix    = ".copydesk-tmp"
)

// PathError reports an output path that was refused.
type PathError struct {
	Path   string // the path as given
	Reason string // why it was refused
}

// Error says which path was refused and why.
func (e *PathError) Error() string {
	return fmt.Sprintf("export: refusing output path %q: %s", e.Path, e.Reason)
}

// validPath checks that p is a clean relative slash-separated path that
// stays inside the output directory: not empty, not absolute, no NUL or
// other control character, no backslash, no empty, "." or ".." element, and
// no element starting with ".copydesk" (reserved for the exporter).
func validPath(p string) error {
	bad := func(why string) error { return &PathError{Path: p, Reason: why} }
	switch {
	case p == "":
		return bad("empty path")
	case !utf8.ValidString(p):
		return bad("not valid UTF-8")
	case strings.ContainsRune(p, 0):
		return bad("contains a NUL byte")
	case strings.HasPrefix(p, "/"):
		return bad("absolute path")
	case strings.ContainsRune(p, '\\'):
		return bad("contains a backslash")
	case len(p) >= 2 && p[1] == ':':
		return bad("looks like a Windows drive path")
	case len(p) > 1024:
		return bad("too long")
	}
	for _, r := range p {
		if r < 0x20 || r == 0x7f {
			return bad("contains a control character")
		}
	}
	for _, el := range strings.Split(p, "/") {
		switch {
		case el == "":
			return bad("empty path element")
		case el == "." || el == "..":
			return bad(`contains a "." or ".." element`)
		case strings.HasPrefix(el, ".copydesk") || strings.HasSuffix(el, tmpSuffix):
			return bad("uses a name reserved for the exporter")
		}
	}
	return nil
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
