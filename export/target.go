package export

import (
	"fmt"
	"net"
	"net/url"
	"os"
	"os/user"
	"strconv"
	"strings"

	"github.com/copydesk/copydesk/locale"
)

// Target is where Publish copies a site: a local directory, or a directory
// on an SSH server reached over SFTP.
type Target struct {
	Local string // local directory, when not remote
	User  string // remote user (default: the local user name)
	Host  string // remote host name or address; empty for a local target
	Port  int    // default 22
	Path  string // remote directory; relative paths are relative to the login directory
}

// Remote tells whether the target is on an SSH server.
func (t Target) Remote() bool { return t.Host != "" }

// Addr is host:port of a remote target.
func (t Target) Addr() string { return net.JoinHostPort(t.Host, strconv.Itoa(t.Port)) }

// String gives the target as ssh://user@host:port/path, or the local path.
func (t Target) String() string {
	if !t.Remote() {
		return t.Local
	}
	return fmt.Sprintf("ssh://%s@%s/%s", t.User, t.Addr(), strings.TrimPrefix(t.Path, "/"))
}

// ParseTarget understands:
//
//	/var/www/news, ./site, site        a local directory
//	ssh://user@host:2222/srv/www       SFTP (also sftp://); the path is absolute,
//	                                   "/~/www" is relative to the login directory
//	user@host:/srv/www, host:www       scp style, port 22
//	user@host:2222:/srv/www            scp style with a port
//	user@[2001:db8::1]:/srv/www        IPv6 in brackets
//
// A string that starts with "/" or ".", or has no ":" before its first
// "/", is a local directory.
func ParseTarget(s string) (Target, error) {
	if s == "" {
		return Target{}, locale.NewError("PublishNoTarget", nil)
	}
	if strings.HasPrefix(s, "ssh://") || strings.HasPrefix(s, "sftp://") {
		u, err := url.Parse(s)
		if err != nil {
			return Target{}, locale.NewError("PublishTarget", locale.Args{"Value": s, "Err": err}, err)
		}
		t := Target{Host: u.Hostname(), Path: u.Path, Port: 22}
		if u.User != nil {
			t.User = u.User.Username()
			if _, has := u.User.Password(); has {
				return Target{}, locale.NewError("PublishTargetPassword", locale.Args{"Value": s})
			}
		}
		if p := u.Port(); p != "" {
			n, err := strconv.Atoi(p)
			if err != nil || n < 1 || n > 65535 {
				return Target{}, locale.NewError("PublishTargetPort", locale.Args{"Value": s})
			}
			t.Port = n
		}
		if rest, ok := strings.CutPrefix(t.Path, "/~/"); ok {
			t.Path = rest
		}
		return finishRemote(s, t)
	}
	slash := strings.IndexByte(s, '/')
	colon := strings.IndexByte(s, ':')
	if strings.HasPrefix(s, "/") || strings.HasPrefix(s, ".") || colon < 0 || (slash >= 0 && slash < colon && !strings.Contains(s[:slash], "[")) {
		return Target{Local: s}, nil
	}
	t := Target{Port: 22}
	rest := s
	if at := strings.IndexByte(rest, '@'); at >= 0 && at < colon {
		t.User, rest = rest[:at], rest[at+1:]
	}
	if strings.HasPrefix(rest, "[") {
		end := strings.Index(rest, "]:")
		if end < 0 {
			return Target{}, locale.NewError("PublishTargetBracket", locale.Args{"Value": s})
		}
		t.Host, rest = rest[1:end], rest[end+2:]
	} else {
		i := strings.IndexByte(rest, ':')
		t.Host, rest = rest[:i], rest[i+1:]
	}
	if i := strings.IndexByte(rest, ':'); i > 0 {
		if n, err := strconv.Atoi(rest[:i]); err == nil {
			if n < 1 || n > 65535 {
				return Target{}, locale.NewError("PublishTargetPort", locale.Args{"Value": s})
			}
			t.Port, rest = n, rest[i+1:]
		}
	}
	t.Path = rest
	return finishRemote(s, t)
}

func finishRemote(s string, t Target) (Target, error) {
	if t.Host == "" {
		return Target{}, locale.NewError("PublishTargetNoHost", locale.Args{"Value": s})
	}
	if t.Path == "" || t.Path == "/" {
		return Target{}, locale.NewError("PublishTargetNoDir", locale.Args{"Value": s, "Example": orDefault(t.User, "user") + "@" + t.Host + ":/var/www/news"})
	}
	if strings.ContainsAny(t.Path, "\x00\n\r") {
		return Target{}, locale.NewError("PublishTargetControl", locale.Args{"Value": s})
	}
	if t.User == "" {
		t.User = localUser()
	}
	return t, nil
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

func localUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	return os.Getenv("USER")
}
