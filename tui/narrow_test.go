package tui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// At 60×20 no line of the home or review screen is wider than 60 cells,
// and a label that does not fit ends with … instead of being clipped
// silently (issue 9 item 11).
func TestNarrow60x20(t *testing.T) {
	st := testStore(t)
	a := seed(t, st, "draft")
	c := meetingContent()
	c.Title = "党委宣传部召开二〇二四年度全校新闻宣传工作会议暨融媒体中心建设推进会议"
	if _, err := st.Save(liwei, a.ID, a.Rev, c); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, a.ID, storeSubmit()); err != nil {
		t.Fatal(err)
	}
	cutSeen := false
	for _, login := range []string{"liwei", "wangyin"} {
		h := newHarness(t, st, login, 60, 20)
		views := []string{h.view()}
		if login == "wangyin" {
			h.keys("enter")
			views = append(views, h.view())
		}
		for _, v := range views {
			lines := strings.Split(v, "\n")
			for i, line := range lines {
				if w := ansi.StringWidth(line); w > 60 {
					t.Errorf("%s: line %d is %d cells wide: %q", login, i, w, line)
				}
				plain := strings.TrimRight(ansi.Strip(line), " ")
				wrapped := i+1 < len(lines) && strings.Contains(ansi.Strip(lines[i+1]), "推进会议")
				if strings.Contains(plain, "党委宣传部召开二〇二四") && !strings.Contains(plain, "推进会议") && !wrapped {
					if !strings.HasSuffix(plain, "…") {
						t.Errorf("%s: title cut without …: %q", login, plain)
					}
					cutSeen = true
				}
			}
		}
	}
	if !cutSeen {
		t.Fatal("the long title was never cut at 60 columns")
	}
}

func storeSubmit() store.Decision { return store.Decision{Action: model.ActSubmit} }
