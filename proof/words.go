package proof

import "strings"

// doubledChars are characters that do not reduplicate in modern written
// Chinese, so XX is a typing error (的的, 了了); doubling of other characters
// is left alone because across a word boundary it is usually correct
// (中国国际, 学院院长, 人民民主) and real reduplication (常常, 天天, 谢谢,
// 高高兴兴) is common.
const doubledChars = "的了是在和与被将从向就都也还又而并但很之其于让给着这那们"

// doubledWords never reduplicate (由于由于); any other doubled word of three
// or more characters (共同富裕共同富裕) is reported too. Two-character
// verbs do reduplicate (研究研究, 讨论讨论) and are not in the list.
var doubledWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`由于 因为 但是 并且 而且 如果 虽然 所以 我们 他们 你们 她们 进行 通过 以及
		同时 对于 关于 为了 根据 按照 已经 正在 或者 不仅 还是 就是 可以 能够 应该 需要 这个 那个 这些 那些 其中
		目前 此次 本次 充分 进一步 认真 全面 深入 积极 主要 重要 不断 要求 工作 会议 学校 全体 参加 出席`) {
		doubledWords[w] = true
	}
}

// reduplicationOK lists doubled words that are real reduplication even
// though they would match the patterns above.
var reduplicationOK = map[string]bool{"不了了之": true, "了了": false, "谢谢": true, "常常": true, "天天": true}

// checkDoubled (P9, 图书编校质量差错认定细则: 多字): a character or word
// typed twice.
func checkDoubled(d *doc, out emit) {
	r := d.r
	n := len(r)
	for i := 0; i+1 < n; i++ {
		c := r[i]
		if !isHan(c) || d.skip[i] {
			continue
		}
		// words of 2–6 characters typed twice: ABAB, ABCABC …
		found := false
		for w := 6; w >= 2; w-- {
			if i+2*w > n || !eqRunes(r[i:i+w], r[i+w:i+2*w]) || !allHan(r[i:i+w]) {
				continue
			}
			word := string(r[i : i+w])
			if (w == 2 && !doubledWords[word]) || r[i] == '一' {
				continue
			}
			out(hit{rule: RuleDoubled, a: i, b: i + 2*w, msg: say(MsgDoubledWord, "Text", word), fix: strp(word)})
			i += 2*w - 1
			found = true
			break
		}
		if found {
			continue
		}
		if r[i+1] != c || !strings.ContainsRune(doubledChars, c) {
			continue
		}
		// AABB (的的确确, 是是非非, 从从容容) and the end of AABB (实实在在)
		if i+3 < n && r[i+2] == r[i+3] && r[i+2] != c && isHan(r[i+2]) {
			i += 3
			continue
		}
		if i >= 2 && r[i-2] == r[i-1] && r[i-1] != c && isHan(r[i-1]) {
			continue
		}
		if c == '了' && d.at(i-1) == '不' && d.at(i+2) == '之' {
			continue
		}
		out(hit{rule: RuleDoubled, a: i, b: i + 2, msg: say(MsgDoubledChar, "Text", string(c)+string(c)), fix: strp(string(c))})
		i++
	}
}

func eqRunes(a, b []rune) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

func allHan(rs []rune) bool {
	for _, c := range rs {
		if !isHan(c) {
			return false
		}
	}
	return true
}

var relativeDates = [][]rune{[]rune("近日"), []rune("日前"), []rune("昨天"), []rune("昨日"), []rune("前天"), []rune("今天"), []rune("今日"),
	[]rune("明天"), []rune("明日"), []rune("上周"), []rune("本周"), []rune("下周"), []rune("上月"), []rune("本月"), []rune("前不久")}

// checkRelativeDates (P12): a news article that says 近日, 昨天 … but gives
// no absolute date anywhere (8月9日, 2021年) leaves the reader unable to
// date the event once it is archived. hasDate is computed over the whole
// article.
func checkRelativeDates(d *doc, out emit) {
	r := d.r
	for i := 0; i+1 < len(r); i++ {
		if !isHan(r[i]) || d.skip[i] {
			continue
		}
		for _, wr := range relativeDates {
			if wr[0] != r[i] || i+len(wr) > len(r) || !eqRunes(wr, r[i:i+len(wr)]) {
				continue
			}
			w := string(wr)
			if w == "日前" && (d.at(i-1) == '节' || d.at(i-1) == '月') { // 节日前, 三月日前? not a relative date
				continue
			}
			out(hit{rule: RuleRelativeDate, a: i, b: i + len(wr), msg: say(MsgRelativeDate, "Text", w)})
			i += len(wr) - 1
			break
		}
	}
}

// hasAbsoluteDate reports a date such as 8月9日, 2021年, 2021-08-09 or
// 八月九日 in s.
func hasAbsoluteDate(s string) bool {
	r := []rune(s)
	for i, c := range r {
		switch c {
		case '月':
			// digits or Chinese numerals before 月 and after it, then 日/号
			a := i - 1
			for a >= 0 && (isDigit(r[a]) || cnDigit[r[a]] > 0) {
				a--
			}
			if a == i-1 {
				continue
			}
			b := i + 1
			for b < len(r) && (isDigit(r[b]) || cnDigit[r[b]] > 0) {
				b++
			}
			if b > i+1 && b < len(r) && (r[b] == '日' || r[b] == '号') {
				return true
			}
		case '年':
			if i >= 4 && isDigit(r[i-1]) && isDigit(r[i-2]) && isDigit(r[i-3]) && isDigit(r[i-4]) {
				return true
			}
		case '-':
			if i >= 4 && i+2 < len(r) && isDigit(r[i-1]) && isDigit(r[i-4]) && isDigit(r[i+1]) && isDigit(r[i+2]) {
				return true
			}
		}
	}
	return false
}
