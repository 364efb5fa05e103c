package model

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/rivo/uniseg"
)

func TestShorten(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"学院党委高度重视", 4, "学院党委…"},
		{"学院党委", 4, "学院党委"},
		{"国旗🇨🇳🇨🇳升起", 3, "国旗🇨🇳…"},
		{"家庭👨‍👩‍👧成员", 3, "家庭👨‍👩‍👧…"},
		{"Café au lait", 4, "Café…"}, // e + U+0301
		{"ab   cd", 3, "ab…"},
		{"", 3, ""},
		{"abc", 0, "…"},
	}
	for _, c := range cases {
		if got := Shorten(c.in, c.n); got != c.want {
			t.Errorf("Shorten(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
	// a crafted "character" of many combining marks ends the text before it
	long := "起" + "a" + strings.Repeat("\u0301", 100000)
	if got := Shorten(long, 10); got != "起…" {
		t.Errorf("long cluster: %d bytes", len(got))
	}
	if got := Quote("第一行\n  第二行 🇨🇳🇯🇵", 7); got != "第一行 第二行…" {
		t.Errorf("Quote = %q", got)
	}
}

var pieces = []string{"中", "a", " ", "🇨🇳", "🇯", "👨‍👩‍👧", "\u200d", "e\u0301", "\u0301", "，", "😀\ufe0f", "ᄀ", "\u1161", "\r\n"}

// TestShortenProperty: the result is a prefix of the input (less trailing
// white space) that ends on a grapheme boundary, plus "…" only when
// something was cut, and has at most n characters.
func TestShortenProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 4))
	for range 5000 {
		var b strings.Builder
		for range r.IntN(40) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s, n := b.String(), r.IntN(20)
		got := Shorten(s, n)
		checkShortened(t, s, n, got)
	}
}

func checkShortened(t *testing.T, s string, n int, got string) {
	t.Helper()
	if got == s {
		if uniseg.GraphemeClusterCount(s) > n {
			t.Fatalf("Shorten(%q, %d) = input, which has more characters", s, n)
		}
		return
	}
	head, ok := strings.CutSuffix(got, Ellipsis)
	if !ok || !strings.HasPrefix(s, head) {
		t.Fatalf("Shorten(%q, %d) = %q: not a prefix plus …", s, n, got)
	}
	if uniseg.GraphemeClusterCount(head) > n {
		t.Fatalf("Shorten(%q, %d) = %q: too long", s, n, got)
	}
	// on a boundary: the clusters of head are the first clusters of s
	hs, ss := uniseg.NewGraphemes(head), uniseg.NewGraphemes(s)
	for hs.Next() {
		if !ss.Next() || hs.Str() != ss.Str() {
			t.Fatalf("Shorten(%q, %d) = %q: cut inside a character", s, n, got)
		}
	}
}
