package editor

import (
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// Vocabulary for generated Chinese news copy. Written for these tests: a
// college publicity office's everyday phrases, with some Latin and digits.
var (
	genWords = []string{
		"学校", "党委", "召开", "专题会议", "研究部署", "下一阶段", "宣传工作", "会议指出",
		"要坚持", "以学生为中心", "进一步", "加强", "新闻报道", "质量", "各部门", "负责同志",
		"参加会议", "图书馆", "实验室", "建设", "稳步推进", "教学改革", "科技创新", "服务社会",
		"校园文化", "志愿服务", "组织开展", "业务培训", "青年教师", "研究生", "招生就业", "后勤保障",
		"安全检查", "信息化", "网络平台", "审核流程", "新闻稿件", "摄影记者", "编辑部", "主编签发",
		"基层党建", "理论学习", "调研座谈", "工作要求", "落实责任", "明确分工", "总结经验", "表彰先进",
	}
	genLatin = []string{
		"AI", "Wi-Fi", "GDP", "2024年", "3.5%", "No. 12", "Party", "campus", "online", "PDF",
		"SSH", "HTML", "Markdown", "6月18日", "120名", "iPhone", "UTF-8", "2.0版",
	}
	genPunct = []string{"，", "，", "，", "、", "；", "：", "。", "。"}
	genQuote = [][2]string{{"“", "”"}, {"《", "》"}, {"（", "）"}, {"「", "」"}}
)

// genArticle returns about n characters (runes) of varied Chinese article
// text: paragraphs of 80 to 400 characters with some Latin words, numbers,
// quotations and book titles, separated by a newline or a blank line.
func genArticle(n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	var sb strings.Builder
	count := 0
	for count < n {
		if sb.Len() > 0 {
			if rng.IntN(3) == 0 {
				sb.WriteString("\n\n")
			} else {
				sb.WriteString("\n")
			}
		}
		para := 80 + rng.IntN(320)
		p := 0
		for p < para && count+p < n {
			var w string
			switch k := rng.IntN(20); {
			case k < 13:
				w = genWords[rng.IntN(len(genWords))]
			case k < 15:
				w = genLatin[rng.IntN(len(genLatin))]
			case k < 16:
				q := genQuote[rng.IntN(len(genQuote))]
				w = q[0] + genWords[rng.IntN(len(genWords))] + genWords[rng.IntN(len(genWords))] + q[1]
			default:
				w = genPunct[rng.IntN(len(genPunct))]
			}
			sb.WriteString(w)
			p += utf8.RuneCountInString(w)
		}
		sb.WriteString("。")
		count += p + 1
	}
	return sb.String()
}
