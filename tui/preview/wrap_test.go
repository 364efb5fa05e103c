package preview

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/termsafe"
)

func TestWrap(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		width int
		want  string
	}{
		{"fits unchanged", "会议由院长主持。  ", 20, "会议由院长主持。  "},
		{"CJK every character", "一二三四五六七八九十", 8, "一二三四\n五六七八\n九十"},
		{"odd width", "一二三四五六", 7, "一二三\n四五六"},
		{"no comma at line start", "一二三，四五六", 6, "一二\n三，四\n五六"},
		{"no full stop at line start", "学院召开会议。院长讲话。", 12, "学院召开会\n议。院长讲\n话。"},
		{"no opening quote at line end", "他说“好的”", 6, "他说\n“好的”"},
		{"dashes stay together", "督导——系主任", 5, "督\n导——\n系主\n任"},
		{"ellipsis stays together", "等等……好", 5, "等\n等……\n好"},
		{"latin words kept", "The quick brown fox", 10, "The quick\nbrown fox"},
		{"long word cut", "abcdefghijkl", 5, "abcde\nfghij\nkl"},
		{"mixed", "执行A、B卷制度", 5, "执行\nA、B\n卷制\n度"},
		{"ideographic space dropped at break", "一二三\u3000四五六", 6, "一二三\n四五六"},
		{"emoji ZWJ not split", "家庭👨‍👩‍👧‍👦成员", 5, "家庭\n👨‍👩‍👧‍👦成\n员"},
		{"margin repeated", "  一二三四五六", 6, "  一二\n  三四\n  五六"},
		{"quote bar repeated", "  │ 一二三四五六", 8, "  │ 一二\n  │ 三四\n  │ 五六"},
		{"bullet hanging indent", "  • 一二三四五六", 8, "  • 一二\n    三四\n    五六"},
		{"number hanging indent", "  12. 一二三四五六", 12, "  12. 一二三\n      四五六"},
		{"heading hanging indent", "  ## 一二三四五六", 10, "  ## 一二\n     三四\n     五六"},
		{"indent too wide is dropped", "        一二三四五六", 12, "        一二\n三四五六"},
		{"tab expanded", "\t一二", 20, "    一二"},
		{"several lines", "一二三四\n\n五六", 4, "一二\n三四\n\n五六"},
		{"width 1 leaves text alone", "一二", 1, "一二"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Wrap(tt.in, tt.width)
			if got != tt.want {
				t.Errorf("Wrap(%q, %d) =\n%s\nwant\n%s", tt.in, tt.width, got, tt.want)
			}
		})
	}
}

func TestWrapCarriesStyle(t *testing.T) {
	const red, bold, reset = "\x1b[31m", "\x1b[1m", "\x1b[0m"
	in := "  " + red + "一二" + bold + "三四" + reset + "五六"
	got := Wrap(in, 6)
	want := "  " + red + "一二" + ansi.ResetStyle + "\n" +
		"  " + red + bold + "三四" + reset + "\n" +
		"  五六"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// A styled prefix is repeated, then reset, before the text's own style
	// is re-opened.
	in = red + "  │ " + reset + bold + "一二三四" + reset
	got = Wrap(in, 8)
	want = red + "  │ " + reset + bold + "一二" + ansi.ResetStyle + "\n" +
		red + "  │ " + ansi.ResetStyle + bold + "三四" + reset
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestWrapNoKinsokuViolations(t *testing.T) {
	text := strings.Repeat("会议要求，各系要“把责任落实到人”；确保任务圆满完成……同时——做好总结。", 6)
	for width := 6; width <= 40; width++ { // below 6, "人”；" cannot fit
		for _, line := range strings.Split(Wrap(text, width), "\n") {
			if line == "" {
				continue
			}
			r := []rune(line)
			if strings.ContainsRune("，。；：！？）》”…—", r[0]) {
				t.Errorf("width %d: line starts with %q: %q", width, r[0], line)
			}
			if strings.ContainsRune("（《“", r[len(r)-1]) {
				t.Errorf("width %d: line ends with %q: %q", width, r[len(r)-1], line)
			}
		}
	}
}

func FuzzWrap(f *testing.F) {
	f.Add("  │ 李明远强调：“教学工作是学院的中心工作。”", 10)
	f.Add("\x1b[38;5;252m  1. \x1b[0m\x1b[1m加强课堂教学质量监控，完善制度\x1b[0m", 9)
	f.Add("https://example.edu.cn/xxgc/notice/20241104.html。", 12)
	f.Add("家庭👨‍👩‍👧‍👦成员🇨🇳e\u0301", 3)
	f.Fuzz(func(t *testing.T, s string, width int) {
		if width < 2 || width > 200 {
			width = 2 + (width%50+50)%50
		}
		s = termsafe.String(s)
		// Sprinkle SGR styling into the text.
		s = strings.ReplaceAll(s, "A", "\x1b[31mA")
		s = strings.ReplaceAll(s, "Z", "Z\x1b[0m")
		out := Wrap(s, width)
		for _, line := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(line); w > width {
				t.Fatalf("line %q is %d cells wide (> %d)", line, w, width)
			}
		}
		// Quote bars are repeated on continuation lines; everything else
		// must come out once, in order.
		squeeze := func(s string) string {
			s = strings.Map(func(r rune) rune {
				if isBar(r) {
					return -1
				}
				return r
			}, ansi.Strip(s))
			return strings.Join(strings.Fields(s), "")
		}
		if a, b := squeeze(s), squeeze(out); a != b {
			t.Fatalf("text changed:\n in %q\nout %q", a, b)
		}
	})
}

func BenchmarkWrap(b *testing.B) {
	r := newRenderer(b, StyleDark)
	rp, err := r.glamour(context.Background(), article(20000))
	raw := rp.text
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		Wrap(raw, 80)
	}
}
