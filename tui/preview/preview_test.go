package preview

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/glamour/styles"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"
)

func TestMain(m *testing.M) {
	// The app sets this at start (DESIGN.md, known pitfalls): under zh_CN
	// locales go-runewidth would count “”…── as two cells.
	runewidth.DefaultCondition.EastAsianWidth = false
	os.Exit(m.Run())
}

// sessionRenderer is a lipgloss renderer like the one bubbletea's
// MakeRenderer gives an SSH session: its own output and colour profile.
func sessionRenderer(p termenv.Profile) *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(p)
	return r
}

func newRenderer(t testing.TB, style string) *Renderer {
	t.Helper()
	r, err := New(sessionRenderer(termenv.ANSI256), style)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func meeting(t testing.TB) string {
	t.Helper()
	b, err := os.ReadFile("testdata/meeting.md")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// han returns the Han characters of s in order.
func han(s string) []rune {
	var out []rune
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			out = append(out, r)
		}
	}
	return out
}

// isSubsequence reports whether sub appears in seq in order.
func isSubsequence(sub, seq []rune) bool {
	i := 0
	for _, r := range seq {
		if i < len(sub) && r == sub[i] {
			i++
		}
	}
	return i == len(sub)
}

func TestPunctuationWidth(t *testing.T) {
	for _, s := range []string{"“", "”", "…", "─", "—", "‘", "’", "·"} {
		if w := runewidth.StringWidth(s); w != 1 {
			t.Errorf("runewidth.StringWidth(%q) = %d, want 1", s, w)
		}
		if w := ansi.StringWidth(s); w != 1 {
			t.Errorf("ansi.StringWidth(%q) = %d, want 1", s, w)
		}
		if w := lipgloss.Width(s); w != 1 {
			t.Errorf("lipgloss.Width(%q) = %d, want 1", s, w)
		}
	}
	if w := ansi.StringWidth("“督导—系主任……──”"); w != runewidth.StringWidth("“督导—系主任……──”") {
		t.Errorf("ansi and runewidth disagree on mixed text: %d", w)
	}
}

func TestRenderFitsAndKeepsText(t *testing.T) {
	md := meeting(t)
	want := han(md)
	for _, style := range []string{StyleASCII, StyleDark, StyleLight, StyleNoTTY} {
		r := newRenderer(t, style)
		for _, width := range []int{40, 80, 120, 8, 13, 27} {
			t.Run(fmt.Sprintf("%s/%d", style, width), func(t *testing.T) {
				out, err := r.Render(r.Key(7, 3, width), md, width)
				if err != nil {
					t.Fatal(err)
				}
				for i, line := range strings.Split(out, "\n") {
					if w := ansi.StringWidth(line); w > width {
						t.Errorf("line %d is %d cells wide (> %d): %q", i+1, w, width, line)
					}
				}
				plain := strings.Join(strings.Fields(ansi.Strip(out)), "")
				// The image label (图片：) is the renderer's, not the source's.
				plain = strings.ReplaceAll(plain, "图片：", "")
				got := han(plain)
				if !isSubsequence(want, got) {
					t.Errorf("Han text of the source missing or out of order:\nwant %s\n got %s", string(want), string(got))
				}
				if string(got) != string(want) {
					t.Errorf("Han text differs:\nwant %s\n got %s", string(want), string(got))
				}
				for _, s := range []string{"https://example.edu.cn/xxgc/notice/20241104.html", "2024-11-04", "A、B卷"} {
					if !strings.Contains(plain, s) {
						t.Errorf("output lost %q", s)
					}
				}
			})
		}
	}
}

// sgrs returns the SGR sequences of a line in order.
func sgrs(line string) []string {
	var out []string
	var state byte
	for len(line) > 0 {
		seq, _, n, ns := ansi.DecodeSequence(line, state, nil)
		state = ns
		if strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m") {
			out = append(out, seq)
		}
		line = line[n:]
	}
	return out
}

func TestDarkStylingSurvivesWrap(t *testing.T) {
	r := newRenderer(t, StyleDark)
	md := meeting(t)
	out, err := r.Render(r.Key(1, 1, 40), md, 40)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out, "\n")
	wrapped := 0
	for i, line := range lines {
		plain := ansi.Strip(line)
		if len(han(plain)) == 0 {
			continue
		}
		// Every line with text carries colour before its first character…
		first := strings.IndexFunc(line, func(r rune) bool { return unicode.Is(unicode.Han, r) })
		if !strings.Contains(line[:first], "\x1b[38;5;") {
			t.Errorf("line %d has no colour before its text: %q", i+1, line)
		}
		// …and leaves no style open for the next line.
		if s := sgrs(line); len(s) > 0 {
			if last := s[len(s)-1]; last != "\x1b[0m" && last != "\x1b[m" {
				t.Errorf("line %d ends with style %q open", i+1, last)
			}
		}
		if strings.HasPrefix(plain, "  │ ") || strings.HasPrefix(plain, "     ") {
			wrapped++
		}
	}
	if wrapped == 0 {
		t.Error("no continuation line kept the quote bar or hanging indent")
	}
	// The quote keeps its bar on every line.
	for i, line := range lines {
		if p := ansi.Strip(line); strings.Contains(p, "圆满") && !strings.HasPrefix(p, "  │ ") {
			t.Errorf("quote line %d lost its bar: %q", i+1, p)
		}
	}
}

func TestRenderSanitizes(t *testing.T) {
	r := newRenderer(t, StyleDark)
	md := "# 标题\x1b]0;pwned\x07\n\n正文\x1b[2J第二句\u202e。\x1b]52;c;AAAA\x07\n"
	out, err := r.Render(r.DraftKey(1, md, 40), md, 40)
	if err != nil {
		t.Fatal(err)
	}
	var state byte
	for s := out; len(s) > 0; {
		seq, _, n, ns := ansi.DecodeSequence(s, state, nil)
		state = ns
		if strings.HasPrefix(seq, "\x1b") && !(strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m")) {
			t.Errorf("non-SGR escape in output: %q", seq)
		}
		s = s[n:]
	}
	if strings.ContainsRune(out, '\u202e') || strings.Contains(out, "pwned") {
		t.Errorf("hostile content survived: %q", out)
	}
	if p := ansi.Strip(out); !strings.Contains(p, "正文第二句") {
		t.Errorf("text lost: %q", p)
	}
}

func TestCache(t *testing.T) {
	r := newRenderer(t, StyleDark)
	md := meeting(t)
	key := r.Key(42, 5, 80)
	first, err := r.Render(key, md, 80)
	if err != nil {
		t.Fatal(err)
	}
	if n := r.renders.Load(); n != 1 {
		t.Fatalf("%d glamour runs after first render", n)
	}
	// A hit returns the same output without rendering — even if the caller
	// passes other text, since a saved revision never changes.
	again, err := r.Render(key, "", 80)
	if err != nil || again != first {
		t.Fatalf("cache hit differs: err %v", err)
	}
	if cached, ok := r.Cached(key); !ok || cached != first {
		t.Error("Cached misses a rendered key")
	}
	if _, ok := r.Cached(r.Key(42, 6, 80)); ok {
		t.Error("Cached hit for a revision never rendered")
	}
	// A new width only re-wraps.
	narrow, err := r.Render(r.Key(42, 5, 40), md, 40)
	if err != nil || narrow == first {
		t.Fatalf("narrow render: err %v, same output %v", err, narrow == first)
	}
	if n := r.renders.Load(); n != 1 {
		t.Errorf("%d glamour runs after a resize, want 1", n)
	}
	// Drafts are cached by content.
	draft := md + "\n新增一段草稿。\n"
	d1, _ := r.Render(r.DraftKey(42, draft, 80), draft, 80)
	d2, _ := r.Render(r.DraftKey(42, draft, 80), draft, 80)
	if d1 != d2 || r.renders.Load() != 2 {
		t.Errorf("draft not cached by content: %d runs", r.renders.Load())
	}
	edited := draft + "再改一句。\n"
	if _, err := r.Render(r.DraftKey(42, edited, 80), edited, 80); err != nil || r.renders.Load() != 3 {
		t.Errorf("edited draft not re-rendered: err %v, %d runs", err, r.renders.Load())
	}
	if r.DraftKey(42, draft, 80) == r.DraftKey(42, edited, 80) {
		t.Error("different drafts share a key")
	}
}

func TestCacheBounded(t *testing.T) {
	r := newRenderer(t, StyleASCII)
	for i := range CacheSize + 20 {
		if _, err := r.Render(r.Key(1, i, 40), "第"+fmt.Sprint(i)+"版", 40); err != nil {
			t.Fatal(err)
		}
	}
	if n := r.out.len(); n != CacheSize {
		t.Errorf("cache holds %d entries, want %d", n, CacheSize)
	}
	if n := r.raw.len(); n != RawCacheSize {
		t.Errorf("raw cache holds %d entries, want %d", n, RawCacheSize)
	}
	if _, ok := r.Cached(r.Key(1, 0, 40)); ok {
		t.Error("oldest entry not evicted")
	}
	if _, ok := r.Cached(r.Key(1, CacheSize+19, 40)); !ok {
		t.Error("newest entry evicted")
	}
}

func TestConcurrentRender(t *testing.T) {
	r := newRenderer(t, StyleDark)
	md := meeting(t)
	want, err := r.Render(r.Key(9, 1, 60), md, 60)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				width := 40 + (g+i)%3*20
				key := r.Key(9, 1+i%4, width)
				out, err := r.Render(key, md, width)
				if err != nil {
					t.Error(err)
					return
				}
				if width == 60 && out != want {
					t.Error("concurrent render differs")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestErrors(t *testing.T) {
	if _, err := New(nil, StyleDark); !errors.Is(err, ErrNoRenderer) {
		t.Errorf("New(nil) err = %v", err)
	}
	if _, err := New(sessionRenderer(termenv.Ascii), "auto"); !errors.Is(err, ErrUnknownStyle) {
		t.Errorf("New(auto) err = %v", err)
	}
	r := newRenderer(t, StyleLight)
	tests := []struct {
		name  string
		key   Key
		width int
		want  error
	}{
		{"width mismatch", r.Key(1, 1, 80), 40, ErrKey},
		{"style mismatch", Key{Article: 1, Rev: 1, Width: 40, Style: StyleDark}, 40, ErrKey},
		{"draft without hash", Key{Article: 1, Rev: DraftRev, Width: 40, Style: StyleLight}, 40, ErrKey},
		{"bad revision", r.Key(1, -2, 40), 40, ErrKey},
		{"too narrow", r.Key(1, 1, MinWidth-1), MinWidth - 1, ErrWidth},
	}
	for _, tt := range tests {
		if _, err := r.Render(tt.key, "正文", tt.width); !errors.Is(err, tt.want) {
			t.Errorf("%s: err = %v, want %v", tt.name, err, tt.want)
		}
	}
}

func TestCmd(t *testing.T) {
	r := newRenderer(t, StyleASCII)
	md := meeting(t)
	key := r.Key(3, 2, 80)
	msg := Cmd(r, key, md, 80)()
	rm, ok := msg.(RenderedMsg)
	if !ok {
		t.Fatalf("Cmd returned %T", msg)
	}
	if rm.Err != nil || rm.Key != key {
		t.Fatalf("RenderedMsg = key %v, err %v", rm.Key, rm.Err)
	}
	want, _ := r.Render(key, md, 80)
	if rm.Out != want {
		t.Error("RenderedMsg.Out differs from Render")
	}
	// A stale message is recognised by its key.
	if rm.Key == r.Key(3, 2, 100) {
		t.Error("keys for different widths compare equal")
	}
	if m := Cmd(nil, key, md, 80)().(RenderedMsg); !errors.Is(m.Err, ErrNoRenderer) {
		t.Errorf("Cmd(nil) err = %v", m.Err)
	}
	if m := Cmd(r, r.Key(3, 2, 100), md, 80)().(RenderedMsg); !errors.Is(m.Err, ErrKey) {
		t.Errorf("Cmd with mismatched key err = %v", m.Err)
	}
}

// article builds a Markdown meeting report of at least n characters by
// repeating numbered sections.
func article(n int) string {
	numerals := []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	var b strings.Builder
	b.WriteString("# 信息工程学院召开秋季学期教学工作推进会\n\n")
	b.WriteString("11月4日下午，信息工程学院在行政楼三楼第二会议室召开秋季学期教学工作推进会。会议由院长李明远主持。\n\n")
	for i := 0; utf8.RuneCountInString(b.String()) < n; i++ {
		fmt.Fprintf(&b, "## %s、第%d项工作安排\n\n", numerals[i%len(numerals)], i+1)
		b.WriteString("教务办公室主任王晓岚通报了开学以来的教学运行情况。本学期学院共开设本科课程一百二十六门，其中新开课程九门，双语课程四门；期中教学检查共听课二百一十余节次，学生评教优良率达到百分之九十六点三。她指出，部分课程仍存在课件更新不及时、作业批改反馈周期偏长等问题。\n\n")
		b.WriteString("1. 加强课堂教学质量监控，完善“督导—系主任—同行”三级听课制度。\n2. 推进课程思政示范课建设，每个系至少遴选两门课程参加校级评审。\n\n")
		b.WriteString("> 李明远强调：“教学工作是学院的中心工作，各系要把责任落实到人，确保本学期各项教学任务圆满完成。”\n\n")
	}
	return b.String()
}

func BenchmarkRender(b *testing.B) {
	for _, size := range []int{4000, 20000} {
		md := article(size)
		name := fmt.Sprintf("%dk", size/1000)
		b.Run(name+"/first", func(b *testing.B) {
			r := newRenderer(b, StyleDark)
			rev := 0
			for b.Loop() {
				rev++
				if _, err := r.Render(r.Key(1, rev, 80), md, 80); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/resize", func(b *testing.B) {
			r := newRenderer(b, StyleDark)
			i := 0
			for b.Loop() {
				// Cycling through more widths than the cache holds: every
				// call misses the wrapped cache and only re-wraps.
				width := 40 + i%(CacheSize*3)
				i++
				if _, err := r.Render(r.Key(1, 1, width), md, width); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/cached", func(b *testing.B) {
			r := newRenderer(b, StyleDark)
			key := r.Key(1, 1, 80)
			if _, err := r.Render(key, md, 80); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := r.Render(key, md, 80); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(name+"/draftkey", func(b *testing.B) {
			r := newRenderer(b, StyleDark)
			b.ReportAllocs()
			for b.Loop() {
				_ = r.DraftKey(1, md, 80)
			}
		})
	}
}

func FuzzRender(f *testing.F) {
	f.Add("# 标题\n\n> 引用：“好的”\n\n1. 列表项目内容\n   - 嵌套", 20)
	f.Add("| 姓名 | 职务 |\n|---|---|\n| 王音 | 审核 |\n\n```\n\tcode 代码\n```", 9)
	f.Add("- [x] 已完成的任务\n- [ ] 未完成\n\n---\n\n[链接](https://example.edu.cn) ![图](a.jpg) **粗体** *斜体* `代码`", 12)
	r := newRenderer(f, StyleDark)
	f.Fuzz(func(t *testing.T, md string, width int) {
		if width < MinWidth || width > 160 {
			width = MinWidth + (width%40+40)%40
		}
		out, err := r.Render(r.DraftKey(1, md, width), md, width)
		if err != nil {
			t.Skip(err)
		}
		for _, line := range strings.Split(out, "\n") {
			if w := ansi.StringWidth(line); w > width {
				t.Fatalf("line %q is %d cells wide (> %d)", line, w, width)
			}
		}
	})
}

// BenchmarkGlamour measures glamour alone, with word wrap off (what
// Renderer does) and at 80 columns (glamour's own wrapping and padding),
// to show what the re-wrap saves.
func BenchmarkGlamour(b *testing.B) {
	for _, size := range []int{4000, 20000} {
		md := article(size)
		for _, ww := range []int{0, 80} {
			b.Run(fmt.Sprintf("%dk/wordwrap%d", size/1000, ww), func(b *testing.B) {
				for b.Loop() {
					tr, err := glamour.NewTermRenderer(
						glamour.WithStyles(styles.DarkStyleConfig),
						glamour.WithColorProfile(termenv.ANSI256),
						glamour.WithWordWrap(ww),
					)
					if err != nil {
						b.Fatal(err)
					}
					if _, err := tr.Render(md); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// glamour's English "Image:" label is Chinese in the workstation (issue 9.10).
func TestImageLabelIsChinese(t *testing.T) {
	for _, style := range []string{StyleDark, StyleLight, StyleNoTTY, StyleASCII} {
		r := newRenderer(t, style)
		md := "会场：\n\n![会议现场](media:0123456789abcdef)\n"
		out, err := r.Render(r.DraftKey(1, md, 60), md, 60)
		if err != nil {
			t.Fatal(err)
		}
		plain := ansi.Strip(out)
		if strings.Contains(plain, "Image") || !strings.Contains(plain, "图片：会议现场") {
			t.Errorf("%s: %q", style, plain)
		}
	}
}
