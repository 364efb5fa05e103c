package export

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/copydesk/copydesk/locale"
)

// bulkFiles is the number of files from which a write batch is flushed
// with one syncfs(2) (where available) instead of one fsync per file.
const bulkFiles = 32

// outFile is one file to write: a validated path and its content.
type outFile struct {
	Path string
	Data []byte
}

// siteWriter writes files into a directory through an os.Root, so that no
// path (and no symbolic link inside the directory) can lead outside it.
type siteWriter struct {
	root *os.Root
	sync bool
}

// present tells whether the site has every one of paths as a regular
// file (an lstat each, no symlink followed): a file the manifest lists
// that was deleted, or replaced by a symlink or a directory, since the
// last export is not reused but written again. A file whose content was
// changed in place keeps its name and kind: only Options.Force (which
// hashes every file) finds that.
func (w *siteWriter) present(paths ...string) bool {
	for _, p := range paths {
		fi, err := w.root.Lstat(p)
		if err != nil || !fi.Mode().IsRegular() {
			return false
		}
	}
	return true
}

// openSite creates dir if needed and opens it as a root.
func openSite(dir string, sync bool) (*siteWriter, error) {
	if dir == "" {
		return nil, locale.NewError("ExportNoOutDir", nil)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, locale.NewError("ExportCreateOut", locale.Args{"Err": err}, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, locale.NewError("ExportOpenOut", locale.Args{"Err": err}, err)
	}
	return &siteWriter{root: root, sync: sync}, nil
}

func (w *siteWriter) Close() error { return w.root.Close() }

func tmpName(p string) string {
	if d := dirOf(p); d != "" {
		return d + "/." + baseOf(p) + tmpSuffix
	}
	return "." + p + tmpSuffix
}

// readFile reads a file of the site; a missing file returns fs.ErrNotExist.
func (w *siteWriter) readFile(p string) ([]byte, error) {
	return w.root.ReadFile(p)
}

// writeAll writes files atomically, each to a temporary file in its own
// directory and then renamed over the final name. Files are written in the
// given order. With sync, data reach the disk before the renames, and the
// renames before writeAll returns. done is called after each file.
func (w *siteWriter) writeAll(files []outFile, done func()) error {
	for _, f := range files {
		if err := validPath(f.Path); err != nil {
			return err
		}
	}
	bulk := w.sync && len(files) >= bulkFiles && canSyncfs
	dirs := map[string]bool{}
	var dirList []string
	for _, f := range files {
		if d := dirOf(f.Path); !dirs[d] {
			dirs[d] = true
			if d != "" {
				dirList = append(dirList, d)
			}
		}
	}
	// Stage every temporary file first: a failure here leaves the site
	// untouched (the temporary files staged so far are removed). Creating
	// files is slow on some file systems, so a large batch is staged by a
	// few goroutines.
	staged := make([]bool, len(files))
	fail := func(err error) error {
		for i, f := range files {
			if staged[i] {
				_ = w.root.Remove(tmpName(f.Path))
			}
		}
		return err
	}
	workers := 1
	if len(files) >= bulkFiles {
		workers = 4
	}
	if err := parallel(len(dirList), workers, func(i int) error {
		if err := w.root.MkdirAll(dirList[i], 0o755); err != nil {
			return locale.NewError("ExportCreateFile", locale.Args{"Path": dirList[i], "Err": err}, err)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := parallel(len(files), workers, func(i int) error {
		f := files[i]
		if err := w.writeTemp(tmpName(f.Path), f.Data, w.sync && !bulk); err != nil {
			return locale.NewError("ExportWriteFile", locale.Args{"Path": f.Path, "Err": err}, err)
		}
		staged[i] = true
		return nil
	}); err != nil {
		return fail(err)
	}
	if bulk {
		if err := w.syncfs(); err != nil {
			return fail(err)
		}
	}
	for _, f := range files {
		if err := w.root.Rename(tmpName(f.Path), f.Path); err != nil {
			return locale.NewError("ExportRenameFile", locale.Args{"Path": f.Path, "Err": err}, err)
		}
		if done != nil {
			done()
		}
	}
	if !w.sync {
		return nil
	}
	if bulk {
		return w.syncfs()
	}
	return w.syncDirs(dirs)
}

func (w *siteWriter) writeTemp(name string, data []byte, sync bool) error {
	return writeTempIn(w.root, name, data, sync)
}

// writeTempIn writes name below root (removed again on failure).
func writeTempIn(root *os.Root, name string, data []byte, sync bool) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = root.Remove(name)
	}
	return err
}

func (w *siteWriter) syncDirs(dirs map[string]bool) error {
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Strings(names)
	for _, d := range names {
		if d == "" {
			d = "."
		}
		if err := w.syncDir(d); err != nil {
			return err
		}
	}
	return nil
}

func (w *siteWriter) syncDir(d string) error {
	f, err := w.root.Open(d)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return locale.NewError("ExportSyncFile", locale.Args{"Path": d, "Err": err}, err)
	}
	return nil
}

func (w *siteWriter) syncfs() error {
	f, err := w.root.Open(".")
	if err != nil {
		return err
	}
	defer f.Close()
	if err := syncFS(f); err != nil {
		return locale.NewError("ExportSyncfs", locale.Args{"Err": err}, err)
	}
	return nil
}

// removeAll removes files (a missing file is not an error) and then every
// directory that became empty, up to the root. done is called per file.
func (w *siteWriter) removeAll(paths []string, done func()) error {
	dirs := map[string]bool{}
	for _, p := range paths {
		if err := validPath(p); err != nil {
			return err
		}
		if err := w.root.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return locale.NewError("ExportRemoveFile", locale.Args{"Path": p, "Err": err}, err)
		}
		_ = w.root.Remove(tmpName(p))
		for d := dirOf(p); d != ""; d = dirOf(d) {
			dirs[d] = true
		}
		if done != nil {
			done()
		}
	}
	// Deepest first, so a parent is tried after its children.
	names := make([]string, 0, len(dirs))
	for d := range dirs {
		names = append(names, d)
	}
	sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	for _, d := range names {
		_ = w.root.Remove(d) // fails, as it should, while not empty
	}
	if w.sync && len(paths) > 0 {
		return w.syncDir(".")
	}
	return nil
}

// writeMeta writes one of the exporter's own files (manifest, pending
// marker) atomically in the root directory.
func (w *siteWriter) writeMeta(name string, data []byte) error {
	tmp := name + tmpSuffix
	if err := w.writeTemp(tmp, data, w.sync); err != nil {
		return locale.NewError("ExportWriteFile", locale.Args{"Path": name, "Err": err}, err)
	}
	if err := w.root.Rename(tmp, name); err != nil {
		return locale.NewError("ExportRenameFile", locale.Args{"Path": name, "Err": err}, err)
	}
	if w.sync {
		return w.syncDir(".")
	}
	return nil
}

// removeMeta removes one of the exporter's own files.
func (w *siteWriter) removeMeta(name string) error {
	if err := w.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if w.sync {
		return w.syncDir(".")
	}
	return nil
}

// parallel calls fn(0) … fn(n-1) on up to workers goroutines and returns
// the error of the lowest index that failed. After a failure, indexes not
// yet started are skipped.
func parallel(n, workers int, fn func(i int) error) error {
	if workers <= 1 || n < 2 {
		for i := 0; i < n; i++ {
			if err := fn(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, n)
	var next atomic.Int64
	var failed atomic.Bool
	var wg sync.WaitGroup
	for range min(workers, n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !failed.Load() {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if errs[i] = fn(i); errs[i] != nil {
					failed.Store(true)
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// runningName is a file present while an export runs. A run killed
// before it finished (SIGKILL, power loss) leaves it there, and may have
// left temporary files (tmpSuffix) staged beside the site's files: the
// next export then removes every one of them (sweepTemps) before it
// stages its own. A run that ends, even with an error, has removed its
// own and removes the file (endRun). Runs hold the directory's lock
// (lockDir), so the file is never another live run's.
const runningName = ".copydesk-running"

// sweepTemps removes the temporary files of a killed run (see
// runningName) and marks this run as running.
func (w *siteWriter) sweepTemps() error {
	if _, err := w.root.Lstat(runningName); err == nil {
		err := fs.WalkDir(w.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, tmpSuffix) {
				err = w.root.Remove(p)
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			return nil
		})
		if err != nil {
			return locale.NewError("ExportRemoveFile", locale.Args{"Path": tmpSuffix, "Err": err}, err)
		}
	}
	if err := w.root.WriteFile(runningName, nil, 0o644); err != nil {
		return locale.NewError("ExportWriteFile", locale.Args{"Path": runningName, "Err": err}, err)
	}
	return nil
}

// endRun removes the mark sweepTemps set.
func (w *siteWriter) endRun() { _ = w.root.Remove(runningName) }
