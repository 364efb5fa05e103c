package notify_test

import (
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// Notifications and delivery reasons come from the catalog: no English
// literal reaches a user (issue 9.10).
func TestNoEnglishLiterals(t *testing.T) { langcheck.CheckLiterals(t, ".") }
