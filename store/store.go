package store

import (
	"encoding/json"
	"errors"
	"github.com/copydesk/copydesk/locale"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/copydesk/copydesk/model"
)

// Errors returned by the store. Workflow refusals come from model and wrap
// model.ErrDenied, model.ErrInvalid or model.ErrState.
var (
	// ErrConflict: a save named a base revision that is no longer the head.
	// The text was kept as a conflict draft.
	ErrConflict = model.ErrConflict
	// ErrNotFound: no such article, user, media or comment.
	ErrNotFound error = locale.NewError("StoreNotFound", nil)
	// ErrLocked: another process holds the database file.
	ErrLocked error = locale.NewError("StoreLocked", nil)
	// ErrNotDatabase: the file is not a copydesk/bbolt database or is damaged.
	ErrNotDatabase error = locale.NewError("StoreNotDatabase", nil)
	// ErrNewerSchema: the file was written by a newer copydesk.
	ErrNewerSchema error = locale.NewError("StoreNewerSchema", nil)
	// ErrExists: the user, key or article already exists.
	ErrExists error = locale.NewError("StoreExists", nil)
)

// Options tune Open.
type Options struct {
	// Timeout is how long Open waits for another process to release the
	// file before it returns ErrLocked. Zero means 1 second.
	Timeout time.Duration
	// Holder describes this process in the lock note other processes read
	// when the file is busy, e.g. "copydesk serve on :23234".
	Holder string
	// NoSync skips fsync on commit; only for tests and benchmarks.
	NoSync bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ReadOnly opens the file for reading only (a shared lock; writes fail
	// with ErrReadOnly). A file this process may not write (a
	// write-protected evidence copy) is opened read-only even without it.
	ReadOnly bool
}

// ErrReadOnly: the database was opened read-only and a change was asked for.
var ErrReadOnly error = locale.NewError("StoreReadOnly", nil)

// Store is an open copydesk database. It is safe for concurrent use.
type Store struct {
	sealMu sync.Mutex
	seal   *sealKey // nil: no seal key beside the file (seal.go)

	db       *bolt.DB
	path     string
	now      func() time.Time
	readOnly bool

	mu   sync.Mutex
	subs map[int]chan Event
	next int

	writing atomic.Bool // inside a bbolt write transaction (tx.go update)
}

// LockNote is written beside the database while a process holds it, so a
// second process can say who holds the file and how to reach it.
type LockNote struct {
	PID    int       `json:"pid"`
	Holder string    `json:"holder"`
	Since  time.Time `json:"since"`
}

func lockNotePath(path string) string { return path + ".lock" }

// Open opens (creating if needed) the database at path. An existing file of
// zero bytes is refused (ErrNotDatabase): it is a truncated or failed copy,
// never silently a new empty database. A damaged file is an error
// (ErrNotDatabase or *DamagedError), never a crash.
func Open(path string, opts Options) (s *Store, err error) {
	if opts.Timeout == 0 {
		opts.Timeout = time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	fi, statErr := os.Stat(path)
	switch {
	case statErr == nil && !fi.Mode().IsRegular():
		return nil, locale.NewError("StoreNotRegular", locale.Args{"Path": path}, ErrNotDatabase)
	case statErr == nil && fi.Size() == 0:
		return nil, locale.NewError("StoreEmptyFile", locale.Args{"Path": path}, ErrNotDatabase)
	case statErr == nil && !opts.ReadOnly && !writable(path):
		opts.ReadOnly = true
	case errors.Is(statErr, os.ErrNotExist) && !opts.ReadOnly:
		if dir := filepath.Dir(path); dir != "" {
			if err := os.MkdirAll(dir, 0o700); err != nil {
				return nil, locale.NewError("StoreCreateFolder", locale.Args{"Err": err}, err)
			}
		}
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		// bbolt may panic or fault on some damaged files; never let that crash the caller.
		if r := recover(); r != nil {
			s, err = nil, (&Store{path: path}).damaged(r)
		}
	}()
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.Timeout, NoSync: opts.NoSync, ReadOnly: opts.ReadOnly})
	if err != nil {
		return nil, openError(path, err)
	}
	st := &Store{db: db, path: path, now: opts.Now, subs: map[int]chan Event{}, readOnly: opts.ReadOnly}
	newFile := errors.Is(statErr, os.ErrNotExist)
	if st.seal, err = loadSeal(path); err != nil {
		db.Close()
		return nil, err
	}
	current := false
	if err := st.view(func(tx *bolt.Tx) error { current = schemaCurrent(tx); return nil }); err != nil {
		db.Close()
		return nil, err
	}
	if !current {
		if opts.ReadOnly {
			db.Close()
			return nil, locale.NewError("StoreNoSchemaRO", locale.Args{"Path": path}, ErrNotDatabase)
		}
		if err := st.guard(func() error { return db.Update(ensureSchema) }); err != nil {
			db.Close()
			return nil, err
		}
	}
	if newFile && st.seal == nil && !opts.ReadOnly {
		// A new database gets its seal key at once (see seal.go).
		if st.seal, err = createSeal(path, 1); err != nil {
			db.Close()
			return nil, err
		}
	}
	if !opts.ReadOnly {
		note, _ := json.Marshal(LockNote{PID: os.Getpid(), Holder: opts.Holder, Since: opts.Now()})
		_ = os.WriteFile(lockNotePath(path), note, 0o600)
	}
	return st, nil
}

// writable reports whether this process may open path for writing.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return !(errors.Is(err, os.ErrPermission) || errors.Is(err, syscall.EROFS))
	}
	f.Close()
	return true
}

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// ServeHolder is the lock note's Holder of copydesk serve listening on
// addr ("copydesk serve 127.0.0.1:2222"): a second copydesk on the same
// database reads the address back (serveAddr) and points at ssh -p PORT.
func ServeHolder(addr string) string { return "copydesk serve " + addr }

// serveAddr reads the address of a serving copydesk from a lock note's
// Holder: ServeHolder's form, or "… serve on ADDR" written by releases
// before it.
func serveAddr(holder string) (string, bool) {
	if _, addr, ok := strings.Cut(holder, "serve on "); ok {
		return addr, true
	}
	if addr, ok := strings.CutPrefix(holder, ServeHolder("")); ok && addr != "" && !strings.ContainsAny(addr, " \t") && strings.Contains(addr, ":") {
		return addr, true
	}
	return "", false
}

func openError(path string, err error) error {
	switch {
	case errors.Is(err, bolt.ErrTimeout):
		var note LockNote
		if raw, rerr := os.ReadFile(lockNotePath(path)); rerr == nil && json.Unmarshal(raw, &note) == nil {
			args := locale.Args{"Path": path, "PID": note.PID, "Holder": note.Holder}
			if addr, ok := serveAddr(note.Holder); ok {
				port := addr
				if i := strings.LastIndexByte(addr, ':'); i >= 0 {
					port = addr[i+1:]
				}
				args["Port"] = port
				return locale.NewError("StoreLockedServer", args, ErrLocked)
			}
			if note.Holder != "" {
				return locale.NewError("StoreLockedHolder", args, ErrLocked)
			}
			return locale.NewError("StoreLockedPID", args, ErrLocked)
		}
		return locale.NewError("StoreLockedOther", locale.Args{"Path": path}, ErrLocked)
	case errors.Is(err, bolt.ErrInvalid), errors.Is(err, bolt.ErrVersionMismatch),
		errors.Is(err, bolt.ErrChecksum), strings.Contains(err.Error(), "invalid"),
		strings.Contains(err.Error(), "file size too small"):
		return locale.NewError("StoreNotDBOrDamaged", locale.Args{"Path": path}, ErrNotDatabase, err)
	}
	return locale.NewError("StoreOpen", locale.Args{"Path": path, "Err": err}, err)
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close closes the database and removes the lock note.
func (s *Store) Close() error {
	s.mu.Lock()
	for id, ch := range s.subs {
		close(ch)
		delete(s.subs, id)
	}
	s.mu.Unlock()
	checkerCache.Delete(s) // its automaton can hold ~150 MiB (proof.go)
	err := s.db.Close()
	if !s.readOnly {
		_ = os.Remove(lockNotePath(s.path))
	}
	return err
}

// SetHolder rewrites the lock note, e.g. once a server knows its address.
func (s *Store) SetHolder(holder string) {
	note, _ := json.Marshal(LockNote{PID: os.Getpid(), Holder: holder, Since: s.now()})
	_ = os.WriteFile(lockNotePath(s.path), note, 0o600)
}

// DB exposes the bbolt handle to tests and benchmarks of this module.
// Application code goes through the Store's methods.
func (s *Store) DB() *bolt.DB { return s.db }
