package export

import (
	"testing"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
)

// The real sshd and nginx harness (publish_sftp_test.go), for the tests of
// package export_test that drive the scheduler (server imports export, so
// those tests live outside the package).

// StartSSHDForTest is startSSHD: port, client key file, known_hosts file.
func StartSSHDForTest(t *testing.T, dir string) (int, string, string) { return startSSHD(t, dir) }

// StartNginxForTest is startNginx: the port serving root.
func StartNginxForTest(t *testing.T, dir, root string) int { return startNginx(t, dir, root) }

// HTTPGetForTest is httpGet: status and body.
func HTTPGetForTest(t *testing.T, url string) (int, string) { return httpGet(t, url) }

// LocalUserForTest is the login sshd accepts the test key for.
func LocalUserForTest() string { return localUser() }

// AddOfficeUsersForTest adds the test office to st: admin (the first
// user), liwei (writer), wangyin (reviewer) and shenjl (chief).
func AddOfficeUsersForTest(t *testing.T, st *store.Store) {
	t.Helper()
	for i, u := range []model.User{
		{Login: "admin", Display: "管理员", Roles: []model.Role{model.RoleAdmin}},
		{Login: "liwei", Display: "李伟", Roles: []model.Role{model.RoleWriter}},
		{Login: "wangyin", Display: "王音", Roles: []model.Role{model.RoleReviewer}},
		{Login: "shenjl", Display: "沈建龙", Roles: []model.Role{model.RoleChief}},
	} {
		act := store.Actor{Login: "admin"}
		if i == 0 {
			act = store.Actor{}
		}
		if _, err := st.AddUser(act, u); err != nil {
			t.Fatal(err)
		}
	}
}
