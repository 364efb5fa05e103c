package export

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/knownhosts"
)

// writeKey writes a new ed25519 private key in OpenSSH format and returns
// its public key.
func writeKey(t *testing.T, file string) ssh.PublicKey {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, pem.EncodeToMemory(block), 0o600); err != nil {
		t.Fatal(err)
	}
	sp, err := ssh.NewPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return sp
}

// startSSHD runs OpenSSH's sshd on a loopback port with its own host key
// and one authorized client key. It returns the port, the client key file
// and a known_hosts file holding the host key.
func startSSHD(t *testing.T, dir string) (port int, keyFile, knownHostsFile string) {
	t.Helper()
	sshd := "/usr/sbin/sshd"
	if _, err := os.Stat(sshd); err != nil {
		skipOrFail(t, "%s is missing: apt-get install -y openssh-server", sshd)
	}
	if os.Geteuid() == 0 {
		// sshd insists on its privilege separation directory.
		if err := os.MkdirAll("/run/sshd", 0o755); err != nil {
			t.Fatal(err)
		}
	}
	hostKey := writeKey(t, filepath.Join(dir, "host_ed25519"))
	keyFile = filepath.Join(dir, "id_ed25519")
	clientKey := writeKey(t, keyFile)
	auth := filepath.Join(dir, "authorized_keys")
	if err := os.WriteFile(auth, ssh.MarshalAuthorizedKey(clientKey), 0o600); err != nil {
		t.Fatal(err)
	}
	port = freePort(t)
	knownHostsFile = filepath.Join(dir, "known_hosts")
	line := knownhosts.Line([]string{knownhosts.Normalize("127.0.0.1:" + strconv.Itoa(port))}, hostKey)
	if err := os.WriteFile(knownHostsFile, []byte(line+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "sshd_config")
	conf := fmt.Sprintf(`Port %d
ListenAddress 127.0.0.1
HostKey %s
PidFile %s
AuthorizedKeysFile %s
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
UsePAM no
Subsystem sftp internal-sftp
LogLevel VERBOSE
`, port, filepath.Join(dir, "host_ed25519"), filepath.Join(dir, "sshd.pid"), auth)
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	log := startDaemon(t, "sshd", port, sshd, "-D", "-e", "-f", cfg)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("sshd log:\n%s", log.String())
		}
	})
	return port, keyFile, knownHostsFile
}

// startNginx serves root on a loopback port with a minimal configuration
// whose pid, logs and temporary files all live in dir.
func startNginx(t *testing.T, dir, root string) int {
	t.Helper()
	return startNginxWith(t, dir, root, "")
}

// startNginxWith is startNginx with extra directives in the server block.
func startNginxWith(t *testing.T, dir, root, server string) int {
	t.Helper()
	nginx := "/usr/sbin/nginx"
	if _, err := os.Stat(nginx); err != nil {
		skipOrFail(t, "%s is missing: apt-get install -y nginx", nginx)
	}
	port := freePort(t)
	tmp := filepath.Join(dir, "nginx-tmp")
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		t.Fatal(err)
	}
	user := ""
	if os.Geteuid() == 0 {
		user = "user root;" // workers must read the test's 0700 temp dirs
	}
	conf := fmt.Sprintf(`%s
worker_processes 1;
pid %[2]s/nginx.pid;
error_log %[2]s/nginx-error.log;
events { worker_connections 64; }
http {
  access_log %[2]s/nginx-access.log;
  client_body_temp_path %[3]s/body;
  proxy_temp_path %[3]s/proxy;
  fastcgi_temp_path %[3]s/fastcgi;
  uwsgi_temp_path %[3]s/uwsgi;
  scgi_temp_path %[3]s/scgi;
  types {
    text/html html;
    text/css css;
    image/png png;
    image/jpeg jpg;
    application/xml xml;
    application/json json;
  }
  default_type application/octet-stream;
  charset utf-8;
  server {
    listen 127.0.0.1:%[4]d;
    root %[5]s;
    index index.html;
%[6]s
  }
}
`, user, dir, tmp, port, root, server)
	cfg := filepath.Join(dir, "nginx.conf")
	if err := os.WriteFile(cfg, []byte(conf), 0o644); err != nil {
		t.Fatal(err)
	}
	log := startDaemon(t, "nginx", port, nginx, "-p", dir, "-e", filepath.Join(dir, "nginx-error.log"), "-c", cfg, "-g", "daemon off;")
	t.Cleanup(func() {
		if t.Failed() {
			b, _ := os.ReadFile(filepath.Join(dir, "nginx-error.log"))
			t.Logf("nginx output:\n%s\n%s", log.String(), b)
		}
	})
	return port
}

func httpGet(t *testing.T, url string) (int, string) {
	t.Helper()
	c := &http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// TestPublishSFTPThenServe publishes over SFTP to a real OpenSSH server,
// publishes again after an edit (only the changed files travel), and
// serves the result with nginx.
func TestPublishSFTPThenServe(t *testing.T) {
	dir := t.TempDir()
	port, keyFile, kh := startSSHD(t, dir)
	www := filepath.Join(dir, "www", "news")
	target := fmt.Sprintf("ssh://%s@127.0.0.1:%d%s", localUser(), port, www)
	popts := PublishOptions{KeyFile: keyFile, KnownHosts: kh, Timeout: 10 * time.Second}

	src := genSource(25, 500, 1)
	site := filepath.Join(dir, "site")
	mustExport(t, src, site, Options{PageSize: 10})
	res, err := Publish(site, target, popts)
	if err != nil {
		t.Fatal(err)
	}
	all := snapshot(t, site)
	for p := range all {
		if bookkeeping(p) {
			delete(all, p)
		}
	}
	if len(res.Sent) != len(all) || res.Bytes == 0 {
		t.Fatalf("first publish sent %d files, site has %d", len(res.Sent), len(all))
	}
	sameContent(t, site, www)

	// Edit one article, withdraw another, export, publish again.
	edit(&src.arts[20], "图书馆延长开放时间（修订）", "自下周起，图书馆晚间开放至二十二点。")
	src.arts = append(src.arts[:3:3], src.arts[4:]...)
	ex := mustExport(t, src, site, Options{PageSize: 10})
	before := snapshot(t, www)
	res, err = Publish(site, target, popts)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res.Sent, ex.Written) || !reflect.DeepEqual(res.Removed, ex.Removed) {
		t.Fatalf("second publish sent %v removed %v; the export changed %v and removed %v", res.Sent, res.Removed, ex.Written, ex.Removed)
	}
	if !contains(res.Sent, "articles/21/index.html") || len(res.Sent) > 8 {
		t.Errorf("sent %v", res.Sent)
	}
	if d := changed(before, snapshot(t, www)); !sameSet(d, append(slices.Clone(ex.Written), ex.Removed...)) {
		t.Errorf("files touched on the server: %v", d)
	}
	sameContent(t, site, www)
	res, err = Publish(site, target, popts)
	if err != nil || len(res.Sent)+len(res.Removed) != 0 {
		t.Errorf("third publish: %+v %v", res, err)
	}

	// The host key is checked: an unknown host, and a changed key.
	empty := filepath.Join(dir, "known_hosts.empty")
	os.WriteFile(empty, nil, 0o600)
	_, err = Publish(site, target, PublishOptions{KeyFile: keyFile, KnownHosts: empty})
	if err == nil || !strings.Contains(err.Error(), "ssh-keyscan -p "+strconv.Itoa(port)+" 127.0.0.1 >> "+empty) {
		t.Errorf("unknown host: err = %v", err)
	}
	other := writeKey(t, filepath.Join(dir, "other_key"))
	wrong := filepath.Join(dir, "known_hosts.wrong")
	os.WriteFile(wrong, []byte(knownhosts.Line([]string{knownhosts.Normalize("127.0.0.1:" + strconv.Itoa(port))}, other)+"\n"), 0o600)
	_, err = Publish(site, target, PublishOptions{KeyFile: keyFile, KnownHosts: wrong})
	if err == nil || !strings.Contains(err.Error(), "HOST KEY MISMATCH") {
		t.Errorf("changed host key: err = %v", err)
	}
	_, err = Publish(site, target, PublishOptions{KeyFile: filepath.Join(dir, "other_key"), KnownHosts: kh})
	if err == nil || !strings.Contains(err.Error(), "unable to authenticate") {
		t.Errorf("unauthorized key: err = %v", err)
	}

	// nginx serves what was published.
	hp := startNginx(t, dir, www)
	base := "http://127.0.0.1:" + strconv.Itoa(hp)
	code, body := httpGet(t, base+"/articles/21/")
	if code != 200 || !strings.Contains(body, "<h1>图书馆延长开放时间（修订）</h1>") || !strings.Contains(body, "（图文来源：") {
		t.Errorf("GET /articles/21/: %d, title present: %v", code, strings.Contains(body, "图书馆延长开放时间"))
	}
	code, body = httpGet(t, base+"/")
	if code != 200 || !strings.Contains(body, "图书馆延长开放时间（修订）") {
		t.Errorf("GET /: %d", code)
	}
	if code, _ := httpGet(t, base+"/articles/4/"); code != 404 {
		t.Errorf("withdrawn article: GET gives %d, want 404", code)
	}
}
