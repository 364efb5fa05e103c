package tui

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The chief's sign-off box prints the credits line the site will print:
// with no 摄影 on the article, 摄 names the credit of its photo (media add
// --credit), as the export and the 登记表 do.
func TestSignOffBoxCreditsThePhotographer(t *testing.T) {
	st := testStore(t)
	var img bytes.Buffer
	_ = png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 3)))
	m, err := st.AddMedia(liwei, "photo.png", img.Bytes(), "会场", "孙立")
	if err != nil {
		t.Fatal(err)
	}
	c := meetingContent()
	c.Photographers = nil
	c.Body += "\n![会场](media:" + m.ID + ")\n"
	a, err := st.Create(liwei, c, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	st.MarkRead(wangyin, a.ID, 1)
	if _, err := st.Decide(wangyin, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意。", Rev: 1}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, st, "shenjl", 100, 40)
	h.keys("enter", "a", "同意签发。", "enter")
	if v := h.view(); !strings.Contains(v, "/摄：孙立 审核：王音") {
		t.Fatalf("the sign-off box does not credit the photo's photographer:\n%s", v)
	}
}
