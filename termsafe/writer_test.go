package termsafe

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
)

// writeSplit writes in through a Writer in chunks cut at the given points.
func writeSplit(t *testing.T, in string, cuts []int) string {
	t.Helper()
	var buf bytes.Buffer
	w := NewWriter(&buf)
	last := 0
	for _, c := range cuts {
		if c < last || c > len(in) {
			continue
		}
		if n, err := w.Write([]byte(in[last:c])); err != nil || n != c-last {
			t.Fatalf("Write = %d, %v", n, err)
		}
		last = c
	}
	if _, err := w.WriteString(in[last:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

var hostileInputs = []string{
	"标题\x1b]0;pwned\x07正文", "标题\x1b]2;pwned\x1b\\正文", "看这里\x1b]52;c;cm0gLXJmIH4K\x07！",
	"\x1b]8;;https://evil.example/\x1b\\点我\x1b]8;;\x1b\\", "\x1b[2J\x1b[H假通知", "\x1b[31;1m红字\x1b[0m",
	"审核：通过\r审核：退回", "第一段\r\n第二段", "文件\u202Egpj.exe", "\u2066a\u2069\u200eb\u200fc\u061cd",
	"前\u009b2J后", "前\u009d0;title\u0007后", "前\u009d0;title\u009c后", "前\u0090qpayload\u009c后",
	"前\x1bPq#0;2;0;0;0\x1b\\后", "前\x1b(0lqk\x1b(B后", "正文\x1b]52;c;AAAA", "正文\x1b[12;", "正文\x1b",
	"\x1b[1;中文", "\x1b]0;t\x1b[2J正文", "a\x00b\x07c\x08d\x7fe", "好\xff\xfe好\xe4\xb8", "a\x9b2Jb",
	"verified OK\r\x1b[2KBAD record 7", "👨‍👩‍👧‍👦 é ☺️", "",
}

// The Writer gives exactly String's result, however the input is split
// into writes: one rule set for strings and streams.
func TestWriterMatchesString(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, in := range hostileInputs {
		want := String(in)
		if got := writeSplit(t, in, nil); got != want {
			t.Errorf("one write: %q → %q, String gives %q", in, got, want)
		}
		for i := 0; i <= len(in); i++ { // every single cut
			if got := writeSplit(t, in, []int{i}); got != want {
				t.Errorf("cut at %d: %q → %q, String gives %q", i, in, got, want)
			}
		}
		cuts := make([]int, 0, len(in))
		for i := 1; i < len(in); i++ { // byte by byte
			cuts = append(cuts, i)
		}
		if got := writeSplit(t, in, cuts); got != want {
			t.Errorf("byte by byte: %q → %q, String gives %q", in, got, want)
		}
		for range 20 {
			var cs []int
			for i := 0; i < len(in); i += 1 + rng.IntN(5) {
				cs = append(cs, i)
			}
			if got := writeSplit(t, in, cs); got != want {
				t.Errorf("cuts %v: %q → %q, String gives %q", cs, in, got, want)
			}
		}
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriterErrorsAndWrapping(t *testing.T) {
	w := NewWriter(failWriter{})
	if _, err := w.Write([]byte("x")); err == nil {
		t.Error("error of the underlying writer lost")
	}
	if NewWriter(w) != w {
		t.Error("wrapping a Writer twice makes a second layer")
	}
	var buf bytes.Buffer
	sw := NewWriter(&buf)
	if _, err := sw.Write([]byte("\x1b]0;")); err != nil || buf.Len() != 0 {
		t.Errorf("a partial sequence was written: %q", buf.String())
	}
	_, _ = sw.Write([]byte("title\x07ok\n"))
	if buf.String() != "ok\n" {
		t.Errorf("got %q", buf.String())
	}
}

func TestFrame(t *testing.T) {
	tests := []struct{ in, want string }{
		{"\x1b[1;38;5;203m标题\x1b[0m", "\x1b[1;38;5;203m标题\x1b[0m"},
		{"\x1b[38:2::255:0:0m红\x1b[m", "\x1b[38:2::255:0:0m红\x1b[m"},
		{"a\x1b[2Jb\x1b[?1049hc", "abc"},
		{"a\x1b]52;c;AAAA\x07b\x1b]0;t\x1b\\c", "abc"},
		{"前\u009b1m后\u202e\r", "前后"},
		{"\x1b[1m\x1b[2K\rverified OK", "\x1b[1mverified OK"},
		{"a\x1b[", "a"},
	}
	for _, tt := range tests {
		if got := Frame(tt.in); got != tt.want {
			t.Errorf("Frame(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, in := range hostileInputs {
		out := Frame(in)
		// Without SGR, Frame is String.
		if !strings.Contains(in, "m") || !strings.Contains(in, "\x1b[") {
			if want := String(in); out != want {
				t.Errorf("Frame(%q) = %q, String gives %q", in, out, want)
			}
		}
		if Frame(out) != out {
			t.Errorf("Frame not idempotent on %q", in)
		}
	}
	clean := strings.Repeat("\x1b[38;5;245m│\x1b[0m 会议由院长主持 \x1b[1mOK\x1b[0m\n", 60)
	if a := testing.AllocsPerRun(20, func() { _ = Frame(clean) }); a != 0 {
		t.Errorf("clean frame allocated %v times", a)
	}
}

func TestJSON(t *testing.T) {
	v := map[string]string{"title": "标题\u009b2J\u202egpj.exe\x7f\x1b]0;t\x07"}
	raw, _ := json.Marshal(v)
	esc := JSON(raw)
	for _, r := range string(esc) {
		if r >= 0x7f && r <= 0x9f || isBidi(r) || r < 0x20 {
			t.Fatalf("JSON kept %U: %s", r, esc)
		}
	}
	var back map[string]string
	if err := json.Unmarshal(esc, &back); err != nil || back["title"] != v["title"] {
		t.Fatalf("JSON changed the text: %v %q", err, back["title"])
	}
	if !bytes.Contains(esc, []byte(`\u009b`)) || !bytes.Contains(esc, []byte(`\u202e`)) {
		t.Fatalf("escapes missing: %s", esc)
	}
	plain := []byte(`{"a":"标题"}`)
	if got := JSON(plain); &got[0] != &plain[0] {
		t.Error("clean JSON was copied")
	}
	// Through a Writer, escaped JSON is unchanged.
	if got := writeSplit(t, string(esc), nil); got != string(esc) {
		t.Errorf("Writer changed escaped JSON: %s", got)
	}
}

// BenchmarkFrame is the cost the TUI's root View pays per frame: a
// 200×60 screen of CJK text with colour sequences, clean (the usual case)
// and with one hostile field.
func BenchmarkFrame(b *testing.B) {
	line := "\x1b[38;5;245m│\x1b[0m 11月4日下午，信息工程学院在行政楼三楼第二会议室召开秋季学期教学工作推进会。会议由院长主持，各系主任参加 \x1b[1mOK\x1b[0m\n"
	clean := strings.Repeat(line, 60)
	dirty := clean[:len(clean)/2] + "\x1b]52;c;AAAA\x07\u202e" + clean[len(clean)/2:]
	for name, s := range map[string]string{"clean": clean, "dirty": dirty} {
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(s)))
			b.ReportAllocs()
			for b.Loop() {
				sink = Frame(s)
			}
		})
	}
}
