package store

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// chineseText returns about n characters of varied Chinese news prose.
func chineseText(n int) string {
	parts := []string{"学院召开", "专题会议", "，传达学习", "上级文件精神", "，研究部署", "下一阶段", "重点工作。",
		"会议指出", "，要坚持", "问题导向", "，压实工作责任", "，确保各项任务", "落地见效。", "各二级学院", "负责人", "参加会议", "并作交流发言。\n\n"}
	var b strings.Builder
	for i := 0; b.Len() < n*3; i++ {
		b.WriteString(parts[(i*7+i/3)%len(parts)])
		if i%40 == 0 {
			fmt.Fprintf(&b, "（第%d项）", i)
		}
	}
	r := []rune(b.String())
	return string(r[:n])
}

func benchStore(b *testing.B, dir string) *Store {
	st, err := Open(filepath.Join(dir, "bench.db"), Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.AddUser(Actor{}, model.User{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}}); err != nil {
		b.Fatal(err)
	}
	return st
}

func reportPercentiles(b *testing.B, d []time.Duration) {
	slices.Sort(d)
	b.ReportMetric(float64(d[len(d)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds()), "p99-µs")
}

// BenchmarkSave20k saves a 20,000-character Chinese article (one character
// changed each time) with fsync on, through the full store path: validate,
// hash, conflict check, revision, header, index and audit record.
func BenchmarkSave20k(b *testing.B) {
	st := benchStore(b, b.TempDir())
	defer st.Close()
	body := []rune(chineseText(20000))
	c := model.Content{Kind: model.KindNews, Title: "基准测试稿件", Body: string(body)}
	a, err := st.Create(Actor{Login: "liwei"}, c, "")
	if err != nil {
		b.Fatal(err)
	}
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		body[10000] = []rune("甲乙丙丁戊己庚辛")[i%8]
		c.Body = string(body) + fmt.Sprint(i)
		t0 := time.Now()
		a, err = st.Save(Actor{Login: "liwei"}, a.ID, a.Rev, c)
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportPercentiles(b, lat)
}

// BenchmarkBoltCommit is the floor: one bbolt transaction putting one key
// of the same size on the same disk, with fsync on.
func BenchmarkBoltCommit(b *testing.B) {
	db, err := bolt.Open(filepath.Join(b.TempDir(), "bare.db"), 0o600, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	val := []byte(chineseText(20000))
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		err := db.Update(func(tx *bolt.Tx) error {
			bk, err := tx.CreateBucketIfNotExists([]byte("b"))
			if err != nil {
				return err
			}
			return bk.Put([]byte(fmt.Sprint(i)), val)
		})
		lat = append(lat, time.Since(t0))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	reportPercentiles(b, lat)
}

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
)

// bigDB builds, once per process, a database of 100,000 articles: 60%
// published, 20% drafts, 15% in review, 5% signed, with short bodies.
func bigDB(b *testing.B) string {
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "copydesk-bench-")
		if err != nil {
			bigErr = err
			return
		}
		bigPath = filepath.Join(dir, "big.db")
		st, err := Open(bigPath, Options{NoSync: true})
		if err != nil {
			bigErr = err
			return
		}
		defer st.Close()
		st.AddUser(Actor{}, model.User{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}})
		body := chineseText(600)
		base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
		for batch := 0; batch < 100 && bigErr == nil; batch++ {
			bigErr = st.update(func(t *wtx) error {
				for j := 0; j < 1000; j++ {
					n := batch*1000 + j
					id, _ := t.tx.Bucket(bucketArticles).NextSequence()
					c := model.Content{Kind: model.KindNews, Title: fmt.Sprintf("学院新闻第%d号：%s", n, chineseText(12)), Body: body}
					a := &model.Article{ID: id, Owner: "liwei", Kind: c.Kind, Title: c.Title, State: model.StateDraft,
						Workflow: model.DefaultWorkflow.Clone(), Created: base, Updated: base.Add(time.Duration(n) * time.Minute)}
					switch n % 20 {
					case 0, 1, 2, 3:
					case 4, 5, 6:
						a.State = model.StateReview
					case 7:
						a.State = model.StateSigned
					default:
						a.State = model.StatePublished
					}
					a.Rev, a.Hash = 1, c.Hash()
					if err := putRevision(t.tx, &model.Revision{Article: id, N: 1, Author: "liwei", At: a.Updated, Hash: a.Hash, Content: c}); err != nil {
						return err
					}
					if err := t.putArticle(nil, a); err != nil {
						return err
					}
				}
				return nil
			})
		}
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

// BenchmarkList100k lists one state's rows newest first from a database of
// 100,000 articles (the index only; no header or body is read).
func BenchmarkList100k(b *testing.B) {
	path := bigDB(b)
	st, err := Open(path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	for _, state := range []model.State{model.StateReview, model.StatePublished} {
		b.Run(string(state), func(b *testing.B) {
			var rows int
			for i := 0; i < b.N; i++ {
				r, err := st.List(Filter{States: []model.State{state}})
				if err != nil {
					b.Fatal(err)
				}
				rows = len(r)
			}
			b.ReportMetric(float64(rows), "rows")
		})
	}
	b.Run("my-drafts", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := st.List(Filter{States: []model.State{model.StateDraft}, Owner: "liwei"}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkOpen100k opens and closes the 100,000-article database.
func BenchmarkOpen100k(b *testing.B) {
	path := bigDB(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		st, err := Open(path, Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
