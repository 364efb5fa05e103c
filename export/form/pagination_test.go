package form_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/export/form"
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
)

// threeDecisions is a record returned once, then approved and signed, each
// decision with an opinion of n characters: the record whose printed
// 登记表 once put its footer alone on a second page.
func threeDecisions(id uint64, n int) *form.Record {
	op := []rune(strings.Repeat("内容基本属实，但需补充会议的主要议题和参会范围，请核对数字。", 1+n/30))[:n]
	opinion := string(op)
	at := "2026-11-20 14:05"
	approve := form.Entry{Stage: "审核", Action: "批准", Person: "王音", Login: "wangyin", At: at, Rev: 2, Hash: "sha256:ab", Opinion: opinion}
	sign := form.Entry{Stage: "主编签发", Action: "签发", Person: "沈建龙", Login: "shenjl", At: at, Rev: 2, Hash: "sha256:ab", Opinion: opinion}
	ret := form.Entry{Stage: "审核", Action: "退回", Person: "王音", Login: "wangyin", At: at, Rev: 1, Opinion: opinion}
	return &form.Record{Lang: "zh-CN", ID: id, Title: "学院召开安全稳定工作会议", Kind: "会议", Source: "党委宣传部",
		Authors: []string{"李伟"}, Photos: []string{"赵丽焕"}, Owner: "李伟", Workflow: "默认流程", State: "已签发",
		Meeting: &model.Meeting{Name: "安全稳定工作会议", Date: "2026-11-20", Place: "行政楼第一会议室", Chair: "张明", Attendees: []string{"李华", "王芳", "各部门负责人"}},
		Created: at, Rev: 2, Hash: "sha256:ab", Signed: true, SignedAt: at,
		Stages:  []form.Stage{{N: 1, Name: "审核", Entries: []form.Entry{approve}}, {N: 2, Name: "主编签发", SignOff: true, Entries: []form.Entry{sign}}},
		History: []form.Entry{ret, approve, sign}, Printed: at, Zone: "Asia/Shanghai"}
}

// TestRegisterFooterNeverAlone prints the 登记表 of a three-decision record
// with opinions growing four characters at a time, through the length at
// which the form first needs a second page (each form in one document
// starts on its own page, so one print covers every length): no page may
// hold only the footer, every page has body text, and the 会议 rows name
// the 参会人员.
func TestRegisterFooterNeverAlone(t *testing.T) {
	needTool(t, "chromium", "pdftotext")
	ts, err := form.Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	var doc strings.Builder
	const first, last, step = 40, 96, 4
	forms := 0
	for n := first; n <= last; n += step {
		forms++
		html, err := ts.HTML(threeDecisions(uint64(n), n), locale.ZH)
		if err != nil {
			t.Fatal(err)
		}
		s := string(html)
		if n == first {
			if !strings.Contains(s, "<th>参会人员</th><td colspan=\"3\">李华、王芳、各部门负责人</td>") {
				t.Errorf("the 会议 rows leave out 参会人员:\n%s", s)
			}
			doc.WriteString(s[:strings.Index(s, "<body>")+len("<body>")])
		}
		i, j := strings.Index(s, `<section class="form register">`), strings.LastIndex(s, "</section>")
		doc.WriteString(s[i:j+len("</section>")] + "\n")
	}
	doc.WriteString("</body></html>")
	pdf, err := form.PDF(context.Background(), []byte(doc.String()))
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(pdfText(t, pdf), "\f"), "\f")
	if len(pages) <= forms {
		t.Fatalf("%d forms printed on %d pages: no opinion length needed a second page, so the test proves nothing", forms, len(pages))
	}
	footer := "本表依据 copydesk 审核记录生成"
	for i, p := range pages {
		var body []string
		for _, l := range strings.Split(p, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.Contains(l, footer) && !strings.Contains(l, "打印时间") && !strings.HasPrefix(l, "（时区") {
				body = append(body, l)
			}
		}
		if len(body) == 0 {
			t.Errorf("page %d of %d holds no body text:\n%s", i+1, len(pages), p)
		}
	}
	if testing.Verbose() {
		fmt.Printf("%d forms, %d pages\n", forms, len(pages))
	}
}
