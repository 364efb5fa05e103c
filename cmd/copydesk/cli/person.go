package cli

import (
	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/termsafe"
)

// who is how every line of article show names a person: 姓名（login）
// (catalog PersonLabel), from display — the name a record kept as it was
// then — else the user's current display name, else the login alone.
// The result is sanitised (termsafe.Line).
func (env *Env) who(login, display string) string {
	if display == "" && login != "" {
		if st, err := env.OpenStore(); err == nil {
			if u, err := st.User(login); err == nil {
				display = u.Display
			}
		}
	}
	if display == "" || display == login {
		return termsafe.Line(login)
	}
	if login == "" {
		return termsafe.Line(display)
	}
	return env.t("PersonLabel", locale.Args{"Name": termsafe.Line(display), "Login": termsafe.Line(login)})
}
