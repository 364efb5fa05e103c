package store_test

import (
	"testing"

	"github.com/copydesk/copydesk/internal/langcheck"
)

// Every refusal and validation error store builds names its catalog
// message: a model.DeniedError or model.FieldError without ID rendered as
// "无权操作：" around English (issue 9.10). The packages whose errors
// reach the workstation and the SSH sessions are held to it too.
func TestTypedErrorsHaveIDs(t *testing.T) {
	langcheck.CheckTyped(t, ".", "../export", "../export/form", "../server", "../tui", "../notify", "../search")
}
