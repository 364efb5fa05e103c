package cli

import (
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// t renders catalog message id in the user's language (env.Lang).
func (env *Env) t(id string, args ...locale.Args) string { return locale.T(env.Lang, id, args...) }

// stateName is a state as the user reads it: the canonical id in English
// ("review", what --state and --json take), the catalog name otherwise
// (审核中).
func stateName(lang locale.Lang, s model.State) string {
	if lang == locale.EN {
		return string(s)
	}
	return locale.Render(lang, s)
}

// kindName is a kind as the user reads it: "news" in English, 新闻 otherwise.
func kindName(lang locale.Lang, k model.Kind) string {
	if lang == locale.EN {
		return string(k)
	}
	return locale.Render(lang, k)
}

// rolesText lists roles: "writer,reviewer" in English (the form --roles
// takes), 撰稿、审核 otherwise; a custom role by the office's name for it
// (部门负责人, not depthead), from custom.
func rolesText(lang locale.Lang, roles []model.Role, custom []model.CustomRole) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = roleText(lang, r, custom)
	}
	if lang == locale.EN {
		return strings.Join(s, ",")
	}
	return strings.Join(s, "、")
}

// roleText is one role as rolesText names it.
func roleText(lang locale.Lang, r model.Role, custom []model.CustomRole) string {
	if lang == locale.EN {
		return string(r)
	}
	if d, ok := model.CustomRoleDisplay(r, custom); ok {
		return termsafe.Line(d)
	}
	return locale.Render(lang, r)
}

// customRoles are the office's own roles, for rolesText; none when they
// cannot be read (the role is then named as stored).
func customRoles(st *store.Store) []model.CustomRole {
	rs, _ := st.Roles()
	return rs
}
