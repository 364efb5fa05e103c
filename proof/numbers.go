package proof

import (
	"strconv"
	"strings"
)

var cnYearDigit = map[rune]int{'○': 0, '〇': 0, '零': 0, '一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}

// fullYear turns a two-digit year into four digits when the century is
// clear (00–30 → 20xx, 50–99 → 19xx); otherwise "".
func fullYear(nn int) string {
	switch {
	case nn <= 30:
		return strconv.Itoa(2000 + nn)
	case nn >= 50:
		return strconv.Itoa(1900 + nn)
	}
	return ""
}

// checkShortYear (P11, GB/T 15835-2011 §4.1.2 / 5.2.1): years are written in
// full: 2008年, not 08年 or 〇八年; 20世纪90年代, not 九〇年代. An Arabic
// two-digit number before 年 is taken as a year only when it cannot be a
// duration: it has a leading zero, a month follows (08年5月), or a
// preposition of time precedes it (于、在、至、到 98年).
func checkShortYear(d *doc, out emit) {
	r := d.r
	n := len(r)
	for i := 0; i+2 < n; i++ {
		if d.skip[i] {
			continue
		}
		// Arabic
		if isDigit(r[i]) && isDigit(r[i+1]) && r[i+2] == '年' && !isDigit(d.at(i-1)) && d.at(i-1) != '.' && !isAlnum(d.at(i-1)) {
			nn := int(r[i]-'0')*10 + int(r[i+1]-'0')
			after := d.at(i + 3)
			year := r[i] == '0'
			if isDigit(after) {
				k := i + 3
				for k < n && isDigit(r[k]) {
					k++
				}
				year = year || d.at(k) == '月'
			}
			if strings.ContainsRune("于在至到", d.at(i-1)) && !strings.ContainsRune("前后来间内多余左以里中度级代", after) {
				year = true
			}
			if after == '代' {
				year = false
			}
			if year {
				h := hit{rule: RuleShortYear, a: i, b: i + 3, msg: say(MsgShortYear, "Text", string(r[i:i+3]))}
				if y := fullYear(nn); y != "" {
					h.fix = strp(y + "年")
				}
				out(h)
			}
			i += 2
			continue
		}
		// Chinese numerals with a zero: 〇八年, 九〇年代
		if r[i+2] != '年' {
			continue
		}
		a, okA := cnYearDigit[r[i]]
		b, okB := cnYearDigit[r[i+1]]
		if okA && okB && r[i+2] == '年' && (a == 0 || b == 0) {
			if _, prev := cnYearDigit[d.at(i-1)]; prev || d.at(i-1) == '十' {
				continue
			}
			nn := a*10 + b
			h := hit{rule: RuleShortYear, a: i, b: i + 3, msg: say(MsgShortYear, "Text", string(r[i:i+3]))}
			if d.at(i+3) == '代' {
				h.b = i + 4
				if nn >= 10 {
					c := "20"
					if nn < 50 {
						c = "21"
					}
					h.fix = strp(c + "世纪" + strconv.Itoa(nn) + "年代")
				}
			} else if y := fullYear(nn); y != "" {
				h.fix = strp(y + "年")
			}
			out(h)
			i += 2
		}
	}
}

// parseCN parses a Chinese numeral such as 三, 十二, 二十三, 一百零五,
// 三千五百, 两万 (up to 99,999,999). ok is false for anything else.
func parseCN(rs []rune) (int, bool) {
	digit := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int{'十': 10, '百': 100, '千': 1000}
	total, section, num := 0, 0, -1
	if len(rs) == 0 {
		return 0, false
	}
	for _, c := range rs {
		if v, ok := digit[c]; ok {
			num = v
			continue
		}
		if u, ok := unit[c]; ok {
			if num < 0 {
				num = 1
			}
			section += num * u
			num = -1
			continue
		}
		if c == '万' {
			if num >= 0 {
				section += num
			}
			total += section * 10000
			section, num = 0, -1
			continue
		}
		return 0, false
	}
	if num >= 0 {
		section += num
	}
	return total + section, true
}

const cnNumerals = "零〇一二两三四五六七八九十百千万"

// mixedUnits are the kinds of quantity compared by P11-mixed: counts of
// people, ages and money, where an article that writes 3人 and 五人 mixes two
// forms of the same kind.
var mixedUnits = []string{"万元", "亿元", "元", "人", "名", "位", "岁", "%"}

// checkMixedNumbers (P11-mixed, GB/T 15835-2011 §4.3 / 4.1.1: one form for
// the same kind of quantity within a piece): when a unit is counted both in
// Arabic digits and in Chinese numerals, each Chinese form is reported with
// the Arabic form as the fix. Numerals inside quotation marks or 书名号
// (slogans, titles), ordinals (第三名) and approximations (数十名, 前三名)
// are left alone; 两 and numerals starting with 一 are idiomatic and skipped.
func checkMixedNumbers(d *doc, out emit) {
	r := d.r
	type occ struct{ a, b, val int }
	arabic := map[string]int{}
	chinese := map[string][]occ{}
	depth := 0
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch c {
		case '“', '《', '‘':
			depth++
		case '”', '》', '’':
			if depth > 0 {
				depth--
			}
		case '\n':
			if d.at(i+1) == '\n' {
				depth = 0
			}
		}
		if depth > 0 || d.skip[i] {
			continue
		}
		if isDigit(c) && !isDigit(d.at(i-1)) && d.at(i-1) != '.' {
			j := i
			for j < len(r) && (isDigit(r[j]) || (r[j] == '.' && isDigit(d.at(j+1)))) {
				j++
			}
			if u := unitAt(r, j); u != "" {
				arabic[u]++
			}
			i = j - 1
			continue
		}
		if c == '百' && d.at(i+1) == '分' && d.at(i+2) == '之' {
			j := i + 3
			for j < len(r) && strings.ContainsRune(cnNumerals, r[j]) {
				j++
			}
			if v, ok := parseCN(r[i+3 : j]); ok && j > i+3 {
				chinese["%"] = append(chinese["%"], occ{i, j, v})
			}
			i = j - 1
			continue
		}
		if strings.ContainsRune(cnNumerals, c) && !strings.ContainsRune(cnNumerals+"0123456789.", d.at(i-1)) && !strings.ContainsRune("百千万", c) {
			j := i
			for j < len(r) && strings.ContainsRune(cnNumerals, r[j]) {
				j++
			}
			u := unitAt(r, j)
			if u == "" || c == '一' || c == '两' || c == '零' || c == '〇' || strings.ContainsRune("第前后数几每逾余多", d.at(i-1)) || strings.ContainsRune("余多", d.at(j)) {
				i = j - 1
				continue
			}
			num := r[i:j]
			if u == "元" && num[len(num)-1] == '万' && len(num) > 1 {
				num, u = num[:len(num)-1], "万元"
			}
			if v, ok := parseCN(num); ok {
				chinese[u] = append(chinese[u], occ{i, j + len([]rune(unitAt(r, j))), v})
			}
			i = j - 1
		}
	}
	if arabic["％"] > 0 {
		arabic["%"] += arabic["％"]
	}
	money := arabic["元"] + arabic["万元"] + arabic["亿元"]
	for _, u := range mixedUnits {
		if arabic[u] == 0 && !(strings.HasSuffix(u, "元") && money > 0) {
			continue
		}
		for _, o := range chinese[u] {
			fix := strconv.Itoa(o.val) + u
			out(hit{rule: RuleMixedNumbers, a: o.a, b: o.b, msg: say(MsgMixedNumbers, "Fix", fix), fix: strp(fix)})
		}
	}
}

func unitAt(r []rune, j int) string {
	for _, u := range mixedUnits {
		ur := []rune(u)
		if j+len(ur) <= len(r) && eqRunes(ur, r[j:j+len(ur)]) {
			return u
		}
	}
	if j < len(r) && r[j] == '％' {
		return "%"
	}
	return ""
}
