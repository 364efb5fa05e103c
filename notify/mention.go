package notify

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/copydesk/copydesk/model"
)

// Directory resolves @mentions against the office's users, by login
// (@wangyin) or display name (@王音). Build it once per pass.
type Directory struct {
	users map[string]*model.User // by login
	names []nameEntry            // logins and display names, longest first
}

type nameEntry struct {
	name  string
	login string
}

// NewDirectory indexes users by login and display name.
func NewDirectory(users []model.User) *Directory {
	d := &Directory{users: map[string]*model.User{}}
	for i := range users {
		u := &users[i]
		d.users[u.Login] = u
		d.names = append(d.names, nameEntry{u.Login, u.Login})
		if u.Display != "" && u.Display != u.Login {
			d.names = append(d.names, nameEntry{u.Display, u.Login})
		}
	}
	sort.SliceStable(d.names, func(i, j int) bool { return len(d.names[i].name) > len(d.names[j].name) })
	return d
}

// User returns a user by login, or nil.
func (d *Directory) User(login string) *model.User { return d.users[login] }

// Name is a login's display name, or the login itself for unknown users.
func (d *Directory) Name(login string) string {
	if u := d.users[login]; u != nil {
		return u.Name()
	}
	return login
}

// Mentions returns the logins @mentioned in text, each once, in order of
// first mention. A mention is "@" or "＠" followed by a login or a display
// name: the longest known name wins, so "@王音请看" mentions 王音. A name
// that ends in a letter or digit must not run on into another letter or
// digit ("@wangyinx" is not @wangyin), and an "@" inside a word or an
// e-mail address (a@b.cn) is not a mention. Unknown names stay plain text
// and mention nobody. Work is linear in len(text) times the number of
// names that share a first character.
func (d *Directory) Mentions(text string) []string {
	var out []string
	seen := map[string]bool{}
	prev := rune(0)
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if (r == '@' || r == '＠') && !wordRune(prev) {
			rest := text[i+size:]
			for _, ne := range d.names {
				if !strings.HasPrefix(rest, ne.name) {
					continue
				}
				last, _ := utf8.DecodeLastRuneInString(ne.name)
				next, _ := utf8.DecodeRuneInString(rest[len(ne.name):])
				if asciiWord(last) && asciiWord(next) {
					continue
				}
				if !seen[ne.login] {
					seen[ne.login] = true
					out = append(out, ne.login)
				}
				break
			}
		}
		prev = r
		i += size
	}
	return out
}

// wordRune: a rune that makes a following "@" part of a word or address.
func wordRune(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("._%+-", r))
}

func asciiWord(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-')
}

// lookup is User on a directory that may be nil, for a login that may be
// empty (a group robot's delivery).
func (d *Directory) lookup(login string) *model.User {
	if d == nil || login == "" {
		return nil
	}
	return d.users[login]
}
