package store

import (
	"errors"
	"fmt"
	"github.com/copydesk/copydesk/locale"
	"regexp"
	"runtime/debug"
	"strconv"
)

// ErrDamaged: a page of the database file cannot be read (a flipped bit, a
// truncated or zeroed page). Every Store method turns the panics and memory
// faults bbolt raises on such pages into a *DamagedError that wraps it;
// callers map it to its own exit code (cli.ExitDamaged).
var ErrDamaged error = locale.NewError("StoreDamagedBare", nil)

// DamagedError names the damaged page when it is known (Page ≥ 0; -1 when
// only the fault is known) and keeps the low-level cause for logs.
type DamagedError struct {
	Path  string
	Page  int64
	Cause string
	// Err is the error that stopped the check (an OS error copying the
	// file), if any: the message renders it in the reader's language.
	Err error
}

func (e *DamagedError) Error() string {
	where := ""
	if e.Page >= 0 {
		where = fmt.Sprintf("（第 %d 页）", e.Page)
	}
	return fmt.Sprintf("数据库已损坏%s；请从备份恢复（copydesk backup 生成的副本，用 --db 指定） — database %s is damaged%s: %s",
		where, e.Path, pageSuffix(e.Page), e.Cause)
}

func pageSuffix(p int64) string {
	if p < 0 {
		return ""
	}
	return " at page " + strconv.FormatInt(p, 10)
}

// MessageID names the catalog message (locale) the UI renders it with.
func (e *DamagedError) MessageID() string {
	if e.Page >= 0 {
		return "StoreDamagedPage"
	}
	return "StoreDamaged"
}

// MessageArgs are the message's arguments: Page, Path, Cause.
func (e *DamagedError) MessageArgs() map[string]any {
	var cause any = e.Cause
	if e.Err != nil {
		cause = locale.M("StoreCheckCopyFailed", locale.Args{"Err": e.Err})
	}
	return map[string]any{"Page": e.Page, "Path": e.Path, "Cause": cause}
}

// Unwrap makes every DamagedError an ErrDamaged.
func (e *DamagedError) Unwrap() error { return ErrDamaged }

// IsDamaged reports whether err says the database file is damaged.
func IsDamaged(err error) bool { return errors.Is(err, ErrDamaged) }

// pageRE finds the page number in bbolt's panic and error messages
// ("page 7: already freed", "invalid page type: 7: 10", "unexpected
// page id 7", "freelist page 7 ...").
var pageRE = regexp.MustCompile(`(?i)(?:expected to be:? |page(?: type| id)?:? ?)(\d+)`)

// damaged turns a recovered panic value into a *DamagedError. A memory
// fault (debug.SetPanicOnFault) carries the faulting address; with the
// mmap's base and page size it names the page.
func (s *Store) damaged(r any) error {
	e := &DamagedError{Path: s.path, Page: -1, Cause: fmt.Sprint(r)}
	if f, ok := r.(interface{ Addr() uintptr }); ok && s.db != nil {
		if base, size := s.mmapBase(); size > 0 && f.Addr() >= base {
			e.Page = int64((f.Addr() - base) / uintptr(size))
		}
		return e
	}
	if m := pageRE.FindStringSubmatch(e.Cause); m != nil {
		e.Page, _ = strconv.ParseInt(m[1], 10, 64)
	}
	return e
}

// mmapBase is the address of the mapped file and its page size; zero when
// the file is not mapped.
func (s *Store) mmapBase() (base uintptr, pageSize int) {
	defer func() { _ = recover() }() // Info asserts the file is mapped
	info := s.db.Info()
	return info.Data, info.PageSize
}

// guard runs fn with memory faults turned into panics and every panic
// turned into a *DamagedError. bbolt reads pages straight from the mmap and
// panics (or faults) on a page it cannot decode; with guard around every
// transaction such a page is an error for the caller, never a crash.
func (s *Store) guard(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = s.damaged(r)
		}
	}()
	return fn()
}
