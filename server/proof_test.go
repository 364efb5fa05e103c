package server_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// TestProofOverSSH: the 三校 commands over a real SSH connection — a list
// file comes on standard input (a local path is refused), the check prints
// line and column and exits 1 with errors, --fix saves a revision by the
// session's user.
func TestProofOverSSH(t *testing.T) {
	o := newOffice(t)
	id := o.article(t, o.chen, "校园开放日", "校园开放日在嘉禾职业技朮学院举行,欢迎参加。")
	ts := start(t, o, nil)

	if r := ts.runAs(t, o.wang, "", "proof import org orgs.txt"); r.code == 0 || !strings.Contains(r.stderr, locale.T(locale.ZH, "CLIRemoteFileStdin")) {
		t.Fatalf("a server-side path was read: %+v", r)
	}
	if r := ts.runAs(t, o.chen, "嘉禾职业技术学院\n", "proof import org -"); r.code != 4 {
		t.Fatalf("a writer imported a list: %+v", r)
	}
	if r := ts.runAs(t, o.wang, "# 机构名\n嘉禾职业技术学院\n", "proof import org -"); r.code != 0 || !strings.Contains(r.stdout, "1 条，现为第 1 版") {
		t.Fatalf("import over SSH: %+v", r)
	}
	// the owner checks the draft (no one else may see it yet)
	r := ts.runAs(t, o.chen, "", "article check "+strconv.FormatUint(id, 10))
	if r.code != 1 || !strings.Contains(r.stdout, "正文 1:7  错误  P15") || !strings.Contains(r.stdout, "正文 1:17  错误  P1  “,”") {
		t.Fatalf("check over SSH: %+v", r)
	}
	if r := ts.runAs(t, o.li, "", "article check "+strconv.FormatUint(id, 10)+" --fix"); r.code != 4 {
		t.Fatalf("a reviewer who may not edit fixed the draft: %+v", r)
	}
	if r := ts.runAs(t, o.chen, "", "article check "+strconv.FormatUint(id, 10)+" --fix"); r.code != 0 || !strings.Contains(r.stdout, "保存为第 2 版") {
		t.Fatalf("fix over SSH: %+v", r)
	}
	a, rev, err := o.st.Head(id)
	if err != nil || rev.Author != "chen" || rev.Content.Body != "校园开放日在嘉禾职业技术学院举行，欢迎参加。" || a.Rev != 2 {
		t.Fatalf("after --fix: rev %d by %s: %q (%v)", a.Rev, rev.Author, rev.Content.Body, err)
	}
	if r := ts.runAs(t, o.chen, "", "article check "+strconv.FormatUint(id, 10)); r.code != 0 {
		t.Fatalf("check after the fix: %+v", r)
	}
}
