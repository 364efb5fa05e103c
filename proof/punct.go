package proof

import "strings"

// hit is a finding in rune offsets before it is placed (see Checker.place).
type hit struct {
	rule string
	a, b int // rune span
	msg  message
	fix  *string
	soft bool // one level weaker than the rule's severity (a likely but uncertain case)
}

type emit func(hit)

var asciiToFull = map[rune]string{',': "，", ';': "；", ':': "：", '?': "？", '!': "！", '.': "。", '(': "（", ')': "）"}

// prevRune returns the rune before i, skipping ASCII spaces (not newlines).
func (d *doc) prevNonSpace(i int) (rune, int) {
	for k := i - 1; k >= 0; k-- {
		if d.r[k] != ' ' {
			return d.r[k], k
		}
	}
	return 0, -1
}

func (d *doc) nextNonSpace(i int) (rune, int) {
	for k := i + 1; k < len(d.r); k++ {
		if d.r[k] != ' ' {
			return d.r[k], k
		}
	}
	return 0, len(d.r)
}

// checkASCIIPunct (P1, GB/T 15834-2011 §4): in Chinese text the marks are
// full-width. A half-width , ; : ? ! . ( ) " is flagged when it touches a
// Chinese character or mark; numbers (3.14, 9:00, 1,000), URLs, e-mail
// addresses, code and Latin sentences are left alone.
func checkASCIIPunct(d *doc, out emit) {
	r := d.r
	n := len(r)
	done := make(map[int]bool)
	for i := 0; i < n; i++ {
		c := r[i]
		if d.skip[i] || done[i] {
			continue
		}
		switch c {
		case ',', ';', ':', '?', '!':
			p := d.at(i - 1)
			q, qi := d.nextNonSpace(i)
			if (c == ',' || c == ':') && isDigit(p) && isDigit(d.at(i+1)) {
				continue
			}
			if !isChinese(p) && !isChinese(q) {
				continue
			}
			if c == '!' && q == '[' { // Markdown image
				continue
			}
			b := i + 1
			if q != '\n' && q != 0 && qi > b && !d.skipped(b, qi) {
				b = qi // the spaces after the mark go with it
			}
			out(hit{rule: RuleASCIIPunct, a: i, b: b, msg: say(MsgFullWidth, "Mark", asciiToFull[c]), fix: strp(asciiToFull[c])})
		case '.':
			if d.at(i+1) == '.' || d.at(i-1) == '.' {
				continue // runs of dots are 省略号 (P4)
			}
			p := d.at(i - 1)
			if !isChinese(p) || p == '…' {
				continue
			}
			out(hit{rule: RuleASCIIPunct, a: i, b: i + 1, msg: say(MsgPeriod), fix: strp("。")})
		case '(':
			j := -1
			depth := 0
			for k := i; k < n && k-i < 300 && r[k] != '\n'; k++ {
				if d.skip[k] {
					continue
				}
				if r[k] == '(' {
					depth++
				} else if r[k] == ')' {
					depth--
					if depth == 0 {
						j = k
						break
					}
				}
			}
			if j < 0 {
				if isChinese(d.at(i-1)) || isHan(d.at(i+1)) {
					out(hit{rule: RuleASCIIPunct, a: i, b: i + 1, msg: say(MsgFullWidth, "Mark", "（"), fix: strp("（")})
				}
				continue
			}
			if containsHan(r[i+1:j]) || isChinese(d.at(i-1)) || isChinese(d.at(j+1)) {
				out(hit{rule: RuleASCIIPunct, a: i, b: i + 1, msg: say(MsgFullWidth, "Mark", "（"), fix: strp("（")})
				out(hit{rule: RuleASCIIPunct, a: j, b: j + 1, msg: say(MsgFullWidth, "Mark", "）"), fix: strp("）")})
				done[j] = true
			}
		case ')':
			if isChinese(d.at(i-1)) || isHan(d.at(i+1)) {
				out(hit{rule: RuleASCIIPunct, a: i, b: i + 1, msg: say(MsgFullWidth, "Mark", "）"), fix: strp("）")})
			}
		case '"':
			// pair with the next straight quote on the same line
			j := -1
			for k := i + 1; k < n && r[k] != '\n'; k++ {
				if r[k] == '"' && !d.skip[k] {
					j = k
					break
				}
			}
			if j < 0 {
				continue
			}
			done[j] = true
			if containsHan(r[i+1:j]) || isChinese(d.at(i-1)) || isChinese(d.at(j+1)) {
				out(hit{rule: RuleASCIIPunct, a: i, b: i + 1, msg: say(MsgChineseQuote, "Mark", "“"), fix: strp("“")})
				out(hit{rule: RuleASCIIPunct, a: j, b: j + 1, msg: say(MsgChineseQuote, "Mark", "”"), fix: strp("”")})
			}
		}
	}
}

func containsHan(rs []rune) bool {
	for _, c := range rs {
		if isHan(c) {
			return true
		}
	}
	return false
}

// checkFullWidthAlnum (P2): Latin letters and digits are written half-width.
func checkFullWidthAlnum(d *doc, out emit) {
	r := d.r
	for i := 0; i < len(r); i++ {
		if !isFullAlnum(r[i]) || d.skip[i] {
			continue
		}
		j := i
		var sb strings.Builder
		for j < len(r) && isFullAlnum(r[j]) {
			sb.WriteRune(r[j] - 0xFEE0)
			j++
		}
		out(hit{rule: RuleFullWidthAlnum, a: i, b: j, msg: say(MsgHalfWidthAlnum), fix: strp(sb.String())})
		i = j - 1
	}
}

func isFullAlnum(c rune) bool {
	return (c >= 0xFF10 && c <= 0xFF19) || (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A)
}

// maxPairDepth bounds the search for a closer's opener.
const maxPairDepth = 32

var closerOf = map[rune]rune{'“': '”', '‘': '’', '《': '》', '〈': '〉', '（': '）', '【': '】', '「': '」', '『': '』'}
var openerOf = map[rune]rune{'”': '“', '’': '‘', '》': '《', '〉': '〈', '）': '（', '】': '【', '」': '「', '』': '『'}

// checkPairs (P3, GB/T 15834-2011 §4.9 引号, §4.12 书名号, §4.10 括号):
// paired marks close within the paragraph and nest properly: double quotes
// outside, single quotes inside; 〈〉 only inside 《》. A quotation that runs
// over several paragraphs may leave “ open when the next paragraph opens
// with “ again.
func checkPairs(d *doc, out emit) {
	r := d.r
	type open struct {
		c rune
		i int
	}
	for p, ps := range d.paras {
		pe := len(r)
		if p+1 < len(d.paras) {
			pe = d.paras[p+1]
		}
		var st []open
		var quotes []rune // the quote marks among st, innermost last
		books := 0        // 《 in st
		push := func(o open) {
			st = append(st, o)
			if o.c == '“' || o.c == '‘' {
				quotes = append(quotes, o.c)
			}
			if o.c == '《' {
				books++
			}
		}
		popTo := func(k int) { // keep st[:k]
			for m := len(st) - 1; m >= k; m-- {
				if c := st[m].c; c == '“' || c == '‘' {
					quotes = quotes[:len(quotes)-1]
				} else if c == '《' {
					books--
				}
			}
			st = st[:k]
		}
		for i := ps; i < pe; i++ {
			c := r[i]
			if d.skip[i] {
				continue
			}
			if _, ok := closerOf[c]; ok {
				quote := rune(0)
				if len(quotes) > 0 {
					quote = quotes[len(quotes)-1]
				}
				switch {
				case c == '“' && quote == '“':
					out(hit{rule: RulePairs, a: i, b: i + 1, msg: say(MsgNestedQuote)})
				case c == '‘' && quote != '“':
					out(hit{rule: RulePairs, a: i, b: i + 1, msg: say(MsgSingleQuote)})
				case c == '〈' && books == 0:
					out(hit{rule: RulePairs, a: i, b: i + 1, msg: say(MsgSingleTitleMark)})
				}
				push(open{c, i})
				continue
			}
			o, ok := openerOf[c]
			if !ok {
				continue
			}
			// the matching opener, looked for a bounded depth down (a stray
			// closer in a long run of open marks costs no more than that)
			k := len(st) - 1
			for k >= 0 && k >= len(st)-maxPairDepth && st[k].c != o {
				k--
			}
			if k < 0 || st[k].c != o {
				out(hit{rule: RulePairs, a: i, b: i + 1, msg: say(MsgUnpaired, "Mark", string(c), "Pair", string(o))})
				continue
			}
			for m := len(st) - 1; m > k; m-- {
				out(hit{rule: RulePairs, a: st[m].i, b: st[m].i + 1, msg: say(MsgUnpairedNested, "Mark", string(st[m].c), "Pair", string(closerOf[st[m].c]))})
			}
			popTo(k)
		}
		for _, o := range st {
			if o.c == '“' && p+1 < len(d.paras) {
				if q, _ := d.firstInPara(p + 1); q == '“' {
					continue
				}
			}
			out(hit{rule: RulePairs, a: o.i, b: o.i + 1, msg: say(MsgUnpaired, "Mark", string(o.c), "Pair", string(closerOf[o.c]))})
		}
	}
}

func (d *doc) firstInPara(p int) (rune, int) {
	for i := d.paras[p]; i < len(d.r); i++ {
		if !isSpace(d.r[i]) && d.r[i] != '\n' {
			return d.r[i], i
		}
	}
	return 0, -1
}

func runOf(r []rune, i int, c rune) int {
	j := i
	for j < len(r) && r[j] == c {
		j++
	}
	return j
}

// checkEllipsis (P4, GB/T 15834-2011 §4.11): the 省略号 is ……; not ...,
// 。。。, ···, ⋯ or a single …; at most two in a row; not followed by 等.
func checkEllipsis(d *doc, out emit) {
	r := d.r
	for i := 0; i < len(r); i++ {
		if d.skip[i] {
			continue
		}
		c := r[i]
		switch c {
		case '.', '。', '·', '⋯', '…':
			j := runOf(r, i, c)
			k := j - i
			if d.skipped(i, j) {
				i = j - 1
				continue
			}
			switch {
			case c == '.' && k >= 2 && (isChinese(d.at(i-1)) || isChinese(d.at(j))):
				out(hit{rule: RuleEllipsis, a: i, b: j, msg: say(MsgEllipsis), fix: strp("……")})
			case c == '。' && k >= 3, c == '·' && k >= 2, c == '⋯':
				out(hit{rule: RuleEllipsis, a: i, b: j, msg: say(MsgEllipsis), fix: strp("……")})
			case c == '…' && k != 2 && k != 4:
				msg := say(MsgEllipsisTwo)
				if k > 4 {
					msg = say(MsgEllipsisMany)
				}
				out(hit{rule: RuleEllipsis, a: i, b: j, msg: msg, fix: strp("……")})
			case c == '…' && d.at(j) == '等':
				out(hit{rule: RuleEllipsis, a: i, b: j, msg: say(MsgEllipsisDeng), fix: strp("")})
			}
			i = j - 1
		}
	}
}

// checkDash (P5, GB/T 15834-2011 §4.10): the 破折号 is ——, two em dashes;
// not --, －－ or ──. A single — between two Chinese characters may be a
// 连接号 (一字线, 北京—上海), so it is reported one level weaker; between
// digits (1931—1945) it is a range and not reported.
func checkDash(d *doc, out emit) {
	r := d.r
	for i := 0; i < len(r); i++ {
		if d.skip[i] {
			continue
		}
		c := r[i]
		switch c {
		case '-', '－', '─', '—':
			j := runOf(r, i, c)
			k := j - i
			p, q := d.at(i-1), d.at(j)
			near := isChinese(p) || isChinese(q)
			switch {
			case d.skipped(i, j):
			case (c == '-' || c == '─') && k >= 2 && near,
				c == '－' && k >= 2:
				out(hit{rule: RuleDash, a: i, b: j, msg: say(MsgDash), fix: strp("——")})
			case c == '—' && k == 1:
				if isDigit(p) && isDigit(q) || !near {
					break
				}
				if isHan(p) && isHan(q) {
					out(hit{rule: RuleDash, a: i, b: j, msg: say(MsgDashSingle), fix: strp("——"), soft: true})
				} else {
					out(hit{rule: RuleDash, a: i, b: j, msg: say(MsgDash), fix: strp("——")})
				}
			case c == '—' && k != 2 && k != 4:
				out(hit{rule: RuleDash, a: i, b: j, msg: say(MsgDash), fix: strp("——")})
			}
			i = j - 1
		}
	}
}

var cnDigit = map[rune]int{'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9, '十': 10}

const measureChars = "个天年月日次人名岁家所项条种位本件张辆元倍只头斤米"

// checkEnumComma (P6, GB/T 15834-2011 §4.5.3 and 附录 B.1.5): adjacent
// items in 书名号 or 引号 take no 顿号 (《A》《B》, “A”“B”), nor do two
// neighbouring numerals that make an approximate number (三四个).
func checkEnumComma(d *doc, out emit) {
	r := d.r
	for i := 1; i+1 < len(r); i++ {
		if r[i] != '、' || d.skip[i] {
			continue
		}
		p, q := r[i-1], r[i+1]
		switch {
		case p == '》' && q == '《', p == '”' && q == '“':
			out(hit{rule: RuleEnumComma, a: i, b: i + 1, msg: say(MsgEnumCommaTitles), fix: strp("")})
		case cnDigit[p] > 0 && cnDigit[q] == cnDigit[p]+1 && cnDigit[q] < 10 && i+2 < len(r) && strings.ContainsRune(measureChars, r[i+2]):
			out(hit{rule: RuleEnumComma, a: i, b: i + 1, msg: say(MsgEnumCommaNumbers), fix: strp("")})
		}
	}
}

const pointMarks = "，。、；：？！"

// checkDoubledMark (P7): a point mark is not doubled (，，) and two point
// marks do not clash (，。); ？！ is allowed (GB/T 15834-2011 §4.3.3).
func checkDoubledMark(d *doc, out emit) {
	r := d.r
	for i := 0; i+1 < len(r); i++ {
		c, c2 := r[i], r[i+1]
		if !strings.ContainsRune(pointMarks, c) || !strings.ContainsRune(pointMarks, c2) || d.skip[i] {
			continue
		}
		if c == '。' && c2 == '。' && d.at(i+2) == '。' {
			i = runOf(r, i, '。') - 1 // 省略号 (P4)
			continue
		}
		if c == '？' && c2 == '！' {
			continue
		}
		j := i + 1
		for j < len(r) && strings.ContainsRune(pointMarks, r[j]) {
			j++
		}
		var fix *string
		end := strings.ContainsRune("。？！", c)
		end2 := strings.ContainsRune("。？！", r[j-1])
		switch {
		case allSame(r[i:j]):
			fix = strp(string(c))
		case end2 && !end:
			fix = strp(string(r[j-1]))
		case end && !end2:
			fix = strp(string(c))
		}
		msg := say(MsgDoubledMark)
		if !allSame(r[i:j]) {
			msg = say(MsgClashingMarks, "Text", string(r[i:j]))
		}
		out(hit{rule: RuleDoubledMark, a: i, b: j, msg: msg, fix: fix})
		i = j - 1
	}
}

func allSame(rs []rune) bool {
	for _, c := range rs {
		if c != rs[0] {
			return false
		}
	}
	return true
}

// checkSpaces (P8): no half-width space between two Chinese characters or
// next to a Chinese mark in body text (titles may separate their parts with
// a space, so there only spaces touching a mark are reported); no spaces at
// the end of a line (P8-trailing). Spaces between Chinese and Latin letters
// or digits are a tech-writing convention (P20) and are not checked.
func checkSpaces(d *doc, out emit) {
	r := d.r
	for i := 0; i < len(r); i++ {
		if r[i] != ' ' && r[i] != '\t' && r[i] != '\u3000' {
			continue
		}
		j := i
		for j < len(r) && (r[j] == ' ' || r[j] == '\t' || r[j] == '\u3000') {
			j++
		}
		if d.skipped(i, j) {
			i = j - 1
			continue
		}
		if j == len(r) || r[j] == '\n' {
			out(hit{rule: RuleTrailingSpace, a: i, b: j, msg: say(MsgTrailingSpace), fix: strp("")})
			i = j - 1
			continue
		}
		lineStart := i == 0 || r[i-1] == '\n'
		p, q := d.at(i-1), r[j]
		ascii := !strings.ContainsRune(string(r[i:j]), '\u3000')
		switch {
		case lineStart || !ascii:
		case isHan(p) && isHan(q):
			if d.field == FieldBody && !d.labelAt(j) && !d.bylineAt(i) {
				out(hit{rule: RuleSpace, a: i, b: j, msg: say(MsgSpaceHan), fix: strp("")})
			}
		case isChinese(p) && isChinese(q), isFullPunct(p) && isAlnum(q) && p != '—' && p != '…', isAlnum(p) && isFullPunct(q) && !isOpener(q) && q != '—' && q != '…':
			out(hit{rule: RuleSpace, a: i, b: j, msg: say(MsgSpacePunct), fix: strp("")})
		}
		i = j - 1
	}
}

func isOpener(c rune) bool { _, ok := closerOf[c]; return ok }

// bylineRoles open a byline, in which a space separates a role from its
// names and one contributor from the next: 本报讯（记者 周敏 通讯员 李华）,
// 新华社北京12月1日电（记者 张三）, or a line of its own (记者 周敏 摄影 王磊).
// Longer words come before their prefixes.
var bylineRoles = []string{"融媒体记者", "特约通讯员", "特约记者", "见习记者", "实习记者", "摄影记者", "本报记者",
	"记者", "通讯员", "实习生", "摄影", "文/图", "文／图", "图/文", "图／文", "撰稿", "图", "文"}

// maxByline bounds how far back a byline's start is looked for (runes).
const maxByline = 40

// bylineAt reports that the space at rune i lies inside a byline: after a
// role word that opens a parenthesis (（记者 …）) or the line itself, with
// no sentence mark between it and i.
func (d *doc) bylineAt(i int) bool {
	r := d.r
	for k := i - 1; k >= 0 && i-k <= maxByline; k-- {
		switch c := r[k]; {
		case c == '（' || c == '(' || c == '\n' || k == 0:
			start := k + 1
			if k == 0 && c != '（' && c != '(' {
				start = 0
			}
			for start < i && isSpace(r[start]) {
				start++
			}
			head := string(r[start:i])
			for _, role := range bylineRoles {
				if strings.HasPrefix(head, role) {
					return true
				}
			}
			return false
		case strings.ContainsRune("。，；！？：）)", c):
			return false
		}
	}
	return false
}

// labelAt reports a "label：" (审核：王音, 发布时间:) starting at rune i: in
// meta and credits lines a space separates such items and is not stray.
func (d *doc) labelAt(i int) bool {
	for k := i; k < len(d.r) && k-i <= 6; k++ {
		c := d.r[k]
		if c == '：' || c == ':' {
			return k > i
		}
		if !isHan(c) {
			return false
		}
	}
	return false
}
