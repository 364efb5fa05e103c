package server_test

import (
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// What the SSH server says to a session or to whoever runs it (refusals,
// the shutdown notice, host key trouble) comes from the catalog: no English
// literal reaches a user (issue 9.10).
func TestNoEnglishLiterals(t *testing.T) { langcheck.CheckLiterals(t, ".") }
