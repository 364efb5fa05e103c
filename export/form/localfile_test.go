package form_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/export/form"
)

// A printed form never shows a local file: an office template (form-dir)
// or any markup that names file:///… in an iframe, object or image gets
// nothing from the disk of the machine that prints (the server, over SSH).
func TestPDFReadsNoLocalFiles(t *testing.T) {
	if _, err := form.FindBrowser(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("SECRETLOCALTEXT42"), 0o644); err != nil {
		t.Fatal(err)
	}
	html := `<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body><p>审核登记表</p>` +
		`<iframe src="file://` + secret + `" width="600" height="200"></iframe>` +
		`<object data="file://` + secret + `" type="text/plain" width="600" height="200"></object>` +
		`<embed src="file://` + secret + `" type="text/plain" width="600" height="200"></body></html>`
	pdf, err := form.PDF(context.Background(), []byte(html))
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	if !strings.Contains(text, "审核登记表") {
		t.Fatalf("the page itself was not printed:\n%s", text)
	}
	if strings.Contains(text, "SECRETLOCALTEXT42") {
		t.Fatalf("a local file was printed into the form:\n%s", text)
	}
}
