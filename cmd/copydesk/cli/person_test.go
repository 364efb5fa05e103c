package cli_test

import (
	"strings"
	"testing"
)

// TestShowNamesPeopleOneWay: every line of article show that names a
// person — the owner, approvals, an open 更正 and its sign-off, 撤稿 —
// names them 姓名（login）, never by login alone.
func TestShowNamesPeopleOneWay(t *testing.T) {
	o := signedRecord(t)
	o.lang = "" // zh-CN
	pulled := o.ok("", "--as", "liwei", "article", "pull", "1")
	o.ok(pulled+"\n补充一句。", "--as", "liwei", "article", "correct", "1", "--note", "补充了一句。", "--file", "-")
	show := o.ok("", "article", "show", "1")
	for _, want := range []string{"撰稿人：李伟（liwei）", "更正 1（审核中）：李伟（liwei） 于"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
	o.ok("", "--as", "wangyin", "article", "show", "1")
	o.ok("", "--as", "wangyin", "article", "approve", "1", "-m", "同意更正")
	if show := o.ok("", "article", "show", "1"); !strings.Contains(show, "通过：王音（wangyin）") {
		t.Errorf("show lacks the approval by 王音（wangyin）:\n%s", show)
	}
	o.ok("", "--as", "shenjl", "article", "show", "1")
	o.ok("", "--as", "shenjl", "article", "signoff", "1", "-m", "同意更正")
	o.ok("", "--as", "shenjl", "article", "takedown", "1", "-m", "涉及未公开信息，撤稿")
	show = o.ok("", "article", "show", "1")
	for _, want := range []string{"签发（李伟（liwei） 提出）", "由 沈建龙（shenjl） 于"} {
		if !strings.Contains(show, want) {
			t.Errorf("show lacks %q:\n%s", want, show)
		}
	}
}
