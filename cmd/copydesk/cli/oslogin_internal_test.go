package cli

import (
	"os/user"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/model"
)

// TestOSLoginIsASuggestionOnlyWhenItFits: the first-run form is offered
// $USER as the login only when it is a valid login of a person; USER=root,
// a name with spaces or capitals are not offered, and the note says why.
// With USER and LOGNAME unset the system's account name is tried the same
// way.
func TestOSLoginIsASuggestionOnlyWhenItFits(t *testing.T) {
	sys := ""
	if u, err := user.Current(); err == nil {
		sys = u.Username
	}
	sysFits := model.ValidateLogin(sys) == nil && !model.SystemAccount(sys)
	for _, c := range []struct {
		user, logname string
		want, note    string
	}{
		{"liwei", "", "liwei", ""},
		{"root", "", "", "root"},
		{"Li Wei", "", "", "Li Wei"},
		{"LiWei", "liwei", "liwei", ""},
		{"", "", "", ""},
	} {
		env := &Env{Getenv: func(k string) string {
			switch k {
			case "USER":
				return c.user
			case "LOGNAME":
				return c.logname
			}
			return ""
		}}
		got, note := env.osLogin()
		want := c.want
		if want == "" && sysFits && c.note == "" {
			want = sys // nothing in the environment: the system's account name
		}
		if c.want == "" && c.note != "" && sysFits {
			want = sys
		}
		if got != want {
			t.Errorf("USER=%q LOGNAME=%q: offered %q, want %q", c.user, c.logname, got, want)
		}
		if c.note != "" && got == "" && !strings.Contains(note, c.note) {
			t.Errorf("USER=%q: the note %q does not say why %q was not offered", c.user, note, c.note)
		}
		if got == "root" || (got != "" && model.ValidateLogin(got) != nil) {
			t.Errorf("USER=%q: offered %q", c.user, got)
		}
	}
}
