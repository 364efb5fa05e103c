package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// check --site holds an exported site against its manifest: a page
// defaced in place, a page deleted and feed.xml replaced by a symlink to
// a file outside the site are each one BAD line naming the file (exit 1);
// a plain export restores the deleted page and the symlink, --force the
// defaced page, and check --site then says the site is as exported. A
// folder that is not an exported site is a clear error. (attacker, stop
// 21: after a plain re-export the site went on without a page while
// `export` said every file was unchanged and `check` said 正常.)
func TestCheckSiteFindsWhatChangedOnDisk(t *testing.T) {
	o := newOffice(t)
	id := o.approved("学院举行冬季运动会")
	o.signOff(id)
	site := filepath.Join(t.TempDir(), "site")
	o.ok("", "--as", "admin", "export", "--out", site)
	if out := o.ok("", "check", "--site", site); !strings.Contains(out, "are as exported") {
		t.Fatalf("check --site of a fresh export:\n%s", out)
	}
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("root:x:0:0"), 0o600); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(site, "articles", id, "index.html")
	if err := os.WriteFile(page, []byte("<script>defaced</script>"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(site, "feed.xml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(site, "feed.xml")); err != nil {
		t.Fatal(err)
	}
	r := o.run("", "check", "--site", site)
	for _, want := range []string{"BAD  site file articles/" + id + "/index.html differs", "BAD  site file index.html is gone",
		"BAD  site file feed.xml is not a regular file"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("check --site does not say %q:\n%s", want, r.stdout)
		}
	}
	if r.code != 1 || !strings.Contains(r.stderr, "3 problems") {
		t.Errorf("check --site: exit %d, stderr %q", r.code, r.stderr)
	}
	o.ok("", "--as", "admin", "export", "--out", site)
	r = o.run("", "check", "--site", site)
	if r.code != 1 || strings.Count(r.stdout, "BAD") != 1 || !strings.Contains(r.stdout, "differs") {
		t.Errorf("after a plain export, only the defaced page is left: exit %d\n%s", r.code, r.stdout)
	}
	o.ok("", "--as", "admin", "export", "--out", site, "--force")
	if out := o.ok("", "check", "--site", site); !strings.Contains(out, "are as exported") {
		t.Errorf("check --site after export --force:\n%s", out)
	}
	if b, _ := os.ReadFile(secret); string(b) != "root:x:0:0" {
		t.Errorf("the symlink's target was written: %q", b)
	}
	o.fails(1, "is not a site copydesk exported", "", "check", "--site", t.TempDir())
}
