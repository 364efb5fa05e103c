package tui

import (
	"errors"
	"strings"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
	"github.com/copydesk/copydesk/tui/editor"
	"github.com/copydesk/copydesk/tui/preview"
)

// uiLang is the workstation's language: zh-CN (locale.Default) unless
// SetLanguage chose another. LANG does not change it: the CLI follows
// LANG, the TUI speaks Chinese unless asked (issue 9.10).
var uiLang = locale.Default

// SetLanguage sets the language of every workstation this process runs
// (the local TUI and the SSH server's sessions) and of its editor and
// preview: key help, labels, notes and errors from that catalog language.
// The CLI calls it once at start from COPYDESK_LANG (see LanguageFromEnv),
// before any session exists; it is not for a running program.
func SetLanguage(l locale.Lang) {
	uiLang, editor.Lang, preview.Lang = l, l, l
}

// LanguageFromEnv is the workstation's language from the environment read
// with getenv: COPYDESK_LANG ("en", "zh-CN", "en_US.UTF-8", see
// locale.Parse) when set and not empty, else zh-CN. LANG and LC_ALL are
// not read: a workstation on an en_US system stays Chinese.
func LanguageFromEnv(getenv func(string) string) locale.Lang {
	if v := strings.TrimSpace(getenv("COPYDESK_LANG")); v != "" {
		return locale.Parse(v)
	}
	return locale.Default
}

// errText is how every TUI page shows an error: one sanitised line in the
// workstation's language. A catalog error (model, store, export, notify,
// search) renders from the catalog, an operating-system error (a path that
// cannot be created, a refused connection) through locale.Err's renderer
// of OS errors with its path kept, never as Error() (which is English).
// An error that is neither reads as 出错了：… around its text.
// TestTUIRendersErrorsThroughCatalog refuses err.Error() in tui's source.
func errText(err error) string {
	if err == nil {
		return ""
	}
	var m locale.Message
	s := termsafe.Line(locale.Err(uiLang, err))
	if !errors.As(err, &m) && s == termsafe.Line(err.Error()) {
		return wt("TUIErrOther", locale.Args{"Err": s})
	}
	return s
}

// describeErr turns a store or workflow error into a sentence that says what
// happened: a save conflict and a stale view in the TUI's own words (the
// TUI keeps both texts and reloads by itself, where the catalog's text for
// the CLI names commands), every other error through errText.
func describeErr(err error) string {
	if err == nil {
		return ""
	}
	var ce *store.ConflictError
	switch {
	case errors.As(err, &ce):
		return wt("TUISaveConflict", locale.Args{"Head": ce.Head, "Draft": ce.DraftID})
	case errors.Is(err, model.ErrStaleView):
		return wt("TUIStaleView")
	}
	return errText(err)
}

// formErr is a form field's validation message from the catalog, in the
// workstation's language: huh shows a validator's Error() text as it is,
// so the error carries the rendered text (a catalog error's Error() is
// English).
func formErr(id string, args ...locale.Args) error { return formError(wt(id, args...)) }

type formError string

func (e formError) Error() string { return string(e) }

// label is a model name (a state, kind, role, 三校 severity) in the
// workstation's language: the catalog's, where Label() is always Chinese.
func label(m locale.Message) string { return locale.Render(uiLang, m) }
