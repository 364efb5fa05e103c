package locale

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/copydesk/copydesk/model"
	"github.com/copydesk/copydesk/proof"
)

var placeholderRE = regexp.MustCompile(`{{\s*\.([A-Za-z0-9_]+)`)

// catalog reads one embedded file as ID → plural form → template.
func catalog(t *testing.T, l Lang) map[string]map[string]string {
	t.Helper()
	buf, err := files.ReadFile(string(l) + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := toml.Unmarshal(buf, &raw); err != nil {
		t.Fatalf("%s.toml: %v", l, err)
	}
	out := map[string]map[string]string{}
	for id, v := range raw {
		switch v := v.(type) {
		case string:
			out[id] = map[string]string{"other": v}
		case map[string]any:
			forms := map[string]string{}
			for k, s := range v {
				str, ok := s.(string)
				if !ok {
					t.Fatalf("%s.toml: %s.%s is not a string", l, id, k)
				}
				forms[k] = str
			}
			out[id] = forms
		default:
			t.Fatalf("%s.toml: %s has type %T", l, id, v)
		}
	}
	return out
}

func placeholders(forms map[string]string) []string {
	set := map[string]bool{}
	for _, s := range forms {
		for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
			set[m[1]] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestCatalogComplete fails when a message ID lacks a translation in either
// language, when a message has no "other" form, or when its placeholders
// differ between the languages.
func TestCatalogComplete(t *testing.T) {
	cats := map[Lang]map[string]map[string]string{}
	for _, l := range Langs {
		cats[l] = catalog(t, l)
		if len(cats[l]) == 0 {
			t.Fatalf("%s.toml is empty", l)
		}
	}
	for _, l := range Langs {
		for id, forms := range cats[l] {
			if strings.TrimSpace(forms["other"]) == "" {
				t.Errorf("%s: %s has no (or an empty) \"other\" form", l, id)
			}
			for _, o := range Langs {
				if o == l {
					continue
				}
				of, ok := cats[o][id]
				if !ok {
					t.Errorf("%s lacks %s (present in %s)", o, id, l)
					continue
				}
				if a, b := placeholders(forms), placeholders(of); !slices.Equal(a, b) {
					t.Errorf("%s: placeholders differ: %s has %v, %s has %v", id, l, a, o, b)
				}
			}
		}
	}
	// Every message renders, in every language, without a template error.
	for _, l := range Langs {
		for id, forms := range cats[l] {
			args := Args{"Count": 2}
			for _, p := range placeholders(forms) {
				if p != "Count" {
					args[p] = "x"
				}
			}
			if got := T(l, id, args); got == "["+id+"]" || strings.Contains(got, "<no value>") {
				t.Errorf("%s: %s renders as %q", l, id, got)
			}
		}
	}
}

var (
	// locale.T(lang, "ID" …) and lang.T("ID" …), also across a line break.
	callRE   = regexp.MustCompile(`locale\.(?:T|Has)\((?:[^,"()]|\([^()]*\))*,\s*"([^"]+)"`)
	methodRE = regexp.MustCompile(`\.T\(\s*"([^"]+)"`)
	// func (…) MessageID() string { return "ID" }
	msgIDRE = regexp.MustCompile(`MessageID\(\) string\s*{\s*return\s+"([^"]+)"\s*}`)
	// locale.NewError("ID", …)
	newErrRE = regexp.MustCompile(`locale\.(?:NewError|M)\(\s*"([^"]+)"`)
)

// TestIDsInCode fails when a literal message ID used anywhere in the
// repository (locale.T, Lang.T, MessageID methods) is not in the catalog.
func TestIDsInCode(t *testing.T) {
	cat := catalog(t, Default)
	seen := 0
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); n == "testdata" || (strings.HasPrefix(n, ".") && n != "..") || n == "node_modules" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "locale_test.go") {
			return nil
		}
		buf, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, re := range []*regexp.Regexp{callRE, methodRE, msgIDRE, newErrRE} {
			for _, m := range re.FindAllStringSubmatch(string(buf), -1) {
				seen++
				if _, ok := cat[m[1]]; !ok {
					t.Errorf("%s: message ID %q is not in the catalog", path, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if seen == 0 {
		t.Fatal("found no message IDs in the code: the scan is broken")
	}
}

func TestFromEnv(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want Lang
	}{
		{nil, ZH},
		{map[string]string{"LANG": "C"}, ZH},
		{map[string]string{"LANG": "POSIX"}, ZH},
		{map[string]string{"LANG": "C.UTF-8"}, ZH},
		{map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{map[string]string{"LANG": "de_DE.UTF-8"}, EN},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{map[string]string{"LANG": "zh_TW.UTF-8"}, ZH},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_GB.UTF-8"}, EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.GB18030"}, ZH},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": ""}, EN},
		{map[string]string{"LANG": "sr_RS@latin"}, EN},
	}
	for _, c := range cases {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("FromEnv(%v) = %s, want %s", c.env, got, c.want)
		}
	}
	if got := FromEnviron([]string{"TERM=xterm", "LANG=en_US.UTF-8"}); got != EN {
		t.Errorf("FromEnviron: %s", got)
	}
	if got := FromEnv(nil); got != ZH {
		t.Errorf("FromEnv(nil) = %s", got)
	}
}

func TestTPluralAndFallback(t *testing.T) {
	if got := T(EN, "Revisions", Args{"Count": 1}); got != "1 revision" {
		t.Errorf("en one: %q", got)
	}
	if got := T(EN, "Revisions", Args{"Count": 3}); got != "3 revisions" {
		t.Errorf("en other: %q", got)
	}
	if got := T(ZH, "Revisions", Args{"Count": 1}); got != "1 个版本" {
		t.Errorf("zh: %q", got)
	}
	if got := Lang("fr").T("StateDraft"); got != "草稿" {
		t.Errorf("unknown language should fall back to zh-CN: %q", got)
	}
	if got := T(ZH, "NoSuchMessage"); got != "[NoSuchMessage]" {
		t.Errorf("missing ID: %q", got)
	}
	if !Has("StateDraft") || Has("NoSuchMessage") {
		t.Error("Has")
	}
	if got := From(With(t.Context(), EN)); got != EN {
		t.Errorf("From(With(EN)) = %s", got)
	}
	if got := From(t.Context()); got != ZH {
		t.Errorf("From(empty) = %s", got)
	}
}

type roleMsg string

func (r roleMsg) MessageID() string           { return "RoleReviewer" }
func (r roleMsg) MessageArgs() map[string]any { return nil }

type testErr struct{ role roleMsg }

func (e *testErr) Error() string               { return "needs " + string(e.role) }
func (e *testErr) MessageID() string           { return "ErrorPrefix" }
func (e *testErr) MessageArgs() map[string]any { return map[string]any{"Message": e.role} }

func TestErrRendersTypedErrors(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", &testErr{role: "reviewer"})
	// The wrapper's context stays around the rendered message.
	if got := Err(ZH, err); got != "wrapped: copydesk：审核" {
		t.Errorf("zh: %q", got)
	}
	if got := Err(EN, err); got != "wrapped: copydesk: reviewer" {
		t.Errorf("en: %q", got)
	}
	if got := Err(ZH, errors.New("plain")); got != "plain" {
		t.Errorf("plain: %q", got)
	}
	if Err(ZH, nil) != "" {
		t.Error("nil")
	}
}

// Every state, role and kind of the model has a label in both languages.
func TestModelLabels(t *testing.T) {
	var ms []Message
	for _, s := range model.AllStates {
		ms = append(ms, s)
	}
	for _, r := range model.AllRoles {
		ms = append(ms, r)
	}
	ms = append(ms, model.KindNews, model.KindMeeting)
	for _, m := range ms {
		for _, l := range Langs {
			if got := Render(l, m); strings.HasPrefix(got, "[") {
				t.Errorf("%s: %s has no label", l, m.MessageID())
			}
		}
	}
	if Render(ZH, model.StateReview) != "审核中" || Render(EN, model.StateReview) != "in review" {
		t.Error("StateReview labels")
	}
}

// Errors from model render from the catalog in both languages, with every
// placeholder filled: the reported leak was "无权操作：stage 审核 needs the
// reviewer role…".
func TestModelErrorsRender(t *testing.T) {
	writer := &model.User{Login: "liwei", Roles: []model.Role{model.RoleWriter}}
	a := model.Article{ID: 7, Owner: "zhao", State: model.StateReview, Workflow: model.DefaultWorkflow, Rev: 2, Hash: "h"}
	_, denied := model.Decide(a, model.Request{Action: model.ActApprove, Actor: writer, Opinion: "同意", Rev: 2, Hash: "h"})
	_, stateErr := model.Decide(model.Article{ID: 7, Owner: "liwei", State: model.StateSigned, Workflow: model.DefaultWorkflow},
		model.Request{Action: model.ActSubmit, Actor: writer})
	_, notRead := model.Decide(a, model.Request{Action: model.ActApprove, Actor: &model.User{Login: "wy", Roles: []model.Role{model.RoleReviewer}}, Opinion: "同意"})
	_, noOpinion := model.Decide(a, model.Request{Action: model.ActApprove, Actor: &model.User{Login: "wy", Roles: []model.Role{model.RoleReviewer}}, Rev: 2, Hash: "h"})
	empty := (&model.Content{Kind: model.KindNews}).Validate()
	long := (&model.Content{Kind: model.KindNews, Title: strings.Repeat("长", 200)}).Validate()
	_, badState := model.ParseState("审阅")
	badDate := (&model.Content{Kind: model.KindMeeting, Title: "t", Meeting: &model.Meeting{Date: "明天"}}).Validate()
	cases := []struct {
		err    error
		zh, en string
	}{
		{denied, "无权操作：「审核」需要审核角色；liwei 的角色是 撰稿", "denied: stage 审核 needs the reviewer role; liwei has writer"},
		{stateErr, "当前状态不允许：已签发的稿件不能送审", "cannot submit an article that is signed off"},
		{notRead, "你还没有读过第 7 号稿件", "you have not read article 7"},
		{noOpinion, "必须填写书面意见", "a written opinion is required"},
		{empty, "输入有误：标题不能为空", "title: must not be empty"},
		{long, "标题有 200 个字，上限是 150 个字", "title: is 200 characters long"},
		{badState, "没有“审阅”这种状态", "unknown state \"审阅\""},
		{badDate, "会议时间“明天”不是日期", "meeting.date: \"明天\" is not a date"},
	}
	for _, c := range cases {
		if c.err == nil {
			t.Fatalf("no error for %q", c.zh)
		}
		zh, en := Err(ZH, c.err), Err(EN, c.err)
		if !strings.Contains(zh, c.zh) || !strings.Contains(en, c.en) || strings.Contains(zh+en, "<no value>") || strings.Contains(zh+en, "[") && strings.Contains(zh+en, "]") && !strings.Contains(c.en, "[") {
			t.Errorf("%v\n zh %q (want %q)\n en %q (want %q)", c.err, zh, c.zh, en, c.en)
		}
	}
}

// TestProofMessages: every message a 三校 finding can carry is in both
// catalogs with exactly the placeholders proof declares, and renders a
// real finding in both languages with every placeholder filled.
func TestProofMessages(t *testing.T) {
	for _, l := range Langs {
		cat := catalog(t, l)
		for id, args := range proof.MessageIDs {
			forms, ok := cat[id]
			if !ok {
				t.Errorf("%s: %s is not in the catalog", l, id)
				continue
			}
			want := slices.Clone(args)
			sort.Strings(want)
			if got := placeholders(forms); !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("%s: %s has placeholders %v, proof gives %v", l, id, got, want)
			}
		}
	}
	c, err := proof.New(proof.Lists{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	fs := c.CheckField(proof.FieldBody, "会议在北京召开,代表们参加了讨论.", false)
	if len(fs) == 0 {
		t.Fatal("no findings")
	}
	zh, en := Render(ZH, fs[0]), Render(EN, fs[0])
	if zh != "中文语境中应使用全角“，”" || !strings.Contains(en, "full-width “，”") {
		t.Errorf("rendered %q / %q", zh, en)
	}
}

// A placeholder its caller left out renders empty, as T's doc says, in
// every message of the catalog and in both languages: a kept message
// (notify's outbox) from before its text gained a placeholder, or a
// damaged record, never shows text/template's "<no value>". Before, 3,504
// renderings (message × language × these two argument sets) did.
func TestMissingPlaceholdersRenderEmpty(t *testing.T) {
	bad := 0
	ids := map[string]bool{}
	for _, l := range Langs {
		for id := range catalogOf(l).holes {
			ids[id] = true
		}
	}
	for id := range ids {
		for _, l := range Langs {
			for _, args := range []Args{nil, {"Count": 2}} {
				if s := T(l, id, args); strings.Contains(s, "<no value>") {
					if bad++; bad <= 5 {
						t.Errorf("%s %s %v: %q", l, id, args, s)
					}
				}
			}
		}
	}
	if bad > 5 {
		t.Errorf("… %d renderings with <no value> in all", bad)
	}
	args := Args{"Count": 3}
	if s := T(ZH, "SearchProgressDone", args); strings.Contains(s, "<no value>") || !strings.Contains(s, "3") || len(args) != 1 {
		t.Errorf("SearchProgressDone without Took: %q (args now %v)", s, args)
	}
	if miss := MissingArgs("SearchProgressDone", args); len(miss) != 1 || miss[0] != "Took" {
		t.Errorf("MissingArgs = %v, want [Took]", miss)
	}
	var kept Stored
	if err := kept.UnmarshalJSON([]byte(`{"id":"SearchProgressDone","args":{"Count":{"text":"2"}}}`)); err != nil {
		t.Fatal(err)
	}
	if s := kept.In(EN); strings.Contains(s, "<no value>") {
		t.Errorf("kept message without an argument: %q", s)
	}
}

// TestNoPluralSuffix: English messages say "1 error" and "2 errors", never
// "error(s)": a message with several counts picks each word with plural.
func TestNoPluralSuffix(t *testing.T) {
	re := regexp.MustCompile(`[a-z]\(s\)`)
	for id, forms := range catalog(t, EN) {
		for _, s := range forms {
			if re.MatchString(strings.ReplaceAll(s, "http(s)", "")) {
				t.Errorf("en %s: %q uses (s); use plural forms", id, s)
			}
		}
	}
	for _, c := range []struct {
		id   string
		args Args
		want string
	}{
		{"ProofSummary", Args{"Rev": 2, "Errors": 1, "Warnings": 2, "Hints": 0, "Versions": "v"}, "revision 2 has 1 error, 2 warnings, 0 hints (v)."},
		{"ProofHasErrors", Args{"ID": "a", "Rev": 1, "Errors": 3}, "has 3 proofreading errors"},
		{"ErrProofBlocked", Args{"ID": "a", "Rev": 1, "Errors": 1, "Unwaived": 1}, "has 1 error and 1 warning without"},
		{"CLICheckFound", Args{"N": 1}, "check found 1 problem"},
		{"StoreInviteHasKey", Args{"Login": "li", "N": 2}, "already has 2 keys"},
		{"TUIWaiveReasonPrompt", Args{"N": int64(1)}, "waiving 1 proofreading warning"},
	} {
		if got := T(EN, c.id, c.args); !strings.Contains(got, c.want) {
			t.Errorf("%s: %q lacks %q", c.id, got, c.want)
		}
	}
	if got := T(ZH, "ProofSummary", Args{"Rev": 2, "Errors": 1, "Warnings": 2, "Hints": 0, "Versions": "v"}); !strings.Contains(got, "1 个错误、2 个警告") {
		t.Errorf("zh ProofSummary: %q", got)
	}
}

// Session is the one rule every session's language follows.
func TestSession(t *testing.T) {
	env := func(kv ...string) func(string) string { return Getenv(kv) }
	for _, c := range []struct {
		setting string
		def     Lang
		getenv  func(string) string
		keys    []string
		want    Lang
	}{
		{"en", ZH, env("LANG=zh_CN.UTF-8"), SSHEnv, EN},               // the user's setting wins
		{"zh-CN", EN, env("COPYDESK_LANG=en"), SSHEnv, ZH},            // also over COPYDESK_LANG
		{"", ZH, env("LANG=en_US.UTF-8"), SSHEnv, EN},                 // the client's LANG
		{"", ZH, env("LC_ALL=zh_CN.UTF-8", "LANG=en_US"), SSHEnv, ZH}, // LC_ALL before LANG
		{"", ZH, env("COPYDESK_LANG=en", "LC_ALL=zh_CN"), SSHEnv, EN}, // COPYDESK_LANG first
		{"", EN, env("LANG=C.UTF-8"), SSHEnv, EN},                     // C chooses nothing: the default
		{"", EN, env(), SSHEnv, EN},                                   // nothing sent: the server's default
		{"", "", nil, SSHEnv, ZH},                                     // no default: zh-CN
		{"", ZH, env("LANG=en_US.UTF-8"), TUIEnv, ZH},                 // the local workstation ignores LANG
		{"", ZH, env("COPYDESK_LANG=en"), TUIEnv, EN},
		{"fr", ZH, env("LANG=en_US"), CLIEnv, EN}, // a setting the catalog lacks is no setting
	} {
		if got := Session(c.setting, c.def, c.getenv, c.keys...); got != c.want {
			t.Errorf("Session(%q, %q, …, %v) = %q, want %q", c.setting, c.def, c.keys, got, c.want)
		}
	}
}
