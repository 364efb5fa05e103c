package server_test

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/locale"
)

// Over SSH an admin defines a workflow with the file on standard input; a
// local path is refused, a bad file names its line, a non-admin is denied.
func TestWorkflowDefineOverSSH(t *testing.T) {
	o := newOffice(t)
	ts := start(t, o, nil)
	def := "stages:\n  - name: 宣传部审核\n    role: reviewer\n    checklist: [是否涉及国家秘密？]\n  - name: 主编签发\n    role: chief\n    signoff: true\n"
	if r := ts.runAs(t, o.wang, def, "workflow define college --file -"); r.code != 0 || !strings.Contains(r.stdout, "宣传部审核 → 主编签发") {
		t.Fatalf("define: %+v", r)
	}
	if r := ts.runAs(t, o.wang, "", "workflow define college --file /etc/passwd"); r.code != 4 || !strings.Contains(r.stderr, locale.T(locale.ZH, "CLIRemoteFileStdin")) {
		t.Fatalf("a path over SSH: %+v", r)
	}
	if r := ts.runAs(t, o.wang, "stages:\n  - name: x\n    role: reviewer\n", "workflow define bad --file -"); r.code != 1 || !(strings.Contains(r.stderr, "第 2 行") || strings.Contains(r.stderr, "line 2")) || !strings.Contains(r.stderr, "signoff: true") {
		t.Fatalf("no sign-off: %+v", r)
	}
	if r := ts.runAs(t, o.chen, def, "workflow define college --file -"); r.code != 4 {
		t.Fatalf("writer defines: %+v", r)
	}
	if r := ts.runAs(t, o.li, "", "workflow show college"); r.code != 0 || !strings.Contains(r.stdout, "是否涉及国家秘密？") {
		t.Fatalf("show: %+v", r)
	}
}
