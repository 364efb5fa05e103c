package cli_test

import (
	"strings"
	"testing"
)

// article show names the owner (李伟（liwei）), as the decisions name
// people, and leaves out the fields that are empty (no "出席：" with
// nothing after it).
func TestArticleShowOwnerNameAndEmptyFields(t *testing.T) {
	o := newOffice(t)
	o.lang = "zh_CN.UTF-8"
	id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--kind", "meeting", "--title", "学院召开安全稳定工作会议",
		"--meeting", "安全稳定工作会议", "--date", "2026-11-20", "--chair", "张明", "--source", "", "--file", "-"))
	out := o.ok("", "article", "show", id)
	if !strings.Contains(out, "撰稿人：李伟（liwei）") {
		t.Errorf("the owner is not named:\n%s", out)
	}
	for _, empty := range []string{"来源：", "摄影：", "地点：", "出席："} {
		if strings.Contains(out, empty) {
			t.Errorf("empty field %s printed:\n%s", empty, out)
		}
	}
	for _, want := range []string{"会议：安全稳定工作会议", "日期：2026-11-20", "主持：张明"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s:\n%s", want, out)
		}
	}
	o.lang = "en_US.UTF-8"
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "owner: 李伟 (liwei)") || strings.Contains(out, "attendees:") {
		t.Errorf("en:\n%s", out)
	}
}
