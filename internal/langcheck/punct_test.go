package langcheck

import "testing"

func TestHalfWidthPunct(t *testing.T) {
	for s, n := range map[string]int{
		"(图文来源:党委宣传部 审核:王音)":           4,
		"（图文来源：党委宣传部 审核：王音）":           0,
		"会议于 9:00 开始，见 https://a.cn/x": 0,
		"用 tag:标签名 或 3=是:说明":           2, // syntax a user types is a caller's allow-list
		"第 1 / 1 页,共 2 篇":              1,
		"English (only): fine!":        0,
	} {
		if got := HalfWidthPunct(s); len(got) != n {
			t.Errorf("%q: %q, want %d", s, got, n)
		}
	}
}
