package tui

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

func signedForPrint(t *testing.T) *store.Store {
	t.Helper()
	st := testStore(t)
	if _, err := st.Create(liwei, meetingContent(), ""); err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		act store.Actor
		a   model.Action
		op  string
	}{{liwei, model.ActSubmit, ""}, {wangyin, model.ActApprove, "同意。"}, {shenjl, model.ActSignOff, "同意发布"}} {
		a, _ := st.Get(1)
		if _, err := st.Decide(d.act, 1, store.Decision{Action: d.a, Opinion: d.op, Rev: a.Rev, Hash: a.Hash}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// TestHistoryPrintsTheRegister: p on the history page saves the 审核登记表
// (as HTML where Chromium is missing) in the records folder beside the
// database for a session over SSH (never the public export folder) and
// says where.
func TestHistoryPrintsTheRegister(t *testing.T) {
	st := signedForPrint(t)
	t.Setenv("PATH", t.TempDir()) // no Chromium: the HTML is saved
	h := newHarness(t, st, "wangyin", 120, 30)
	h.run(push(newHistory(h.app.s, 1)))
	if !strings.Contains(h.view(), "打印登记表") {
		t.Fatalf("the history's help does not offer the register:\n%s", h.view())
	}
	h.keys("p")
	want := filepath.Join(filepath.Dir(st.Path()), "records", "审核登记表-1.html")
	raw, err := os.ReadFile(want)
	if err != nil {
		t.Fatalf("no register at %s: %v\n%s", want, err, h.view())
	}
	if !bytes.Contains(raw, []byte("信息发布审核登记表")) || !bytes.Contains(raw, []byte("王音")) {
		t.Fatal("the saved register lacks its heading or the reviewer")
	}
	if site, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path()), "site", "*")); len(site) > 0 {
		t.Fatalf("the register went into the public site folder: %v", site)
	}
	if v := h.view(); !strings.Contains(v, "审核登记表-1.html") || !strings.Contains(v, "未安装 Chromium") {
		t.Fatalf("the page does not say where the register went:\n%s", v)
	}
}

// TestHistoryPrintsThePDF runs the print command itself (it takes longer
// than the harness waits) and checks the PDF it saved.
func TestHistoryPrintsThePDF(t *testing.T) {
	if _, err := exec.LookPath("chromium"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal(err)
		}
		t.Skip("chromium not installed")
	}
	st := signedForPrint(t)
	h := newHarness(t, st, "wangyin", 120, 30)
	h.run(push(newHistory(h.app.s, 1)))
	hp, ok := h.app.stack[len(h.app.stack)-1].(*historyPage)
	if !ok {
		t.Fatalf("not on the history page: %T", h.app.stack[len(h.app.stack)-1])
	}
	msg := hp.printRecord()()
	h.send(msg)
	want := filepath.Join(filepath.Dir(st.Path()), "records", "审核登记表-1.pdf")
	raw, err := os.ReadFile(want)
	if err != nil || !bytes.HasPrefix(raw, []byte("%PDF-")) {
		t.Fatalf("no PDF at %s: %v", want, err)
	}
	if v := h.view(); !strings.Contains(v, "审核登记表-1.pdf") {
		t.Fatalf("the page does not say where the PDF went:\n%s", v)
	}
}
