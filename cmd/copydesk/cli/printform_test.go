package cli_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// signedRecord is article 1 approved by 王音 and signed by 沈建龙.
func signedRecord(t *testing.T) *office {
	o := newOffice(t)
	o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--source", "保卫处", "--file", "-")
	o.ok("", "--as", "liwei", "article", "submit", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "--rev", "1", "-m", "内容属实，同意。")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "--rev", "1", "-m", "同意发布")
	return o
}

func TestRecordCommand(t *testing.T) {
	o := signedRecord(t)
	o.lang = "" // zh-CN
	page := o.ok("", "record", "1")
	for _, want := range []string{"<!DOCTYPE html>", "信息发布审核登记表", "学院召开安全稳定工作会议", "王音", "沈建龙", "内容属实，同意。", "@page"} {
		if !strings.Contains(page, want) {
			t.Errorf("record 1 lacks %q", want)
		}
	}
	// The default workflow has no checklist: no 保密审查表.
	if strings.Contains(page, `class="form secrecy"`) {
		t.Error("a 保密审查表 without a checklist stage")
	}
	// Who may see it may print it; a draft is not another writer's.
	o.ok(body, "--as", "liwei", "article", "new", "--title", "草稿", "--file", "-")
	o.ok("", "--as", "admin", "user", "add", "zhou", "--display", "周平", "--role", "writer")
	o.fails(4, "无权查看", "", "--as", "zhou", "record", "2")
	o.ok("", "--as", "liwei", "record", "2")
	o.ok("", "--as", "zhou", "record", "1") // signed: the archive is everyone's
	o.fails(2, "html 或 pdf", "", "record", "1", "--format", "docx")
	o.fails(1, "找不到第 9 号稿件", "", "record", "9")

	// --out writes the file atomically and says where.
	out := filepath.Join(t.TempDir(), "登记表.html")
	if msg := o.ok("", "record", "1", "--out", out); !strings.Contains(msg, out) {
		t.Errorf("--out says %q", msg)
	}
	o.fails(1, "是文件夹", "", "record", "1", "--out", filepath.Dir(out))
	if readFile(t, out) != page {
		t.Error("--out wrote something else than standard output")
	}
	// Hostile text through the real store: markup stays text, an opinion
	// of the store's longest (4,000 characters) is printed whole; longer
	// ones from a damaged file: export/form's TestHostileText.
	o.ok(body, "--as", "liwei", "article", "new", "--title", `</td></tr></table><script>alert(1)</script>标题`, "--source", `"><img src=x onerror=alert(2)>`, "--file", "-")
	o.ok("", "--as", "liwei", "article", "submit", "3")
	long := strings.Repeat("意见", 2000)
	o.ok("", "--as", "wangyin", "article", "approve", "3", "--rev", "1", "-m", long)
	page = o.ok("", "record", "3")
	if strings.Contains(page, "<script>") || strings.Contains(page, "<img") || !strings.Contains(page, "&lt;/table&gt;&lt;script&gt;") ||
		!strings.Contains(page, long) {
		t.Error("hostile text broke out of its field or the long opinion was cut")
	}

	left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".copydesk-form-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func TestRecordPDF(t *testing.T) {
	needTools(t, "chromium", "pdftotext")
	o := signedRecord(t)
	// Standard output that is not a terminal (a buffer here, a pipe or a
	// file for a user) gets the PDF bytes untouched by the sanitiser.
	r := o.run("", "record", "1", "--format", "pdf")
	if r.code != 0 {
		t.Fatalf("record --format pdf: %d %s", r.code, r.stderr)
	}
	pdf := []byte(r.stdout)
	// Chromium's second line is a binary comment ("%\xd3\xeb\xe9\xe1"),
	// invalid UTF-8 that the text sanitiser would have replaced.
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[:16], []byte{'\n', '%', 0xd3, 0xeb, 0xe9, 0xe1, '\n'}) {
		t.Fatalf("not a PDF or its binary marker was sanitised: %.40q", pdf)
	}
	f := filepath.Join(t.TempDir(), "1.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", f).CombinedOutput()
	if err != nil || strings.Contains(string(info), "Error") || !strings.Contains(string(info), "A4") {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	hash := strings.TrimSpace(o.ok("", "article", "show", "1", "--json"))
	i := strings.Index(hash, `"hash": "sha256:`)
	if i < 0 {
		i = strings.Index(hash, `"hash":"sha256:`)
	}
	h := hash[strings.Index(hash[i:], "sha256:")+i:]
	h = h[:strings.IndexByte(h, '"')]
	for _, want := range []string{"学院召开安全稳定工作会议", "王音", "沈建龙", h} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}

	// No Chromium: a clear error, exit 1, nothing on standard output.
	t.Setenv("PATH", t.TempDir())
	r = o.run("", "record", "1", "--format", "pdf")
	if r.code != 1 || r.stdout != "" || !strings.Contains(r.stderr, "Chromium") {
		t.Fatalf("without chromium: %d %q %q", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(t.TempDir(), "x.pdf")
	if r := o.run("", "record", "1", "--format", "pdf", "--out", out); r.code != 1 {
		t.Fatalf("without chromium, --out: %+v", r)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Fatal("a file was written without a PDF")
	}
}

func needTools(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("CI") != "" {
				t.Fatalf("%s is required in CI: %v", n, err)
			}
			t.Skipf("%s not installed; skipping", n)
		}
	}
}

// TestRecordSecrecyAnswersFromCLI: a checklist stage answered with
// --answer prints a 保密审查表 with those answers, and the register lists
// them under the stage.
func TestRecordSecrecyAnswersFromCLI(t *testing.T) {
	o := newOffice(t)
	o.lang = ""
	o.ok("", "--as", "admin", "user", "add", "baomi", "--display", "赵保密", "--role", "reviewer")
	wf := filepath.Join(t.TempDir(), "w.yaml")
	if err := os.WriteFile(wf, []byte("stages:\n  - name: 保密审查\n    users: [baomi]\n    checklist: [是否涉及国家秘密？, 是否涉及个人信息？]\n  - name: 签发\n    role: chief\n    signoff: true\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	o.ok("", "--as", "admin", "workflow", "define", "保密", "--file", wf)
	o.ok("", "--as", "admin", "workflow", "set-default", "news", "保密")
	o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开安全稳定工作会议", "--file", "-")
	o.ok("", "--as", "liwei", "article", "submit", "1")
	o.ok("", "--as", "baomi", "article", "approve", "1", "--rev", "1", "-m", "不涉密，同意公开。", "--answer", "1=否", "--answer", "2=是:已征得本人同意")
	page := o.ok("", "record", "1")
	sec := page[strings.Index(page, `class="form secrecy"`):]
	for _, want := range []string{"信息发布保密审查表", "是否涉及国家秘密？", "是否涉及个人信息？", "已征得本人同意", "不涉密，同意公开。", "赵保密"} {
		if !strings.Contains(sec, want) {
			t.Errorf("the 保密审查表 lacks %q", want)
		}
	}
	reg := page[:strings.Index(page, `class="form secrecy"`)]
	if !strings.Contains(reg, `是否涉及国家秘密？ <span class="box"></span>是 <span class="box">✓</span>否`) || !strings.Contains(reg, `是否涉及个人信息？ <span class="box">✓</span>是 <span class="box"></span>否（已征得本人同意）`) {
		t.Error("the register does not list the stage's answers")
	}
}
