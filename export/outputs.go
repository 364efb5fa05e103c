package export

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"runtime"
	"sync"
)

// outputs collects the files of one export by path.
type outputs struct {
	files map[string]output
	err   error
}

type output struct {
	hash string
	data []byte // nil for a reused file (known only by its hash)
}

func newOutputs() *outputs { return &outputs{files: map[string]output{}} }

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// add records a produced file; hash may be given if already computed.
func (o *outputs) add(p string, data []byte, hash string) {
	if hash == "" {
		hash = hashOf(data)
	}
	if prev, ok := o.files[p]; ok && prev.hash != hash && o.err == nil {
		o.err = fmt.Errorf("two different outputs for %s", p)
	}
	o.files[p] = output{hash: hash, data: data}
}

// addHash records a reused file, unless it was produced anew.
func (o *outputs) addHash(p, hash string) {
	if prev, ok := o.files[p]; ok && prev.data != nil {
		return
	}
	o.files[p] = output{hash: hash}
}

// renderedArticle is the output of rendering one article.
type renderedArticle struct {
	page, prov []byte
	pageHash   string
	used       map[string]bool
}

// renderAll renders articles on every CPU. progress is called from this
// goroutine. errs[i] is the error of todo[i]: one article's failure does
// not stop the others.
func (s *site) renderAll(todo []*Article, media map[string]*resolvedMedia, progress func()) (out []renderedArticle, errs []error) {
	out = make([]renderedArticle, len(todo))
	errs = make([]error, len(todo))
	jobs := make(chan int)
	finished := make(chan int)
	workers := min(runtime.GOMAXPROCS(0), len(todo))
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				a := todo[i]
				page, used, err := s.renderArticle(a, media)
				if err == nil {
					var prov []byte
					prov, err = s.provenanceJSON(a)
					out[i] = renderedArticle{page: page, prov: prov, pageHash: hashOf(page), used: used}
				}
				errs[i] = err
				finished <- i
			}
		}()
	}
	go func() {
		for i := range todo {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(finished)
	}()
	for range finished {
		progress()
	}
	return out, errs
}
