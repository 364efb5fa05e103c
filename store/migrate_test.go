package store_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// openFixture copies a database written by an earlier release (see
// testdata/mkschema1.go.txt) and opens it, which migrates it.
func openFixture(t *testing.T, name string) *store.Store {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copydesk.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return openStore(t, path)
}

// A schema-1 database (signed, published, then edited) gains the
// permanent approval record, the revision authors and the recorded 发布人;
// its chain still verifies.
func TestMigrateSchema1(t *testing.T) {
	st := openFixture(t, "schema1.db")
	a, err := st.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.OwnerDisplay != "李伟" || len(a.RevAuthors) != 2 || a.RevAuthors[0] != "liwei" || a.RevAuthors[1] != "liwei" {
		t.Fatalf("migrated header: owner %q authors %v", a.OwnerDisplay, a.RevAuthors)
	}
	if a.Signed == nil || len(a.ApprovalsOf(a.Signed.Hash)) != 2 {
		t.Fatalf("approvals of the signed revision: %+v", a.Record)
	}
	rows, err := st.Signed()
	if err != nil || len(rows) != 1 || rows[0].Publisher != "李伟" || len(rows[0].Approvals) != 2 || rows[0].Approvals[0].Display != "王音" {
		t.Fatalf("signed rows: %+v %v", rows, err)
	}
	rep, err := st.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("verify after migration: %+v %v", rep, err)
	}
	// The record outlives its people.
	if err := st.RemoveUser(admin, "liwei"); err != nil {
		t.Fatal(err)
	}
	if rows, _ := st.Signed(); rows[0].Publisher != "李伟" {
		t.Fatalf("发布人 after the user left: %q", rows[0].Publisher)
	}
	// New approvals append to the record; the signed revision keeps its own.
	if err := st.MarkRead(wangyin, 1, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActApprove, Opinion: "同意"}); err != nil {
		t.Fatal(err)
	}
	rows, _ = st.Signed()
	if len(rows[0].Approvals) != 2 || rows[0].Approvals[0].Rev != 1 {
		t.Fatalf("signed revision's approvals after a new approval: %+v", rows[0].Approvals)
	}
}
