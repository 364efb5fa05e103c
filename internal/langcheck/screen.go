package langcheck

import (
	"regexp"
	"strings"
)

// hanRun is a run of Chinese characters and full-width punctuation.
var hanRun = regexp.MustCompile(`[\p{Han}“”‘’（）《》「」『』【】〔〕、，。：；！？…—]+`)

// ForeignHan lists the Chinese a screen of the English interface shows
// that is not the office's own text: untranslated interface text. data is
// everything the office wrote that the screen may show (names,
// departments, stage names, the article's fields and body, opinions).
//   - A run of Chinese characters is the office's when data holds it
//     with any Chinese punctuation at its ends: "：稿件…" after an English
//     label, or a title in 《》 in an English line, is the interface's.
//   - A run of Chinese punctuation alone (CJKPunct: "wangyin、liwei",
//     "（3）") is the interface's unless data holds the word around it.
//
// “”‘’…— are English punctuation too and never counted alone.
func ForeignHan(screen, data string) []string {
	var out []string
	for _, loc := range hanRun.FindAllStringIndex(screen, -1) {
		r := screen[loc[0]:loc[1]]
		if !hasHan(r) {
			if !strings.ContainsAny(r, CJKPunct) {
				continue
			}
			a, b := loc[0], loc[1] // the word around it, up to a space or a frame line
			for a > 0 && screen[a-1] < 0x80 && !strings.ContainsRune(" \n|", rune(screen[a-1])) {
				a--
			}
			for b < len(screen) && screen[b] < 0x80 && !strings.ContainsRune(" \n|", rune(screen[b])) {
				b++
			}
			if w := screen[a:b]; w == r || !strings.Contains(data, w) {
				out = append(out, w)
			}
			continue
		}
		if !strings.Contains(data, strings.Trim(r, "“”‘’…—")) {
			out = append(out, r)
		}
	}
	return out
}
