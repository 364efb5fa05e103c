package cli_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

var mediaIDRE = regexp.MustCompile(`media:([0-9a-f]{16})`)

func addMedia(t *testing.T, o *office, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := o.ok("", "--as", "liwei", "media", "add", p, "--caption", "会场")
	m := mediaIDRE.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("media add printed no reference: %q", out)
	}
	return m[1]
}

func pngBytes() []byte {
	var b bytes.Buffer
	_ = png.Encode(&b, image.NewGray(image.Rect(0, 0, 4, 3)))
	return b.Bytes()
}

// The store checks media references in every Markdown form, refuses a
// missing one or a PDF used as an image with a clear message, and ignores
// code.
func TestMediaReferencesAtSave(t *testing.T) {
	o := newOffice(t)
	img := addMedia(t, o, "photo.png", pngBytes())
	pdf := addMedia(t, o, "agenda.pdf", []byte("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))
	ok := func(body string) {
		t.Helper()
		o.ok(body, "--as", "liwei", "article", "new", "--title", "新闻", "--file", "-")
	}
	ok("会场：\n\n![会场](media:" + img + " \"标题\")\n")
	ok("![会场](<MEDIA:" + strings.ToUpper(img) + ">)\n\n[议程](media:" + pdf + ")\n")
	ok("![会场][图]\n\n[图]: media:" + img + "\n")
	ok("说明写法：\n\n```\n![x](media:00000000deadbeef)\n```\n\n以及 `media:00000000deadbeef`。\n")
	for body, want := range map[string]string{
		"![议程](media:" + pdf + ")":               "is not an image but is used as one",
		"![议程][p]\n\n[p]: <media:" + pdf + ">\n": "is not an image but is used as one",
		"[缺](media:00000000deadbeef \"标题\")":     "media:00000000deadbeef, which is not stored",
		"![缺](<Media:00000000DEADBEEF>)":         "media:00000000deadbeef, which is not stored",
		"[缺]: media:00000000deadbeef\n\n正文。\n":   "which is not stored",
		"![坏](media:../../etc/passwd)":           "is not a media reference",
	} {
		r := o.run(body, "--as", "liwei", "article", "new", "--title", "新闻", "--file", "-")
		if r.code == 0 || !strings.Contains(r.stderr, want) {
			t.Errorf("body %q: exit %d, stderr %q; want %q", body, r.code, r.stderr, want)
		}
	}
}

// One article whose photo was damaged in the file does not stop the
// export: it is reported, the rest of the site is written, and check
// lists it.
func TestExportReportsTheBadArticleOnly(t *testing.T) {
	o := newOffice(t)
	img := addMedia(t, o, "photo.png", pngBytes())
	sign := func(title, body string) string {
		t.Helper()
		id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", title, "--file", "-"))
		o.ok("", "--as", "liwei", "article", "submit", id)
		o.ok("", "--as", "wangyin", "article", "approve", id, "--rev", "1", "-m", "同意")
		o.ok("", "--as", "shenjl", "article", "signoff", id, "--rev", "1", "-m", "同意发布")
		return id
	}
	good := sign("图书馆延长开放时间", "图书馆自下周起延长开放时间。\n")
	bad := sign("运动会开幕", "运动会开幕。\n\n![会场](media:"+img+")\n")

	db, err := bolt.Open(o.db, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("media_data"))
		v := append([]byte(nil), b.Get([]byte(img))...)
		v[len(v)/2] ^= 0xff
		return b.Put([]byte(img), v)
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	out := filepath.Join(t.TempDir(), "site")
	r := o.run("", "export", "--out", out)
	if r.code == 0 || !strings.Contains(r.stderr, "NOT EXPORTED  article "+bad) || strings.Contains(r.stderr, "article "+good+" ") {
		t.Fatalf("export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "articles", good, "index.html")); err != nil {
		t.Errorf("the good article was not exported: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "articles", bad, "index.html")); err == nil {
		t.Error("the damaged article was exported")
	}
	index, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(index), "图书馆延长开放时间") || strings.Contains(string(index), "运动会开幕") {
		t.Errorf("index lists the wrong articles:\n%s", index)
	}
	r = o.run("", "check")
	if r.code == 0 || !strings.Contains(r.stdout, "cannot be exported: article "+bad) || !strings.Contains(r.stdout, "SHA-256") {
		t.Fatalf("check: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
