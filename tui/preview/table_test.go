package preview

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// A 4-column Chinese table, as in issue 8 item 7, with one long cell.
const zhTable = `会议安排如下：

| 时间 | 地点 | 议题 | 负责人 |
|------|------|------|--------|
| 2026年6月30日上午九时 | 行政楼三楼第一会议室 | 审议《学院关于加强新时代研究生导师队伍建设的实施意见（试行）》并部署下一阶段重点工作任务，各单位认真抓好落实 | 沈建龙 |
| 7月1日 | 图书馆报告厅 | 七一表彰 | 王芳 |

会后合影。`

func TestTableFitsPane(t *testing.T) {
	for _, style := range []string{StyleDark, StyleNoTTY, StyleASCII} {
		r := newRenderer(t, style)
		for _, w := range []int{40, 80, 120} {
			out, err := r.Render(r.DraftKey(1, zhTable, w), zhTable, w)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(out, "\n")
			var rows []string
			for _, l := range lines {
				if sw := ansi.StringWidth(l); sw > w {
					t.Errorf("%s/%d: line %q is %d cells wide", style, w, ansi.Strip(l), sw)
				}
				if p := ansi.Strip(l); strings.Contains(p, "│") || strings.Contains(p, "┼") {
					rows = append(rows, p)
				}
			}
			// The grid: every row line has its separators at the same cells.
			if len(rows) < 4 {
				t.Fatalf("%s/%d: no table grid in\n%s", style, w, ansi.Strip(out))
			}
			want := sepCols(rows[0])
			if len(want) != 3 {
				t.Fatalf("%s/%d: header %q: want 3 separators (4 columns), got %v", style, w, rows[0], want)
			}
			for _, row := range rows[1:] {
				if got := sepCols(row); !equalInts(got, want) {
					t.Errorf("%s/%d: separators at %v, header at %v:\n%s", style, w, got, want, strings.Join(rows, "\n"))
					break
				}
			}
			plain := ansi.Strip(out)
			wantText := []string{"负责人", "沈建龙", "王芳", "会后合影。", "会议安排如下："}
			if w > 40 {
				wantText = append(wantText, "七一表彰")
			}
			for _, s := range wantText {
				if !strings.Contains(plain, s) {
					t.Errorf("%s/%d: %q missing from\n%s", style, w, s, plain)
				}
			}
			if w == 120 && !strings.Contains(plain, "行政楼三楼第一会议室") {
				t.Errorf("%s/%d: a cell that fits was broken:\n%s", style, w, plain)
			}
			if w == 40 && !strings.Contains(plain, "…") {
				t.Errorf("%s/%d: long cell neither cut nor marked:\n%s", style, w, plain)
			}
			if w == 80 && !strings.Contains(plain, "审议《学院关于") {
				t.Errorf("%s/%d: long cell lost its start:\n%s", style, w, plain)
			}
		}
	}
}

// sepCols returns the cell columns of the │ and ┼ separators in a line.
func sepCols(line string) []int {
	var cols []int
	x := 0
	for _, c := range strings.Split(line, "") {
		if c == "│" || c == "┼" {
			cols = append(cols, x)
		}
		x += ansi.StringWidth(c)
	}
	return cols
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Many columns in a narrow pane: the columns that fit are drawn, a "…"
// column stands for the rest, and nothing overflows; hostile cells stay
// inert and no grapheme cluster is split.
func TestTableNarrowAndHostile(t *testing.T) {
	md := "| a | b | c | d | e | f | g | h | i | j | k | l |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n" +
		"| 👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦 | \x1b]52;c;SGVsbG8=\x07x | \x1b[2J清屏 | é́́́ | 🇨🇳🇨🇳🇨🇳 | " + strings.Repeat("長", 200) + " | 7 | 8 | 9 | 10 | 11 | 12 |\n"
	r := newRenderer(t, StyleDark)
	for _, w := range []int{MinWidth, 12, 20, 40, 80} {
		out, err := r.Render(r.DraftKey(2, md, w), md, w)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(out, "\n") {
			if sw := ansi.StringWidth(l); sw > w {
				t.Errorf("%d: line %q is %d cells wide", w, ansi.Strip(l), sw)
			}
		}
		plain := ansi.Strip(out)
		if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x1b[2J") || strings.Contains(out, "\x07") {
			t.Errorf("%d: hostile sequence reached the terminal: %q", w, out)
		}
		if w <= 40 && !strings.Contains(plain, "│ …") {
			t.Errorf("%d: dropped columns not marked:\n%s", w, plain)
		}
		if strings.Contains(plain, "\u200d…") || strings.Contains(plain, "\U0001F1E8…") {
			t.Errorf("%d: a grapheme cluster was split:\n%s", w, plain)
		}
	}
}
