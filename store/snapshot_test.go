package store_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/store"
)

// A Snapshot reads headers, revisions and comments of several articles in
// one read transaction, consistent with its Seq; LatestRevision finds the
// head by key order, and LatestRevisionIf shows the stored text to keep
// before decoding it.
func TestSnapshotReads(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	b := mustCreate(t, st)
	c := meeting("第二版标题", "第二版正文：含“引号”和\\反斜杠。")
	a2, err := st.Save(liwei, a.ID, a.Rev, c)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddComment(liwei, b.ID, 1, 0, "一条意见"); err != nil {
		t.Fatal(err)
	}
	last, err := st.LastSeq()
	if err != nil {
		t.Fatal(err)
	}
	err = st.Read(func(v *store.Snapshot) error {
		if v.Seq() != last {
			t.Errorf("Seq %d, LastSeq %d", v.Seq(), last)
		}
		if h, err := v.Article(a.ID); err != nil || h.Rev != a2.Rev {
			t.Errorf("header of %d: %+v %v", a.ID, h, err)
		}
		r, err := v.LatestRevision(a.ID)
		if err != nil || r.N != a2.Rev || r.Content.Body != c.Body {
			t.Errorf("latest revision of %d: %+v %v", a.ID, r, err)
		}
		if r, err := v.LatestRevision(b.ID); err != nil || r.N != 1 {
			t.Errorf("latest revision of %d (the last article): %+v %v", b.ID, r, err)
		}
		if r, err := v.Revision(a.ID, 1); err != nil || r.N != 1 {
			t.Errorf("revision 1: %+v %v", r, err)
		}
		var seenBody, seenMeta string
		r, err = v.LatestRevisionIf(a.ID, func(body, meta string) bool {
			seenBody, seenMeta = strings.Clone(body), strings.Clone(meta)
			return false
		})
		if r != nil || err != nil || seenBody != c.Body || !strings.Contains(seenMeta, `"第二版标题"`) || !strings.Contains(seenMeta, `"photographers"`) {
			t.Errorf("LatestRevisionIf said no: %+v %v; body %q meta %s", r, err, seenBody, seenMeta)
		}
		if r, err := v.LatestRevisionIf(a.ID, func(string, string) bool { return true }); err != nil || r.N != a2.Rev {
			t.Errorf("LatestRevisionIf said yes: %+v %v", r, err)
		}
		if cs, err := v.Comments(b.ID); err != nil || len(cs) != 1 || cs[0].Text != "一条意见" {
			t.Errorf("comments: %+v %v", cs, err)
		}
		for _, id := range []uint64{999, ^uint64(0)} {
			if _, err := v.LatestRevision(id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("latest revision of %d: %v, want ErrNotFound", id, err)
			}
			if _, err := v.Article(id); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("header of %d: %v, want ErrNotFound", id, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
