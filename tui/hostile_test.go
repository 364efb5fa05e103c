package tui

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// hostile is what an attacker would like to reach a reviewer's terminal:
// set the window title (OSC 0), write the clipboard (OSC 52), clear the
// screen (CSI 2J), overwrite a line (bare CR) and reverse the reading order
// (U+202E).
const hostile = "\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x1b[2J\rEVIL\u202eLTR"

// marker stands in for hostile while the store validates (it refuses
// control characters); it has the same length in bytes, so the binary
// index rows can be patched in place.
var marker = "HOSTILE" + strings.Repeat("_", len(hostile)-len("HOSTILE"))

// tamper replaces the marker with the hostile bytes in every record of the
// database, as someone with the file could: JSON strings get the escaped
// form, raw revision bodies and index rows the bytes themselves.
func tamper(t *testing.T, st *store.Store) {
	t.Helper()
	esc, _ := json.Marshal(hostile)
	jsonForm := esc[1 : len(esc)-1]
	m := []byte(marker)
	err := st.DB().Update(func(tx *bolt.Tx) error {
		return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
			type kv struct{ k, v []byte }
			var puts []kv
			err := b.ForEach(func(k, v []byte) error {
				if !bytes.Contains(v, m) {
					return nil
				}
				var nv []byte
				switch string(name) {
				case "revisions": // uvarint(len(meta)) | meta JSON | raw body
					n, w := binary.Uvarint(v)
					meta := bytes.ReplaceAll(v[w:w+int(n)], m, jsonForm)
					body := bytes.ReplaceAll(v[w+int(n):], m, []byte(hostile))
					nv = binary.AppendUvarint(nil, uint64(len(meta)))
					nv = append(append(nv, meta...), body...)
				case "idx_state": // length-prefixed binary: same length
					nv = bytes.ReplaceAll(v, m, []byte(hostile))
				default:
					nv = bytes.ReplaceAll(v, m, jsonForm)
				}
				puts = append(puts, kv{append([]byte(nil), k...), nv})
				return nil
			})
			if err != nil {
				return err
			}
			for _, p := range puts {
				if err := b.Put(p.k, p.v); err != nil {
					return err
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func hostileContent() model.Content {
	c := meetingContent()
	c.Title = "标题" + marker
	c.Subtitle = "副题" + marker
	c.Source = "来源" + marker
	c.Authors = []string{"李伟", "作者" + marker}
	c.Photographers = []string{"摄影" + marker}
	c.Meeting.Name, c.Meeting.Place, c.Meeting.Chair = "会议"+marker, "地点"+marker, "主持"+marker
	c.Body = "第一段" + marker + "。\n\n第二段正文。\n"
	return c
}

// checkFrame fails when a frame carries anything that drives a terminal.
func checkFrame(t *testing.T, where, frame string) {
	t.Helper()
	for _, bad := range []string{"\x1b", "\x07", "\r", "\u202e", "pwned", "cHduZWQ", marker} {
		if strings.Contains(frame, bad) {
			t.Errorf("%s: the frame contains %q:\n%s", where, bad, frame)
		}
	}
	if !strings.Contains(frame, "EVIL") && strings.Contains(where, "must show") {
		t.Errorf("%s: the sanitized text is missing:\n%s", where, frame)
	}
}

func TestHostileStringsNeverReachTheTerminal(t *testing.T) {
	st := testStore(t)
	if _, err := st.AddUser(store.Actor{Login: "admin"}, model.User{Login: "evil", Display: "名字" + marker, Roles: []model.Role{model.RoleWriter}}); err != nil {
		t.Fatal(err)
	}
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Article 1: approved, then edited, so the reviewer sees a diff; with a
	// comment and a history of opinions.
	a1, err := st.Create(liwei, hostileContent(), "")
	must(a1, err)
	must(st.Decide(liwei, 1, store.Decision{Action: model.ActSubmit}))
	must(st.AddComment(wangyin, 1, 1, 0, "批注"+marker))
	must(st.Decide(wangyin, 1, store.Decision{Action: model.ActApprove, Opinion: "意见" + marker, Rev: 1}))
	c := hostileContent()
	c.Body += "\n新加一段" + marker + "。\n"
	must(st.Save(liwei, 1, 1, c))
	// Article 2: waits for the chief.
	must(st.Create(liwei, hostileContent(), ""))
	must(st.Decide(liwei, 2, store.Decision{Action: model.ActSubmit}))
	must(st.Decide(wangyin, 2, store.Decision{Action: model.ActApprove, Opinion: "同意" + marker, Rev: 1}))
	// Article 3: returned to the writer with a hostile opinion.
	must(st.Create(liwei, hostileContent(), ""))
	must(st.Decide(liwei, 3, store.Decision{Action: model.ActSubmit}))
	must(st.Decide(wangyin, 3, store.Decision{Action: model.ActReturn, Opinion: "退回" + marker, Rev: 1}))
	// Article 4: owned by the user with the hostile name.
	must(st.Create(store.Actor{Login: "evil"}, hostileContent(), ""))
	must(st.Decide(store.Actor{Login: "evil"}, 4, store.Decision{Action: model.ActSubmit}))

	tamper(t, st)
	if a, _ := st.Get(1); !strings.Contains(a.Title, "\x1b]0;pwned") {
		t.Fatalf("tampering did not take: %q", a.Title)
	}

	for _, size := range [][2]int{{100, 30}, {80, 24}, {200, 60}} {
		w, h := size[0], size[1]
		// The reviewer: queue, diff, text, comments, the approve dialog,
		// history and audit trail.
		r := newHarness(t, st, "wangyin", w, h)
		checkFrame(t, "reviewer home must show", r.view())
		r.keys("enter")
		checkFrame(t, "diff must show", r.view())
		r.keys("tab")
		checkFrame(t, "text must show", r.view())
		r.keys("tab")
		checkFrame(t, "preview must show", r.view())
		r.keys("tab")
		checkFrame(t, "comments must show", r.view())
		r.keys("a")
		r.keys("同意", "enter")
		checkFrame(t, "approve confirm must show", r.view())
		r.keys("n", "esc", "esc", "v")
		checkFrame(t, "history must show", r.view())
		r.keys("up")
		checkFrame(t, "history diff must show", r.view())
		r.keys("tab")
		checkFrame(t, "audit trail must show", r.view())

		// The chief: the sign-off dialog with the credits line.
		ch := newHarness(t, st, "shenjl", w, h)
		checkFrame(t, "chief home must show", ch.view())
		ch.keys("enter", "a", "同意", "enter")
		checkFrame(t, "sign-off confirm must show", ch.view())

		// The writer: returned opinion, in review, compose on the returned
		// draft with its preview and meta form.
		wr := newHarness(t, st, "liwei", w, h)
		checkFrame(t, "writer home must show", wr.view())
		wr.keys("enter")
		checkFrame(t, "compose must show", wr.view())
		wr.keys("ctrl+p")
		checkFrame(t, "preview", wr.view())
		wr.keys("ctrl+p", "ctrl+o")
		checkFrame(t, "meta form must show", wr.view())
		wr.keys("esc", "esc")
		wr.keys("tab", "enter")
		checkFrame(t, "own article in review must show", wr.view())
		wr.keys("a")
		checkFrame(t, "refusal", wr.view())
	}
}

// The render helpers themselves, with hostile input straight in.
func TestRenderHelpersSanitize(t *testing.T) {
	sty := newStyles(asciiRenderer())
	a := &model.Article{ID: 1, Workflow: model.DefaultWorkflow,
		Approvals: []model.Approval{{Stage: 0, Display: "王" + hostile, Hash: "h"}}, Hash: "h"}
	c := &model.Content{Source: hostile, Photographers: []string{hostile}, Authors: []string{hostile}}
	var frames []string
	frames = append(frames, creditsText(zhTR, "", a, c, hostile, nil), articleByline(zhTR, c))
	frames = append(frames, wrapText(hostile+"正文"+hostile, 20, nil)...)
	lines, _, _ := diffLines(zhTR, sty, "旧"+hostile, "新"+hostile+"增加", 40)
	frames = append(frames, lines...)
	frames = append(frames, zhTR.describeErr(&model.FieldError{Field: hostile, Reason: hostile}))
	for _, f := range frames {
		checkFrame(t, "helper", f)
	}
}
