package server_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// signed takes a draft of chen's through review: li approves, zhao signs.
func signed(t *testing.T, o *office) (uint64, *model.Article) {
	t.Helper()
	id := o.article(t, o.chen, "学院召开2026年冬季安全工作会议", "11月20日下午，学院召开冬季安全工作会议。")
	decide := func(u *user, act model.Action, op string) {
		t.Helper()
		a, err := o.st.Get(id)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := o.st.Decide(u.actor(), id, store.Decision{Action: act, Opinion: op, Rev: a.Rev, Hash: a.Hash}); err != nil {
			t.Fatalf("%s %s: %v", u.login, act, err)
		}
	}
	decide(o.chen, model.ActSubmit, "")
	decide(o.li, model.ActApprove, "内容属实，同意。")
	decide(o.zhao, model.ActSignOff, "同意发布")
	a, err := o.st.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return id, a
}

// TestRecordPDFOverOpenSSH: `ssh … record ID --format pdf > f.pdf` with
// the OpenSSH client gives a PDF whose bytes arrived intact (the binary
// marker line survives, poppler reads it without a complaint and finds
// the title, the signers and the content hash); with a PTY (ssh -t) the
// PDF is refused; a user who may not see an article may not print it.
func TestRecordPDFOverOpenSSH(t *testing.T) {
	needTool(t, "ssh", "chromium", "pdftotext", "pdfinfo")
	o := newOffice(t)
	id, a := signed(t, o)
	ts := start(t, o, nil)
	li := newSSHClient(t, ts.addr, o.li)

	file := filepath.Join(t.TempDir(), "record.pdf")
	cmd := exec.Command("sh", "-c", fmt.Sprintf("ssh %s > %s", shellJoin(li.args("record", fmt.Sprint(id), "--format", "pdf")), file))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ssh record > file: %v %s", err, out)
	}
	pdf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[:16], []byte{'\n', '%', 0xd3, 0xeb, 0xe9, 0xe1, '\n'}) ||
		!bytes.HasSuffix(bytes.TrimRight(pdf, "\r\n"), []byte("%%EOF")) {
		t.Fatalf("the PDF did not arrive intact: %d bytes, starts %.20q", len(pdf), pdf)
	}
	info, err := exec.Command("pdfinfo", file).CombinedOutput()
	if err != nil || strings.Contains(string(info), "Error") {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{a.Title, "李明", "赵丽焕", a.Signed.Hash} {
		if !strings.Contains(string(txt), want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}

	// ssh -t: the session has a PTY, the PDF is refused.
	c := ts.dial(t, o.li)
	s, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	s.Stdout, s.Stderr = &out, &errb
	err = s.Run(fmt.Sprintf("record %d --format pdf", id))
	var ee *gossh.ExitError
	if !errors.As(err, &ee) || ee.ExitStatus() != 1 || bytes.Contains(out.Bytes(), []byte("%PDF")) ||
		!strings.Contains(out.String()+errb.String(), "PDF") {
		t.Fatalf("record --format pdf with a PTY: %v, stdout %q, stderr %q", err, out.String(), errb.String())
	}
	// --out names a file on the server: refused over SSH.
	if r := run(t, c, "", fmt.Sprintf("record %d --out /tmp/x.html", id)); r.code != 4 {
		t.Errorf("--out over SSH: %+v", r)
	}
	// A draft of chen's is not li's to see, nor to print.
	draft := o.article(t, o.chen, "尚未送审的草稿", "正文")
	if r := run(t, c, "", fmt.Sprintf("record %d", draft)); r.code != 4 || !strings.Contains(r.stderr, "无权查看") {
		t.Errorf("li printed chen's draft: %+v", r)
	}
	if r := ts.runAs(t, o.chen, "", fmt.Sprintf("record %d", draft)); r.code != 0 || !strings.Contains(r.stdout, "尚未送审的草稿") {
		t.Errorf("chen's own draft: %+v", r)
	}
}
