// Package locale is copydesk's message catalog: every user-facing string of
// the CLI, the SSH server and the TUI is looked up here by a message ID, in
// Simplified Chinese (zh-CN, the default) or English (en). Both catalogs are
// complete; TestCatalogComplete fails when an ID lacks a translation in
// either language or when a message's placeholders differ between them.
//
// # Library
//
// The catalog is github.com/nicksnyder/go-i18n/v2 (v2.7.0) with TOML message
// files embedded in the binary (zh-CN.toml, en.toml). go-i18n was chosen
// over golang.org/x/text/message because its messages live in plain data
// files keyed by ID (a translator edits one TOML file, no code generation
// with gotext), it has named placeholders ({{.Login}}) that read the same in
// both languages and can be checked against each other, and CLDR plural
// forms ("1 revision" / "2 revisions"; Chinese has one form) come with it.
//
// # Use
//
//	lang := locale.FromEnv(os.Getenv)              // CLI: LC_ALL, LC_MESSAGES, LANG
//	fmt.Println(locale.T(lang, "Revisions", locale.Args{"Count": 7}))
//	fmt.Println(lang.T("StateDraft"))              // the same, as a method
//	ctx = locale.With(ctx, lang); locale.From(ctx) // carried in a context
//	msg := locale.Err(lang, err)                   // a typed error, rendered
//
// Each session (a workstation or a command, locally or over SSH) chooses
// its own language with Session: the user's own setting (user edit
// --lang), else the environment — COPYDESK_LANG for the local TUI; LC_ALL,
// then LC_MESSAGES, then LANG for local commands; over SSH what the client
// sent, COPYDESK_LANG first (OpenSSH forwards LANG and LC_* with SendEnv)
// — else the default: the server's COPYDESK_LANG over SSH, zh-CN locally.
// A value starting with "zh" gives zh-CN, "C" or "POSIX" chooses nothing,
// any other (en_US.UTF-8, de_DE, …) gives en. Nothing in this package
// holds a language: it is a value each session carries.
//
// # Adding a message
//
//  1. Pick an ID in CamelCase naming the situation, not the words
//     (ArticleCreated, ErrNeedsRole). IDs are never shown to users.
//  2. Add it to BOTH zh-CN.toml and en.toml, with the same placeholders
//     ({{.Name}}, named after the Args keys). A message with a count has
//     the plural forms of each language: zh-CN only "other"; en "one" and
//     "other"; pass the number as Args{"Count": n}.
//  3. Call locale.T(lang, id, locale.Args{…}) where the string is shown.
//     `go test ./locale` checks both files against each other and checks
//     that every literal ID passed to T or Err anywhere in the repository is
//     in the catalog.
//
// Errors from model and store stay typed values (errors.Is/As); a type that
// should read well in both languages implements Message (MessageID and
// MessageArgs) and Err renders it from the catalog.
//
// Errors from the operating system (*fs.PathError, *os.LinkError,
// *net.OpError, syscall.Errno, context deadlines; oserr.go) render from
// the catalog too, path or address kept, wherever they reach a user: by
// Err, or as an argument of any message (T, Render, NewError). A message
// that must outlive the process (why a notification failed, kept in the
// outbox) is kept as data with Keep and rendered when read (Stored.In).
// Durations read as "1 天 12 小时" / "1 day 12 hours" (Duration).
//
// Dependencies: locale imports only termsafe (a leaf), so every package
// (model excepted, which stays pure) may import it.
package locale

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	texttemplate "text/template"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/copydesk/copydesk/termsafe"
)

// Lang is a catalog language: ZH or EN.
type Lang string

// The catalog's languages.
const (
	ZH Lang = "zh-CN" // Simplified Chinese, the default
	EN Lang = "en"    // English
)

// Default is the language used when nothing asks for another: zh-CN.
const Default = ZH

// Langs lists the catalog's languages, the default first.
var Langs = []Lang{ZH, EN}

// Args are a message's named placeholders: Args{"ID": 7} fills {{.ID}}.
// The key "Count" also selects the plural form.
type Args = map[string]any

//go:embed zh-CN.toml en.toml
var files embed.FS

// langCatalog is one language's messages, parsed on first use: a process
// that speaks one language (the CLI, an export) parses one TOML file, not
// both (each is ~145 KB; parsing both was ~30 ms of every command's start).
type langCatalog struct {
	once sync.Once
	loc  *i18n.Localizer
	err  error
	// holes: each message's placeholder names (in any plural form), so T
	// can fill those its caller left out
	holes map[string][]string
	// shown: the placeholders a message prints as they are ({{.Name}}),
	// for MissingArgs
	shown map[string][]string
	// pluralFn: the messages whose text calls plural (they are parsed
	// with pluralFuncs; the others keep go-i18n's cached parser)
	pluralFn map[string]bool
}

var catalogs = map[Lang]*langCatalog{ZH: {}, EN: {}}

// catalogOf returns lang's catalog (Default for an unknown language),
// loading it on first use.
func catalogOf(lang Lang) *langCatalog {
	if !lang.valid() {
		lang = Default
	}
	c := catalogs[lang]
	c.once.Do(func() { c.load(lang) })
	return c
}

// pluralFuncs gives the catalog's templates plural: {{plural .N "error"
// "errors"}} is the first word when .N is 1 (or -1) and the second
// otherwise (English's CLDR cardinal rule for integers). It serves a
// message with several counts ("1 error, 2 warnings"), where go-i18n's
// one/other tables choose by the single PluralCount only. A value that is
// not a number (a missing argument renders as "") takes the second word.
var pluralFuncs = texttemplate.FuncMap{"plural": func(n any, one, other string) string {
	switch v := reflect.ValueOf(n); v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if v.Int() == 1 || v.Int() == -1 {
			return one
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if v.Uint() == 1 {
			return one
		}
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); f == 1 || f == -1 {
			return one
		}
	}
	return other
}}

// shownPlaceholder is a placeholder printed as it is.
var shownPlaceholder = regexp.MustCompile(`\{\{\s*\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}`)

// MissingArgs lists the placeholders message id prints ({{.Name}}, in any
// language or plural form) that args does not fill: T renders them empty,
// so a test that a call site gives every argument asks this instead of
// looking for text/template's "<no value>".
func MissingArgs(id string, args Args) []string {
	var out []string
	for _, l := range Langs {
		for _, h := range catalogOf(l).shown[id] {
			if _, ok := args[h]; !ok && !slices.Contains(out, h) {
				out = append(out, h)
			}
		}
	}
	return out
}

// placeholder finds the names a message's template reads ({{.Name}},
// {{if .Name}}).
var placeholder = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)

// noteHoles records the placeholders of the messages in mf.
func (c *langCatalog) noteHoles(mf *i18n.MessageFile) {
	for _, m := range mf.Messages {
		seen := map[string]bool{}
		for _, h := range c.holes[m.ID] {
			seen[h] = true
		}
		for _, text := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
			if strings.Contains(text, "{{plural ") {
				c.pluralFn[m.ID] = true
			}
			for _, sm := range shownPlaceholder.FindAllStringSubmatch(text, -1) {
				if !slices.Contains(c.shown[m.ID], sm[1]) {
					c.shown[m.ID] = append(c.shown[m.ID], sm[1])
				}
			}
			for rest := text; ; {
				i := strings.Index(rest, "{{")
				if i < 0 {
					break
				}
				j := strings.Index(rest[i:], "}}")
				if j < 0 {
					break
				}
				for _, sm := range placeholder.FindAllStringSubmatch(rest[i:i+j], -1) {
					if !seen[sm[1]] {
						seen[sm[1]] = true
						c.holes[m.ID] = append(c.holes[m.ID], sm[1])
					}
				}
				rest = rest[i+j:]
			}
		}
	}
}

// load parses lang's message file.
func (c *langCatalog) load(lang Lang) {
	bundle := i18n.NewBundle(language.Make(string(lang)))
	bundle.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c.holes, c.shown, c.pluralFn = map[string][]string{}, map[string][]string{}, map[string]bool{}
	name := string(lang) + ".toml"
	buf, err := files.ReadFile(name)
	var mf *i18n.MessageFile
	if err == nil {
		mf, err = bundle.ParseMessageFileBytes(buf, name)
	}
	if err != nil {
		c.err = fmt.Errorf("locale: %s: %w", name, err)
		return
	}
	c.noteHoles(mf)
	c.loc = i18n.NewLocalizer(bundle, string(lang))
}

// Parse maps a language name or POSIX locale value to a catalog language:
// "zh", "zh-CN", "zh_CN.UTF-8", "zh_TW" → ZH; "", "C", "POSIX", "C.UTF-8"
// → Default (ZH); "en", "en_US.UTF-8" and every other language → EN.
func Parse(s string) Lang {
	s = strings.TrimSpace(s)
	base, _, _ := strings.Cut(s, ".")
	base, _, _ = strings.Cut(base, "@")
	switch {
	case base == "" || base == "C" || base == "POSIX":
		return Default
	case strings.HasPrefix(strings.ToLower(base), "zh"):
		return ZH
	}
	return EN
}

// FromEnv chooses the CLI's language from the POSIX locale variables read
// with getenv: the first of LC_ALL, LC_MESSAGES, LANG that is set and not
// empty decides (see Parse); none set gives Default. getenv may be nil.
func FromEnv(getenv func(string) string) Lang {
	if getenv == nil {
		return Default
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return Parse(v)
		}
	}
	return Default
}

// FromEnviron is FromEnv over a list of KEY=VALUE pairs (an SSH session's
// Environ, os.Environ).
func FromEnviron(environ []string) Lang { return FromEnv(Getenv(environ)) }

// The environment variables each kind of session reads for its language,
// in order of precedence (see Session).
var (
	// TUIEnv: the local workstation reads only COPYDESK_LANG; a laptop
	// set to en_US.UTF-8 does not switch it silently.
	TUIEnv = []string{"COPYDESK_LANG"}
	// CLIEnv: local commands follow the POSIX locale variables.
	CLIEnv = []string{"LC_ALL", "LC_MESSAGES", "LANG"}
	// SSHEnv: a session over SSH (workstation or command) reads what the
	// client sent: COPYDESK_LANG (ssh -o SetEnv=COPYDESK_LANG=en), then the
	// locale variables OpenSSH forwards with SendEnv.
	SSHEnv = []string{"COPYDESK_LANG", "LC_ALL", "LC_MESSAGES", "LANG"}
)

// Session chooses the language one session speaks — a workstation or a
// command, locally or over SSH — by one rule:
//
//  1. setting, the user's own choice (model.User.Lang: "zh-CN", "en"),
//     when it names a catalog language;
//  2. else the first of keys that getenv finds set and not empty (see
//     Parse), unless its value is "C" or "POSIX" (C.UTF-8 …), which
//     chooses nothing;
//  3. else def ("" is Default, zh-CN): the server's own choice for SSH
//     sessions (its COPYDESK_LANG), Default locally.
//
// getenv may be nil (no environment).
func Session(setting string, def Lang, getenv func(string) string, keys ...string) Lang {
	switch l := Lang(strings.TrimSpace(setting)); {
	case l.valid():
		return l
	}
	if getenv != nil {
		for _, k := range keys {
			v := strings.TrimSpace(getenv(k))
			if v == "" {
				continue
			}
			base, _, _ := strings.Cut(v, ".")
			if base != "C" && base != "POSIX" {
				return Parse(v)
			}
			break
		}
	}
	if !def.valid() {
		return Default
	}
	return def
}

// Getenv reads a list of KEY=VALUE pairs (an SSH session's Environ) as
// os.Getenv reads the process's environment; the last pair of a key wins.
func Getenv(environ []string) func(string) string {
	m := map[string]string{}
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return func(k string) string { return m[k] }
}

type ctxKey struct{}

// With returns ctx carrying lang.
func With(ctx context.Context, lang Lang) context.Context {
	return context.WithValue(ctx, ctxKey{}, lang)
}

// From returns the language carried by ctx, else Default. ctx may be nil.
func From(ctx context.Context) Lang {
	if ctx != nil {
		if l, ok := ctx.Value(ctxKey{}).(Lang); ok && l.valid() {
			return l
		}
	}
	return Default
}

func (l Lang) valid() bool { return l == ZH || l == EN }

// T renders message id in lang with args (at most one Args; missing
// placeholders render empty). An argument that is an error or a Message
// renders in lang too (Err, Render): an OS error inside reads in lang. An
// unknown language falls back to Default; an ID missing from the catalog
// renders as the ID itself in brackets, which TestCatalogComplete and
// TestIDsInCode keep from happening.
func T(lang Lang, id string, args ...Args) string {
	if !lang.valid() {
		lang = Default
	}
	c := catalogOf(lang)
	if c.err != nil {
		return "[" + id + "]"
	}
	cfg := &i18n.LocalizeConfig{MessageID: id}
	if c.pluralFn[id] {
		cfg.Funcs = pluralFuncs
	}
	var data Args
	if len(args) > 0 && args[0] != nil {
		data = renderArgs(lang, args[0])
		if n, ok := args[0]["Count"]; ok {
			cfg.PluralCount = n
		}
	}
	// A placeholder its caller left out (a kept message from before the
	// text gained one, a damaged record) renders empty, not as
	// text/template's "<no value>".
	copied := false
	for _, h := range c.holes[id] {
		if _, ok := data[h]; ok {
			continue
		}
		if !copied { // never write into the caller's map
			cp := make(Args, len(data)+len(c.holes[id]))
			for k, v := range data {
				cp[k] = v
			}
			data, copied = cp, true
		}
		data[h] = ""
	}
	if data != nil {
		cfg.TemplateData = data
	}
	s, err := c.loc.Localize(cfg)
	if err != nil {
		var nf *i18n.MessageNotFoundErr
		if lang != Default && errors.As(err, &nf) {
			return T(Default, id, args...) // as go-i18n's fallback did
		}
		return "[" + id + "]"
	}
	return s
}

// renderArgs returns args with each value that is an error or a Message
// rendered in lang (an OS error's text in the reader's language, a state's
// name); args itself when it holds none.
func renderArgs(lang Lang, args Args) Args {
	var cp Args
	for k, v := range args {
		switch v.(type) {
		case Message, error:
			if cp == nil {
				cp = make(Args, len(args))
				for k2, v2 := range args {
					cp[k2] = v2
				}
			}
			cp[k] = renderValue(lang, v)
		}
	}
	if cp == nil {
		return args
	}
	return cp
}

// T renders message id in l; see the function T.
func (l Lang) T(id string, args ...Args) string { return T(l, id, args...) }

// Has reports whether the catalog has message id (in the default language).
func Has(id string) bool {
	c := catalogOf(Default)
	if c.err != nil {
		return false
	}
	_, err := c.loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: 2})
	var nf *i18n.MessageNotFoundErr
	return !errors.As(err, &nf)
}

// Message is an error (or any value) that knows its catalog entry: Err and
// Render show it in the reader's language. model and store errors implement
// it without importing this package.
type Message interface {
	MessageID() string
	MessageArgs() map[string]any
}

// Lister is a Message that stands for a list (a user's roles): Render
// renders each item (Messages in lang) and joins them with "、" in Chinese
// and ", " in English; an empty list renders as its own MessageID.
type Lister interface {
	Items() []any
}

// Render renders m in lang. Argument values that are themselves Messages
// (or Listers) are rendered first, so a role or state inside an error reads
// in lang too. A Message whose ID the catalog lacks and that is a
// fmt.Stringer (a field name without a label) renders as its String.
func Render(lang Lang, m Message) string {
	if l, ok := m.(Lister); ok {
		if items := l.Items(); len(items) > 0 {
			parts := make([]string, len(items))
			for i, it := range items {
				parts[i] = fmt.Sprint(renderValue(lang, it))
			}
			sep := ", "
			if lang != EN {
				sep = "、"
			}
			return strings.Join(parts, sep)
		}
	}
	if s, ok := m.(fmt.Stringer); ok && !Has(m.MessageID()) {
		return oneLine(s.String())
	}
	args := m.MessageArgs()
	if len(args) > 0 {
		cp := make(Args, len(args))
		for k, v := range args {
			cp[k] = renderValue(lang, v)
		}
		args = cp
	}
	return T(lang, m.MessageID(), args)
}

func renderValue(lang Lang, v any) any {
	switch mv := v.(type) {
	case Message:
		return Render(lang, mv)
	case error:
		return oneLine(Err(lang, mv))
	case string:
		return oneLine(mv)
	case fmt.Stringer:
		return oneLine(mv.String())
	}
	return v
}

// oneLine is termsafe.Line: a value filled into a message loses its
// escape sequences, C1 and bidi controls, and its line breaks become
// spaces, as %q once kept them on one line: a login or a stage name stored
// with a line break cannot start a forged line ("ok: … verified") in a
// rendered error. The catalog's own text is trusted.
func oneLine(s string) string { return termsafe.Line(s) }

// Err renders err for a user reading lang: the outermost error in its chain
// that implements Message is rendered from the catalog; an error from the
// operating system (*fs.PathError, syscall.Errno, *net.OpError, …; see
// oserr.go) is rendered from the catalog keeping its path; any other error
// is shown as its Error text. nil renders as "".
func Err(lang Lang, err error) string {
	if err == nil {
		return ""
	}
	var m Message
	if !errors.As(err, &m) {
		if s, ok := osErr(lang, err); ok {
			return s // an OS error (oserr.go), in lang
		}
		return err.Error()
	}
	msg := Render(lang, m)
	// A wrapper that adds context ("article 3: …", "…; run copydesk
	// article pull 3") keeps it around the rendered message.
	s := err.Error()
	if e, ok := m.(error); ok && s != e.Error() {
		if inner := e.Error(); strings.Contains(s, inner) {
			return strings.Replace(s, inner, msg, 1)
		}
	}
	return msg
}
