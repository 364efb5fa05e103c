package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"slices"
	"sort"
	"time"

	"github.com/copydesk/copydesk/locale"
)

// PublishOptions tune Publish.
type PublishOptions struct {
	// KeyFile is the private key for SSH targets; default ~/.ssh/id_ed25519,
	// then ~/.ssh/id_rsa. Keys held by a running ssh-agent ($SSH_AUTH_SOCK)
	// are tried as well, which is how to use a key with a passphrase.
	KeyFile string
	// KnownHosts is the known_hosts file that must hold the server's host
	// key; default ~/.ssh/known_hosts. An unknown host is an error that
	// says how to add it.
	KnownHosts string
	// Timeout bounds connecting and the SSH handshake (default 20s).
	Timeout time.Duration
	// Progress, when set, is called as files are sent and removed.
	Progress func(done, total int)
	// NoSync skips fsync for local targets.
	NoSync bool
}

// PublishResult tells what a publish did. Paths are relative to the site
// root, sorted.
type PublishResult struct {
	Target    string        // the target, normalized
	Sent      []string      // files copied, because the target lacked them or held other content
	Removed   []string      // files of the target's manifest no longer in the site
	Unchanged int           // files the target already had
	Bytes     int64         // bytes sent
	Duration  time.Duration // wall time of the publish
}

// sink is the target side of a publish.
type sink interface {
	// readMeta reads one of the exporter's own files; missing → nil, nil.
	readMeta(name string) ([]byte, error)
	// put writes files atomically (temporary name, then rename).
	put(files []outFile, done func()) error
	// remove removes files (missing ones are fine) and emptied directories.
	remove(paths []string, done func()) error
	// removeMeta removes one of the files an older copydesk kept on the
	// target.
	removeMeta(name string) error
	Close() error
}

// batchBytes caps how much file content Publish holds in memory at once.
const batchBytes = 64 << 20

// Publish copies the site exported into outDir to a target (see
// ParseTarget): a local directory, or a directory on an SSH server over
// SFTP. It compares the site's manifest with the target's manifest and
// sends only files whose hash differs, each to a temporary name and then
// renamed into place; media go first, pages next, index pages last. Then it
// removes the files the site no longer has.
//
// The target receives only the site: what copydesk knows of a target (the
// manifest of what it sent there, and the paths an interrupted publish was
// about to change, so the next one completes it) is kept on copydesk's
// side, in outDir as .copydesk-publish-<target id>.json and
// .copydesk-publish-<target id>.pending.json. A target published to by an
// older copydesk loses its .copydesk-manifest.json, .copydesk-pending.json
// and .copydesk-lock on the next publish (their content is used once).
// Publishing is locked per site directory (flock on outDir's
// .copydesk-lock); do not publish to one target from two site directories.
//
// The record is trusted: a file changed on the server by other means is
// not noticed unless the record is deleted (then every file is sent
// again). Every file read from outDir is checked against the site's
// manifest before it is sent.
func Publish(outDir string, to string, opts PublishOptions) (res PublishResult, err error) {
	start := time.Now()
	defer func() { res.Duration = time.Since(start) }()
	t, err := ParseTarget(to)
	if err != nil {
		return res, err
	}
	res.Target = t.String()

	srcRoot, err := os.OpenRoot(outDir)
	if err != nil {
		return res, locale.NewError("PublishOpenSite", locale.Args{"Err": err}, err)
	}
	defer srcRoot.Close()
	unlock, err := lockDir(srcRoot, lockName)
	if err != nil {
		return res, err
	}
	defer unlock()
	if _, err := srcRoot.Stat(pendingName); err == nil {
		return res, locale.NewError("PublishUnfinished", locale.Args{"Dir": outDir})
	}
	src, err := readSiteManifest(srcRoot)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return res, locale.NewError("PublishNoManifest", locale.Args{"Dir": outDir, "Name": manifestName})
	case errors.Is(err, errManifestDamaged):
		return res, locale.NewError("PublishManifestDamaged", locale.Args{"Dir": outDir, "Err": err})
	case err != nil:
		return res, locale.NewError("PublishFailed", locale.Args{"Err": err}, err)
	}
	srcRaw, err := src.filesRecord()
	if err != nil {
		return res, err
	}

	if !t.Remote() {
		a, errA := os.Stat(outDir)
		b, errB := os.Stat(t.Local)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return res, locale.NewError("PublishTargetIsSite", locale.Args{"Path": t.Local})
		}
	}
	var dst sink
	if t.Remote() {
		dst, err = dialSFTP(t, opts)
	} else {
		dst, err = openLocalSink(t.Local, !opts.NoSync)
	}
	if err != nil {
		return res, err
	}
	defer dst.Close()

	// What the target has, by our record of it (or, once, by the
	// manifest an older copydesk left there).
	state := statePrefix(t)
	have := newManifest()
	dstRaw, err := readState(srcRoot, state+".json")
	if err != nil {
		return res, err
	}
	legacy := false
	if dstRaw == nil {
		if dstRaw, err = dst.readMeta(jsonManifestName); err != nil {
			return res, err
		}
		legacy = dstRaw != nil
	}
	if dstRaw != nil {
		if m, err := parseManifest(dstRaw); err == nil {
			have = m
		} // a damaged record: send everything
	}
	for _, read := range []func() ([]byte, error){
		func() ([]byte, error) { return readState(srcRoot, state+".pending.json") },
		func() ([]byte, error) { return dst.readMeta(pendingName) },
	} {
		p, err := read()
		if err != nil {
			return res, err
		}
		if p != nil {
			var pm pendingMarker
			if json.Unmarshal(p, &pm) != nil {
				pm.Paths = []string{"*"}
			}
			have.distrust(pm.Paths)
			legacy = true
		}
	}

	var send []string
	for p, h := range src.Files {
		if have.Files[p] == h {
			res.Unchanged++
			continue
		}
		send = append(send, p)
	}
	for p := range have.Files {
		if _, ok := src.Files[p]; !ok {
			res.Removed = append(res.Removed, p)
		}
	}
	sort.Slice(send, func(i, j int) bool { return writeOrder(send[i], send[j]) })
	sort.Strings(res.Removed)
	if len(send) == 0 && len(res.Removed) == 0 && bytes.Equal(srcRaw, dstRaw) && !legacy {
		return res, nil
	}

	total, done := len(send)+len(res.Removed), 0
	step := func() {
		done++
		if opts.Progress != nil {
			opts.Progress(done, total)
		}
	}
	if total > 0 {
		marker, _ := json.Marshal(pendingMarker{Paths: append(slices.Clone(send), res.Removed...)})
		if err := writeState(srcRoot, state+".pending.json", marker); err != nil {
			return res, err
		}
	}
	// Send in batches of bounded size, each checked against the manifest.
	var batch []outFile
	size := 0
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := dst.put(batch, step); err != nil {
			return err
		}
		for _, f := range batch {
			res.Sent = append(res.Sent, f.Path)
			res.Bytes += int64(len(f.Data))
		}
		batch, size = nil, 0
		return nil
	}
	for _, p := range send {
		data, err := srcRoot.ReadFile(p)
		if err != nil {
			return res, locale.NewError("PublishReadFile", locale.Args{"Path": p, "Err": err}, err)
		}
		if hashOf(data) != src.Files[p] {
			return res, locale.NewError("PublishChanged", locale.Args{"Path": p, "Dir": outDir})
		}
		batch = append(batch, outFile{Path: p, Data: data})
		if size += len(data); size >= batchBytes {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	if err := flush(); err != nil {
		return res, err
	}
	sort.Strings(res.Sent)
	if err := dst.remove(res.Removed, step); err != nil {
		return res, err
	}
	if err := writeState(srcRoot, state+".json", srcRaw); err != nil {
		return res, err
	}
	if err := removeState(srcRoot, state+".pending.json"); err != nil {
		return res, err
	}
	if legacy {
		for _, name := range []string{jsonManifestName, pendingName, lockName} {
			if err := dst.removeMeta(name); err != nil {
				return res, err
			}
		}
	}
	return res, nil
}

// statePrefix names the files in the site directory that record what a
// target has: .copydesk-publish-<16 hex digits of SHA-256 of the target>.
func statePrefix(t Target) string {
	sum := sha256.Sum256([]byte(t.String()))
	return ".copydesk-publish-" + hex.EncodeToString(sum[:8])
}

// readState reads one of the publish records in the site directory;
// missing → nil, nil.
func readState(root *os.Root, name string) ([]byte, error) {
	b, err := root.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, locale.NewError("PublishReadFile", locale.Args{"Path": name, "Err": err}, err)
	}
	return b, nil
}

// writeState replaces a publish record atomically (temporary name, sync,
// rename).
func writeState(root *os.Root, name string, data []byte) error {
	tmp := name + tmpSuffix
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return locale.NewError("PublishWriteFile", locale.Args{"Path": name, "Err": err}, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		_ = root.Remove(tmp)
		return locale.NewError("PublishWriteFile", locale.Args{"Path": name, "Err": err}, err)
	}
	return nil
}

// removeState removes a publish record; a missing one is fine.
func removeState(root *os.Root, name string) error {
	if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return locale.NewError("PublishRemoveFile", locale.Args{"Path": name, "Err": err}, err)
	}
	return nil
}
