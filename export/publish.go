package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"time"
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
	// putMeta and removeMeta write or remove one of the exporter's own files.
	putMeta(name string, data []byte) error
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
// removes the files the site no longer has and writes the manifest last.
// Like Export, it marks the paths it is about to change on the target
// (.copydesk-pending.json) so that an interrupted publish is completed by
// the next one.
//
// A local target is locked against a concurrent publish (flock on
// .copydesk-lock there); an SFTP target is not, so do not publish to one
// server directory from two places at once.
//
// The target's manifest is trusted: a file changed on the server by other
// means is not noticed unless the manifest there is deleted (then every
// file is sent again). Every file read from outDir is checked against the
// site's manifest before it is sent.
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
		return res, fmt.Errorf("publish: open site: %w", err)
	}
	defer srcRoot.Close()
	unlock, err := lockDir(srcRoot, lockName)
	if err != nil {
		return res, err
	}
	defer unlock()
	if _, err := srcRoot.Stat(pendingName); err == nil {
		return res, fmt.Errorf("publish: the last export into %s did not finish; export again before publishing", outDir)
	}
	srcRaw, err := srcRoot.ReadFile(manifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return res, fmt.Errorf("publish: %s has no %s: is it the output of copydesk export?", outDir, manifestName)
	}
	if err != nil {
		return res, fmt.Errorf("publish: %w", err)
	}
	src, err := parseManifest(srcRaw)
	if err != nil {
		return res, fmt.Errorf("publish: manifest of %s is damaged (%v); export again", outDir, err)
	}

	if !t.Remote() {
		a, errA := os.Stat(outDir)
		b, errB := os.Stat(t.Local)
		if errA == nil && errB == nil && os.SameFile(a, b) {
			return res, fmt.Errorf("publish: the target %s is the site directory itself", t.Local)
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

	// What the target has, by its manifest.
	have := newManifest()
	dstRaw, err := dst.readMeta(manifestName)
	if err != nil {
		return res, err
	}
	if dstRaw != nil {
		if m, err := parseManifest(dstRaw); err == nil {
			have = m
		} // a damaged manifest there: send everything
	}
	if p, err := dst.readMeta(pendingName); err != nil {
		return res, err
	} else if p != nil {
		var pm pendingMarker
		if json.Unmarshal(p, &pm) != nil {
			pm.Paths = []string{"*"}
		}
		have.distrust(pm.Paths)
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
	if len(send) == 0 && len(res.Removed) == 0 && bytes.Equal(srcRaw, dstRaw) {
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
		if err := dst.putMeta(pendingName, marker); err != nil {
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
			return res, fmt.Errorf("publish: read %s: %w", p, err)
		}
		if hashOf(data) != src.Files[p] {
			return res, fmt.Errorf("publish: %s in %s does not match the manifest (changed by hand?); export again", p, outDir)
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
	if err := dst.putMeta(manifestName, srcRaw); err != nil {
		return res, err
	}
	if err := dst.removeMeta(pendingName); err != nil {
		return res, err
	}
	return res, nil
}
