package store

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/copydesk/copydesk/model"
)

// BenchmarkDecideNotify measures a workflow decision (a submit, then a
// return with its opinion, alternating) with fsync on, without
// notifications ("off") and with a channel configured and 1,000 notices
// already waiting in the outbox ("pending"): the second writes a notice in
// the same transaction. Issue 14 asks the difference to stay ≤ 10 %. The
// -nosync variants leave fsync out, so the CPU and page work of the notice
// shows without the disk's scatter.
func BenchmarkDecideNotify(b *testing.B) {
	for _, sync := range []bool{true, false} {
		for _, mode := range []string{"off", "pending"} {
			name := mode
			if !sync {
				name += "-nosync"
			}
			b.Run(name, func(b *testing.B) { benchDecide(b, mode, sync) })
		}
	}
}

func benchDecide(b *testing.B, mode string, sync bool) {
	st, decide := decideSetup(b, mode, sync)
	defer st.Close()
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lat = append(lat, decide(i))
	}
	b.StopTimer()
	reportPercentiles(b, lat)
}

// BenchmarkDecideNotifyPaired runs the "off" and "pending" decisions
// alternately, one of each per iteration, so a load that comes and goes on
// the machine falls on both alike; it reports both p50s and their ratio.
func BenchmarkDecideNotifyPaired(b *testing.B) {
	for _, sync := range []bool{true, false} {
		name := "fsync"
		if !sync {
			name = "nosync"
		}
		b.Run(name, func(b *testing.B) {
			off, decideOff := decideSetup(b, "off", sync)
			defer off.Close()
			on, decideOn := decideSetup(b, "pending", sync)
			defer on.Close()
			lo := make([]time.Duration, 0, b.N)
			lp := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if i%4 < 2 { // alternate which goes first
					lo = append(lo, decideOff(i))
					lp = append(lp, decideOn(i))
				} else {
					lp = append(lp, decideOn(i))
					lo = append(lo, decideOff(i))
				}
			}
			b.StopTimer()
			slices.Sort(lo)
			slices.Sort(lp)
			po, pp := lo[len(lo)/2], lp[len(lp)/2]
			b.ReportMetric(float64(po.Microseconds()), "off-p50-µs")
			b.ReportMetric(float64(pp.Microseconds()), "pending-p50-µs")
			b.ReportMetric(float64(pp)/float64(po), "ratio")
		})
	}
}

// decideSetup makes a store with one article in the given mode and returns
// a function that makes decision i (submit when even, return when odd) and
// says how long it took.
func decideSetup(b *testing.B, mode string, sync bool) (*Store, func(i int) time.Duration) {
	st, err := Open(filepath.Join(b.TempDir(), "bench-"+mode+".db"), Options{NoSync: !sync})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.AddUser(Actor{}, model.User{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}}); err != nil {
		b.Fatal(err)
	}
	for _, u := range []model.User{
		{Login: "admin", Display: "管理员", Roles: []model.Role{model.RoleAdmin}},
		{Login: "wangyin", Display: "王音", Roles: []model.Role{model.RoleReviewer}},
	} {
		if _, err := st.AddUser(Actor{Login: "liwei"}, u); err != nil { // liwei bootstrapped as admin
			b.Fatal(err)
		}
	}
	a, err := st.Create(Actor{Login: "liwei"}, model.Content{Kind: model.KindNews, Title: "基准测试稿件", Body: benchBody}, "")
	if err != nil {
		b.Fatal(err)
	}
	if mode == "pending" {
		if err := st.AddChannel(Actor{Login: "liwei"}, Channel{Name: "group", Kind: "webhook"}, ChannelSecret{URL: "http://127.0.0.1:1/"}); err != nil {
			b.Fatal(err)
		}
		err := st.update(func(t *wtx) error {
			for i := 0; i < benchPending; i++ {
				n := &Notice{Kind: NoticeComment, Article: a.ID, Title: a.Title, Text: chineseText(80), Stage: -1}
				if err := t.putNotice(n); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	return st, func(i int) time.Duration {
		d := Decision{Action: model.ActSubmit}
		act := Actor{Login: "liwei"}
		if i%2 == 1 {
			d = Decision{Action: model.ActReturn, Opinion: "请补充会议出席人员名单，核实时间地点。", Rev: a.Rev, Hash: a.Hash}
			act = Actor{Login: "wangyin"}
		}
		t0 := time.Now()
		_, err := st.Decide(act, a.ID, d)
		el := time.Since(t0)
		if err != nil {
			b.Fatal(err)
		}
		return el
	}
}

// benchPending is how many notices wait in the outbox in "pending" mode.
var benchPending = 1000

// benchBody is a clean news body of about 2,000 characters: 三校 finds no
// error in it, so the submit goes through.
var benchBody = strings.Repeat("学院召开专题会议，传达学习上级文件精神，研究部署下一阶段重点工作。各二级学院负责人参加会议并作交流发言。\n\n", 40)
