package store_test

import (
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

func enableNotify(t testing.TB, st *store.Store) {
	t.Helper()
	if err := st.AddChannel(admin, store.Channel{Name: "group", Kind: "webhook", Where: "http://127.0.0.1/…"},
		store.ChannelSecret{URL: "http://127.0.0.1:1/hook?key=SECRETKEY", Secret: "s3cr3t"}); err != nil {
		t.Fatal(err)
	}
}

// A decision writes its notice in its own transaction: a refused decision
// leaves none, and nothing is queued while no channel or address is set.
func TestOutboxWrittenWithTheChange(t *testing.T) {
	st, _ := newOffice(t)
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	if ns, _ := st.Notices(10); len(ns) != 0 {
		t.Fatalf("notifications are off, yet %d notices were queued", len(ns))
	}
	mustDecide(t, st, wangyin, a.ID, model.ActReturn, "请补充@王音 和 @liwei 的说明")
	enableNotify(t, st)
	// refused: the author may not approve their own article
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActSubmit}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(liwei, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意"}); err == nil {
		t.Fatal("the author approved their own article")
	}
	mustDecide(t, st, wangyin, a.ID, model.ActApprove, "同意，请主编签发。")
	// wangyin approved, so still sees it (chenfang, a reviewer who did not act, no longer does)
	if _, err := st.AddComment(wangyin, a.ID, 1, 0, "第一段请@沈建龙 看看"); err != nil {
		t.Fatal(err)
	}
	ns, err := st.Notices(10)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, n := range ns {
		kinds = append(kinds, string(n.Kind))
	}
	if got := strings.Join(kinds, ","); got != "submit,approve,comment" {
		t.Fatalf("notices %s, want submit,approve,comment", got)
	}
	sub, ap, cm := ns[0], ns[1], ns[2]
	if sub.Actor != "liwei" || sub.ActorName != "李伟" || sub.StageName != "审核" || sub.StageRole != model.RoleReviewer || sub.Title == "" {
		t.Errorf("submit notice: %+v", sub)
	}
	if ap.Opinion != "同意，请主编签发。" || ap.DecidedAt != "审核" || ap.StageName != "主编签发" || ap.StageRole != model.RoleChief {
		t.Errorf("approve notice: %+v", ap)
	}
	if cm.Text != "第一段请@沈建龙 看看" || cm.Para != 1 || cm.Actor != "wangyin" {
		t.Errorf("comment notice: %+v", cm)
	}
	if ap.AuditSeq == 0 || ap.AuditSeq <= sub.AuditSeq {
		t.Errorf("audit sequence numbers %d, %d", sub.AuditSeq, ap.AuditSeq)
	}
}

// The audit chain and the settings shown to anyone never carry a secret.
func TestChannelSecretsKeptApart(t *testing.T) {
	st, _ := newOffice(t)
	enableNotify(t, st)
	if err := st.AddChannel(liwei, store.Channel{Name: "x", Kind: "wecom"}, store.ChannelSecret{URL: "https://a/?key=K"}); err == nil {
		t.Fatal("a writer added a channel")
	}
	chans, _ := st.Channels()
	if len(chans) != 1 || strings.Contains(chans[0].Where, "SECRETKEY") {
		t.Fatalf("channels: %+v", chans)
	}
	raw := dumpAudit(t, st)
	if strings.Contains(raw, "SECRETKEY") || strings.Contains(raw, "s3cr3t") {
		t.Fatal("a secret reached the audit chain")
	}
	sec, err := st.Secret("channel/group")
	if err != nil || sec.Secret != "s3cr3t" {
		t.Fatalf("secret: %+v %v", sec, err)
	}
}

func dumpAudit(t testing.TB, st *store.Store) string {
	t.Helper()
	var b strings.Builder
	err := st.DB().View(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte("audit")).ForEach(func(k, v []byte) error {
			b.Write(v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
