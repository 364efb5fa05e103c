package server

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"

	"github.com/copydesk/copydesk/locale"
	gossh "golang.org/x/crypto/ssh"
)

// LoadOrCreateHostKey reads the private host key at path, creating an
// ed25519 key there (mode 0600, folder 0700) when the file does not exist.
// Creation is atomic: a half-written key is never left at path, and when two
// servers race, both end up with the same key.
func LoadOrCreateHostKey(path string) (gossh.Signer, error) {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		if err := createHostKey(path); err != nil {
			return nil, locale.NewError("SrvHostKeyCreate", locale.Args{"Path": path, "Err": err}, err)
		}
		raw, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, locale.NewError("SrvHostKeyRead", locale.Args{"Path": path, "Err": err}, err)
	}
	signer, err := gossh.ParsePrivateKey(raw)
	if err != nil {
		return nil, locale.NewError("SrvHostKeyBad", locale.Args{"Path": path, "Err": err}, err)
	}
	return signer, nil
}

func createHostKey(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	block, err := gossh.MarshalPrivateKey(priv, "copydesk host key")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".host-key-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(pem.EncodeToMemory(block)); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	// Link fails when another process created the key meanwhile: keep theirs.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	return nil
}
