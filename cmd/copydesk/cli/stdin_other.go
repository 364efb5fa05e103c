//go:build !unix

package cli

import (
	"os"
	"time"
)

// pipeHasData cannot poll here; a pipe is taken to carry nothing.
func pipeHasData(*os.File, time.Duration) bool { return false }
