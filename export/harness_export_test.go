package export

import "testing"

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
