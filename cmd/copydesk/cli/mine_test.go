package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestMineKeepsEveryArticleOfMine: article list --mine and search show a
// writer every article they may read as theirs — one taken down (撤稿),
// with its state, and one a colleague created naming them as author —
// and never one they may not read.
func TestMineKeepsEveryArticleOfMine(t *testing.T) {
	o := newOffice(t)
	o.ok("", "--as", "admin", "user", "add", "zhaoli", "--display", "赵丽", "--role", "writer")
	id := o.approved("学院召开安全稳定工作会议")
	o.signOff(id)
	o.ok("", "--as", "shenjl", "article", "takedown", id, "-m", "数据有误，撤稿核实")
	named := strings.TrimSpace(o.ok(body, "--as", "liwei", "article", "new", "--title", "赵丽参与撰写的通讯", "--author", "赵丽", "--file", "-"))

	mine := o.ok("", "--as", "liwei", "article", "list", "--mine")
	if !strings.Contains(mine, "学院召开安全稳定工作会议") || !strings.Contains(mine, "withdrawn") {
		t.Errorf("liwei's list --mine lacks the taken-down article or its state:\n%s", mine)
	}
	if found := o.ok("", "--as", "liwei", "search", "安全稳定"); !strings.Contains(found, id+"\twithdrawn\t") {
		t.Errorf("liwei's search does not find the taken-down article:\n%s", found)
	}
	hers := o.ok("", "--as", "zhaoli", "article", "list", "--mine")
	if !strings.Contains(hers, "赵丽参与撰写的通讯") || strings.Contains(hers, "安全稳定") {
		t.Errorf("zhaoli's list --mine (named author of #%s, not of #%s):\n%s", named, id, hers)
	}
	if found := o.ok("", "--as", "zhaoli", "search", "安全稳定"); strings.Contains(found, "学院召开安全稳定工作会议") {
		t.Errorf("zhaoli finds the taken-down article she may not read:\n%s", found)
	}
}

// TestSearchSnippetIsTheReadersText: the command line's snippet, plain and
// --json (segments and text), shows what the page shows, not the Markdown,
// with the hit marked on the words.
func TestSearchSnippetIsTheReadersText(t *testing.T) {
	o := newOffice(t)
	md := "# 一、会议部署\n\n党委书记**张明**主持会议，详见[学校通知](https://news.example.cn/a)。\n\n| 项目 | 负责人 |\n| --- | --- |\n| 学风建设 | 王芳 |\n"
	o.ok(md, "--as", "liwei", "article", "new", "--title", "会议", "--file", "-")
	plain := o.ok("", "--as", "liwei", "search", "张明主持")
	if !strings.Contains(plain, "党委书记【张明主持】会议，详见学校通知。") || strings.Contains(plain, "**") {
		t.Errorf("plain snippet:\n%s", plain)
	}
	js := o.ok("", "--as", "liwei", "search", "学风建设", "--json")
	var hits []struct {
		Snippet []struct {
			Text string `json:"text"`
			Hit  bool   `json:"hit"`
		} `json:"snippet"`
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(js), &hits); err != nil || len(hits) != 1 {
		t.Fatalf("--json: %v\n%s", err, js)
	}
	var marked []string
	for _, s := range hits[0].Snippet {
		if s.Hit {
			marked = append(marked, s.Text)
		}
	}
	if strings.ContainsAny(hits[0].Text, "|#*") || strings.Contains(hits[0].Text, "---") || strings.Join(marked, ",") != "学风建设" {
		t.Errorf("--json snippet:\n%s", js)
	}
}
