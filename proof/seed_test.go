package proof

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
)

// seedShaped is written for this test in the shape of the reference page
// (a meeting report copied from a CMS): ASCII punctuation mixed into the
// Chinese, a meta line, a lead, numbered sections and a credits line.
const seedShaped = `发布人:资讯来源:党委宣传部 发布时间:2026-11-20 10:15:32点击数量:

凝心聚力谋发展,实干担当开新局。11月19日,嘉禾职业技术学院召开党委(扩大)会议,传达学习省委全会精神。党委书记林宏远主持会议并讲话,党委班子成员及全体中层干部参加会议。

林宏远指出,要提高政治站位,深刻领会全会精神的丰富内涵.全校上下要把学习贯彻全会精神作为当前的重要任务;要在"学深悟透"上下功夫,在"落地见效"上求实效!

一、在党建引领上取得新成效.要坚持和加强党对学校工作的全面领导,打造"红色引擎"党建品牌。

二、在人才培养上彰显新作为.要深化产教融合,推进"岗课赛证"综合育人,详见https://www.example.edu.cn/news/2026/1119.html。

会议还研究了其他事项...

(图文来源:党委宣传部 /摄:吴晓明 审核:周敏 主编:林宏远)
`

func TestSeedShapedText(t *testing.T) {
	c := mustChecker(t, corpusLists(t), nil)
	ct := model.Content{Kind: model.KindMeeting, Title: "凝心聚力谋发展 实干担当开新局 学院召开党委(扩大)会议", Body: seedShaped,
		Meeting: &model.Meeting{Name: "党委（扩大）会议", Date: "2026-11-19"}}
	fs := c.Check(&ct)
	count := map[string]int{}
	for _, f := range fs {
		count[f.RuleID]++
		if f.Field == FieldBody && seedShaped[f.Start:f.End] != f.Text {
			t.Errorf("span %d-%d does not point at %q", f.Start, f.End, f.Text)
		}
	}
	// every ASCII mark touching Chinese: 4 colons in the meta line; 6 in the
	// lead (4 commas, a pair of parentheses); 10, 4 and 5 in the next three
	// paragraphs (commas, full stops, a semicolon, an exclamation mark, 3 pairs
	// of quotes); 6 in the credits line; the title's parentheses
	if count[RuleASCIIPunct] != 37 {
		t.Errorf("P1 findings = %d, want 37: %v", count[RuleASCIIPunct], count)
	}
	if count[RuleEllipsis] != 1 {
		t.Errorf("P4 findings = %d, want 1 (...)", count[RuleEllipsis])
	}
	for _, f := range fs {
		if f.RuleID != RuleASCIIPunct && f.RuleID != RuleEllipsis {
			t.Errorf("unexpected finding %s %q: %s", f.RuleID, f.Text, f.Msg)
		}
		if strings.Contains(f.Text, "https") || f.Text == "2026-11-20" {
			t.Errorf("finding inside a URL or date: %+v", f)
		}
	}
	fixed, applied := c.FixAll(ct)
	if len(applied) != len(fs) {
		t.Errorf("applied %d fixes, found %d", len(applied), len(fs))
	}
	if left := c.Check(&fixed); len(left) != 0 {
		t.Errorf("after applying all fixes %d findings remain: %+v\n%s", len(left), left, fixed.Body)
	}
	for _, want := range []string{"实干担当开新局。11月19日，嘉禾职业技术学院召开党委（扩大）会议，", "在“学深悟透”上下功夫", "求实效！",
		"https://www.example.edu.cn/news/2026/1119.html。", "其他事项……", "（图文来源：党委宣传部 /摄：吴晓明 审核：周敏 主编：林宏远）", "发布时间：2026-11-20 10:15:32点击数量："} {
		if !strings.Contains(fixed.Body, want) {
			t.Errorf("fixed text lacks %q:\n%s", want, fixed.Body)
		}
	}
	if fixed.Title != "凝心聚力谋发展 实干担当开新局 学院召开党委（扩大）会议" {
		t.Errorf("fixed title %q", fixed.Title)
	}
}
