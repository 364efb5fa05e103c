package tui

import (
	"errors"

	"github.com/copydesk/copydesk/locale"
	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/store"
	"github.com/copydesk/copydesk/termsafe"
)

// tr is a workstation session's language, with the helpers every page
// renders its text through (wt, label, errText, describeErr, formErr).
// Each session has its own (session embeds it; Options.Lang chooses it):
// two SSH sessions of one server speak different languages at once, and
// nothing in this package keeps a language of its own. The zero value is
// locale.Default (zh-CN).
type tr locale.Lang

// lang is the catalog language of t: locale.Default when unset.
func (t tr) lang() locale.Lang {
	if t == "" {
		return locale.Default
	}
	return locale.Lang(t)
}

// wt renders catalog message id in the session's language.
func (t tr) wt(id string, args ...locale.Args) string { return locale.T(t.lang(), id, args...) }

// listSep joins a list of names in the session's language: "、" in
// Chinese, ", " in English.
func (t tr) listSep() string { return t.wt("TUIListSep") }

// errText is how every TUI page shows an error: one sanitised line in the
// workstation's language. A catalog error (model, store, export, notify,
// search) renders from the catalog, an operating-system error (a path that
// cannot be created, a refused connection) through locale.Err's renderer
// of OS errors with its path kept, never as Error() (which is English).
// An error that is neither reads as 出错了：… around its text.
// TestTUIRendersErrorsThroughCatalog refuses err.Error() in tui's source.
func (tl tr) errText(err error) string {
	if err == nil {
		return ""
	}
	var m locale.Message
	s := termsafe.Line(locale.Err(tl.lang(), err))
	if !errors.As(err, &m) && s == termsafe.Line(err.Error()) {
		return tl.wt("TUIErrOther", locale.Args{"Err": s})
	}
	return s
}

// describeErr turns a store or workflow error into a sentence that says what
// happened: a save conflict and a stale view in the TUI's own words (the
// TUI keeps both texts and reloads by itself, where the catalog's text for
// the CLI names commands), every other error through errText.
func (tl tr) describeErr(err error) string {
	if err == nil {
		return ""
	}
	var ce *store.ConflictError
	switch {
	case errors.As(err, &ce):
		return tl.wt("TUISaveConflict", locale.Args{"Head": ce.Head, "Draft": ce.DraftID})
	case errors.Is(err, model.ErrStaleView):
		return tl.wt("TUIStaleView")
	}
	return tl.errText(err)
}

// formErr is a form field's validation message from the catalog, in the
// workstation's language: huh shows a validator's Error() text as it is,
// so the error carries the rendered text (a catalog error's Error() is
// English).
func (tl tr) formErr(id string, args ...locale.Args) error { return formError(tl.wt(id, args...)) }

type formError string

func (e formError) Error() string { return string(e) }

// label is a model name (a state, kind, role, 三校 severity) in the
// workstation's language: the catalog's, where Label() is always Chinese.
func (tl tr) label(m locale.Message) string { return locale.Render(tl.lang(), m) }
