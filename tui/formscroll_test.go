package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A form taller than the screen scrolls to the field being filled in: at
// 100×30 the 稿件信息 form (ctrl+o) of a returned meeting report has eleven
// fields, and typing into 参会人员 while it sat below the status bar went
// on unseen (tester, 2026-12-01). Every field, as tab reaches it, is on
// the screen with its focus bar, and the screen is never taller than the
// terminal. The same for the new meeting report form (m) at 60×20. The
// hints say what 重要 and 标签 do in words, not in the workflow file's
// syntax (when: important).
func TestFormsScrollToFocusedField(t *testing.T) {
	st := testStore(t)
	seed(t, st, "draft")
	metaTitles := []string{"副标题", "资讯来源", "作者", "摄影", "会议名称", "日期", "地点", "主持人", "参会人员", "重要", "标签"}
	newTitles := []string{"会议名称", "日期", "地点", "主持人", "参会人员", "资讯来源"}
	for _, size := range [][2]int{{100, 30}, {60, 20}, {80, 16}} {
		w, hgt := size[0], size[1]
		for _, tc := range []struct {
			name   string
			open   []string
			titles []string
		}{
			{"ctrl+o", []string{"enter", "ctrl+o"}, metaTitles},
			{"m", []string{"m"}, newTitles},
		} {
			h := newHarness(t, st, "liwei", w, hgt)
			h.keys(tc.open...)
			if tc.name == "m" {
				h.keys("安全工作会议") // 会议名称 is required before tab moves on
			}
			for i, title := range tc.titles {
				if i > 0 {
					h.keys("tab")
				}
				lines := strings.Split(h.view(), "\n")
				if len(lines) > hgt {
					t.Errorf("%s %d×%d at %s: %d lines on a %d-line screen", tc.name, w, hgt, title, len(lines), hgt)
				}
				focused := false
				for _, l := range lines[:min(len(lines), hgt)] {
					plain := ansi.Strip(l)
					if strings.Contains(plain, "when:") {
						// the workflow file's syntax means nothing to a writer
						t.Errorf("%s: the form speaks workflow YAML: %q", tc.name, plain)
					}
					if strings.Contains(plain, "┃") && strings.Contains(plain, title) {
						focused = true
					}
				}
				if !focused {
					t.Errorf("%s %d×%d: the focused field %s is not on the screen:\n%s", tc.name, w, hgt, title, strings.Join(lines[:min(len(lines), hgt)], "\n"))
					break
				}
			}
		}
	}
}
