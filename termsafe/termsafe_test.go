package termsafe

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// checkInvariants fails t when out could still control a terminal.
func checkInvariants(t *testing.T, in, out string, line bool) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("output is not valid UTF-8: %q → %q", in, out)
	}
	for _, r := range out {
		switch {
		case r == '\n' || r == '\t':
			if line {
				t.Errorf("Line kept %U: %q → %q", r, in, out)
			}
		case r < 0x20 || r == 0x7f:
			t.Errorf("control %U survived: %q → %q", r, in, out)
		case isC1(r):
			t.Errorf("C1 %U survived: %q → %q", r, in, out)
		case isBidi(r):
			t.Errorf("bidi %U survived: %q → %q", r, in, out)
		}
	}
}

func TestHostile(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"OSC 0 title BEL", "标题\x1b]0;pwned\x07正文", "标题正文"},
		{"OSC 2 title ST", "标题\x1b]2;pwned\x1b\\正文", "标题正文"},
		{"OSC 52 clipboard", "看这里\x1b]52;c;cm0gLXJmIH4K\x07！", "看这里！"},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example/\x1b\\点我\x1b]8;;\x1b\\", "点我"},
		{"CSI 2J clear", "\x1b[2J\x1b[H假通知", "假通知"},
		{"CSI SGR", "\x1b[31;1m红字\x1b[0m", "红字"},
		{"CSI private mode", "\x1b[?1049h备用屏\x1b[?25l", "备用屏"},
		{"bare CR overwrite", "审核：通过\r审核：退回", "审核：通过审核：退回"},
		{"CRLF keeps LF", "第一段\r\n第二段", "第一段\n第二段"},
		{"RLO override", "文件\u202Egpj.exe", "文件gpj.exe"},
		{"bidi isolates and marks", "\u2066a\u2069\u200eb\u200fc\u061cd\u202ae\u202cf", "abcdef"},
		{"C1 CSI with params", "前\u009b2J后", "前后"},
		{"C1 OSC with payload", "前\u009d0;title\u0007后", "前后"},
		{"C1 OSC ended by C1 ST", "前\u009d0;title\u009c后", "前后"},
		{"C1 DCS", "前\u0090qpayload\u009c后", "前后"},
		{"other C1", "前\u0085\u0084后", "前后"},
		{"DCS", "前\x1bPq#0;2;0;0;0\x1b\\后", "前后"},
		{"APC", "前\x1b_Gf=100;AAAA\x1b\\后", "前后"},
		{"PM and SOS", "前\x1b^pm\x1b\\中\x1bXsos\x1b\\后", "前中后"},
		{"ESC charset", "前\x1b(0lqk\x1b(B后", "前lqk后"},
		{"ESC single", "前\x1bc\x1b7\x1b8后", "前后"},
		{"unterminated OSC", "正文\x1b]52;c;AAAA", "正文"},
		{"unterminated CSI", "正文\x1b[12;", "正文"},
		{"lone ESC at end", "正文\x1b", "正文"},
		{"malformed CSI keeps text", "\x1b[1;中文", "中文"},
		{"OSC cut by new CSI", "\x1b]0;t\x1b[2J正文", "正文"},
		{"OSC aborted by CAN", "\x1b]0;t\x18正文", "正文"},
		{"C0 and DEL", "a\x00b\x07c\x08d\x7fe\x0bf\x0cg", "abcdefg"},
		{"invalid UTF-8", "好\xff\xfe好\xe4\xb8", "好\uFFFD\uFFFD好\uFFFD\uFFFD"},
		{"raw 8-bit CSI byte", "a\x9b2Jb", "a\uFFFD2Jb"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := String(tt.in)
			if got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			checkInvariants(t, tt.in, got, false)
			if strings.ContainsRune(got, 0x1b) || strings.ContainsRune(got, '\r') {
				t.Errorf("ESC or CR survived: %q", got)
			}
			checkInvariants(t, tt.in, Line(tt.in), true)
			if again := String(got); again != got {
				t.Errorf("not idempotent: %q → %q", got, again)
			}
		})
	}
}

func TestCleanUnchanged(t *testing.T) {
	clean := []string{
		"",
		"信息工程学院召开秋季学期教学工作推进会",
		"11月4日下午，会议由院长主持。“教学是中心工作”……——全体参会人员👍🏽",
		"家庭：👨‍👩‍👧‍👦 旗帜：🇨🇳 组合：é 变体：☺️",
		"第一段\n\n第二段\t缩进",
		"（图文来源：宣传部　/摄：周晓峰　审核：陈静）",
		"ASCII text with <html> & \"quotes\"",
		"\uFFFD is a valid replacement character",
	}
	for _, s := range clean {
		if got := String(s); got != s {
			t.Errorf("String(%q) = %q, want unchanged", s, got)
		}
		if !IsClean(s) {
			t.Errorf("IsClean(%q) = false", s)
		}
		if !strings.ContainsAny(s, "\n\t") {
			if got := Line(s); got != s {
				t.Errorf("Line(%q) = %q, want unchanged", s, got)
			}
		}
	}
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"关于召开\n教学工作会议的通知", "关于召开 教学工作会议的通知"},
		{"标题\t副标题", "标题 副标题"},
		{"标题\r\n第二行", "标题 第二行"},
		{"标题\x1b]0;x\x07", "标题"},
	}
	for _, tt := range tests {
		if got := Line(tt.in); got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNoAllocOnClean(t *testing.T) {
	s := strings.Repeat("会议由院长李明远主持，学院领导班子成员参加。👍\n", 50)
	allocs := testing.AllocsPerRun(100, func() {
		if String(s) != s {
			t.Fatal("changed")
		}
		if Line("教学工作推进会") == "" {
			t.Fatal("empty")
		}
	})
	if allocs != 0 {
		t.Errorf("clean input allocated %v times", allocs)
	}
}

func FuzzString(f *testing.F) {
	seeds := []string{
		"", "正文", "\x1b]0;title\x07", "\x1b]52;c;AAAA\x1b\\", "\x1b[2J", "a\rb",
		"\u202e", "\u009b2J", "\u009d0;x\u009c", "\x1bP\x1b\\", "\xff\xfe", "\x1b",
		"👨‍👩‍👧", "\x1b[1;中", "\x1b]0;t\x1b[2J后",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := String(in)
		checkInvariants(t, in, out, false)
		if String(out) != out {
			t.Errorf("String not idempotent on %q", in)
		}
		if IsClean(in) != (sanitize(in, false) == in) {
			t.Errorf("fast path disagrees with sanitize on %q", in)
		}
		if IsClean(in) && out != in {
			t.Errorf("clean input changed: %q → %q", in, out)
		}
		if !IsClean(out) {
			t.Errorf("output not clean: %q → %q", in, out)
		}
		var buf bytes.Buffer
		w := NewWriter(&buf)
		half := len(in) / 2
		_, _ = w.Write([]byte(in[:half]))
		_, _ = w.Write([]byte(in[half:]))
		_ = w.Flush()
		if buf.String() != out {
			t.Errorf("Writer disagrees with String on %q: %q vs %q", in, buf.String(), out)
		}
		if f := Frame(in); Frame(f) != f || !IsClean(strings.ReplaceAll(f, "\x1b[", "")) {
			t.Errorf("Frame not idempotent on %q", in)
		}
		l := Line(in)
		checkInvariants(t, in, l, true)
		if Line(l) != l {
			t.Errorf("Line not idempotent on %q", in)
		}
	})
}

var sink string

func BenchmarkString(b *testing.B) {
	para := "11月4日下午，信息工程学院在行政楼三楼第二会议室召开秋季学期教学工作推进会。会议由院长主持，各系主任参加。👍\n"
	cleanText := strings.Repeat(para, 72) // 4,032 characters, 11.6 KB
	dirtyText := strings.Repeat(para[:60]+"\x1b[31m\u202e\r"+para[60:]+"\x1b]0;t\x07", 72)
	b.Run("clean", func(b *testing.B) {
		b.SetBytes(int64(len(cleanText)))
		b.ReportAllocs()
		for b.Loop() {
			sink = String(cleanText)
		}
	})
	b.Run("dirty", func(b *testing.B) {
		b.SetBytes(int64(len(dirtyText)))
		b.ReportAllocs()
		for b.Loop() {
			sink = String(dirtyText)
		}
	})
}
