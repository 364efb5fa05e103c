package cli

import (
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
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
// takes), 撰稿、审核 otherwise.
func rolesText(lang locale.Lang, roles []model.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		if lang == locale.EN {
			s[i] = string(r)
		} else {
			s[i] = locale.Render(lang, r)
		}
	}
	if lang == locale.EN {
		return strings.Join(s, ",")
	}
	return strings.Join(s, "、")
}
