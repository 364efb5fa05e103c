package model

import (
	"strings"

	"golang.org/x/crypto/ssh"
)

// ParseKey parses one authorized_keys line into a Key with its SHA256
// fingerprint, as ssh-keygen -l prints it.
func ParseKey(line string) (Key, error) {
	line = strings.TrimSpace(line)
	pk, comment, _, _, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return Key{}, fieldMsg("key", "ErrKeyParse", nil, "not an SSH public key (%v); paste one line of ~/.ssh/id_ed25519.pub", err)
	}
	out := strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pk)))
	if comment != "" && checkLine("key", comment, 200, false) == nil {
		out += " " + comment
	}
	return Key{Fingerprint: ssh.FingerprintSHA256(pk), Line: out}, nil
}
