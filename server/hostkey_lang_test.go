package server_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/server"
)

// A host key that cannot be made or read is told in the reader's language,
// the OS's reason included, path kept (issue 9.10): a folder in the way
// (ENOTDIR, which root meets too) and a file that is not a key.
func TestHostKeyErrorsSpeakTheReadersLanguage(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "not-a-folder")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A file where a folder should be: the key cannot be read.
	path := filepath.Join(file, "host_ed25519")
	_, err := server.LoadOrCreateHostKey(path)
	zh := "无法读取主机密钥 " + path + "：打开 " + path + " 失败：路径中有一项不是文件夹"
	en := "cannot read the host key " + path + ": open " + path + ": not a directory"
	if got := locale.Err(locale.ZH, err); got != zh {
		t.Errorf("zh-CN: %q\n want %q", got, zh)
	}
	if got := locale.Err(locale.EN, err); got != en {
		t.Errorf("en: %q\n want %q", got, en)
	}
	// A dangling link where the key's folder should be: there is no key,
	// and the folder cannot be made.
	link := filepath.Join(dir, "keys")
	if err := os.Symlink(filepath.Join(dir, "gone"), link); err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(link, "host_ed25519")
	_, err = server.LoadOrCreateHostKey(path)
	zh = "无法创建主机密钥 " + path + "：创建文件夹 " + link + " 失败：已经存在"
	en = "cannot create the host key " + path + ": mkdir " + link + ": file exists"
	if got := locale.Err(locale.ZH, err); got != zh {
		t.Errorf("zh-CN: %q\n want %q", got, zh)
	}
	if got := locale.Err(locale.EN, err); got != en {
		t.Errorf("en: %q\n want %q", got, en)
	}
	_, err = server.LoadOrCreateHostKey(file)
	if got, want := locale.Err(locale.ZH, err), "主机密钥 "+file+" 不是未加密的 SSH 私钥（"; len(got) < len(want) || got[:len(want)] != want {
		t.Errorf("not a key, zh-CN: %q", got)
	}
}
