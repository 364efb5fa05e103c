package store_test

import (
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/store"
)

// A damaged page of the users bucket can read as an empty bucket. With
// audit records in the file that is damage (exit 5), never a new database
// that anyone could bootstrap or a server that says "no users yet".
func TestEmptyUsersWithARecordIsDamage(t *testing.T) {
	st, path := newOffice(t)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte("users")); err != nil {
			return err
		}
		_, err := tx.CreateBucket([]byte("users"))
		return err
	})
	if cerr := db.Close(); err != nil || cerr != nil {
		t.Fatal(err, cerr)
	}
	st = openStore(t, path)
	if has, err := st.HasUsers(); has || !store.IsDamaged(err) {
		t.Fatalf("HasUsers on an emptied users bucket: %v %v", has, err)
	}
	if us, err := st.Users(); len(us) != 0 || !store.IsDamaged(err) {
		t.Fatalf("Users on an emptied users bucket: %v %v", us, err)
	}
	// A new database is not damaged.
	fresh := openStore(t, t.TempDir()+"/new.db")
	if has, err := fresh.HasUsers(); has || err != nil {
		t.Fatalf("a new database: %v %v", has, err)
	}
}
