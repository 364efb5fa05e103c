package search

import (
	"io"
	"log"
	"runtime"
	"strings"
	"sync"
)

// bleve's own log lines.
//
// scorch (bleve's index) writes a few lines through Go's standard logger
// (package log), in English and straight to standard error: "unable to
// load snapshot, …, continuing" when a snapshot of a damaged index does
// not load, "got err removing file …" when the merger cannot delete an
// old segment. bleve.SetLog does not reach them (it sets the logger of
// bleve's top package, not scorch's log.Printf calls). On the user's
// terminal they would be uncatalogued English, and in the local TUI they
// would be written across the screen.
//
// So the first Open routes the standard logger through libLog: a line
// written from inside bleve (its caller's stack holds a
// github.com/blevesearch/ frame) never reaches standard error. If it was
// written while openExisting opened the index, that open fails as damaged
// (SearchErrSnapshot: bleve went on with an older snapshot or none, which
// is an index that does not describe the store) and is rebuilt with the
// catalogued note; any other goes to the open indexes' Options.LibLog (an
// operator's log; nil: dropped). Lines from anything else pass through to
// the standard logger's previous writer unchanged.

var (
	libLogMu sync.Mutex
	// libOpening collects bleve's lines while openExisting runs (opens
	// are serialized by openMu); nil otherwise.
	libOpening *[]string
	// libSinks are the open indexes' LibLog functions.
	libSinks = map[*Index]func(line string){}
	// openMu serializes openExisting, so a line bleve writes while an
	// index opens belongs to that open.
	openMu sync.Mutex
)

// installLibLog routes the standard logger through libLog, unless it
// already is (every Open asks again: something may have set the
// standard logger's output since).
func installLibLog() {
	libLogMu.Lock()
	defer libLogMu.Unlock()
	if _, ok := log.Writer().(*libLog); !ok {
		log.SetOutput(&libLog{next: log.Writer()})
	}
}

type libLog struct{ next io.Writer }

func (w *libLog) Write(p []byte) (int, error) {
	opening, ok := fromBleve()
	if !ok {
		return w.next.Write(p)
	}
	line := strings.TrimRight(string(p), "\n")
	libLogMu.Lock()
	defer libLogMu.Unlock()
	if opening && libOpening != nil {
		*libOpening = append(*libOpening, line)
		return len(p), nil
	}
	for _, sink := range libSinks {
		sink(line)
	}
	return len(p), nil
}

// fromBleve tells whether the log line being written comes from bleve,
// and whether from inside openExisting.
func fromBleve() (opening, ok bool) {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	for {
		f, more := frames.Next()
		switch {
		case strings.HasPrefix(f.Function, "github.com/blevesearch/"):
			ok = true
		case strings.HasSuffix(f.Function, "/search.openExisting"):
			opening = true
		}
		if !more {
			return opening, ok
		}
	}
}

// captureOpen starts collecting bleve's lines for the open under way and
// returns the function that stops and returns them. The caller holds
// openMu.
func captureOpen() (stop func() []string) {
	lines := []string{}
	libLogMu.Lock()
	libOpening = &lines
	libLogMu.Unlock()
	return func() []string {
		libLogMu.Lock()
		defer libLogMu.Unlock()
		libOpening = nil
		return lines
	}
}

// addLibSink registers ix's Options.LibLog (if any) until removeLibSink.
func addLibSink(ix *Index) {
	if ix.opts.LibLog == nil {
		return
	}
	libLogMu.Lock()
	libSinks[ix] = ix.opts.LibLog
	libLogMu.Unlock()
}

func removeLibSink(ix *Index) {
	libLogMu.Lock()
	delete(libSinks, ix)
	libLogMu.Unlock()
}
