package export

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/copydesk/copydesk/locale"
)

// outputs collects the files of one export by path: their hashes (the
// content itself is staged on disk as it is rendered, see stager).
type outputs struct {
	files map[string]output
	err   error
}

type output struct {
	hash  string
	fresh bool // produced by this export (false: reused, known by its hash)
}

// newOutputs returns an empty set with room for about n files.
func newOutputs(n int) *outputs { return &outputs{files: make(map[string]output, n)} }

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// add records a file produced by this export with its content's hash.
func (o *outputs) add(p, hash string) {
	if prev, ok := o.files[p]; ok && prev.fresh && prev.hash != hash && o.err == nil {
		o.err = locale.NewError("ExportTwoOutputs", locale.Args{"Path": p})
	}
	o.files[p] = output{hash: hash, fresh: true}
}

// addHash records a reused file, unless it was produced anew.
func (o *outputs) addHash(p, hash string) {
	if prev, ok := o.files[p]; ok && prev.fresh {
		return
	}
	o.files[p] = output{hash: hash}
}
