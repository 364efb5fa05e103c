package export

import (
	"bytes"
	"errors"
	"io/fs"
	"net"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/pkg/sftp"
	"golang.org/x/crypto/ssh"
	"golang.org/x/crypto/ssh/agent"
	"golang.org/x/crypto/ssh/knownhosts"

	"github.com/copydesk/copydesk/locale"
)

// sftpSink publishes into a directory on an SSH server.
type sftpSink struct {
	conn  *ssh.Client
	c     *sftp.Client
	base  string
	posix bool // server has posix-rename@openssh.com
	agent net.Conn
}

// dialSFTP connects with key authentication and a checked host key.
func dialSFTP(t Target, o PublishOptions) (*sftpSink, error) {
	home, _ := os.UserHomeDir()
	khFile := o.KnownHosts
	if khFile == "" {
		khFile = filepath.Join(home, ".ssh", "known_hosts")
	}
	hostKeys, err := knownhosts.New(khFile)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, locale.NewError("PublishNoKnownHosts", locale.Args{"Path": khFile, "Port": t.Port, "Host": t.Host}, err)
		}
		return nil, locale.NewError("PublishKnownHosts", locale.Args{"Path": khFile, "Err": err}, err)
	}
	s := &sftpSink{}
	var auths []ssh.Signer
	keyFiles := []string{o.KeyFile}
	if o.KeyFile == "" {
		keyFiles = []string{filepath.Join(home, ".ssh", "id_ed25519"), filepath.Join(home, ".ssh", "id_rsa")}
	}
	var keyErrs errList
	for _, kf := range keyFiles {
		pem, err := os.ReadFile(kf)
		if err != nil {
			if o.KeyFile != "" || !errors.Is(err, fs.ErrNotExist) {
				keyErrs = append(keyErrs, err)
			}
			continue
		}
		signer, err := ssh.ParsePrivateKey(pem)
		var pme *ssh.PassphraseMissingError
		if errors.As(err, &pme) {
			keyErrs = append(keyErrs, locale.NewError("PublishKeyPassphrase", locale.Args{"Path": kf}))
			continue
		}
		if err != nil {
			keyErrs = append(keyErrs, locale.NewError("PublishKeyFile", locale.Args{"Path": kf, "Err": err}, err))
			continue
		}
		auths = append(auths, signer)
		break
	}
	methods := []ssh.AuthMethod{}
	if len(auths) > 0 {
		methods = append(methods, ssh.PublicKeys(auths...))
	}
	if sock := os.Getenv("SSH_AUTH_SOCK"); sock != "" {
		if ac, err := net.Dial("unix", sock); err == nil {
			s.agent = ac
			methods = append(methods, ssh.PublicKeysCallback(agent.NewClient(ac).Signers))
		}
	}
	if len(methods) == 0 {
		s.Close()
		if len(keyErrs) == 0 {
			return nil, locale.NewError("PublishNoKey", locale.Args{"Files": strings.Join(keyFiles, ", ")})
		}
		return nil, locale.NewError("PublishNoKeyErrs", locale.Args{"Problems": keyErrs, "Files": strings.Join(keyFiles, ", ")})
	}
	timeout := o.Timeout
	if timeout <= 0 {
		timeout = 20 * time.Second
	}
	cfg := &ssh.ClientConfig{
		User:              t.User,
		Auth:              methods,
		HostKeyCallback:   hostKeyCallback(hostKeys, khFile, t),
		HostKeyAlgorithms: knownAlgorithms(hostKeys, t),
		Timeout:           timeout,
	}
	conn, err := ssh.Dial("tcp", t.Addr(), cfg)
	if err != nil {
		s.Close()
		return nil, locale.NewError("PublishConnect", locale.Args{"Addr": t.Addr(), "Err": err}, err)
	}
	s.conn = conn
	c, err := sftp.NewClient(conn, sftp.UseConcurrentWrites(true))
	if err != nil {
		s.Close()
		return nil, locale.NewError("PublishStartSFTP", locale.Args{"Addr": t.Addr(), "Err": err}, err)
	}
	s.c = c
	_, s.posix = c.HasExtension("posix-rename@openssh.com")
	s.base = path.Clean(t.Path)
	if err := c.MkdirAll(s.base); err != nil {
		s.Close()
		return nil, locale.NewError("PublishCreateOn", locale.Args{"Path": s.base, "Host": t.Host, "Err": err}, err)
	}
	return s, nil
}

// hostKeyCallback checks the host key against known_hosts and explains
// an unknown or changed key.
func hostKeyCallback(check ssh.HostKeyCallback, file string, t Target) ssh.HostKeyCallback {
	return func(host string, remote net.Addr, key ssh.PublicKey) error {
		err := check(host, remote, key)
		var ke *knownhosts.KeyError
		if errors.As(err, &ke) {
			name := knownhosts.Normalize(t.Addr())
			if len(ke.Want) == 0 {
				return locale.NewError("PublishUnknownHost", locale.Args{"Host": name, "Path": file, "Kind": key.Type(), "FP": ssh.FingerprintSHA256(key), "Port": t.Port, "Addr": t.Host}, err)
			}
			return locale.NewError("PublishHostKeyMismatch", locale.Args{"Host": name, "Kind": key.Type(), "FP": ssh.FingerprintSHA256(key), "Known": ke.Want[0].Filename, "Line": ke.Want[0].Line, "Path": file}, err)
		}
		return err
	}
}

// knownAlgorithms asks known_hosts which key types it holds for the
// target, so the server is asked for a key that can be checked.
func knownAlgorithms(check ssh.HostKeyCallback, t Target) []string {
	probe := probeKey{}
	addr := &net.TCPAddr{IP: net.ParseIP(t.Host), Port: t.Port}
	err := check(knownhosts.Normalize(t.Addr()), addr, probe)
	var ke *knownhosts.KeyError
	if !errors.As(err, &ke) {
		return nil
	}
	var algs []string
	seen := map[string]bool{}
	for _, k := range ke.Want {
		typ := k.Key.Type()
		for _, a := range algorithmsFor(typ) {
			if !seen[a] {
				seen[a] = true
				algs = append(algs, a)
			}
		}
	}
	sort.SliceStable(algs, func(i, j int) bool {
		return strings.HasPrefix(algs[i], "ssh-ed25519") && !strings.HasPrefix(algs[j], "ssh-ed25519")
	})
	return algs
}

func algorithmsFor(keyType string) []string {
	if keyType == ssh.KeyAlgoRSA {
		return []string{ssh.KeyAlgoRSASHA512, ssh.KeyAlgoRSASHA256, ssh.KeyAlgoRSA}
	}
	return []string{keyType}
}

// probeKey is a public key no known_hosts line matches.
type probeKey struct{}

func (probeKey) Type() string                        { return "copydesk-probe" }
func (probeKey) Marshal() []byte                     { return []byte("copydesk-probe") }
func (probeKey) Verify([]byte, *ssh.Signature) error { return errors.New("probe") } // langcheck:ok consumed by the SSH library

func (s *sftpSink) remote(p string) string { return path.Join(s.base, p) }

func (s *sftpSink) readMeta(name string) ([]byte, error) {
	f, err := s.c.Open(s.remote(name))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, locale.NewError("PublishReadFile", locale.Args{"Path": name, "Err": err}, err)
	}
	defer f.Close()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return nil, locale.NewError("PublishReadFile", locale.Args{"Path": name, "Err": err}, err)
	}
	return buf.Bytes(), nil
}

func (s *sftpSink) upload(p string, data []byte) error {
	final := s.remote(p)
	tmp := path.Join(path.Dir(final), "."+path.Base(final)+tmpSuffix)
	f, err := s.c.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC)
	if err != nil {
		return err
	}
	if _, err := f.ReadFrom(bytes.NewReader(data)); err != nil {
		f.Close()
		_ = s.c.Remove(tmp)
		return err
	}
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if s.posix {
		return s.c.PosixRename(tmp, final)
	}
	// Plain SFTP rename fails when the target exists: remove it first
	// (a short window in which the file is missing).
	if err := s.c.Remove(final); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return s.c.Rename(tmp, final)
}

func (s *sftpSink) put(files []outFile, done func()) error {
	made := map[string]bool{}
	for _, f := range files {
		if err := validPath(f.Path); err != nil {
			return err
		}
		if d := path.Dir(s.remote(f.Path)); !made[d] {
			if err := s.c.MkdirAll(d); err != nil {
				return locale.NewError("PublishCreateFile", locale.Args{"Path": d, "Err": err}, err)
			}
			made[d] = true
		}
		if err := s.upload(f.Path, f.Data); err != nil {
			return locale.NewError("PublishSendFile", locale.Args{"Path": f.Path, "Err": err}, err)
		}
		if done != nil {
			done()
		}
	}
	return nil
}

func (s *sftpSink) remove(paths []string, done func()) error {
	dirs := map[string]bool{}
	for _, p := range paths {
		if err := validPath(p); err != nil {
			return err
		}
		if err := s.c.Remove(s.remote(p)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return locale.NewError("PublishRemoveFile", locale.Args{"Path": p, "Err": err}, err)
		}
		for d := dirOf(p); d != ""; d = dirOf(d) {
			dirs[d] = true
		}
		if done != nil {
			done()
		}
	}
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, d := range names {
		_ = s.c.RemoveDirectory(s.remote(d)) // fails while not empty
	}
	return nil
}

func (s *sftpSink) removeMeta(name string) error {
	if err := s.c.Remove(s.remote(name)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return locale.NewError("PublishRemoveFile", locale.Args{"Path": name, "Err": err}, err)
	}
	return nil
}

func (s *sftpSink) Close() error {
	if s.c != nil {
		s.c.Close()
	}
	if s.conn != nil {
		s.conn.Close()
	}
	if s.agent != nil {
		s.agent.Close()
	}
	return nil
}

// errList is a list of errors as one catalog argument: each renders in the
// reader's language, joined by "、" (zh-CN) or ", " (en).
type errList []error

func (l errList) Items() []any {
	out := make([]any, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

func (l errList) MessageID() string           { return "PublishNoKey" }
func (l errList) MessageArgs() map[string]any { return nil }
