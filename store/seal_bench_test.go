package store

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/model"
)

// BenchmarkSaveSealed / BenchmarkSaveUnsealed: a 2,000-character save
// (NoSync, to see the CPU cost) with and without the seal key, which adds
// one HMAC-SHA256 per audit record.
func BenchmarkSaveSealed(b *testing.B)   { benchSaveSeal(b, true) }
func BenchmarkSaveUnsealed(b *testing.B) { benchSaveSeal(b, false) }

func benchSaveSeal(b *testing.B, sealed bool) {
	dir := b.TempDir()
	path := filepath.Join(dir, "bench.db")
	st, err := Open(path, Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	if !sealed {
		st.Close()
		os.Remove(SealPath(path))
		if st, err = Open(path, Options{NoSync: true}); err != nil {
			b.Fatal(err)
		}
	}
	defer st.Close()
	if _, err := st.AddUser(Actor{}, model.User{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}}); err != nil {
		b.Fatal(err)
	}
	c := model.Content{Kind: model.KindNews, Title: "基准测试稿件", Body: chineseText(2000)}
	a, err := st.Create(Actor{Login: "liwei"}, c, "")
	if err != nil {
		b.Fatal(err)
	}
	base := c.Body
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Body = base + fmt.Sprint(i)
		if a, err = st.Save(Actor{Login: "liwei"}, a.ID, a.Rev, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkReadAgain is what article show costs for a reader who has
// already read the head: one read transaction, no write.
func BenchmarkMarkReadAgain(b *testing.B) {
	st, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if _, err := st.AddUser(Actor{}, model.User{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}}); err != nil {
		b.Fatal(err)
	}
	a, err := st.Create(Actor{Login: "liwei"}, model.Content{Kind: model.KindNews, Title: "基准", Body: chineseText(2000)}, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := st.MarkRead(Actor{Login: "liwei"}, a.ID, a.Rev); err != nil {
			b.Fatal(err)
		}
	}
}
