package cli

import (
	"strings"

	"github.com/spf13/cobra"

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

// refusedHere is a refusal of a command in this place (over SSH, on the
// wrong machine): exit 4, the catalog message id in the reader's language;
// its Error text is the English rendering.
func refusedHere(id string, args locale.Args) error {
	return &model.DeniedError{Err: model.ErrRoleRequired, ID: id, Args: args, Detail: locale.Render(locale.EN, locale.M(id, args))}
}

// usageMsg is a usage mistake (exit 2) as catalog message id.
func usageMsg(id string, args locale.Args, wraps ...error) error {
	return usageError{locale.NewError(id, args, wraps...)}
}

// keyHow is how a key came to its account, in the reader's language.
func keyHow(lang locale.Lang, how string) string {
	return termsafe.Line(store.KeyHowText(lang, how))
}

// channelKind is a notification channel's kind in the reader's language
// (企业微信 for wecom); one the catalog lacks is shown as stored.
func channelKind(lang locale.Lang, kind string) string {
	id, ok := map[string]string{"smtp": "ChannelKindSmtp", "wecom": "ChannelKindWecom", "dingtalk": "ChannelKindDingtalk",
		"feishu": "ChannelKindFeishu", "webhook": "ChannelKindWebhook"}[kind]
	if !ok {
		return termsafe.Line(kind)
	}
	return locale.T(lang, id)
}

// useLine is a command's usage line as a message argument, cobra's
// " [flags]" in the reader's language ([选项]).
func useLine(cmd *cobra.Command) any {
	u := cmd.UseLine()
	if rest, ok := strings.CutSuffix(u, " [flags]"); ok {
		return locale.M("CLIUseLine", locale.Args{"Use": rest, "Flags": locale.M("CLIHelpFlagsArg", nil)})
	}
	return u
}
