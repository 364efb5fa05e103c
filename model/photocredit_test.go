package model

import (
	"slices"
	"testing"
)

// 摄 comes from the photos' credits only when the article names no
// photographer; a PDF's credit and unknown media name nobody.
func TestCreditedPhotographers(t *testing.T) {
	media := map[string]*Media{
		"a": {ID: "a", Type: "image/png", Credit: " 赵丽焕 "},
		"b": {ID: "b", Type: "image/jpeg", Credit: "孙立，赵丽焕"},
		"p": {ID: "p", Type: "application/pdf", Credit: "钱明"},
		"n": {ID: "n", Type: "image/png"},
	}
	look := func(id string) *Media { return media[id] }
	c := &Content{Media: []string{"n:1", "p:2", "b:3", "x:4", "a:5"}}
	if got, want := c.CreditedPhotographers(look), []string{"孙立", "赵丽焕"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	c.Photographers = []string{"周平"}
	if got := c.CreditedPhotographers(look); !slices.Equal(got, []string{"周平"}) {
		t.Errorf("the article's own 摄影 was replaced: %q", got)
	}
	if got := (&Content{}).CreditedPhotographers(look); got != nil {
		t.Errorf("no photos, no photographers: %q", got)
	}
}
