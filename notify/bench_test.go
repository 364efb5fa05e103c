package notify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/copydesk/copydesk/notify"
	"github.com/copydesk/copydesk/store"
)

// queueComments makes n notices (one comment each) for a group webhook at
// url, in a database written without fsync, and returns its path closed.
func queueComments(t testing.TB, n int, url string) string {
	t.Helper()
	st := openOffice(t, store.Options{NoSync: true})
	addChannel(t, st, store.Channel{Name: "group", Kind: "webhook"}, store.ChannelSecret{URL: url, Secret: "k"})
	a := newArticle(t, st)
	for i := 0; i < n; i++ {
		// the author comments: a reviewer sees a draft only once it is submitted
		if _, err := st.AddComment(liwei, a.ID, 1, i%2, fmt.Sprintf("第%d条意见：请核实会议出席人员名单。", i)); err != nil {
			t.Fatal(err)
		}
	}
	path := st.Path()
	st.Close()
	return path
}

// drain opens the database with fsync on and passes until the outbox is
// empty, returning how long that took.
func drain(t testing.TB, path string) time.Duration {
	st, err := store.Open(path, store.Options{Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := &notify.Dispatcher{Store: st}
	t0 := time.Now()
	for i := 0; i < 10; i++ {
		s, err := d.Pass(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if s.Remaining == 0 && s.Failed == 0 {
			break
		}
	}
	el := time.Since(t0)
	if ob, _ := st.Outbox(); ob.Notices+ob.Pending+len(ob.Failed) != 0 {
		t.Fatalf("outbox not empty: %+v", ob)
	}
	return el
}

// 1,000 queued notices fan out and reach a local receiver in one pass.
func TestDrainThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("1,000 messages")
	}
	hook := newReceiver(t, `{}`, nil)
	path := queueComments(t, 1000, hook.srv.URL+"/hook")
	el := drain(t, path)
	ids := map[string]bool{}
	for _, h := range hook.got() {
		ids[h.Header.Get("X-Copydesk-Id")] = true
	}
	if len(ids) != 1000 || len(hook.got()) != 1000 {
		t.Fatalf("%d requests, %d IDs; want 1,000 each", len(hook.got()), len(ids))
	}
	t.Logf("1,000 messages drained in %v", el)
}

// BenchmarkDrain1000: 1,000 queued notices, fanned out and sent to a local
// webhook receiver with fsync on; issue 14 asks ≤ 5 s.
func BenchmarkDrain1000(b *testing.B) {
	hook := newReceiver(b, `{}`, nil)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := queueComments(b, 1000, hook.srv.URL+"/hook")
		b.StartTimer()
		total += drain(b, path)
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms/1000msgs")
}
