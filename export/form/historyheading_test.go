package form_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/locale"
)

// The printed 审核登记表's history table heads its revision column 版本 on
// one line, as the other headings are; it was 11 mm wide and printed 版
// over 本 (tester, 2026-12-01, pdftotext -layout of a printed record).
func TestRegisterHistoryHeadingOnOneLine(t *testing.T) {
	needTool(t, "chromium", "pdftotext")
	st, id := office(t, sample())
	pdf, err := form.Make(context.Background(), st, &admin, id, locale.ZH, form.PDFs, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	layout, err := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(layout), "\n") {
		if strings.Contains(l, "处理人") && strings.Contains(l, "审核意见") {
			for _, h := range []string{"时间", "环节", "处理", "版本"} {
				if !strings.Contains(l, h) {
					t.Errorf("the history heading lacks %s on its line: %q", h, l)
				}
			}
			return
		}
	}
	t.Fatalf("no history heading in the printed record:\n%s", layout)
}
