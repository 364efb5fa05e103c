package locale

import (
	"context"
	"errors"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"
)

// OS errors in the reader's language.
//
// Go's errors from the operating system read in English whatever the
// locale ("open /srv/site/index.html: permission denied"). Err renders them
// from the catalog instead, keeping the path or address exactly:
//
//	*fs.PathError   open /x: permission denied → 打开 /x 失败：没有权限
//	*os.LinkError   rename /a /b: …            → 重命名 /a 为 /b 失败：…
//	*os.SyscallError, *net.OpError, *net.DNSError
//	syscall.Errno   EACCES, EPERM, ENOENT, EEXIST, ENOSPC, EDQUOT, EROFS,
//	                ENOTDIR, EISDIR, ENOTEMPTY, EXDEV, ENAMETOOLONG, ELOOP,
//	                EBUSY, EMFILE, ENFILE, EIO, EFBIG, EINVAL, EAGAIN,
//	                ECONNREFUSED, ECONNRESET, ECONNABORTED, EPIPE, ETIMEDOUT,
//	                EHOSTUNREACH, ENETUNREACH, EADDRINUSE, EADDRNOTAVAIL
//	context.DeadlineExceeded, context.Canceled, os.ErrDeadlineExceeded,
//	fs.ErrNotExist, fs.ErrExist, fs.ErrPermission, fs.ErrClosed
//
// An errno not in the table, an operation without a name in the catalog
// and any other cause keep Go's (English) text, so nothing is lost. Every
// error that reaches a user through Err, or as an argument of a catalog
// message (NewError(id, Args{"Err": err})), comes through here.

// errnoIDs are the catalog messages of the errnos a user meets.
var errnoIDs = map[syscall.Errno]string{
	syscall.EACCES:        "OSErrAccess",
	syscall.EPERM:         "OSErrPerm",
	syscall.ENOENT:        "OSErrNotExist",
	syscall.EEXIST:        "OSErrExist",
	syscall.ENOSPC:        "OSErrNoSpace",
	syscall.EDQUOT:        "OSErrQuota",
	syscall.EROFS:         "OSErrReadOnly",
	syscall.ENOTDIR:       "OSErrNotDir",
	syscall.EISDIR:        "OSErrIsDir",
	syscall.ENOTEMPTY:     "OSErrNotEmpty",
	syscall.EXDEV:         "OSErrCrossDevice",
	syscall.ENAMETOOLONG:  "OSErrNameTooLong",
	syscall.ELOOP:         "OSErrLoop",
	syscall.EBUSY:         "OSErrBusy",
	syscall.EMFILE:        "OSErrTooManyFiles",
	syscall.ENFILE:        "OSErrTooManyFiles",
	syscall.EIO:           "OSErrIO",
	syscall.EFBIG:         "OSErrTooBig",
	syscall.EINVAL:        "OSErrInvalid",
	syscall.EAGAIN:        "OSErrAgain",
	syscall.ECONNREFUSED:  "OSErrConnRefused",
	syscall.ECONNRESET:    "OSErrConnReset",
	syscall.ECONNABORTED:  "OSErrConnReset",
	syscall.EPIPE:         "OSErrBrokenPipe",
	syscall.ETIMEDOUT:     "OSErrTimeout",
	syscall.EHOSTUNREACH:  "OSErrHostUnreach",
	syscall.ENETUNREACH:   "OSErrNetUnreach",
	syscall.EADDRINUSE:    "OSErrAddrInUse",
	syscall.EADDRNOTAVAIL: "OSErrAddrNotAvail",
}

// opIDs name the operations of *fs.PathError, *os.LinkError and
// *net.OpError (their Op field, as the os and net packages spell it).
var opIDs = map[string]string{
	"open": "OSOpOpen", "openat": "OSOpOpen", "creat": "OSOpCreate",
	"read": "OSOpRead", "pread": "OSOpRead", "readdirent": "OSOpReadDir", "readdir": "OSOpReadDir",
	"write": "OSOpWrite", "pwrite": "OSOpWrite", "sync": "OSOpSync", "fsync": "OSOpSync",
	"close": "OSOpClose", "seek": "OSOpSeek", "truncate": "OSOpTruncate",
	"stat": "OSOpStat", "lstat": "OSOpStat", "fstat": "OSOpStat", "statfs": "OSOpStat",
	"mkdir": "OSOpMkdir", "mkdirat": "OSOpMkdir", "remove": "OSOpRemove", "unlinkat": "OSOpRemove",
	"unlink": "OSOpRemove", "rmdir": "OSOpRemove", "rename": "OSOpRename", "renameat": "OSOpRename",
	"link": "OSOpLink", "symlink": "OSOpSymlink", "readlink": "OSOpReadlink",
	"chmod": "OSOpChmod", "chown": "OSOpChown", "lchown": "OSOpChown", "chtimes": "OSOpChmod",
	"chdir": "OSOpChdir", "flock": "OSOpLock", "mmap": "OSOpMap",
	"dial": "OSOpDial", "listen": "OSOpListen", "accept": "OSOpAccept",
}

// sysErr renders err when it is one of the OS errors above; ok is false
// for every other error (and for an errno the table lacks, on its own).
func sysErr(lang Lang, err error) (string, bool) {
	m, ok := osMessage(err)
	if !ok {
		return "", false
	}
	return Render(lang, m), true
}

// osMessage is err as a catalog message when it is one of the OS errors
// above (err itself, not its chain).
func osMessage(err error) (Message, bool) {
	switch e := err.(type) {
	case *fs.PathError:
		return M("OSPathError", Args{"Op": opName(e.Op), "Path": e.Path, "Reason": cause(e.Err)}), true
	case *os.LinkError:
		return M("OSLinkError", Args{"Op": opName(e.Op), "Old": e.Old, "New": e.New, "Reason": cause(e.Err)}), true
	case *os.SyscallError:
		return osMessage(e.Err)
	case *net.OpError:
		addr := ""
		switch {
		case e.Addr != nil:
			addr = e.Addr.String()
		case e.Source != nil:
			addr = e.Source.String()
		}
		if addr == "" {
			return M("OSNetErrorNoAddr", Args{"Op": opName(e.Op), "Reason": cause(e.Err)}), true
		}
		return M("OSNetError", Args{"Op": opName(e.Op), "Addr": addr, "Reason": cause(e.Err)}), true
	case *net.DNSError:
		var why any = e.Err
		switch {
		case e.IsNotFound:
			why = M("OSErrNoSuchHost", nil)
		case e.IsTimeout:
			why = M("OSErrTimeout", nil)
		}
		return M("OSLookupError", Args{"Host": e.Name, "Reason": why}), true
	case syscall.Errno:
		if id, ok := errnoIDs[e]; ok {
			return M(id, nil), true
		}
		return nil, false
	}
	id := ""
	switch err {
	case context.DeadlineExceeded, os.ErrDeadlineExceeded:
		id = "OSErrDeadline"
	case context.Canceled:
		id = "OSErrCanceled"
	case fs.ErrNotExist:
		id = "OSErrNotExist"
	case fs.ErrExist:
		id = "OSErrExist"
	case fs.ErrPermission:
		id = "OSErrAccess"
	case fs.ErrClosed:
		id = "OSErrClosed"
	default:
		return nil, false
	}
	return M(id, nil), true
}

// cause is the cause inside an OS error, as a message argument: a known
// OS error as its message, any other error as itself (rendered by Err: a
// catalog message in the reader's language, else Go's text).
func cause(err error) any {
	if err == nil {
		return ""
	}
	if m, ok := osMessage(err); ok {
		return m
	}
	return err
}

// opName is an OS operation's name as a message argument; one without a
// catalog entry keeps the os package's spelling.
func opName(op string) any {
	if id, ok := opIDs[op]; ok {
		return M(id, nil)
	}
	return op
}

// osErr renders err's chain when it holds an OS error and no catalog
// message: the outermost OS error is rendered, and a plain wrapper's
// context around it ("close database: …") is kept. ok is false when the
// chain holds no OS error this file knows.
func osErr(lang Lang, err error) (string, bool) {
	for e := err; e != nil; e = errors.Unwrap(e) {
		s, ok := sysErr(lang, e)
		if !ok {
			continue
		}
		if e == err {
			return s, true
		}
		outer, inner := err.Error(), e.Error()
		if inner != "" && strings.Contains(outer, inner) {
			return strings.Replace(outer, inner, s, 1), true
		}
		return "", false // a wrapper that rewrote the text: keep it
	}
	return "", false
}

// OSError is the outermost error in err's chain that is one of the OS
// errors above (*fs.PathError, *os.LinkError, syscall.Errno, …), without
// the wrappers around it; nil when the chain holds none. A caller that
// must not show a library's own (English) words keeps this much of a
// failure as its technical detail: it reads in the reader's language.
func OSError(err error) error {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if _, ok := osMessage(e); ok {
			return e
		}
	}
	return nil
}
