package store_test

import (
	"encoding/binary"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// A schedule has its own audit record; verify holds the stored schedule
// against it, so moving the publish time in the file is found.
func TestVerifyChecksTheSchedule(t *testing.T) {
	path := signedArticle(t)
	st := openStore(t, path)
	at := time.Now().Add(48 * time.Hour).UTC().Truncate(time.Second)
	if _, err := st.Decide(liwei, 1, store.Decision{Action: model.ActSchedule, Opinion: "x", At: at}); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("writer scheduled: %v", err)
	}
	a, err := st.Decide(shenjl, 1, store.Decision{Action: model.ActSchedule, Opinion: "会后发布", At: at})
	if err != nil {
		t.Fatal(err)
	}
	if a.Schedule == nil || a.Schedule.AuditSeq == 0 {
		t.Fatalf("schedule without its audit record: %+v", a.Schedule)
	}
	trail, _ := st.Trail(store.Holder(), 1)
	last := trail[len(trail)-1]
	if last.Action != model.ActSchedule || last.Seq != a.Schedule.AuditSeq || !strings.Contains(last.Detail, at.Format(time.RFC3339)) {
		t.Fatalf("audit record %+v", last)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %v %v", rep.Problems, err)
	}
	st.Close()
	earlier := at.Add(-47 * time.Hour).Format(time.RFC3339)
	tamper(t, path, "articles", binary.BigEndian.AppendUint64(nil, 1), `"at":"`+at.Format(time.RFC3339)+`"`, `"at":"`+earlier+`"`)
	st = openStore(t, path)
	rep, err := st.Verify()
	if err != nil || rep.OK() || !strings.Contains(errors.Join(rep.Problems...).Error(), "does not match audit record") {
		t.Fatalf("a moved publish time was not found: %v %v", rep.Problems, err)
	}
	// Neither the scheduler nor an export believes the moved time: after
	// it (and before the real one) the article is not due and not
	// exportable; both say the file is damaged (exit 5), never publish.
	after := at.Add(-46 * time.Hour)
	if due, err := st.DueSchedules(after); !errors.Is(err, store.ErrNotDatabase) || len(due) != 0 {
		t.Fatalf("due after a moved publish time: %d %v", len(due), err)
	}
	if err := st.EachSigned(false, func(store.SignedArticle) error { return nil }); !errors.Is(err, store.ErrNotDatabase) {
		t.Fatalf("export after a moved publish time: %v", err)
	}
}

// An untouched schedule is due at its time and exported after it.
func TestScheduleDueUntampered(t *testing.T) {
	path := signedArticle(t)
	st := openStore(t, path)
	at := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	if _, err := st.Decide(shenjl, 1, store.Decision{Action: model.ActSchedule, Opinion: "会后发布", At: at}); err != nil {
		t.Fatal(err)
	}
	if due, err := st.DueSchedules(at.Add(time.Minute)); err != nil || len(due) != 1 {
		t.Fatalf("due: %d %v", len(due), err)
	}
	if err := st.EachSigned(false, func(store.SignedArticle) error { return nil }); err != nil {
		t.Fatal(err)
	}
}
