package cli_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/mattn/go-runewidth"
)

// collegeWorkflow is 撰稿 → 部门负责人审核 → 保密审查 → 宣传部审核 → 分管领导签发:
// the writer's own step, then four review stages on custom and built-in roles.
const collegeWorkflow = `stages:
  - name: 部门负责人审核
    role: depthead
  - name: 保密审查
    role: 保密员
    checklist:
      - 是否涉及国家秘密？
      - 是否涉及工作秘密？
      - 是否涉及个人信息？
      - 是否属于内部事项？
      - 是否含有涉密场所图片？
  - name: 宣传部审核
    role: reviewer
  - name: 分管领导签发
    role: leader
    signoff: true
`

func collegeOffice(t *testing.T) *office {
	o := newOffice(t)
	o.fails(4, "admin", "", "--as", "liwei", "role", "add", "depthead", "--display", "部门负责人")
	o.ok("", "--as", "admin", "role", "add", "depthead", "--display", "部门负责人")
	o.ok("", "--as", "admin", "role", "add", "secrecy", "--display", "保密员")
	o.ok("", "--as", "admin", "role", "add", "leader", "--display", "分管领导")
	o.fails(1, "already exists", "", "--as", "admin", "role", "add", "secrecy", "--display", "保密员二")
	o.fails(1, "built-in role", "", "--as", "admin", "role", "add", "chief", "--display", "总编")
	// Roles by name or by the office's word for them; an unknown one is refused.
	o.ok("", "--as", "admin", "user", "add", "zhaodept", "--display", "赵主任", "--role", "部门负责人,secrecy")
	o.ok("", "--as", "admin", "user", "add", "qianbm", "--display", "钱保密", "--role", "保密员")
	o.ok("", "--as", "admin", "user", "add", "sunld", "--display", "孙领导", "--role", "leader")
	o.fails(2, "boss", "", "--as", "admin", "user", "add", "zhou", "--display", "周", "--role", "boss")
	if out := o.ok("", "role", "list"); !strings.Contains(out, "secrecy") || !strings.Contains(out, "保密员") || !strings.Contains(out, "chief") {
		t.Fatalf("role list: %q", out)
	}
	return o
}

// The five-stage college workflow, defined from a file and run end to end
// through the command line: separation of duties on custom stages, an edit
// after a middle stage sending it back, and articles already in review
// keeping the workflow they started with.
func TestCollegeWorkflowEndToEnd(t *testing.T) {
	o := collegeOffice(t)
	// An article in review under the old preset, before any definition.
	old := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "旧流程的稿件", "--file", "-"))
	o.ok("", "--as", "liwei", "article", "submit", old)

	// Only an admin defines; a bad file names its line; the file is read locally by path.
	o.fails(4, "admin", collegeWorkflow, "--as", "liwei", "workflow", "define", "college", "--file", "-")
	bad := strings.Replace(collegeWorkflow, "role: leader", "role: boss", 1)
	o.fails(1, "line 15", bad, "--as", "admin", "workflow", "define", "college", "--file", "-")
	o.fails(1, "must be the sign-off", strings.Replace(collegeWorkflow, "    signoff: true\n", "", 1), "--as", "admin", "workflow", "define", "college", "--file", "-")
	o.fails(1, "built-in workflow", collegeWorkflow, "--as", "admin", "workflow", "define", "三审", "--file", "-")
	path := filepath.Join(t.TempDir(), "college.yaml")
	if err := os.WriteFile(path, []byte(collegeWorkflow), 0o600); err != nil {
		t.Fatal(err)
	}
	if out := o.ok("", "--as", "admin", "workflow", "define", "college", "--file", path); !strings.Contains(out, "部门负责人审核 → 保密审查 → 宣传部审核 → 分管领导签发") {
		t.Fatalf("define: %q", out)
	}
	show := o.ok("", "workflow", "show", "college")
	for _, want := range []string{"2. 保密审查  role: secrecy", "□ 是否含有涉密场所图片？", "4. 分管领导签发  role: leader  (sign-off)", "sha256 "} {
		if !strings.Contains(show, want) {
			t.Fatalf("workflow show lacks %q:\n%s", want, show)
		}
	}
	if out := o.ok("", "workflow", "list"); !strings.Contains(out, "college") || !strings.Contains(out, "三审") {
		t.Fatalf("list: %q", out)
	}
	o.fails(1, "unknown workflow", "", "--as", "admin", "workflow", "set-default", "news", "nosuch")
	o.ok("", "--as", "admin", "workflow", "set-default", "news", "college")

	id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "学院召开保密工作会议", "--file", "-"))
	o.ok("", "--as", "liwei", "article", "submit", id)
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "部门负责人审核 → 保密审查") {
		t.Fatalf("new article's workflow: %q", out)
	}
	decide := func(who, act string) result {
		// read first; one the article does not wait for may not see it
		// (exit 4), and the decision below is refused anyway
		o.run("", "--as", who, "article", "show", id)
		return o.run("", "--as", who, "article", act, id, "-m", "同意")
	}
	mustDecide := func(who, act string) {
		t.Helper()
		if r := decide(who, act); r.code != 0 {
			t.Fatalf("%s %s: exit %d %s", who, act, r.code, r.stderr)
		}
	}
	// a reviewer the stage does not wait for may not see it: refused as
	// reading it is, naming no stage (model.MayAct)
	if r := decide("wangyin", "approve"); r.code != 4 || !strings.Contains(r.stderr, "is not visible to wangyin") || strings.Contains(r.stderr, "depthead") {
		t.Fatalf("reviewer at 部门负责人审核: %d %q", r.code, r.stderr)
	}
	mustDecide("zhaodept", "approve")
	// zhaodept also holds secrecy, but acted at 部门负责人审核.
	if r := decide("zhaodept", "approve"); r.code != 4 || !strings.Contains(r.stderr, "部门负责人审核") {
		t.Fatalf("one person at two stages: %d %q", r.code, r.stderr)
	}
	// 保密审查 asks its five questions: show lists them, a partial answer
	// is refused naming the rest, a bad one is a usage error.
	if out := o.ok("", "--as", "qianbm", "article", "show", id); !strings.Contains(out, "5. 是否含有涉密场所图片？") {
		t.Fatalf("show lacks the checklist:\n%s", out)
	}
	r := o.run("", "--as", "qianbm", "article", "approve", id, "-m", "不涉密", "--answer", "1=否", "--answer", "2=no", "--answer", "3=否")
	if r.code != 1 || !strings.Contains(r.stderr, "4. 是否属于内部事项？") || !strings.Contains(r.stderr, "5. 是否含有涉密场所图片？") || strings.Contains(r.stderr, "1. 是否涉及国家秘密") {
		t.Fatalf("partial answers: %d %q", r.code, r.stderr)
	}
	o.fails(2, "3=maybe", "", "--as", "qianbm", "article", "approve", id, "-m", "不涉密", "--answer", "3=maybe")
	o.fails(2, "6", "", "--as", "qianbm", "article", "approve", id, "-m", "不涉密", "--answer", "6=no")
	answers := []string{"--answer", "1=否", "--answer", "2=否", "--answer", "3=是:含学生姓名，已获同意", "--answer", "4=no", "--answer", "5=no"}
	approveWith := func(who string) {
		t.Helper()
		o.ok("", "--as", who, "article", "show", id)
		if r := o.run("", append([]string{"--as", who, "article", "approve", id, "-m", "不涉密"}, answers...)...); r.code != 0 {
			t.Fatalf("%s approve with answers: %d %s", who, r.code, r.stderr)
		}
	}
	approveWith("qianbm")
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "3. 是否涉及个人信息？  yes（含学生姓名，已获同意）") || !strings.Contains(out, "1. 是否涉及国家秘密？  no") {
		t.Fatalf("answers not shown:\n%s", out)
	}
	// A redefinition now changes nothing for this article.
	o.ok(strings.Replace(collegeWorkflow, "宣传部审核", "宣传部复核", 1), "--as", "admin", "workflow", "define", "college", "--file", "-")
	// An edit after the middle stage: every approval is stale, back to the first stage.
	pulled := o.ok("", "article", "pull", id)
	o.ok(strings.Replace(pulled, "全面排查", "全面排查和整改", 1), "--as", "liwei", "article", "push", id)
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "review (部门负责人审核)") || !strings.Contains(out, "stale") || !strings.Contains(out, "宣传部审核 → 分管领导签发") {
		t.Fatalf("edit after 保密审查:\n%s", out)
	}
	if r := decide("wangyin", "approve"); r.code != 4 {
		t.Fatalf("宣传部 before the stale stages: %d %q", r.code, r.stderr)
	}
	mustDecide("zhaodept", "approve")
	approveWith("qianbm")
	mustDecide("wangyin", "approve")
	// the chief holds no role of 分管领导签发: he may not see it
	if r := decide("shenjl", "signoff"); r.code != 4 || !strings.Contains(r.stderr, "is not visible to shenjl") || strings.Contains(r.stderr, "leader") {
		t.Fatalf("chief at 分管领导签发: %d %q", r.code, r.stderr)
	}
	mustDecide("sunld", "signoff")
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "signed") {
		t.Fatalf("after sign-off:\n%s", out)
	}
	// The exported page credits every stage of the office's workflow: the
	// custom roles' reviewers and the 分管领导 who signed, as the sign-off
	// box promised, not only the stages on built-in roles.
	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "export", "--out", site)
	page, err := os.ReadFile(filepath.Join(site, "articles", id, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(string(page), "")
	// (the writer's 部门 is the 资讯来源 by default: 图文来源 leads the line)
	if !strings.Contains(text, "（图文来源：党委宣传部 审核：赵主任、钱保密、王音 分管领导：孙领导）") {
		t.Fatalf("credits of the college workflow:\n%s", page)
	}
	// The article under the old preset finishes under it.
	if out := o.ok("", "article", "show", old); !strings.Contains(out, "审核 → 主编签发") {
		t.Fatalf("old article: %q", out)
	}
	o.ok("", "--as", "wangyin", "article", "show", old)
	o.ok("", "--as", "wangyin", "article", "approve", old, "-m", "同意")
	o.ok("", "--as", "shenjl", "article", "show", old)
	o.ok("", "--as", "shenjl", "article", "signoff", old, "-m", "同意发布")
	if out := o.ok("", "verify"); !strings.Contains(out, "2 signed-off") {
		t.Fatal(out)
	}
	o.ok("", "check")
}

// Over SSH the definition comes on standard input; a path is refused.
func TestWorkflowDefineStdinOnly(t *testing.T) {
	o := newOffice(t)
	o.fails(2, "--file", collegeWorkflow, "--as", "admin", "workflow", "define", "college")
	o.fails(1, "line 3", "stages:\n  - name: 签发\n    role: chief: x\n", "--as", "admin", "workflow", "define", "x", "--file", "-")
}

// 会签 and 本人审阅 from the command line: two named users countersign
// (one returns, then both approve); an extra reader added by the writer
// must approve before sign-off, sees the article, and is shown.
func TestCountersignAndReaderCLI(t *testing.T) {
	o := newOffice(t)
	o.ok("", "--as", "admin", "user", "add", "zhangming", "--display", "张明", "--role", "writer")
	o.ok("", "--as", "admin", "user", "add", "chenfang", "--display", "陈芳", "--role", "reviewer")
	o.ok("stages:\n  - name: 会签\n    users: [wangyin, chenfang]\n    all: true\n  - name: 签发\n    role: chief\n    signoff: true\n", "--as", "admin", "workflow", "define", "joint", "--file", "-")
	o.ok("", "--as", "admin", "workflow", "set-default", "news", "joint")
	id := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "张明书记讲话", "--tag", "讲话", "--file", "-"))
	o.ok("", "--as", "admin", "user", "add", "zhaoli", "--display", "赵丽", "--role", "writer")
	o.fails(4, "is not visible to zhaoli", "", "--as", "zhaoli", "article", "reader", "add", id, "zhangming")
	if out := o.ok("", "--as", "liwei", "article", "reader", "add", id, "zhangming", "-m", "讲话稿须本人审阅"); !strings.Contains(out, "zhangming") {
		t.Fatal(out)
	}
	o.ok("", "--as", "liwei", "article", "submit", id)
	if out := o.ok("", "--as", "zhangming", "article", "show", id); !strings.Contains(out, "张明书记讲话") || !strings.Contains(out, "讲话") {
		t.Fatalf("reader's view:\n%s", out)
	}
	decide := func(who string, args ...string) result {
		o.ok("", "--as", who, "article", "show", id)
		return o.run("", append([]string{"--as", who, "article"}, append(args[:1], append([]string{id}, args[1:]...)...)...)...)
	}
	if r := decide("wangyin", "approve", "-m", "同意"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "chenfang") || !strings.Contains(out, "会签") {
		t.Fatalf("countersign waiting:\n%s", out)
	}
	if r := decide("chenfang", "return", "-m", "引文需核对原稿"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "引文需核对原稿") || !strings.Contains(out, "draft") {
		t.Fatalf("returned:\n%s", out)
	}
	pulled := o.ok("", "article", "pull", id)
	o.ok(strings.Replace(pulled, "全面排查", "全面排查、整改", 1), "--as", "liwei", "article", "push", id)
	o.ok("", "--as", "liwei", "article", "submit", id)
	// chenfang's diff starts from the revision she returned, and says so
	// (the TUI's 改动 tab and article diff share model.Article.DiffBasis).
	if out := o.ok("", "--as", "chenfang", "article", "diff", id); !strings.Contains(out, "revision 1 → 2") || !strings.Contains(out, "from revision 1 (return: 陈芳)") || !strings.Contains(out, "{+、整改+}") {
		t.Fatalf("re-review diff:\n%s", out)
	}
	for _, who := range []string{"chenfang", "wangyin"} {
		if r := decide(who, "approve", "-m", "同意"); r.code != 0 {
			t.Fatalf("%s: %s", who, r.stderr)
		}
	}
	if r := decide("shenjl", "signoff", "-m", "签发"); r.code != 1 || !strings.Contains(r.stderr, "zhangming") {
		t.Fatalf("sign-off before the reader: %d %q", r.code, r.stderr)
	}
	if r := decide("zhangming", "approve", "-m", "属实"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if out := o.ok("", "article", "show", id); !strings.Contains(out, "张明（zhangming）") && !strings.Contains(out, "张明 (zhangming)") {
		t.Fatalf("reader not shown:\n%s", out)
	}
	// The chief sees every earlier decision on article show: wangyin's
	// approval from before the return, chenfang's return (its opinion,
	// after resubmission too), both 会签 approvals and the reader's.
	out := o.ok("", "--as", "shenjl", "article", "show", id)
	for _, want := range []string{"Earlier decisions:", "return: 引文需核对原稿", "陈芳 (chenfang)", "王音 (wangyin)", "本人审阅 · 张明 (zhangming)", "属实"} {
		if !strings.Contains(out, want) {
			t.Fatalf("article show lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "· 会签 ·"); n != 4 { // approve, return, approve, approve
		t.Fatalf("%d 会签 decisions listed, want 4:\n%s", n, out)
	}
	if r := decide("shenjl", "signoff", "-m", "签发"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	if out := o.ok("", "verify"); !strings.Contains(out, "1 signed-off") {
		t.Fatal(out)
	}
}

// role remove and workflow delete: refused while in use, naming what.
func TestRemoveRoleAndDeleteWorkflowCLI(t *testing.T) {
	o := collegeOffice(t)
	o.ok(collegeWorkflow, "--as", "admin", "workflow", "define", "college", "--file", "-")
	o.ok("", "--as", "admin", "workflow", "set-default", "news", "college")
	o.fails(1, "qianbm", "", "--as", "admin", "role", "remove", "secrecy")
	o.fails(1, "news", "", "--as", "admin", "workflow", "delete", "college")
	o.fails(4, "admin", "", "--as", "liwei", "workflow", "delete", "college")
	o.fails(1, "built-in", "", "--as", "admin", "workflow", "delete", "三审")
	o.ok("", "--as", "admin", "workflow", "set-default", "news", "default")
	if out := o.ok("", "--as", "admin", "workflow", "delete", "college"); !strings.Contains(out, "college") {
		t.Fatal(out)
	}
	o.fails(1, "sunld", "", "--as", "admin", "role", "remove", "leader")
	o.ok("", "--as", "admin", "user", "edit", "sunld", "--roles", "chief")
	o.ok("", "--as", "admin", "role", "remove", "leader")
	if out := o.ok("", "role", "list"); strings.Contains(out, "分管领导") {
		t.Fatalf("removed role listed:\n%s", out)
	}
}

// Under zh-CN an office's own roles read as the office named them
// (部门负责人, not depthead) wherever a user sees them: user add, user list,
// whoami, workflow show; and Chinese workflow names keep the columns of
// workflow list straight.
func TestCustomRolesReadInChinese(t *testing.T) {
	o := collegeOffice(t)
	o.lang = ""
	if out := o.ok("", "--as", "admin", "user", "add", "wuld", "--display", "吴领导", "--role", "leader,chief"); !strings.Contains(out, "角色：分管领导、主编") {
		t.Fatalf("user add: %q", out)
	}
	list := o.ok("", "user", "list")
	for _, want := range []string{"保密员", "分管领导、主编", "部门负责人、保密员"} {
		if !strings.Contains(list, want) {
			t.Fatalf("user list lacks %q:\n%s", want, list)
		}
	}
	if out := o.ok("", "--as", "qianbm", "whoami"); !strings.Contains(out, "保密员") || strings.Contains(out, "secrecy") {
		t.Fatalf("whoami: %q", out)
	}
	path := filepath.Join(t.TempDir(), "college.yaml")
	if err := os.WriteFile(path, []byte(collegeWorkflow), 0o600); err != nil {
		t.Fatal(err)
	}
	o.ok("", "--as", "admin", "workflow", "define", "college", "--file", path)
	show := o.ok("", "workflow", "show", "college")
	for _, want := range []string{"1. 部门负责人审核  角色：部门负责人", "2. 保密审查  角色：保密员", "3. 宣传部审核  角色：审核", "4. 分管领导签发  角色：分管领导", "撤稿：角色：主编"} {
		if !strings.Contains(show, want) {
			t.Fatalf("workflow show lacks %q:\n%s", want, show)
		}
	}
	if strings.Contains(show, "depthead") || strings.Contains(show, "reviewer") || strings.Contains(show, "chief") {
		t.Fatalf("workflow show names roles by their IDs:\n%s", show)
	}
	// the stage lists start in one column, whatever the names' widths
	col := -1
	for _, line := range strings.Split(strings.TrimSpace(o.ok("", "workflow", "list")), "\n") {
		name, _, _ := strings.Cut(line, " ")
		c := runewidth.StringWidth(line) - runewidth.StringWidth(strings.TrimLeft(line[len(name):], " "))
		if col >= 0 && c != col {
			t.Fatalf("workflow list columns:\n%s", o.ok("", "workflow", "list"))
		}
		col = c
	}
}
