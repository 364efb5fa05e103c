package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestCheckIgnore: `article check` numbers the findings and speaks the
// reader's language; `--ignore N -m REASON` lets a warning stand (errors
// are refused, a reason is required, N must exist), the listing then says
// who ignored it and why, --fix fixes the rest (also in the same line) but
// not it, and 送审 goes through with it counted as waived.
func TestCheckIgnore(t *testing.T) {
	o := newOffice(t)
	o.ok("查漏补缺 => 补齐短板\n", "--as", "admin", "proof", "import", "caution", "-")
	id := strings.TrimSpace(o.ok("11月20日,学院召开会议。\n\n会议要求各部门查漏补缺，确保各项工作按时完成,不留死角。\n", "--as", "liwei", "article", "new", "--title", "学院召开会议", "--file", "-"))
	r := o.run("", "article", "check", id)
	if r.code != 1 || !strings.Contains(r.stdout, "1. body 1:7  error  P1  “,” use the full-width “，” in Chinese text") ||
		!strings.Contains(r.stdout, "2. body 3:8  warning  P16-caution  “查漏补缺” word to use with care: “查漏补缺”; better “补齐短板”") {
		t.Fatalf("check (en): %+v", r)
	}
	if !strings.Contains(r.stdout, "(caution v1; default rules)") {
		t.Fatalf("list versions (en): %s", r.stdout)
	}
	o.lang = ""
	if r := o.run("", "article", "check", id); !strings.Contains(r.stdout, "1. 正文 1:7  错误  P1  “,” 中文语境中应使用全角“，”") ||
		!strings.Contains(r.stdout, "（慎用词第1版；默认规则）") || r.code != 1 || strings.Contains(r.stderr, "errors") {
		t.Fatalf("check (zh): %+v", r)
	}
	o.lang = "en_US.UTF-8"
	o.fails(1, "cannot be ignored", "", "--as", "liwei", "article", "check", id, "--ignore", "1", "-m", "原文如此")
	o.fails(2, "written reason", "", "--as", "liwei", "article", "check", id, "--ignore", "2")
	o.fails(2, "no finding 9", "", "--as", "liwei", "article", "check", id, "--ignore", "9", "-m", "x")
	o.fails(4, "", "", "--as", "wangyin", "article", "check", id, "--ignore", "2", "-m", "x")
	if out := o.ok("", "--as", "liwei", "article", "check", id, "--ignore", "2", "-m", "会议原话"); !strings.Contains(out, "ignored P16-caution@body:") {
		t.Fatalf("ignore printed %q", out)
	}
	if r := o.run("", "article", "check", id); !strings.Contains(r.stdout, "ignored (liwei, revision 1): 会议原话") {
		t.Fatalf("check after the ignore: %+v", r)
	}
	o.ok("", "--as", "liwei", "article", "check", id, "--fix")
	var res struct {
		Findings []struct {
			Key     string `json:"key"`
			Message string `json:"message"`
			Ignored *struct {
				By, Reason string
			} `json:"ignored"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(o.ok("", "article", "check", id, "--json")), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Ignored == nil || res.Findings[0].Ignored.Reason != "会议原话" || !strings.Contains(res.Findings[0].Message, "use with care") {
		t.Fatalf("json after --fix: %+v", res)
	}
	o.ok("", "--as", "liwei", "article", "submit", id)
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "review") && !strings.Contains(out, "审核") {
		t.Fatalf("not in review after submit: %s", out)
	}
}
