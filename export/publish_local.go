package export

import (
	"errors"
	"io/fs"

	"github.com/copydesk/copydesk/locale"
)

// localSink publishes into a local directory through the same atomic
// writer as Export.
// Nothing of copydesk's own is left there: no lock, no manifest.
type localSink struct {
	w *siteWriter
}

func openLocalSink(dir string, sync bool) (*localSink, error) {
	w, err := openSite(dir, sync)
	if err != nil {
		return nil, locale.NewError("PublishFailed", locale.Args{"Err": err}, err)
	}
	return &localSink{w: w}, nil
}

func (s *localSink) readMeta(name string) ([]byte, error) {
	b, err := s.w.readFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return b, err
}

func (s *localSink) put(files []outFile, done func()) error { return s.w.writeAll(files, done) }

func (s *localSink) remove(paths []string, done func()) error { return s.w.removeAll(paths, done) }

func (s *localSink) removeMeta(name string) error { return s.w.removeMeta(name) }

func (s *localSink) Close() error { return s.w.Close() }
