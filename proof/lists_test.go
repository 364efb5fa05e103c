package proof

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/copydesk/copydesk/proof/internal/t2sopencc"
)

func parse(t *testing.T, k ListKind, s string) []Entry {
	t.Helper()
	es, err := ParseList(k, strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func officeLists(t *testing.T) Lists {
	return Lists{Entries: map[ListKind][]Entry{
		ListFixed:     parse(t, ListFixed, "# 固定表述\n习近平新时代中国特色社会主义思想\n共同富裕示范区\n中国特色社会主义\n"),
		ListCountry:   parse(t, ListCountry, "巴基斯坦\n哈萨克斯坦\n"),
		ListOrg:       parse(t, ListOrg, "嘉禾职业技术学院\n北京大学\n南京大学\n"),
		ListTitle:     parse(t, ListTitle, "林宏远 党委书记\n周敏 校长、党委副书记\n陈立 副校长\n"),
		ListBanned:    parse(t, ListBanned, "中共浙江省省委 => 中共浙江省委\n"),
		ListCaution:   parse(t, ListCaution, "少数民族兄弟\t少数民族同胞\n"),
		ListSensitive: parse(t, ListSensitive, "某某事件\n"),
	}, Versions: map[ListKind]uint64{ListFixed: 3, ListTitle: 1}}
}

func findingsOf(c *Checker, text, rule string) []string {
	var got []string
	for _, f := range c.CheckField(FieldBody, text, false) {
		if f.RuleID == rule {
			s := f.Text + "=>"
			if f.Fix != nil {
				s += *f.Fix
			}
			got = append(got, s)
		}
	}
	return got
}

func TestP15NearMiss(t *testing.T) {
	c := mustChecker(t, officeLists(t), nil)
	cases := []struct{ text, want string }{
		{"服务共同富裕示范去建设。", "共同富裕示范去=>共同富裕示范区"}, // changed
		{"学习习近平新时代中国特色社会注义思想。", "习近平新时代中国特色社会注义思想=>习近平新时代中国特色社会主义思想"},
		{"访问巴基期坦。", "巴基期坦=>巴基斯坦"},
		{"嘉禾职业技术术学院召开会议。", "嘉禾职业技术术学院=>嘉禾职业技术学院"}, // inserted
		{"嘉禾职业术学院召开会议。", "嘉禾职业术学院=>嘉禾职业技术学院"},     // dropped
		// exact phrases, other listed names and words that merely share a half are fine
		{"服务共同富裕示范区建设，访问巴基斯坦和哈萨克斯坦。", ""},
		{"北京大学和南京大学的学者，以及东京大学的学者。", ""},
		{"坚持中国特色社会主义道路，学习习近平新时代中国特色社会主义思想。", ""},
		{"嘉禾职业技术学院院长。", ""},
	}
	for _, tc := range cases {
		got := strings.Join(findingsOf(c, tc.text, RuleNearMiss), " | ")
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestP14TitlesAndRank(t *testing.T) {
	c := mustChecker(t, officeLists(t), nil)
	cases := []struct{ text, rule, want string }{
		{"校长林宏远主持会议。", RuleTitle, "校长=>党委书记"},
		{"林宏远校长主持会议。", RuleTitle, "校长=>党委书记"},
		{"副校长周敏主持会议。", RuleTitle, "副校长=>"}, // two titles: no single fix
		{"党委书记林宏远主持会议，校长周敏、党委副书记周敏、副校长陈立出席。", RuleTitle, ""},
		{"周敏、林宏远、陈立出席会议。", RuleRankOrder, "林宏远=>"},
		{"林宏远、周敏、陈立出席会议。陈立、周敏看望了学生。", RuleRankOrder, ""},
	}
	for _, tc := range cases {
		got := strings.Join(findingsOf(c, tc.text, tc.rule), " | ")
		if got != tc.want {
			t.Errorf("%s %q: got %q, want %q", tc.rule, tc.text, got, tc.want)
		}
	}
}

func TestP16P17Words(t *testing.T) {
	c := mustChecker(t, officeLists(t), nil)
	text := "中共浙江省省委召开会议，少数民族兄弟参加，某某事件。`某某事件`"
	if got := strings.Join(findingsOf(c, text, RuleBanned), "|"); got != "中共浙江省省委=>中共浙江省委" {
		t.Errorf("banned: %q", got)
	}
	if got := strings.Join(findingsOf(c, text, RuleCaution), "|"); got != "少数民族兄弟=>少数民族同胞" {
		t.Errorf("caution: %q", got)
	}
	if got := strings.Join(findingsOf(c, text, RuleSensitive), "|"); got != "某某事件=>" {
		t.Errorf("sensitive (the one in a code span is skipped): %q", got)
	}
	for _, f := range c.CheckField(FieldBody, text, false) {
		if f.RuleID == RuleCaution && f.Severity != Warning {
			t.Errorf("caution severity %v", f.Severity)
		}
	}
}

func TestParseListErrorsAndRoundTrip(t *testing.T) {
	for _, bad := range []string{"张三\n", "王音 校长\n\x01坏\n", "\xff\xfe\n", strings.Repeat("长", MaxEntryRunes+1) + " 校长\n"} {
		if _, err := ParseList(ListTitle, strings.NewReader(bad)); !errors.Is(err, ErrBadList) {
			t.Errorf("ParseList(%q) = %v, want ErrBadList", bad, err)
		}
	}
	if _, err := ParseList("words", strings.NewReader("")); !errors.Is(err, ErrUnknownList) {
		t.Errorf("unknown kind: %v", err)
	}
	for _, k := range ListKinds {
		l := officeLists(t)
		var b bytes.Buffer
		if err := FormatList(k, l.Entries[k], &b); err != nil {
			t.Fatal(err)
		}
		back, err := ParseList(k, &b)
		if err != nil {
			t.Fatalf("%s: %v\n%s", k, err, b.String())
		}
		if len(back) != len(l.Entries[k]) {
			t.Fatalf("%s: %d entries back, want %d", k, len(back), len(l.Entries[k]))
		}
		for i := range back {
			if back[i] != l.Entries[k][i] {
				t.Errorf("%s round trip: %+v != %+v", k, back[i], l.Entries[k][i])
			}
		}
	}
	es := parse(t, ListFixed, "\uFEFF# c\n共同富裕示范区 # 注释\n共同富裕示范区\n\n")
	if len(es) != 1 || es[0].Term != "共同富裕示范区" {
		t.Errorf("BOM, comments, duplicates: %+v", es)
	}
}

// TestT2STableMatchesOpenCC keeps the generated table equal to what OpenCC's
// embedded dictionary gives today (run `go generate ./proof` after an upgrade).
func TestT2STableMatchesOpenCC(t *testing.T) {
	tab, err := t2sopencc.Table()
	if err != nil {
		t.Fatal(err)
	}
	if len(tab) != len(t2sTable) {
		t.Fatalf("OpenCC gives %d entries, generated table has %d: run go generate ./proof", len(tab), len(t2sTable))
	}
	for k, v := range tab {
		if t2sTable[k] != v {
			t.Fatalf("%q: OpenCC %q, table %q", k, v, t2sTable[k])
		}
	}
}
