package store_test

import (
	"encoding/binary"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/store"
)

// putRawDeliveries writes delivery records as they are on disk.
func putRawDeliveries(t *testing.T, st *store.Store, recs ...string) {
	t.Helper()
	err := st.DB().Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("outbox_send"))
		for i, r := range recs {
			if err := b.Put(binary.BigEndian.AppendUint64(nil, uint64(1000+i)), []byte(r)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A failed delivery's reason is stored as a message (ID and arguments) and
// reads in each reader's language; a record written when the reason was
// English text (last_error a string) still reads, as that text; a damaged
// or hostile reason (unknown ID, nesting 2000 deep, thousands of
// arguments) reads as its text (depth and width bounded: locale.MaxStoredDepth) and never breaks the status.
func TestOutboxReasonShapes(t *testing.T) {
	st, _ := newOffice(t)
	deep := strings.Repeat(`{"id":"OSPathError","args":{"Reason":`, 2000) + `{"id":"OSErrAccess"}` + strings.Repeat(`}}`, 2000)
	var wide strings.Builder
	wide.WriteString(`{"id":"NotifySMTP","text":"wide","args":{`)
	for i := range 5000 {
		if i > 0 {
			wide.WriteString(",")
		}
		wide.WriteString(`"A` + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + `":{"text":"v"}`)
	}
	wide.WriteString(`}}`)
	rec := func(id, lastErr string) string {
		return `{"id":"` + id + `","key":1,"channel":"mail","kind":"email","attempts":3,"failed":true,"last_error":` + lastErr + `}`
	}
	putRawDeliveries(t, st,
		rec("old", `"dial tcp 10.0.0.1:25: connect: connection refused"`),
		rec("new", `{"id":"NotifySMTP","args":{"Where":{"text":"mail.example.edu:587"},"Err":{"id":"OSNetError","args":{"Op":{"id":"OSOpDial"},"Addr":{"text":"10.0.0.1:587"},"Reason":{"id":"OSErrConnRefused"}}}},"text":"SMTP mail.example.edu:587: dial 10.0.0.1:587: connection refused"}`),
		rec("unknown", `{"id":"NoSuchMessageAnywhere","args":{"X":{"text":"y"}},"text":"kept English text"}`),
		rec("idonly", `{"id":"NoSuchMessageAnywhere"}`),
		rec("hostile", `{"id":"NotifySMTP","args":{"Where":{"text":"\u001b[31mred\nok: verified"},"Err":{"text":"{{.Where}}"}}}`),
		rec("deep", deep),
		rec("wide", wide.String()),
		rec("badcount", `{"id":"CLIArticles","args":{"Count":{"text":"many"}},"text":"kept for a bad count"}`),
	)
	ob, err := st.Outbox()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, d := range ob.Failed {
		got[d.ID] = [2]string{d.LastError.In(locale.ZH), d.LastError.In(locale.EN)}
	}
	want := map[string][2]string{
		"old": {"dial tcp 10.0.0.1:25: connect: connection refused", "dial tcp 10.0.0.1:25: connect: connection refused"},
		"new": {"邮件服务器 mail.example.edu:587：连接 10.0.0.1:587 失败：对方拒绝连接（服务可能没有运行）",
			"SMTP mail.example.edu:587: dial 10.0.0.1:587: connection refused"},
		"unknown":  {"kept English text", "kept English text"},
		"idonly":   {"NoSuchMessageAnywhere", "NoSuchMessageAnywhere"},
		"wide":     {"wide", "wide"},
		"badcount": {"kept for a bad count", "kept for a bad count"},
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: got %q, want %q", id, got[id], w)
		}
	}
	if h := got["hostile"]; strings.ContainsAny(h[0]+h[1], "\x1b\n") || !strings.Contains(h[0], "{{.Where}}") {
		t.Errorf("hostile: %q", h)
	}
	if d := got["deep"]; len(d[0]) > 4096 {
		t.Errorf("deep: %d bytes", len(d[0]))
	}
}
