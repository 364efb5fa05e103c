package store

import (
	"testing"
	"time"
)

// BenchmarkDueSchedules100k is one scheduler tick's look for due schedules
// (DueSchedules) in a database of 100,000 articles, none scheduled: every
// header is visited, none decoded (the raw bytes are checked first).
func BenchmarkDueSchedules100k(b *testing.B) {
	path := bigDB(b)
	st, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := st.DueSchedules(now); err != nil {
			b.Fatal(err)
		}
	}
}
