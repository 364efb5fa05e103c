package editor

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/charmbracelet/bubbles/textarea"
	tea "github.com/charmbracelet/bubbletea"
)

var benchSizes = []struct {
	name string
	n    int
}{{"4k", 4000}, {"20k", 20000}, {"100k", 100000}}

// reportPercentiles reports the median and 99th percentile of the
// per-iteration durations.
func reportPercentiles(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(d[min(len(d)-1, len(d)*99/100)].Nanoseconds()), "p99-ns")
}

// midPoint returns the middle line of text, and the byte offset of the
// 20th character of that line: where the benchmarks type.
func midPoint(text string) (line, off int) {
	line = strings.Count(text, "\n") / 2
	off = 0
	for i := 0; i < line; i++ {
		off += strings.IndexByte(text[off:], '\n') + 1
	}
	for i := 0; i < 20 && off < len(text) && text[off] != '\n'; i++ {
		_, n := utf8.DecodeRuneInString(text[off:])
		off += n
	}
	return line, off
}

// BenchmarkKeystroke measures one typed Chinese character in the middle of
// a Chinese article of 4k, 20k and 100k characters: Update plus View at
// 80x24.
func BenchmarkKeystroke(b *testing.B) {
	key := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("字")}
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			text := genArticle(size.n, 42)
			m := New()
			m.Styles = colorStyles()
			m.SetSize(80, 24)
			m.SetValue(text)
			m.Focus()
			line, _ := midPoint(text)
			m.SetCursor(line, 20)
			_ = m.View()
			d := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				m, _ = m.Update(key)
				_ = m.View()
				d = append(d, time.Since(t0))
			}
			b.StopTimer()
			reportPercentiles(b, d)
		})
	}
}

// BenchmarkTextareaKeystroke is BenchmarkKeystroke with bubbles textarea
// v1.0.0, for comparison.
func BenchmarkTextareaKeystroke(b *testing.B) {
	key := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("字")}
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			text := genArticle(size.n, 42)
			ta := textarea.New()
			ta.MaxHeight = 0
			ta.CharLimit = 0
			ta.ShowLineNumbers = false
			ta.SetWidth(80)
			ta.SetHeight(24)
			// Put the cursor at the same place as in BenchmarkKeystroke:
			// load the second half, go to the top, insert the first half.
			line, off := midPoint(text)
			ta.SetValue(text[off:])
			ta.Focus()
			ta, _ = ta.Update(tea.KeyMsg{Type: tea.KeyCtrlHome})
			ta.InsertString(text[:off])
			if ta.Line() != line {
				b.Fatalf("textarea cursor on line %d, want %d", ta.Line(), line)
			}
			if got := len(ta.Value()); got != len(text) {
				b.Fatalf("textarea holds %d bytes of %d", got, len(text))
			}
			_ = ta.View()
			d := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				ta, _ = ta.Update(key)
				_ = ta.View()
				d = append(d, time.Since(t0))
			}
			b.StopTimer()
			reportPercentiles(b, d)
		})
	}
}

// BenchmarkLongLineKeystroke is the worst case for a per-line cache: a
// 100k-character article pasted as a single line.
func BenchmarkLongLineKeystroke(b *testing.B) {
	key := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("字")}
	text := genArticle(100000, 43)
	flat := make([]rune, 0, len(text))
	for _, r := range text {
		if r != '\n' {
			flat = append(flat, r)
		}
	}
	m := New()
	m.Styles = colorStyles()
	m.SetSize(80, 24)
	m.SetValue(string(flat))
	m.Focus()
	m.SetCursor(0, len(flat)/2)
	_ = m.View()
	d := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		m, _ = m.Update(key)
		_ = m.View()
		d = append(d, time.Since(t0))
	}
	b.StopTimer()
	reportPercentiles(b, d)
}

// BenchmarkPaste1MiB measures a 1 MiB bracketed paste (one edit) plus View.
func BenchmarkPaste1MiB(b *testing.B) {
	msg := paste(paste1MiB())
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		m := New()
		m.Styles = colorStyles()
		m.SetSize(80, 24)
		m.SetValue(genArticle(4000, 1))
		m.Focus()
		m.SetCursor(10, 0)
		b.StartTimer()
		m, _ = m.Update(msg)
		_ = m.View()
	}
}
