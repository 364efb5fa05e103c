package cli_test

import (
	"encoding/binary"
	"strings"
	"testing"
)

// 更正 from the command line: the note is required, the corrected text
// goes through review (the writer cannot sign it), the note and the new
// text are shown once signed; 撤稿 needs the chief and a reason.
func TestCorrectAndTakedownCommands(t *testing.T) {
	o := signed(t)
	pulled := o.ok("", "--as", "liwei", "article", "pull", "1")
	fixed := strings.Replace(pulled, "全面排查", "全面排查和整改", 1)
	o.fails(2, "correction note", fixed, "--as", "liwei", "article", "correct", "1", "--note", " ", "--file", "-")
	o.ok("", "--as", "admin", "user", "add", "zhao", "--display", "赵丽", "--role", "writer")
	o.fails(4, "may not correct article 1", fixed, "--as", "zhao", "article", "correct", "1", "--note", "更正", "--file", "-")
	out := o.ok(fixed, "--as", "liwei", "article", "correct", "1", "--note", "原稿“全面排查”后漏写“和整改”，已更正。", "--file", "-")
	if !strings.Contains(out, "correction of article 1 started (revision 2") {
		t.Fatalf("correct: %s", out)
	}
	o.fails(1, "waits for 审核", "", "--as", "shenjl", "article", "signoff", "1", "-m", "同意")
	o.ok("", "--as", "wangyin", "article", "show", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "-m", "同意更正")
	o.ok("", "--as", "liwei", "article", "show", "1")
	o.fails(4, "needs the chief role", "", "--as", "liwei", "article", "signoff", "1", "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "show", "1")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "-m", "同意更正")
	show := o.ok("", "article", "show", "1")
	if !strings.Contains(show, "correction 1: revision 2, signed off") || !strings.Contains(show, "已更正") || !strings.Contains(show, "全面排查和整改") {
		t.Fatalf("show after the correction:\n%s", show)
	}

	o.fails(4, "taking down (撤稿) needs the chief role", "", "--as", "liwei", "article", "takedown", "1", "-m", "撤下")
	o.fails(2, "written opinion", "", "--as", "shenjl", "article", "takedown", "1")
	o.ok("", "--as", "shenjl", "article", "takedown", "1", "-m", "涉及未公开信息，撤稿")
	show = o.ok("", "article", "show", "1")
	if !strings.Contains(show, "taken down (撤稿): revision 2 by 沈建龙 (shenjl)") || !strings.Contains(show, "涉及未公开信息") {
		t.Fatalf("show after the takedown:\n%s", show)
	}
	o.fails(1, "only an article with a signed-off revision on the site can be taken down", "", "--as", "shenjl", "article", "withdraw", "1", "-m", "再撤")
	if r := o.run("", "verify"); r.code != 0 {
		t.Fatalf("verify: %d %s%s", r.code, r.stdout, r.stderr)
	}
	// Someone with the file rewrites the reason: verify names it.
	poke(t, o.db, "articles", binary.BigEndian.AppendUint64(nil, 1), "涉及未公开信息", "作者要求")
	if r := o.run("", "verify"); r.code == 0 || !strings.Contains(r.stdout+r.stderr, "takedown (撤稿) does not match audit record") {
		t.Fatalf("verify after tampering: %d %s%s", r.code, r.stdout, r.stderr)
	}
}
