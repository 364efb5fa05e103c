package export

import (
	"errors"
	"io/fs"
	"os"
	"sort"
	"sync"

	"github.com/copydesk/copydesk/locale"
)

// stager writes the changed files of one export as temporary files beside
// their final names (tmpName), from any goroutine, as they are rendered;
// commit then makes them durable and renames them into place, discard
// removes them. A file whose hash equals the old manifest's is not
// written at all. Until commit, no file of the site is touched: only
// temporary files (names starting with ".") and directories a new page
// needs appear, and discard removes both.
type stager struct {
	w   *siteWriter
	old map[string]string // path → hash of the previous export; read-only
	// verify (Options.Force): a file the previous export made is kept
	// only if the site really has it: a regular file (not a symlink)
	// with that content. A file edited by hand, or replaced by a symlink
	// (feed.xml → /etc/passwd), is written again. Without verify such a
	// file is kept if the site has it as a regular file (siteWriter.present):
	// a deleted one, or one replaced by a symlink, is written again.
	verify bool

	mu     sync.Mutex
	staged map[string]string // path → hash of the staged temporary file
	dirs   map[string]bool   // directories known to exist
	made   []string          // directories this export created
}

func newStager(w *siteWriter, old map[string]string) *stager {
	return &stager{w: w, old: old, staged: map[string]string{}, dirs: map[string]bool{"": true}}
}

// stage writes data as p's temporary file unless the previous export has
// the same content (hash) at p. Safe for concurrent use; data is not kept.
func (st *stager) stage(p string, data []byte, hash string) error {
	return st.stageIn(dirOf(p), stagedFile{baseOf(p), data, hash})
}

// stagedFile is one file for stageIn: a name in the directory, its content
// and the content's hash.
type stagedFile struct {
	name string
	data []byte
	hash string
}

// stageIn stages files of one directory (see stage), opening the
// directory once: every name is then one openat(2) below it, not a walk
// from the site's root per file.
func (st *stager) stageIn(dir string, files ...stagedFile) error {
	join := func(name string) string {
		if dir == "" {
			return name
		}
		return dir + "/" + name
	}
	var todo []stagedFile
	for _, f := range files {
		p := join(f.name)
		if st.old[p] == f.hash && (st.verify && st.onDisk(p, f.hash) || !st.verify && st.w.present(p)) {
			continue
		}
		if err := validPath(p); err != nil {
			return err
		}
		todo = append(todo, f)
	}
	if len(todo) == 0 {
		return nil
	}
	if err := st.mkdir(dir); err != nil {
		return err
	}
	root := st.w.root
	if dir != "" {
		sub, err := root.OpenRoot(dir)
		if err != nil {
			return locale.NewError("ExportOpenFile", locale.Args{"Path": dir, "Err": err}, err)
		}
		defer sub.Close()
		root = sub
	}
	for _, f := range todo {
		if err := writeTempIn(root, "."+f.name+tmpSuffix, f.data, false); err != nil {
			return locale.NewError("ExportWriteFile", locale.Args{"Path": join(f.name), "Err": err}, err)
		}
		st.mu.Lock()
		st.staged[join(f.name)] = f.hash
		st.mu.Unlock()
	}
	return nil
}

// mkdir creates d (and its parents) once, remembering which it created.
func (st *stager) mkdir(d string) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.mkdirLocked(d)
}

func (st *stager) mkdirLocked(d string) error {
	if st.dirs[d] {
		return nil
	}
	err := st.w.root.Mkdir(d, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := st.mkdirLocked(dirOf(d)); err != nil {
			return err
		}
		err = st.w.root.Mkdir(d, 0o755)
	}
	switch {
	case err == nil:
		st.made = append(st.made, d)
	case errors.Is(err, fs.ErrExist):
		if fi, serr := st.w.root.Stat(d); serr != nil || !fi.IsDir() {
			return locale.NewError("ExportCreateFile", locale.Args{"Path": d, "Err": err}, err)
		}
	default:
		return locale.NewError("ExportCreateFile", locale.Args{"Path": d, "Err": err}, err)
	}
	st.dirs[d] = true
	return nil
}

// isStaged tells whether p was staged with hash.
func (st *stager) isStaged(p, hash string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.staged[p] == hash && hash != ""
}

// discard removes every temporary file and every directory this export
// created (deepest first; a directory that is not empty stays).
func (st *stager) discard() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for p := range st.staged {
		_ = st.w.root.Remove(tmpName(p))
	}
	st.staged = map[string]string{}
	sort.Slice(st.made, func(i, j int) bool { return len(st.made[i]) > len(st.made[j]) })
	for _, d := range st.made {
		_ = st.w.root.Remove(d)
	}
	st.made = nil
}

// commit renames the staged files listed in paths into place, in that
// order, after making their data durable (one syncfs(2) for a large
// batch, else one fsync per file, unless the writer does not sync); then
// it syncs the directories (or the file system) so the renames are
// durable too. Staged files not in paths are removed. done is called per
// renamed file.
func (st *stager) commit(paths []string, done func()) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	want := make(map[string]bool, len(paths))
	for _, p := range paths {
		if _, ok := st.staged[p]; !ok {
			return locale.NewError("ExportNotStaged", locale.Args{"Path": p})
		}
		want[p] = true
	}
	for p := range st.staged {
		if !want[p] {
			_ = st.w.root.Remove(tmpName(p))
			delete(st.staged, p)
		}
	}
	w := st.w
	bulk := w.sync && len(paths) >= bulkFiles && canSyncfs
	if w.sync {
		if bulk {
			if err := w.syncfs(); err != nil {
				return err
			}
		} else {
			for _, p := range paths {
				if err := w.syncFile(tmpName(p)); err != nil {
					return locale.NewError("ExportSyncFile", locale.Args{"Path": p, "Err": err}, err)
				}
			}
		}
	}
	// Renamed in order; consecutive files of one directory share one
	// handle on it (renameat(2) below it, no walk from the root per file).
	dirs := map[string]bool{}
	var cur *os.Root
	curDir := ""
	defer func() {
		if cur != nil {
			cur.Close()
		}
	}()
	for _, p := range paths {
		d := dirOf(p)
		r := w.root
		if d != "" {
			if cur == nil || curDir != d {
				if cur != nil {
					cur.Close()
				}
				sub, err := w.root.OpenRoot(d)
				if err != nil {
					cur = nil
					return locale.NewError("ExportOpenFile", locale.Args{"Path": d, "Err": err}, err)
				}
				cur, curDir = sub, d
			}
			r = cur
		}
		if err := r.Rename("."+baseOf(p)+tmpSuffix, baseOf(p)); err != nil {
			return locale.NewError("ExportRenameFile", locale.Args{"Path": p, "Err": err}, err)
		}
		delete(st.staged, p)
		dirs[d] = true
		if done != nil {
			done()
		}
	}
	st.made = nil
	if !w.sync || len(paths) == 0 {
		return nil
	}
	if bulk {
		return w.syncfs()
	}
	return w.syncDirs(dirs)
}

// syncFile fsyncs one file of the site.
func (w *siteWriter) syncFile(p string) error {
	f, err := w.root.OpenFile(p, os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// onDisk tells whether the site has a regular file at p (no symlink on
// the way: the site's root does not follow one out) whose content hashes
// to hash.
func (st *stager) onDisk(p, hash string) bool {
	fi, err := st.w.root.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	data, err := st.w.root.ReadFile(p)
	return err == nil && hashOf(data) == hash
}
