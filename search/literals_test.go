package search_test

import (
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// Search's errors and progress lines come from the catalog: no English
// literal reaches a user (issue 9.10).
func TestNoEnglishLiterals(t *testing.T) { langcheck.CheckLiterals(t, ".") }
