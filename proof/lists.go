package proof

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ListKind names one of the office's word lists.
type ListKind string

// The list kinds.
const (
	ListFixed     ListKind = "fixed"     // 固定表述
	ListCountry   ListKind = "country"   // 国名
	ListOrg       ListKind = "org"       // 机构名
	ListTitle     ListKind = "title"     // 姓名–职务, in rank order
	ListBanned    ListKind = "banned"    // 禁用词 → replacement
	ListCaution   ListKind = "caution"   // 慎用词 → replacement
	ListSensitive ListKind = "sensitive" // 敏感词 (local, never shipped)
)

// ListKinds lists every kind in display order.
var ListKinds = []ListKind{ListFixed, ListCountry, ListOrg, ListTitle, ListBanned, ListCaution, ListSensitive}

// Label is the list's Chinese name.
func (k ListKind) Label() string {
	switch k {
	case ListFixed:
		return "固定表述"
	case ListCountry:
		return "国名"
	case ListOrg:
		return "机构名"
	case ListTitle:
		return "姓名–职务"
	case ListBanned:
		return "禁用词"
	case ListCaution:
		return "慎用词"
	case ListSensitive:
		return "敏感词"
	}
	return string(k)
}

// ParseListKind accepts one of the kinds above.
func ParseListKind(s string) (ListKind, error) {
	for _, k := range ListKinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", errMsg(ErrUnknownList, "ProofErrUnknownList", map[string]any{"Value": s}, "%q (use fixed, country, org, title, banned, caution or sensitive)", s)
}

// Entry is one line of a list. Term is the phrase (or, for ListTitle, the
// person's name); Value is the replacement for banned/caution words, or the
// person's titles for ListTitle, separated by 、.
type Entry struct {
	Term  string `json:"term"`
	Value string `json:"value,omitempty"`
}

// Limits on list files, so a list cannot make checking unbounded.
const (
	MaxListEntries = 50000
	MaxEntryRunes  = 64
)

// ParseList reads a list file: UTF-8 text, one entry a line; blank lines and
// lines starting with # are ignored, as is text after " #".
//
//   - fixed, country, org, sensitive: the phrase itself;
//   - banned, caution: "词 => 替换" (or "词<TAB>替换"); the replacement may be empty;
//   - title: "姓名 职务[、职务…]" — the order of lines is the rank order used
//     for attendance lists.
//
// Duplicates are dropped (the first wins). Errors name the line and wrap
// ErrBadList.
func ParseList(kind ListKind, r io.Reader) ([]Entry, error) {
	if _, err := ParseListKind(string(kind)); err != nil {
		return nil, err
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 64*1024)
	var out []Entry
	seen := map[string]bool{}
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if !utf8.ValidString(s) {
			return nil, errMsg(ErrBadList, "ProofErrListNotUTF8", map[string]any{"Line": line}, "line %d is not UTF-8; save the file as UTF-8", line)
		}
		if k := strings.Index(s, " #"); k >= 0 {
			s = s[:k]
		}
		s = strings.TrimSpace(s)
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		for _, c := range s {
			if unicode.IsControl(c) && c != '\t' {
				return nil, errMsg(ErrBadList, "ProofErrListControl", map[string]any{"Line": line, "Char": fmt.Sprintf("U+%04X", c)}, "line %d contains the control character U+%04X", line, c)
			}
		}
		var e Entry
		switch kind {
		case ListBanned, ListCaution:
			t, v, ok := strings.Cut(s, "=>")
			if !ok {
				t, v, _ = strings.Cut(s, "\t")
			}
			e = Entry{Term: strings.TrimSpace(t), Value: strings.TrimSpace(v)}
		case ListTitle:
			f := strings.Fields(s)
			if len(f) < 2 {
				return nil, errMsg(ErrBadList, "ProofErrListTitle", map[string]any{"Line": line}, "line %d: write a name and a title: 王音 党委书记", line)
			}
			titles := splitTitles(strings.Join(f[1:], "、"))
			e = Entry{Term: f[0], Value: strings.Join(titles, "、")}
		default:
			e = Entry{Term: s}
		}
		if e.Term == "" {
			return nil, errMsg(ErrBadList, "ProofErrListNoTerm", map[string]any{"Line": line}, "line %d has no term", line)
		}
		if utf8.RuneCountInString(e.Term) > MaxEntryRunes || utf8.RuneCountInString(e.Value) > 4*MaxEntryRunes {
			return nil, errMsg(ErrBadList, "ProofErrListLong", map[string]any{"Line": line, "Max": MaxEntryRunes}, "line %d is longer than %d characters", line, MaxEntryRunes)
		}
		if seen[e.Term] {
			continue
		}
		seen[e.Term] = true
		out = append(out, e)
		if len(out) > MaxListEntries {
			return nil, errMsg(ErrBadList, "ProofErrListTooMany", map[string]any{"Max": MaxListEntries}, "more than %d entries", MaxListEntries)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, errMsg(ErrBadList, "ProofErrListRead", map[string]any{"Line": line + 1, "Err": err}, "line %d: %v", line+1, err)
	}
	return out, nil
}

func splitTitles(s string) []string {
	f := strings.FieldsFunc(s, func(c rune) bool { return c == '、' || c == ',' || c == '，' || c == ' ' || c == ';' || c == '；' })
	var out []string
	for _, t := range f {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// FormatList writes entries in the format ParseList reads, so export then
// import gives the same list.
func FormatList(kind ListKind, es []Entry, w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s (%s)\n", kind.Label(), kind)
	for _, e := range es {
		switch kind {
		case ListBanned, ListCaution:
			if e.Value != "" {
				fmt.Fprintf(bw, "%s => %s\n", e.Term, e.Value)
				continue
			}
		case ListTitle:
			fmt.Fprintf(bw, "%s %s\n", e.Term, e.Value)
			continue
		}
		fmt.Fprintln(bw, e.Term)
	}
	return bw.Flush()
}

// Lists is the office's word lists by kind, with the version of each (a
// counter the store increments on every change; 0 = never set).
type Lists struct {
	Entries  map[ListKind][]Entry `json:"entries"`
	Versions map[ListKind]uint64  `json:"versions"`
}

// VersionString is a stable summary of the list versions, for records:
// "country=1 fixed=3 …" in kind order, kinds never set left out.
func (l Lists) VersionString() string {
	var parts []string
	keys := make([]string, 0, len(l.Versions))
	for k, v := range l.Versions {
		if v > 0 {
			keys = append(keys, fmt.Sprintf("%s=%d", k, v))
		}
	}
	sort.Strings(keys)
	parts = append(parts, keys...)
	return strings.Join(parts, " ")
}
