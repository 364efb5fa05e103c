package model

import "testing"

func TestNameKey(t *testing.T) {
	same := [][2]string{
		{"王音", "王音\u200b"},
		{"王音", "\u2800王音"},
		{"王音", "王\u3164音"},
		{"王音", "王\u202e音"},
		{"王音", "王\ufeff音\u2060"},
		{"Wang Yin", "ｗａｎｇ　ｙｉｎ"},
		{"Wang Yin", "WANGYIN"},
		{"沈建龙", "沈建龍"[:0] + "沈建龙\u034f"},
		// Combining marks: faint or invisible on a CJK name.
		{"王音", "王\u0332音"},
		{"王音", "王音\u0301"},
		{"王音", "王\u20dd音"[:0] + "王音\u0f35"},
		{"José", "Jose"},
	}
	for _, c := range same {
		if NameKey(c[0]) != NameKey(c[1]) {
			t.Errorf("%q and %q differ: %q %q", c[0], c[1], NameKey(c[0]), NameKey(c[1]))
		}
	}
	if NameKey("王音") == NameKey("王英") {
		t.Error("different names compare equal")
	}
	if got := NormalizeDisplay(" 王\u200b音\u00a0 二 "); got != "王音 二" {
		t.Errorf("NormalizeDisplay: %q", got)
	}
	if NormalizeDisplay("\u200b\u3164\u2800") != "" {
		t.Error("an invisible-only name is not empty")
	}
}
