package proof

import (
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
)

func mustChecker(t testing.TB, l Lists, sev Severities) *Checker {
	t.Helper()
	c, err := New(l, sev)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// ruleCase: text checked as a body (or title) must give exactly the listed
// (text → fix) findings of rule; "" fix means "no fix offered"; "∅" means
// the fix deletes the span.
type ruleCase struct {
	text  string
	want  []string // "found=>fix"
	title bool
}

func runRuleCases(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	c := mustChecker(t, Lists{}, nil)
	for _, tc := range cases {
		field := FieldBody
		if tc.title {
			field = FieldTitle
		}
		var got []string
		for _, f := range c.CheckField(field, tc.text, true) {
			if f.RuleID != rule {
				continue
			}
			if f.Text != tc.text[f.Start:f.End] || string([]rune(tc.text)[f.RuneStart:f.RuneEnd]) != f.Text {
				t.Errorf("%s %q: span %d-%d / runes %d-%d do not point at %q", rule, tc.text, f.Start, f.End, f.RuneStart, f.RuneEnd, f.Text)
			}
			s := f.Text + "=>"
			if f.Fix != nil {
				if *f.Fix == "" {
					s += "∅"
				} else {
					s += *f.Fix
				}
			}
			got = append(got, s)
		}
		if strings.Join(got, " | ") != strings.Join(tc.want, " | ") {
			t.Errorf("%s on %q:\n got  %q\n want %q", rule, tc.text, got, tc.want)
		}
	}
}

func TestP1ASCIIPunctuation(t *testing.T) {
	runRuleCases(t, RuleASCIIPunct, []ruleCase{
		{text: "牢记使命,守好根脉.", want: []string{",=>，", ".=>。"}},
		{text: "会议指出: 要提高站位; 统一思想!", want: []string{": =>：", "; =>；", "!=>！"}},
		{text: "你来了吗?我们开会。", want: []string{"?=>？"}},
		{text: "学院召开党委(扩大)会议。", want: []string{"(=>（", ")=>）"}},
		{text: "他说\"我们要努力\"。", want: []string{"\"=>“", "\"=>”"}},
		{text: "共3人,其中2人获奖。", want: []string{",=>，"}},
		// negatives: numbers, times, URLs, e-mail, code, Latin sentences, list markers
		{text: "圆周率约为3.14，会议9:00开始，经费1,000元。"},
		{text: "详见https://www.example.edu.cn/news/a.html?id=3,4。"},
		{text: "来信请寄office@example.edu.cn。"},
		{text: "运行`go test ./...; echo ok`即可。"},
		{text: "他引用了一句话：Stay hungry, stay foolish. 并表示认同。"},
		{text: "1. 提高站位\n2. 深化认识"},
		{text: "```\nfmt.Println(\"你好,世界\")\n```"},
		{text: "见[通知](https://example.com/a(1).html)。"},
		// internationalised addresses: the host, path and query are not prose
		{text: "网址是http://例子.中国/路径?a=1，请查收。"},
		{text: "见https://新闻.学校.cn/通知/第一期?名=值&b=2。"},
		{text: "来信请寄office@例子.中国或张三@学院.中国。"},
		// ...but the prose after an address is still checked
		{text: "详见https://www.example.edu.cn了解详情,欢迎报名.", want: []string{",=>，", ".=>。"}},
		{text: "见http://x.cn/新闻,欢迎参加.", want: []string{",=>，", ".=>。"}},
		{text: "网址http://例子.中国,欢迎访问.", want: []string{",=>，", ".=>。"}},
	})
}

func TestP2FullWidthAlnum(t *testing.T) {
	runRuleCases(t, RuleFullWidthAlnum, []ruleCase{
		{text: "共有２０２１名学生参加ＡＩ课程。", want: []string{"２０２１=>2021", "ＡＩ=>AI"}},
		{text: "共有2021名学生参加AI课程，每人交（一）表。"},
	})
}

func TestP3PairedMarks(t *testing.T) {
	runRuleCases(t, RulePairs, []ruleCase{
		{text: "他说：“我们要努力。", want: []string{"“=>"}},
		{text: "学习《决定》和〈通知〉。", want: []string{"〈=>"}},
		{text: "他说：“要落实‘两个确立’的要求。”"},
		{text: "他说：“要落实“两个确立”的要求。”", want: []string{"“=>"}},
		{text: "他强调‘四个意识’。", want: []string{"‘=>"}},
		{text: "会议（扩大会议】召开。", want: []string{"（=>", "】=>"}},
		{text: "《人民日报〈评论〉》发表文章。"},
		{text: "“第一段引文。\n\n“第二段引文。”"},
		{text: "（一）坚持党的领导【重点】。"},
	})
}

func TestP4Ellipsis(t *testing.T) {
	runRuleCases(t, RuleEllipsis, []ruleCase{
		{text: "他说我们要...努力。", want: []string{"...=>……"}},
		{text: "他说我们要。。。努力。", want: []string{"。。。=>……"}},
		{text: "他说我们要…努力。", want: []string{"…=>……"}},
		{text: "他说我们要………………努力。", want: []string{"………………=>……"}},
		{text: "语文、数学、英语……等课程。", want: []string{"……=>∅"}},
		{text: "他说我们要……努力。"},
		{text: "诗句之间…………省略一段。"},
		{text: "Wait... what? 这是英文。"},
	})
}

func TestP5Dash(t *testing.T) {
	runRuleCases(t, RuleDash, []ruleCase{
		{text: "发展--这是硬道理。", want: []string{"--=>——"}},
		{text: "发展－－这是硬道理。", want: []string{"－－=>——"}},
		{text: "发展—“这是硬道理”。", want: []string{"—=>——"}},
		{text: "北京—上海特快列车。", want: []string{"—=>——"}}, // reported one level weaker
		{text: "发展——这是硬道理。"},
		{text: "沈括（1031—1095）是北宋人。"},
		{text: "---\n\n正文。"},
	})
}

func TestP6EnumComma(t *testing.T) {
	runRuleCases(t, RuleEnumComma, []ruleCase{
		{text: "学习《决定》、《通知》。", want: []string{"、=>∅"}},
		{text: "要有“三富四优”、“七个典范”。", want: []string{"、=>∅"}},
		{text: "来了三、四个人。", want: []string{"、=>∅"}},
		{text: "学习《决定》《通知》和“七个典范”“八大行动”。"},
		{text: "一、提高站位。二、深化认识。"},
	})
}

func TestP7DoubledMarks(t *testing.T) {
	runRuleCases(t, RuleDoubledMark, []ruleCase{
		{text: "要提高站位，，深化认识。。", want: []string{"，，=>，", "。。=>。"}},
		{text: "要提高站位，。深化认识", want: []string{"，。=>。"}},
		{text: "这是真的吗？！他问。"},
		{text: "他说。。。然后"},
	})
}

func TestP8Spaces(t *testing.T) {
	runRuleCases(t, RuleSpace, []ruleCase{
		{text: "学院召开 党委会议。", want: []string{" =>∅"}},
		{text: "学院召开党委会议 。", want: []string{" =>∅"}},
		{text: "守好红色根脉 彰显担当", title: true},
		{text: "学院共有 3 名教师获奖，使用 Python 编程。"}, // P20 is off
		{text: "　　学院召开党委会议。"},
		// bylines separate roles and names with spaces
		{text: "本报讯（记者 周敏 通讯员 李华）昨日，县政府召开常务会议。"},
		{text: "新华社北京12月1日电（记者 张三 王五）会议指出。"},
		{text: "记者 周敏 摄影 王磊\n\n县政府召开常务会议。"},
		{text: "（本报记者 周敏）县里召开 会议。", want: []string{" =>∅"}},
		{text: "（记者周敏）会议指出，要提高 站位。", want: []string{" =>∅"}},
		{text: "记者说，县里召开 会议。", want: []string{" =>∅"}},
	})
	runRuleCases(t, RuleTrailingSpace, []ruleCase{
		{text: "学院召开党委会议。  \n第二段。 ", want: []string{"  =>∅", " =>∅"}},
		{text: "学院召开党委会议。\n第二段。"},
	})
}

func TestP9Doubled(t *testing.T) {
	runRuleCases(t, RuleDoubled, []ruleCase{
		{text: "这是我们的的目标。", want: []string{"的的=>的"}},
		{text: "由于由于天气原因，会议延期。", want: []string{"由于由于=>由于"}},
		{text: "服务共同富裕共同富裕典范城市。", want: []string{"共同富裕共同富裕=>共同富裕"}},
		{text: "他们们都来了。", want: []string{"们们=>们"}},
		{text: "他常常天天高高兴兴地学习，谢谢大家，的的确确如此，实实在在，不了了之。"},
		{text: "中国国际进口博览会在学院院长和人民民主的推动下举行。"},
		{text: "大家要研究研究，一个一个地解决。"},
	})
}

func TestP11ShortYear(t *testing.T) {
	runRuleCases(t, RuleShortYear, []ruleCase{
		{text: "他于08年入学。", want: []string{"08年=>2008年"}},
		{text: "他98年5月入学。", want: []string{"98年=>1998年"}},
		{text: "那是九○年代的事，〇八年奥运会。", want: []string{"九○年代=>20世纪90年代", "〇八年=>2008年"}},
		{text: "他工作了35年，近30年来成绩突出，90年代以来发展迅速。"},
		{text: "2008年8月8日，二〇〇八年奥运会开幕。"},
	})
}

func TestP11MixedNumbers(t *testing.T) {
	runRuleCases(t, RuleMixedNumbers, []ruleCase{
		{text: "共有五人获奖，另有3人获提名。", want: []string{"五人=>5人"}},
		{text: "投入五万元，另有300元。", want: []string{"五万元=>5万元"}},
		{text: "共有5人获奖，另有3人获提名，两人缺席，他获得第三名。"},
		{text: "落实“三会一课”，共有32名党员参加，完成四项任务。"},
	})
}

func TestP12RelativeDates(t *testing.T) {
	c := mustChecker(t, Lists{}, nil)
	count := func(ct *model.Content) int {
		n := 0
		for _, f := range c.Check(ct) {
			if f.RuleID == RuleRelativeDate {
				if f.Severity != Hint {
					t.Errorf("P12 severity %v, want hint", f.Severity)
				}
				n++
			}
		}
		return n
	}
	if n := count(&model.Content{Kind: model.KindNews, Title: "学院举行运动会", Body: "近日，学院举行运动会。"}); n != 1 {
		t.Errorf("undated news: %d P12 findings, want 1", n)
	}
	if n := count(&model.Content{Kind: model.KindNews, Title: "学院举行运动会", Body: "近日（10月12日），学院举行运动会。"}); n != 0 {
		t.Errorf("dated news: %d P12 findings, want 0", n)
	}
	if n := count(&model.Content{Kind: model.KindMeeting, Title: "学院召开会议", Body: "日前，学院召开会议。", Meeting: &model.Meeting{Name: "党委会", Date: "2026-11-30"}}); n != 0 {
		t.Errorf("meeting report: %d P12 findings, want 0", n)
	}
}

func TestP18Traditional(t *testing.T) {
	runRuleCases(t, RuleTraditional, []ruleCase{
		{text: "學院召開會議，部署工作。", want: []string{"學=>学", "開會議=>开会议"}},
		{text: "山峯高聳。", want: []string{"峯=>峰", "聳=>耸"}},
		{text: "乾坤朗朗，著名学者瞭望未来，哪吒闹海，慰藉人心。"},
	})
}

func TestSeverityOffAndSoft(t *testing.T) {
	c := mustChecker(t, Lists{}, Severities{RuleASCIIPunct: Off, RuleDash: Warning})
	for _, f := range c.CheckField(FieldBody, "会议,召开。北京—上海。", false) {
		if f.RuleID == RuleASCIIPunct {
			t.Errorf("rule set off still reported: %+v", f)
		}
		if f.RuleID == RuleDash && f.Severity != Hint {
			t.Errorf("soft dash at office severity warning = %v, want hint", f.Severity)
		}
	}
}

func TestLineColParagraph(t *testing.T) {
	c := mustChecker(t, Lists{}, nil)
	fs := c.CheckField(FieldBody, "第一段。\n\n第二段，\n第三行有错,在这里。", false)
	if len(fs) != 1 {
		t.Fatalf("findings %+v", fs)
	}
	f := fs[0]
	if f.Line != 4 || f.Col != 6 || f.Paragraph != 1 || f.RuneStart != 16 {
		t.Errorf("line/col/para/rune = %d/%d/%d/%d, want 4/6/1/16", f.Line, f.Col, f.Paragraph, f.RuneStart)
	}
}

func TestParagraphsAsModelCountsThem(t *testing.T) {
	c := mustChecker(t, Lists{}, nil)
	body := "\n\n第一段。\n\n\n\n第二段，\n第二段第二行,错。\n\n第三段,错。"
	paras := model.Paragraphs(body)
	for _, f := range c.CheckField(FieldBody, body, false) {
		if f.RuleID != RuleASCIIPunct {
			continue
		}
		if f.Paragraph >= len(paras) || !strings.Contains(paras[f.Paragraph], f.Text+"错") {
			t.Errorf("finding %q in paragraph %d; model.Paragraphs: %q", f.Text, f.Paragraph, paras)
		}
	}
}
