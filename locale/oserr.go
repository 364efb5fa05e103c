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
	switch e := err.(type) {
	case *fs.PathError:
		return T(lang, "OSPathError", Args{"Op": opName(lang, e.Op), "Path": oneLine(e.Path), "Reason": reason(lang, e.Err)}), true
	case *os.LinkError:
		return T(lang, "OSLinkError", Args{"Op": opName(lang, e.Op), "Old": oneLine(e.Old), "New": oneLine(e.New), "Reason": reason(lang, e.Err)}), true
	case *os.SyscallError:
		if s, ok := sysErr(lang, e.Err); ok {
			return s, true
		}
		return "", false
	case *net.OpError:
		addr := ""
		switch {
		case e.Addr != nil:
			addr = e.Addr.String()
		case e.Source != nil:
			addr = e.Source.String()
		}
		args := Args{"Op": opName(lang, e.Op), "Addr": oneLine(addr), "Reason": reason(lang, e.Err)}
		if addr == "" {
			return T(lang, "OSNetErrorNoAddr", args), true
		}
		return T(lang, "OSNetError", args), true
	case *net.DNSError:
		why := oneLine(e.Err)
		switch {
		case e.IsNotFound:
			why = T(lang, "OSErrNoSuchHost")
		case e.IsTimeout:
			why = T(lang, "OSErrTimeout")
		}
		return T(lang, "OSLookupError", Args{"Host": oneLine(e.Name), "Reason": why}), true
	case syscall.Errno:
		if id, ok := errnoIDs[e]; ok {
			return T(lang, id), true
		}
		return "", false
	}
	switch err {
	case context.DeadlineExceeded, os.ErrDeadlineExceeded:
		return T(lang, "OSErrDeadline"), true
	case context.Canceled:
		return T(lang, "OSErrCanceled"), true
	case fs.ErrNotExist:
		return T(lang, "OSErrNotExist"), true
	case fs.ErrExist:
		return T(lang, "OSErrExist"), true
	case fs.ErrPermission:
		return T(lang, "OSErrAccess"), true
	case fs.ErrClosed:
		return T(lang, "OSErrClosed"), true
	}
	return "", false
}

// reason is the cause inside an OS error: rendered when it is known (or
// a catalog message), else Go's text.
func reason(lang Lang, err error) string {
	if err == nil {
		return ""
	}
	if s, ok := sysErr(lang, err); ok {
		return s
	}
	return oneLine(Err(lang, err))
}

// opName is an OS operation's name in lang; one without a catalog entry
// keeps the os package's spelling.
func opName(lang Lang, op string) string {
	if id, ok := opIDs[op]; ok {
		return T(lang, id)
	}
	return oneLine(op)
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
