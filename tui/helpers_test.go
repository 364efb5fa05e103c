package tui

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/mattn/go-runewidth"
	"github.com/muesli/termenv"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The test office: a fixed clock in China Standard Time.
var (
	cst      = time.FixedZone("CST", 8*3600)
	testNow  = time.Date(2024, 11, 20, 14, 5, 0, 0, cst)
	testSize = tea.WindowSizeMsg{Width: 100, Height: 30}
)

func clock() time.Time { return testNow }

func TestMain(m *testing.M) {
	runewidth.DefaultCondition.EastAsianWidth = false
	displayZone = cst
	// Tests wait for autosave and previews; keep those short.
	autosaveDelay = 50 * time.Millisecond
	previewDelay = 20 * time.Millisecond
	os.Exit(m.Run())
}

// asciiRenderer is a session renderer without colour, so frames are plain
// text and golden files are stable.
func asciiRenderer() *lipgloss.Renderer {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(termenv.Ascii)
	r.SetHasDarkBackground(true)
	return r
}

// testStore opens a fresh database with the office's people.
func testStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "copydesk.db"), store.Options{NoSync: true, Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	admin := store.Actor{Login: "admin"}
	for _, u := range []model.User{
		{Login: "admin", Display: "管理员", Roles: []model.Role{model.RoleAdmin}},
		{Login: "liwei", Display: "李伟", Department: "党委宣传部", Roles: []model.Role{model.RoleWriter}},
		{Login: "wangyin", Display: "王音", Roles: []model.Role{model.RoleReviewer}},
		{Login: "shenjl", Display: "沈建龙", Roles: []model.Role{model.RoleChief}},
	} {
		if _, err := st.AddUser(admin, u); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

var (
	liwei   = store.Actor{Login: "liwei"}
	wangyin = store.Actor{Login: "wangyin"}
	shenjl  = store.Actor{Login: "shenjl"}
)

// meetingContent is a sample meeting report, written for these tests.
func meetingContent() model.Content {
	m := &model.Meeting{Name: "2024年宣传工作会议", Date: "2024-11-20", Place: "行政楼第一会议室",
		Chair: "张明", Attendees: []string{"李华", "王芳"}}
	return model.Content{Kind: model.KindMeeting, Title: "党委宣传部召开2024年宣传工作会议", Source: "党委宣传部",
		Authors: []string{"李伟"}, Photographers: []string{"赵丽焕"}, Meeting: m,
		Body: meetingLead(m, "党委宣传部") + "\n\n会议指出，新闻宣传要贴近师生、讲好校园故事。\n\n会议强调，各单位要落实审核制度，做到先审后发。\n"}
}

// seed creates the sample report and takes it as far as upto: draft,
// review (submitted), approved (waits for the chief), signed, published.
func seed(t testing.TB, st *store.Store, upto string) *model.Article {
	t.Helper()
	a, err := st.Create(liwei, meetingContent(), "")
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		act  store.Actor
		d    store.Decision
	}{
		{"review", liwei, store.Decision{Action: model.ActSubmit}},
		{"approved", wangyin, store.Decision{Action: model.ActApprove, Opinion: "同意。", Rev: 1}},
		{"signed", shenjl, store.Decision{Action: model.ActSignOff, Opinion: "同意签发。", Rev: 1}},
		{"published", shenjl, store.Decision{Action: model.ActPublish}},
	}
	for _, s := range steps {
		if upto == "draft" {
			break
		}
		if a, err = st.Decide(s.act, a.ID, s.d); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if s.name == upto {
			break
		}
	}
	return a
}

// newTestApp is a session of login on st, with the Ascii renderer.
func newTestApp(t testing.TB, st *store.Store, login string) *App {
	t.Helper()
	return newTestAppIn(t, st, login, "")
}

// newTestAppIn is newTestApp speaking lang ("" is zh-CN).
func newTestAppIn(t testing.TB, st *store.Store, login string, lang locale.Lang) *App {
	t.Helper()
	a := newApp(Options{Store: st, Actor: store.Actor{Login: login}, Renderer: asciiRenderer(), Lang: lang}, clock)
	t.Cleanup(func() { a.Close() })
	return a
}

// run starts a teatest program of login at 100×30.
func run(t *testing.T, st *store.Store, login string) *TestProgram {
	t.Helper()
	app := newTestApp(t, st, login)
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(testSize.Width, testSize.Height))
	// A test that does not quit its program would leave it running while
	// the cleanup closes the App and the next test starts (a race under
	// -race): stop it first (cleanups run last-registered first).
	t.Cleanup(func() {
		tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	})
	return &TestProgram{t: t, tm: tm}
}

// TestProgram wraps teatest with the few steps these flows need.
type TestProgram struct {
	t  *testing.T
	tm *teatest.TestModel
}

// waitFor waits until the terminal output shows every one of the strings.
func (p *TestProgram) waitFor(subs ...string) {
	p.t.Helper()
	teatest.WaitFor(p.t, p.tm.Output(), func(b []byte) bool {
		for _, s := range subs {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// typ types text, one key per character. (teatest's Type sends bytes, which
// turns Chinese into mojibake.)
func (p *TestProgram) typ(s string) {
	for _, r := range s {
		p.tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// key sends one special key.
func (p *TestProgram) key(k tea.KeyType) { p.tm.Send(tea.KeyMsg{Type: k}) }

// fill types a form field and moves on: huh moves its focus in a command,
// so the next field's keys wait a moment.
func (p *TestProgram) fill(s string) {
	p.t.Helper()
	if s != "" {
		p.typ(s)
		p.waitFor(s)
	}
	p.key(tea.KeyEnter)
	time.Sleep(80 * time.Millisecond)
}

// quit leaves the workstation and returns the last frame.
func (p *TestProgram) quit() string {
	p.t.Helper()
	p.tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	m := p.tm.FinalModel(p.t, teatest.WithFinalTimeout(5*time.Second))
	return m.View()
}

// harness drives an App synchronously, without a terminal: commands run
// with a short deadline (timers and event waits are dropped), and their
// messages are fed back in.
type harness struct {
	t   testing.TB
	app *App
	// within is how long a command may take to be fed back (collect);
	// zero is 300 ms.
	within time.Duration
}

func newHarness(t testing.TB, st *store.Store, login string, w, h int) *harness {
	return newHarnessIn(t, st, login, w, h, "")
}

// newHarnessIn is newHarness speaking lang ("" is zh-CN).
func newHarnessIn(t testing.TB, st *store.Store, login string, w, h int, lang locale.Lang) *harness {
	hs := &harness{t: t, app: newTestAppIn(t, st, login, lang)}
	hs.run(hs.app.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func (h *harness) send(msg tea.Msg) {
	m, cmd := h.app.Update(msg)
	if n, ok := m.(*App); ok {
		h.app = n // a language switch starts a new App
	}
	h.run(cmd)
}

func (h *harness) keys(keys ...string) {
	for _, k := range keys {
		switch k {
		case "enter":
			h.send(tea.KeyMsg{Type: tea.KeyEnter})
		case "esc":
			h.send(tea.KeyMsg{Type: tea.KeyEsc})
		case "tab":
			h.send(tea.KeyMsg{Type: tea.KeyTab})
		case "shift+tab":
			h.send(tea.KeyMsg{Type: tea.KeyShiftTab})
		case "down":
			h.send(tea.KeyMsg{Type: tea.KeyDown})
		case "up":
			h.send(tea.KeyMsg{Type: tea.KeyUp})
		case "ctrl+s":
			h.send(tea.KeyMsg{Type: tea.KeyCtrlS})
		case "ctrl+t":
			h.send(tea.KeyMsg{Type: tea.KeyCtrlT})
		case "ctrl+p":
			h.send(tea.KeyMsg{Type: tea.KeyCtrlP})
		case "ctrl+o":
			h.send(tea.KeyMsg{Type: tea.KeyCtrlO})
		case "f1":
			h.send(tea.KeyMsg{Type: tea.KeyF1})
		case "ctrl+f":
			h.send(tea.KeyMsg{Type: tea.KeyCtrlF})
		default:
			h.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
	}
}

func (h *harness) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d := h.within
	if d == 0 {
		d = 300 * time.Millisecond
	}
	for _, msg := range collectWithin([]tea.Cmd{cmd}, d) {
		h.send(msg)
	}
}

// collect runs commands concurrently and returns, in order, the messages
// of those that finish within a short deadline, with batches and sequences
// expanded. Timers and event waits miss the deadline and are dropped.
func collect(cmds []tea.Cmd) []tea.Msg { return collectWithin(cmds, 300*time.Millisecond) }

// collectWithin is collect with the deadline d.
func collectWithin(cmds []tea.Cmd, d time.Duration) []tea.Msg {
	results := make([]chan tea.Msg, len(cmds))
	for i, c := range cmds {
		results[i] = make(chan tea.Msg, 1)
		if c == nil {
			results[i] <- nil
			continue
		}
		go func() { results[i] <- c() }()
	}
	deadline := make(chan struct{})
	timer := time.AfterFunc(d, func() { close(deadline) })
	defer timer.Stop()
	var out []tea.Msg
	for _, ch := range results {
		var msg tea.Msg
		select {
		case msg = <-ch:
		default:
			select {
			case msg = <-ch:
			case <-deadline:
				continue
			}
		}
		switch m := msg.(type) {
		case nil, tea.QuitMsg:
			continue
		case tea.BatchMsg:
			out = append(out, collectWithin(m, d)...)
			continue
		}
		if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := 0; i < v.Len(); i++ { // tea.Sequence, in order
				out = append(out, collectWithin([]tea.Cmd{v.Index(i).Interface().(tea.Cmd)}, d)...)
			}
			continue
		}
		if t := reflect.TypeOf(msg); t.PkgPath() == "github.com/charmbracelet/bubbletea" && t.Name() != "KeyMsg" {
			continue // the program's own requests (window size, cursor)
		}
		out = append(out, msg)
	}
	return out
}

func (h *harness) view() string { return h.app.View() }

// zhTR is the default session language (zh-CN), for tests that call a
// page helper outside a session.
var zhTR = tr(locale.ZH)
