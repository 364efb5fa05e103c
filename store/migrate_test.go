package store_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// openFixture copies a database written by an earlier release (see
// testdata/mkschema1.go.txt) and opens it, which migrates it.
func openFixture(t *testing.T, name string) *store.Store {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "copydesk.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return openStore(t, path)
}

// A schema-1 database (signed, published, then edited) gains the
// permanent approval record, the revision authors and the recorded 发布人;
// its chain still verifies.
func TestMigrateSchema1(t *testing.T) {
	st := openFixture(t, "schema1.db")
	a, err := st.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if a.OwnerDisplay != "李伟" || len(a.RevAuthors) != 2 || a.RevAuthors[0] != "liwei" || a.RevAuthors[1] != "liwei" {
		t.Fatalf("migrated header: owner %q authors %v", a.OwnerDisplay, a.RevAuthors)
	}
	if a.Signed == nil || len(a.ApprovalsOf(a.Signed.Hash)) != 2 {
		t.Fatalf("approvals of the signed revision: %+v", a.Record)
	}
	rows, err := st.Signed()
	if err != nil || len(rows) != 1 || rows[0].Publisher != "李伟" || len(rows[0].Approvals) != 2 || rows[0].Approvals[0].Display != "王音" {
		t.Fatalf("signed rows: %+v %v", rows, err)
	}
	rep, err := st.Verify()
	if err != nil || !rep.OK() {
		t.Fatalf("verify after migration: %+v %v", rep, err)
	}
	// The record outlives its people.
	if err := st.RemoveUser(admin, "liwei"); err != nil {
		t.Fatal(err)
	}
	if rows, _ := st.Signed(); rows[0].Publisher != "李伟" {
		t.Fatalf("发布人 after the user left: %q", rows[0].Publisher)
	}
	// New approvals append to the record; the signed revision keeps its own.
	if err := st.MarkRead(wangyin, 1, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Decide(wangyin, 1, store.Decision{Action: model.ActApprove, Opinion: "同意"}); err != nil {
		t.Fatal(err)
	}
	rows, _ = st.Signed()
	if len(rows[0].Approvals) != 2 || rows[0].Approvals[0].Rev != 1 {
		t.Fatalf("signed revision's approvals after a new approval: %+v", rows[0].Approvals)
	}
}

// Keys of a database from before schema 3 count as added by an admin: they
// are flagged, and so is every decision made with them; a key its owner
// adds is not.
func TestMigratedKeysAreFlagged(t *testing.T) {
	st := openFixture(t, "schema1.db")
	u, err := st.User("shenjl")
	if err != nil || len(u.Keys) != 1 {
		t.Fatalf("fixture user: %+v %v", u, err)
	}
	k := u.Keys[0]
	if k.How != model.KeyByAdmin || k.OwnedBy("shenjl") || k.Flag("shenjl") == "" {
		t.Fatalf("migrated key %+v", k)
	}
	// A decision over SSH with it carries the flag, in the audit record
	// and in the approval.
	remote := store.Actor{Login: "shenjl", KeyFP: k.Fingerprint, Remote: true}
	if _, err := st.Decide(remote, 1, store.Decision{Action: model.ActWithdraw, Opinion: "撤下线上版本"}); err != nil {
		t.Fatal(err)
	}
	trail, _ := st.Trail(store.Holder(), 1)
	last := trail[len(trail)-1]
	if last.KeyFP != k.Fingerprint || !strings.Contains(last.KeyFlag, "not added by its owner") {
		t.Fatalf("audit record of a decision with a flagged key: %+v", last)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

// Over SSH nobody adds a key to another account; locally an admin may, and
// the key is flagged; the owner's own keys are not; admins revoke.
func TestKeysBelongToTheirOwners(t *testing.T) {
	st, _ := newOffice(t)
	k1, _ := model.ParseKey(testKey(t))
	k2, _ := model.ParseKey(testKey(t))
	remoteAdmin := store.Actor{Login: "admin", KeyFP: "SHA256:x", Remote: true}
	if err := st.AddKey(remoteAdmin, "wangyin", k1); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("admin added a key over SSH: %v", err)
	}
	if err := st.AddKey(store.Actor{Login: "liwei"}, "wangyin", k1); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a writer added a key to another account: %v", err)
	}
	if err := st.AddKey(admin, "wangyin", k1); err != nil {
		t.Fatal(err)
	}
	if err := st.AddKey(store.Actor{Login: "wangyin", Remote: true}, "wangyin", k2); err != nil {
		t.Fatal(err)
	}
	u, _ := st.User("wangyin")
	if u.Keys[0].How != model.KeyByAdminLocal || u.Keys[0].AddedBy != "admin" || u.Keys[0].OwnedBy("wangyin") {
		t.Fatalf("admin-local key %+v", u.Keys[0])
	}
	if u.Keys[1].How != model.KeyBySelf || !u.Keys[1].OwnedBy("wangyin") {
		t.Fatalf("own key %+v", u.Keys[1])
	}
	// A decision with the admin's key is flagged; with the own key not.
	a := mustCreate(t, st)
	mustDecide(t, st, liwei, a.ID, model.ActSubmit, "")
	flagged := store.Actor{Login: "wangyin", KeyFP: k1.Fingerprint, Remote: true}
	if _, err := st.Decide(flagged, a.ID, store.Decision{Action: model.ActApprove, Opinion: "同意", Rev: 1}); err != nil {
		t.Fatal(err)
	}
	got, _ := st.Get(a.ID)
	if got.Record[0].KeyFlag == "" || got.Approvals[0].KeyFlag == "" {
		t.Fatalf("approval with an admin-added key not flagged: %+v", got.Record)
	}
	// Admins revoke (also over SSH); others cannot.
	if err := st.RemoveKey(store.Actor{Login: "liwei"}, "wangyin", k1.Fingerprint); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a writer revoked another's key: %v", err)
	}
	if err := st.RemoveKey(remoteAdmin, "wangyin", k1.Fingerprint); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UserByKey(k1.Fingerprint); !store.IsNotFound(err) {
		t.Fatalf("revoked key still signs in: %v", err)
	}
	// Invitations: one use, hashed, expiring.
	code, _, err := st.Invite(admin, "chenfang", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Invite(liwei, "chenfang", 0); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a writer invited: %v", err)
	}
	raw, _ := os.ReadFile(st.Path())
	if strings.Contains(string(raw), strings.ReplaceAll(code, "-", "")) || strings.Contains(string(raw), code) {
		t.Fatal("the invitation code is stored in clear")
	}
	k3, _ := model.ParseKey(testKey(t))
	if _, err := st.Join(code, k1); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Join(code, k3); !errors.Is(err, store.ErrInvite) {
		t.Fatalf("a code used twice: %v", err)
	}
	if st.OpenInvites() {
		t.Fatal("a spent invitation is still open")
	}
}

func testKey(t *testing.T) string {
	t.Helper()
	pub, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := gossh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(gossh.MarshalAuthorizedKey(sp)))
}

// An invitation binds a first key only: an admin cannot invite an account
// that has a key and bind a key of their own to it (then sign in as the
// reviewer and approve), nor keep a second code made before the owner
// joined and use it afterwards.
func TestInvitationCannotTakeOverAnAccount(t *testing.T) {
	st, _ := newOffice(t)
	own, _ := model.ParseKey(testKey(t))
	if err := st.AddKey(store.Actor{Login: "wangyin", Remote: true}, "wangyin", own); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Invite(admin, "wangyin", 0); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("an account with a key was invited: %v", err)
	}
	first, _, err := st.Invite(admin, "chenfang", 0)
	if err != nil {
		t.Fatal(err)
	}
	kept, _, err := st.Invite(admin, "chenfang", 0)
	if err != nil {
		t.Fatal(err)
	}
	kOwner, _ := model.ParseKey(testKey(t))
	kAdmin, _ := model.ParseKey(testKey(t))
	if _, err := st.Join(first, kOwner); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Join(kept, kAdmin); !errors.Is(err, model.ErrDenied) {
		t.Fatalf("a second code bound a key next to the owner's: %v", err)
	}
	if u, _ := st.UserByKey(kAdmin.Fingerprint); u != nil {
		t.Fatalf("the admin's key signs in as %s", u.Login)
	}
	if _, err := st.Join(kept, kAdmin); !errors.Is(err, store.ErrInvite) {
		t.Fatalf("the refused code is still open: %v", err)
	}
	if u, _ := st.User("chenfang"); len(u.Keys) != 1 || u.Keys[0].Fingerprint != kOwner.Fingerprint {
		t.Fatalf("chenfang's keys: %+v", u.Keys)
	}
}

// A database made by the release before checklists, countersigns and extra
// readers (testdata/mkrelease18.go.txt): its articles in review under the
// presets finish under them, unchanged; the one under an office workflow
// with a 保密审查 checklist finishes with the checklist answered; the chain
// verifies before and after.
func TestRelease18ArticlesFinish(t *testing.T) {
	st := openFixture(t, "release18.db")
	if rep, err := st.Verify(); err != nil || !rep.OK() {
		t.Fatalf("verify the old file: %+v %v", rep.Problems, err)
	}
	want := map[uint64]string{1: "审核 → 主编签发", 2: "初审 → 复审 → 终审", 3: "部门审核 → 保密审查 → 签发"}
	for id, wf := range want {
		a, err := st.Get(id)
		if err != nil || a.State != model.StateReview || a.Workflow.String() != wf {
			t.Fatalf("article %d: %+v %v", id, a, err)
		}
	}
	mustUser(t, st, admin, "zhaoli", "赵丽", model.RoleReviewer)
	// 1: default preset.
	mustDecide(t, st, wangyin, 1, model.ActApprove, "同意")
	if a := mustDecide(t, st, shenjl, 1, model.ActSignOff, "签发"); a.State != model.StateSigned {
		t.Fatal(a.State)
	}
	// 2: 三审 — wangyin acted at 初审, so 复审 is someone else's.
	if _, err := decideWith(t, st, wangyin, 2, model.ActApprove, "复审同意", nil); !errors.Is(err, model.ErrTwoStages) {
		t.Fatalf("one person at two stages of an old article: %v", err)
	}
	mustDecide(t, st, chenfang, 2, model.ActApprove, "复审同意")
	if a := mustDecide(t, st, shenjl, 2, model.ActSignOff, "终审同意"); a.State != model.StateSigned || len(a.ApprovalsOf(a.Hash)) != 3 {
		t.Fatalf("%s %+v", a.State, a.ApprovalsOf(a.Hash))
	}
	// 3: the office workflow's checklist, defined before answers existed,
	// is answered now.
	a, _ := st.Get(3)
	if _, err := decideWith(t, st, secrecy, 3, model.ActApprove, "不涉密", nil); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("checklist unanswered: %v", err)
	}
	a, err := decideWith(t, st, secrecy, 3, model.ActApprove, "不涉密", noAnswers(a.Current().Checklist))
	if err != nil || len(a.Record[len(a.Record)-1].Answers) != 2 {
		t.Fatalf("%+v %v", a, err)
	}
	if a := mustDecide(t, st, shenjl, 3, model.ActSignOff, "签发"); a.State != model.StateSigned {
		t.Fatal(a.State)
	}
	if rep, err := st.Verify(); err != nil || !rep.OK() || rep.Signed != 3 {
		t.Fatalf("verify after: %+v %v", rep, err)
	}
}
