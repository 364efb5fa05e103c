package tui

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/creack/pty"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The first-frame benchmarks run against a database of 100,000 articles
// built once through the store's API and kept in the temp directory
// (copydesk-tui-bench-100k-v1.db) for later runs: ten years of archive
// (95,000 published, imported as an admin may), 1,000 signed off, 2,000 in
// review at both stages, 2,000 drafts (20 of them returned), spread over
// 21 writers, one of them liwei.

const benchArticles = 100_000

var (
	benchOnce sync.Once
	benchPath string
	benchErr  error
)

func benchBody(n int) string {
	parts := []string{"学院召开", "专题会议", "，传达学习", "上级文件精神", "，研究部署", "下一阶段", "重点工作。",
		"会议指出", "，要坚持", "问题导向", "，压实工作责任", "，确保各项任务", "落地见效。\n\n"}
	var b strings.Builder
	for i := 0; b.Len() < n*3; i++ {
		b.WriteString(parts[i%len(parts)])
	}
	return string([]rune(b.String())[:n])
}

// benchDB returns the path of the 100,000-article database, building it on
// first use.
func benchDB(tb testing.TB) string {
	benchOnce.Do(func() {
		benchPath = filepath.Join(os.TempDir(), "copydesk-tui-bench-100k-v1.db")
		if st, err := store.Open(benchPath, store.Options{}); err == nil {
			n, _ := st.Counts()
			st.Close()
			total := 0
			for _, c := range n {
				total += c
			}
			if total == benchArticles {
				return
			}
		}
		tmp := benchPath + ".building"
		os.Remove(tmp)
		benchErr = buildBenchDB(tmp)
		if benchErr == nil {
			benchErr = os.Rename(tmp, benchPath)
		}
	})
	if benchErr != nil {
		tb.Fatal(benchErr)
	}
	return benchPath
}

func buildBenchDB(path string) error {
	start := time.Date(2015, 1, 1, 8, 0, 0, 0, cst)
	var tick atomic.Int64
	now := func() time.Time { return start.Add(time.Duration(tick.Add(1)) * time.Minute) }
	st, err := store.Open(path, store.Options{NoSync: true, Now: now})
	if err != nil {
		return err
	}
	defer st.Close()
	admin := store.Actor{Login: "admin"}
	users := []model.User{
		{Login: "admin", Display: "管理员", Roles: []model.Role{model.RoleAdmin}},
		{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}},
		{Login: "wangyin", Display: "王音", Roles: []model.Role{model.RoleReviewer}},
		{Login: "shenjl", Display: "沈建龙", Roles: []model.Role{model.RoleChief}},
	}
	writers := []string{"liwei"}
	for i := range 20 {
		login := fmt.Sprintf("w%02d", i)
		writers = append(writers, login)
		users = append(users, model.User{Login: login, Display: "通讯员" + strconv.Itoa(i), Roles: []model.Role{model.RoleWriter}})
	}
	for _, u := range users {
		if _, err := st.AddUser(admin, u); err != nil {
			return err
		}
	}
	body := benchBody(600)
	content := func(n int) model.Content {
		return model.Content{Kind: model.KindNews, Title: fmt.Sprintf("学院新闻第%d号：%s", n, benchBody(12)),
			Source: "党委宣传部", Authors: []string{"通讯员"}, Body: body}
	}
	n := 0
	for ; n < 95_000; n++ {
		if _, err := st.Import(admin, content(n), store.ImportOptions{Published: true, Owner: writers[n%len(writers)],
			Date: start.Add(time.Duration(n) * time.Hour)}); err != nil {
			return err
		}
	}
	decide := func(act string, id uint64, action model.Action, opinion string) error {
		_, err := st.Decide(store.Actor{Login: act}, id, store.Decision{Action: action, Opinion: opinion})
		return err
	}
	for ; n < benchArticles; n++ {
		w := writers[n%len(writers)]
		a, err := st.Create(store.Actor{Login: w}, content(n), "")
		if err != nil {
			return err
		}
		var steps [][3]string
		switch k := n - 95_000; {
		case k < 1000: // signed off
			steps = [][3]string{{w, "submit", ""}, {"wangyin", "approve", "同意。"}, {"shenjl", "signoff", "同意签发。"}}
		case k < 2000: // waits for the reviewer
			steps = [][3]string{{w, "submit", ""}}
		case k < 3000: // waits for the chief
			steps = [][3]string{{w, "submit", ""}, {"wangyin", "approve", "同意。"}}
		case k < 3020: // returned
			steps = [][3]string{{w, "submit", ""}, {"wangyin", "return", "请补充事实。"}}
		}
		for _, s := range steps {
			if err := decide(s[0], a.ID, model.Action(s[1]), s[2]); err != nil {
				return err
			}
		}
	}
	return nil
}

// BenchmarkFirstFrame100k measures, in process, what stands between
// starting and the home screen: opening the database, building the
// session, loading the queues and drawing the first frame at 120×40.
func BenchmarkFirstFrame100k(b *testing.B) {
	path := benchDB(b)
	for _, login := range []string{"liwei", "wangyin", "shenjl"} {
		b.Run(login, func(b *testing.B) {
			var frame string
			for i := 0; i < b.N; i++ {
				st, err := store.Open(path, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				app := newApp(Options{Store: st, Actor: store.Actor{Login: login}, Renderer: asciiRenderer()}, time.Now)
				app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				app.Update(app.home.load()())
				frame = app.View()
				b.StopTimer()
				app.Close()
				st.Close()
				b.StartTimer()
			}
			if !strings.Contains(frame, "学院新闻") {
				b.Fatalf("no rows in the first frame:\n%s", frame)
			}
		})
	}
}

// BenchmarkProcessFirstFrame100k runs the built copydesk binary in a
// pseudo-terminal (120×40) and measures from exec to the home screen
// showing its rows, and the process's peak RSS (VmHWM) at that moment.
func BenchmarkProcessFirstFrame100k(b *testing.B) {
	if runtime.GOOS != "linux" {
		b.Skip("reads /proc for the peak RSS")
	}
	path := benchDB(b)
	bin := filepath.Join(b.TempDir(), "copydesk")
	build := exec.Command("go", "build", "-o", bin, "github.com/copydesk/copydesk/cmd/copydesk")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	for _, login := range []string{"liwei", "wangyin", "shenjl"} {
		b.Run(login, func(b *testing.B) {
			var rss, anon float64
			times := make([]float64, 0, b.N)
			for i := 0; i < b.N; i++ {
				d, hwm, an := firstFrame(b, bin, path, login)
				times = append(times, float64(d.Microseconds())/1000)
				rss, anon = max(rss, hwm), max(anon, an)
			}
			slices.Sort(times)
			b.ReportMetric(times[len(times)/2], "p50-ms/frame")
			b.ReportMetric(times[len(times)-1], "max-ms/frame")
			b.ReportMetric(rss, "peak-RSS-MB")
			b.ReportMetric(anon, "anon-RSS-MB")
		})
	}
}

// firstFrame returns the time from exec to the rows on screen, the peak
// resident set (VmHWM) and the anonymous (heap and stacks) part of it.
func firstFrame(b *testing.B, bin, db, login string) (time.Duration, float64, float64) {
	cmd := exec.Command(bin, "--as", login)
	cmd.Env = append(os.Environ(), "COPYDESK_DB="+db, "TERM=xterm-256color", "COLORTERM=truecolor")
	t0 := time.Now()
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 120})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	buf := make([]byte, 64<<10)
	deadline := time.Now().Add(10 * time.Second)
	for !bytes.Contains(out.Bytes(), []byte("学院新闻")) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			b.Fatalf("no home screen after 10 s:\n%q", out.String())
		}
		n, err := f.Read(buf)
		if err != nil {
			b.Fatalf("read: %v\n%q", err, out.String())
		}
		out.Write(buf[:n])

		// Answer the terminal queries (background colour, cursor position)
		// so the program does not wait for them.
		if bytes.Contains(buf[:n], []byte("\x1b]11;?")) {
			f.WriteString("\x1b]11;rgb:0000/0000/0000\x1b\\")
		}
		if bytes.Contains(buf[:n], []byte("\x1b[6n")) {
			f.WriteString("\x1b[1;1R")
		}
	}
	d := time.Since(t0)
	var hwm, anon float64
	if raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)); err == nil {
		for _, line := range strings.Split(string(raw), "\n") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			kb, _ := strconv.Atoi(f[1])
			switch f[0] {
			case "VmHWM:":
				hwm = float64(kb) / 1024
			case "RssAnon:":
				anon = float64(kb) / 1024
			}
		}
	}
	f.WriteString("q")
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	go func() { _, _ = bytes.NewBuffer(nil).ReadFrom(f) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		cmd.Process.Kill()
		<-done
	}
	return d, hwm, anon
}

// BenchmarkComposeKeystroke20k is one key typed in the middle of a
// 20,000-character Chinese article on the compose page, through the whole
// workstation: App.Update (editor, change tracking, autosave and preview
// scheduling; their commands run elsewhere) and App.View of the full frame.
// It reports the median and p99 of the individual keys.
func BenchmarkComposeKeystroke20k(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {120, 40}, {200, 60}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			st := testStore(b)
			c := model.Content{Kind: model.KindNews, Title: "基准测试稿件", Body: benchBody(20000)}
			if _, err := st.Create(liwei, c, ""); err != nil {
				b.Fatal(err)
			}
			h := newHarness(b, st, "liwei", size[0], size[1])
			h.keys("enter") // open the draft
			cp, ok := h.app.top().(*composePage)
			if !ok {
				b.Fatalf("compose did not open:\n%s", h.view())
			}
			cp.body.m.SetCursor(cp.body.m.LineCount()/2, 3)
			keys := []rune("甲乙丙丁戊己庚辛")
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				h.app.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{keys[i%len(keys)]}})
				_ = h.app.View()
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds()), "p99-µs")
		})
	}
}

// BenchmarkArchiveTab100k is the archive tab's load (the newest 50 signed
// off or published of 96,000): the store's List reads the whole state to
// return its newest rows, which is why home reads it only when the tab is
// opened.
func BenchmarkArchiveTab100k(b *testing.B) {
	st, err := store.Open(benchDB(b), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var rows int
	for i := 0; i < b.N; i++ {
		m := loadRecent(st)().(recentMsg)
		if m.err != nil {
			b.Fatal(m.err)
		}
		rows = len(m.rows)
	}
	b.ReportMetric(float64(rows), "rows")
}
