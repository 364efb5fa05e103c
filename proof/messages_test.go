package proof

import (
	"slices"
	"sort"
	"testing"
)

// TestFindingMessages: every finding of the seeded corpus (with the office
// lists, including banned and caution words with and without a fix) carries
// a message ID from MessageIDs with exactly the arguments declared there,
// and every declared ID is produced by some finding — so the catalog entries
// locale checks are the ones findings use.
func TestFindingMessages(t *testing.T) {
	l := corpusLists(t)
	l.Entries[ListCaution] = []Entry{{Term: "高度重视", Value: "重视"}, {Term: "相关部门"}}
	l.Entries[ListBanned] = append(l.Entries[ListBanned], Entry{Term: "某某"})
	l.Entries[ListSensitive] = []Entry{{Term: "机密"}}
	l.Entries[ListCountry] = []Entry{{Term: "坦桑尼亚联合共和国"}}
	c := mustChecker(t, l, nil)
	texts := append(readParas(t, "seeded.txt"),
		"会议强调要高度重视此事，相关部门某某负责。文件属机密。坦桑尼亚联和共和国代表团来访。",
		"近日，学校召开会议。会议开了三天，共5天议程。",
		"嘉禾职业技术学校、中共浙江省委教育工委参加。出席会议的有周敏、林宏远。林宏远校长讲话。",
		"他说:“好“",
		"这是‘单引号’。读〈书〉。“甲“乙”丙”。",
		"真的吗？？我……。好!!!",
		"不要……等等。很好…………。好…吗。",
		"要好好学习、天天向上“甲”、“乙”三、四个",
		"他说——好。他说--好。北京—上海",
		"【甲）",
	)
	seen := map[string]bool{}
	for _, p := range texts {
		for _, f := range c.CheckField(FieldBody, p, true) {
			want, ok := MessageIDs[f.Msg]
			if !ok {
				t.Errorf("%s %q: message ID %q is not in MessageIDs", f.RuleID, f.Text, f.Msg)
				continue
			}
			var got []string
			for k := range f.Args {
				got = append(got, k)
			}
			sort.Strings(got)
			w := slices.Clone(want)
			sort.Strings(w)
			if !slices.Equal(got, w) {
				t.Errorf("%s %q: %s has arguments %v, declared %v", f.RuleID, f.Text, f.Msg, got, w)
			}
			seen[f.Msg] = true
		}
	}
	var unused []string
	for id := range MessageIDs {
		if !seen[id] {
			unused = append(unused, id)
		}
	}
	sort.Strings(unused)
	t.Logf("message IDs not produced by these texts: %v", unused)
	if len(seen) < len(MessageIDs)*3/4 {
		t.Errorf("only %d of %d message IDs seen", len(seen), len(MessageIDs))
	}
}
