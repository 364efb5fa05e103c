package model

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/rivo/uniseg"
)

// diffOld and diffNew rebuild the two texts from a diff.
func diffOld(chunks []DiffChunk) string {
	var b strings.Builder
	for _, c := range chunks {
		if c.Op != DiffInsert {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

func diffNew(chunks []DiffChunk) string {
	var b strings.Builder
	for _, c := range chunks {
		if c.Op != DiffDelete {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

// graphemeBounds returns the byte offsets of all grapheme cluster boundaries
// of s, including 0 and len(s).
func graphemeBounds(s string) map[int]bool {
	b := map[int]bool{0: true, len(s): true}
	state, i := -1, 0
	for i < len(s) {
		var c string
		c, _, _, state = uniseg.FirstGraphemeClusterInString(s[i:], state)
		i += len(c)
		b[i] = true
	}
	return b
}

// checkDiff verifies the invariants every diff must hold.
func checkDiff(t testing.TB, old, new string, chunks []DiffChunk) {
	t.Helper()
	if got := diffOld(chunks); got != old {
		t.Fatalf("old not reconstructed:\n got %q\nwant %q", got, old)
	}
	if got := diffNew(chunks); got != new {
		t.Fatalf("new not reconstructed:\n got %q\nwant %q", got, new)
	}
	ob, nb := graphemeBounds(old), graphemeBounds(new)
	o, n := 0, 0
	for i, c := range chunks {
		if c.Text == "" {
			t.Errorf("chunk %d is empty", i)
		}
		if i > 0 && chunks[i-1].Op == c.Op {
			t.Errorf("chunks %d and %d have the same op %v", i-1, i, c.Op)
		}
		if c.Op != DiffInsert {
			o += len(c.Text)
			if !ob[o] {
				t.Errorf("chunk %d (%v %q) ends inside a grapheme cluster of old", i, c.Op, c.Text)
			}
		}
		if c.Op != DiffDelete {
			n += len(c.Text)
			if !nb[n] {
				t.Errorf("chunk %d (%v %q) ends inside a grapheme cluster of new", i, c.Op, c.Text)
			}
		}
	}
}

func TestDiffEdits(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []DiffChunk
	}{
		{
			name: "changed date",
			old:  "11月3日下午，学院召开秋季学期教学工作推进会。",
			new:  "11月4日下午，学院召开秋季学期教学工作推进会。",
			want: []DiffChunk{{DiffEqual, "11月"}, {DiffDelete, "3"}, {DiffInsert, "4"}, {DiffEqual, "日下午，学院召开秋季学期教学工作推进会。"}},
		},
		{
			name: "replaced phrase",
			old:  "会议要求各系加强课堂教学质量监控，按期完成整改。",
			new:  "会议要求各系完善课程思政建设机制，按期完成整改。",
			want: []DiffChunk{{DiffEqual, "会议要求各系"}, {DiffDelete, "加强课堂教学质量监控"}, {DiffInsert, "完善课程思政建设机制"}, {DiffEqual, "，按期完成整改。"}},
		},
		{
			name: "replaced name",
			old:  "会议由院长李明远主持。",
			new:  "会议由副院长王海涛主持。",
			want: []DiffChunk{{DiffEqual, "会议由"}, {DiffInsert, "副"}, {DiffEqual, "院长"}, {DiffDelete, "李明远"}, {DiffInsert, "王海涛"}, {DiffEqual, "主持。"}},
		},
		{
			name: "inserted sentence",
			old:  "教务办公室通报了教学运行情况。各系主任作了交流发言。",
			new:  "教务办公室通报了教学运行情况。学生评教优良率达到百分之九十六。各系主任作了交流发言。",
			want: []DiffChunk{{DiffEqual, "教务办公室通报了教学运行情况。"}, {DiffInsert, "学生评教优良率达到百分之九十六。"}, {DiffEqual, "各系主任作了交流发言。"}},
		},
		{
			name: "deleted paragraph",
			old:  "一、回顾前期工作\n\n本学期共开设课程一百二十六门。\n\n期中检查听课二百余节次。\n\n二、部署重点任务\n",
			new:  "一、回顾前期工作\n\n本学期共开设课程一百二十六门。\n\n二、部署重点任务\n",
			want: []DiffChunk{{DiffEqual, "一、回顾前期工作\n\n本学期共开设课程一百二十六门。\n\n"}, {DiffDelete, "期中检查听课二百余节次。\n\n"}, {DiffEqual, "二、部署重点任务\n"}},
		},
		{
			name: "emoji skin tone added",
			old:  "同学们纷纷点赞👍，气氛热烈。",
			new:  "同学们纷纷点赞👍🏽，气氛热烈。",
			want: []DiffChunk{{DiffEqual, "同学们纷纷点赞"}, {DiffDelete, "👍"}, {DiffInsert, "👍🏽"}, {DiffEqual, "，气氛热烈。"}},
		},
		{
			name: "emoji ZWJ family grows",
			old:  "亲子运动会👨‍👩‍👧开幕",
			new:  "亲子运动会👨‍👩‍👧‍👦开幕",
			want: []DiffChunk{{DiffEqual, "亲子运动会"}, {DiffDelete, "👨‍👩‍👧"}, {DiffInsert, "👨‍👩‍👧‍👦"}, {DiffEqual, "开幕"}},
		},
		{
			name: "flag replaced",
			old:  "代表团🇨🇳🇫🇷访问",
			new:  "代表团🇨🇳🇩🇪访问",
			want: []DiffChunk{{DiffEqual, "代表团🇨🇳"}, {DiffDelete, "🇫🇷"}, {DiffInsert, "🇩🇪"}, {DiffEqual, "访问"}},
		},
		{
			name: "combining mark added",
			old:  "Jose\u0301与Jose同名",
			new:  "Jose\u0301与Jose\u0301同名",
			want: []DiffChunk{{DiffEqual, "Jose\u0301与Jos"}, {DiffDelete, "e"}, {DiffInsert, "e\u0301"}, {DiffEqual, "同名"}},
		},
		{
			name: "no change",
			old:  "全文无改动。",
			new:  "全文无改动。",
			want: []DiffChunk{{DiffEqual, "全文无改动。"}},
		},
		{name: "both empty"},
		{
			name: "from empty",
			new:  "新稿件",
			want: []DiffChunk{{DiffInsert, "新稿件"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.old, tt.new)
			checkDiff(t, tt.old, tt.new, got)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Diff =\n %q\nwant\n %q", got, tt.want)
			}
		})
	}
}

func TestDiffInvalidUTF8RoundTrips(t *testing.T) {
	old := "坏字节\xff\xfe在此"
	new := "坏字节\xfe在这里\xe4"
	checkDiff(t, old, new, Diff(old, new))
}

func TestDiffPrivateUseInText(t *testing.T) {
	// Texts that already use the private code points the diff borrows.
	old := "\U000F0000👍🏽\U000F0001"
	new := "\U000F0001👍🏽\U000F0000👨‍👩‍👧"
	checkDiff(t, old, new, Diff(old, new))
}

func TestDiffDeterministic(t *testing.T) {
	old, new := benchTexts(20000, 10)
	first := Diff(old, new)
	for range 3 {
		if fmt.Sprint(Diff(old, new)) != fmt.Sprint(first) {
			t.Fatal("Diff gave different results for the same input")
		}
	}
	checkDiff(t, old, new, first)
}

func TestDiffStats(t *testing.T) {
	chunks := Diff("会议由院长李明远主持👍。", "会议由副院长王海涛主持👍🏽。")
	ins, del := DiffStats(chunks)
	// Inserted: 副 王海涛 👍🏽 = 5 characters; deleted: 李明远 👍 = 4.
	if ins != 5 || del != 4 {
		t.Errorf("DiffStats = %d, %d; want 5, 4 (chunks %q)", ins, del, chunks)
	}
	if i, d := DiffStats(nil); i != 0 || d != 0 {
		t.Errorf("DiffStats(nil) = %d, %d", i, d)
	}
}

func TestDiffOpString(t *testing.T) {
	for op, want := range map[DiffOp]string{DiffEqual: "equal", DiffInsert: "insert", DiffDelete: "delete", 7: "DiffOp(7)"} {
		if op.String() != want {
			t.Errorf("%d.String() = %q", int(op), op.String())
		}
	}
}

// foldOld and foldNew rebuild the two texts from folded hunks.
func foldOld(hs []DiffHunk) string {
	var b strings.Builder
	for _, h := range hs {
		if h.Fold {
			b.WriteString(h.Text)
		} else {
			b.WriteString(diffOld(h.Chunks))
		}
	}
	return b.String()
}

func foldNew(hs []DiffHunk) string {
	var b strings.Builder
	for _, h := range hs {
		if h.Fold {
			b.WriteString(h.Text)
		} else {
			b.WriteString(diffNew(h.Chunks))
		}
	}
	return b.String()
}

// checkFold verifies the invariants of a folded diff.
func checkFold(t *testing.T, old, new string, context int, hs []DiffHunk) {
	t.Helper()
	if got := foldOld(hs); got != old {
		t.Fatalf("old not reconstructed from hunks:\n got %q\nwant %q", got, old)
	}
	if got := foldNew(hs); got != new {
		t.Fatalf("new not reconstructed from hunks:\n got %q\nwant %q", got, new)
	}
	oldLine, newLine := 1, 1
	for i, h := range hs {
		if h.OldLine != oldLine || h.NewLine != newLine {
			t.Errorf("entry %d starts at lines %d/%d, want %d/%d", i, h.OldLine, h.NewLine, oldLine, newLine)
		}
		if h.Fold {
			if h.Chunks != nil || h.Text == "" {
				t.Errorf("fold %d malformed: %+v", i, h)
			}
			if n := uniseg.GraphemeClusterCount(h.Text); n != h.FoldedChars {
				t.Errorf("fold %d: FoldedChars %d, text has %d", i, h.FoldedChars, n)
			}
			if n := strings.Count(h.Text, "\n"); n != h.FoldedLines {
				t.Errorf("fold %d: FoldedLines %d, text has %d", i, h.FoldedLines, n)
			}
			if i > 0 && hs[i-1].Fold {
				t.Errorf("folds %d and %d are adjacent", i-1, i)
			}
			oldLine += h.FoldedLines
			newLine += h.FoldedLines
			continue
		}
		if len(h.Chunks) == 0 {
			t.Errorf("hunk %d is empty", i)
		}
		for j, c := range h.Chunks {
			if c.Op == DiffEqual && j > 0 && j < len(h.Chunks)-1 {
				continue
			}
			if c.Op == DiffEqual && strings.Contains(c.Text, "\n") && !strings.HasSuffix(c.Text, "\n") && i > 0 && hs[i-1].Fold && j == 0 {
				t.Errorf("hunk %d context before its change crosses a line break: %q", i, c.Text)
			}
		}
		// Context next to a fold is at most context characters.
		if first := h.Chunks[0]; first.Op == DiffEqual && i > 0 && hs[i-1].Fold {
			if n := uniseg.GraphemeClusterCount(first.Text); n > context {
				t.Errorf("hunk %d keeps %d characters of context before, want ≤ %d", i, n, context)
			}
		}
		if last := h.Chunks[len(h.Chunks)-1]; last.Op == DiffEqual && i+1 < len(hs) && hs[i+1].Fold {
			if n := uniseg.GraphemeClusterCount(last.Text); n > context {
				t.Errorf("hunk %d keeps %d characters of context after, want ≤ %d", i, n, context)
			}
		}
		o, n := diffOld(h.Chunks), diffNew(h.Chunks)
		oldLine += strings.Count(o, "\n")
		newLine += strings.Count(n, "\n")
	}
}

// reportText is a short meeting report in four paragraphs.
const reportText = "11月3日下午，信息工程学院在行政楼第二会议室召开秋季学期教学工作推进会，会议由院长李明远主持。\n" +
	"\n" +
	"教务办公室主任王晓岚通报了开学以来的教学运行情况。本学期共开设本科课程一百二十六门，其中新开课程九门，期中检查共听课二百一十余节次。\n" +
	"\n" +
	"各系主任分别汇报了本系课程建设和实验室安全检查情况，并就期末考试安排提出了意见和建议。\n" +
	"\n" +
	"李明远强调，教学工作是学院的中心工作，各系要把责任落实到人，确保各项任务圆满完成。\n"

func TestFoldDiff(t *testing.T) {
	old := reportText
	new := strings.Replace(old, "11月3日", "11月4日", 1)
	new = strings.Replace(new, "确保各项任务圆满完成", "确保本学期各项教学任务圆满完成", 1)
	chunks := Diff(old, new)
	const context = 8
	hs := FoldDiff(chunks, context)
	checkFold(t, old, new, context, hs)

	// Three entries: the date change with the text's start before it and 8
	// characters after; a fold of the middle (6 line breaks); the change in
	// the last paragraph with 8 characters before it and the rest of its
	// paragraph, which is shorter than the context, after it.
	if len(hs) != 3 || hs[0].Fold || !hs[1].Fold || hs[2].Fold {
		t.Fatalf("want hunk, fold, hunk; got %+v", hs)
	}
	want0 := []DiffChunk{{DiffEqual, "11月"}, {DiffDelete, "3"}, {DiffInsert, "4"}, {DiffEqual, "日下午，信息工程"}}
	if fmt.Sprint(hs[0].Chunks) != fmt.Sprint(want0) {
		t.Errorf("first hunk = %q, want %q", hs[0].Chunks, want0)
	}
	mid := hs[1]
	if mid.FoldedLines != 6 || mid.OldLine != 1 || mid.NewLine != 1 {
		t.Errorf("middle fold: %d lines from line %d/%d, want 6 from 1/1", mid.FoldedLines, mid.OldLine, mid.NewLine)
	}
	wantChars := uniseg.GraphemeClusterCount(old) - uniseg.GraphemeClusterCount(diffOld(hs[0].Chunks)) - uniseg.GraphemeClusterCount(diffOld(hs[2].Chunks))
	if mid.FoldedChars != wantChars {
		t.Errorf("middle fold counts %d characters, want %d", mid.FoldedChars, wantChars)
	}
	last := hs[2]
	if last.OldLine != 7 || last.NewLine != 7 {
		t.Errorf("last hunk at lines %d/%d, want 7/7", last.OldLine, last.NewLine)
	}
	if c := last.Chunks[0]; c.Op != DiffEqual || c.Text != "任落实到人，确保" {
		t.Errorf("context before the last change = %q, want 8 characters", c)
	}
	if c := last.Chunks[len(last.Chunks)-1]; c.Op != DiffEqual || c.Text != "任务圆满完成。\n" {
		t.Errorf("context after the last change = %q", c)
	}
	// Semantic cleanup turns the two insertions around "各项" into one
	// phrase: 3→4 and 各项→本学期各项教学.
	ins, del := DiffStats(chunks)
	if ins != 8 || del != 3 {
		t.Errorf("DiffStats = %d, %d; want 8, 3", ins, del)
	}
}

func TestFoldDiffParagraphs(t *testing.T) {
	// Two changes in neighbouring short paragraphs: the stretch between is
	// too short to fold but holds a line break, so each paragraph gets its
	// own hunk.
	old := "会议由院长主持。\n各系主任参加。\n"
	new := "会议由副院长主持。\n各系主任及教学秘书参加。\n"
	hs := FoldDiff(Diff(old, new), 20)
	checkFold(t, old, new, 20, hs)
	if len(hs) != 2 || hs[0].Fold || hs[1].Fold {
		t.Fatalf("want two hunks, got %+v", hs)
	}
	if diffNew(hs[0].Chunks) != "会议由副院长主持。\n" || diffNew(hs[1].Chunks) != "各系主任及教学秘书参加。\n" {
		t.Errorf("hunks not split by paragraph: %q | %q", hs[0].Chunks, hs[1].Chunks)
	}
	if hs[1].OldLine != 2 || hs[1].NewLine != 2 {
		t.Errorf("second hunk at lines %d/%d, want 2/2", hs[1].OldLine, hs[1].NewLine)
	}
}

func TestFoldDiffDeletedParagraph(t *testing.T) {
	old := reportText
	para := "各系主任分别汇报了本系课程建设和实验室安全检查情况，并就期末考试安排提出了意见和建议。\n\n"
	new := strings.Replace(old, para, "", 1)
	chunks := Diff(old, new)
	hs := FoldDiff(chunks, 10)
	checkFold(t, old, new, 10, hs)
	var hunks []DiffHunk
	for _, h := range hs {
		if !h.Fold {
			hunks = append(hunks, h)
		}
	}
	if len(hunks) != 1 {
		t.Fatalf("want one hunk, got %d: %+v", len(hunks), hs)
	}
	if _, del := DiffStats(hunks[0].Chunks); del != uniseg.GraphemeClusterCount(para) {
		t.Errorf("hunk deletes %d characters, want %d", del, uniseg.GraphemeClusterCount(para))
	}
	if hunks[0].OldLine != 5 {
		t.Errorf("hunk starts at old line %d, want 5", hunks[0].OldLine)
	}
}

func TestFoldDiffEdges(t *testing.T) {
	t.Run("no change", func(t *testing.T) {
		hs := FoldDiff(Diff(reportText, reportText), 5)
		checkFold(t, reportText, reportText, 5, hs)
		if len(hs) != 1 || !hs[0].Fold || hs[0].FoldedLines != 7 {
			t.Errorf("want one fold of 7 lines, got %+v", hs)
		}
	})
	t.Run("empty", func(t *testing.T) {
		if hs := FoldDiff(nil, 5); len(hs) != 0 {
			t.Errorf("FoldDiff(nil) = %+v", hs)
		}
	})
	t.Run("short stretches kept", func(t *testing.T) {
		old, new := "甲乙丙丁戊己庚辛", "甲乙X丙丁戊己Y庚辛"
		hs := FoldDiff(Diff(old, new), 5)
		checkFold(t, old, new, 5, hs)
		if len(hs) != 1 || hs[0].Fold {
			t.Errorf("want a single hunk, got %+v", hs)
		}
	})
	t.Run("zero context", func(t *testing.T) {
		old := "甲乙丙丁戊己庚辛"
		new := "甲乙丙X丁戊己庚辛"
		hs := FoldDiff(Diff(old, new), 0)
		checkFold(t, old, new, 0, hs)
		if len(hs) != 3 || !hs[0].Fold || hs[0].FoldedChars != 3 || hs[1].Fold || !hs[2].Fold || hs[2].FoldedChars != 5 {
			t.Errorf("got %+v", hs)
		}
	})
	t.Run("emoji context not split", func(t *testing.T) {
		old := "开幕式👨‍👩‍👧‍👦👍🏽现场气氛热烈，同学们纷纷鼓掌。"
		new := "开幕式👨‍👩‍👧‍👦👍🏽现场气氛十分热烈，同学们纷纷鼓掌。"
		for ctx := range 12 {
			hs := FoldDiff(Diff(old, new), ctx)
			checkFold(t, old, new, ctx, hs)
			for _, h := range hs {
				if h.Fold && !utf8.ValidString(h.Text) {
					t.Errorf("context %d: fold text invalid %q", ctx, h.Text)
				}
			}
		}
	})
}

func FuzzDiff(f *testing.F) {
	f.Add("11月3日下午开会", "11月4日下午开会", 3)
	f.Add("点赞👍", "点赞👍🏽", 1)
	f.Add("🇨🇳🇫🇷", "🇫🇷🇨🇳", 0)
	f.Add("a\r\nb", "a\nb\r\n", 2)
	f.Add("e\u0301〰️‼️ㄱ각\u302a", "\u0915\u094d\u0937 x\u0308", 4)
	f.Fuzz(func(t *testing.T, old, new string, context int) {
		if a, b := diffClusterCount(old), uniseg.GraphemeClusterCount(old); a != b {
			t.Fatalf("diffClusterCount(%q) = %d, uniseg says %d", old, a, b)
		}
		chunks := Diff(old, new)
		checkDiff(t, old, new, chunks)
		if context > 50 || context < 0 {
			context = 3
		}
		hs := FoldDiff(chunks, context)
		if foldOld(hs) != old || foldNew(hs) != new {
			t.Fatalf("fold does not reconstruct")
		}
	})
}

// benchTexts builds an article of about n characters and a revision of it
// with the given number of scattered edits (replacements, insertions and
// deletions of a phrase).
func benchTexts(n, edits int) (string, string) {
	sentences := []string{
		"信息工程学院召开秋季学期教学工作推进会，院长主持会议并讲话。",
		"教务办公室通报了开学以来的教学运行情况和期中教学检查结果。",
		"各系主任围绕课程建设、教材选用和实验室安全等议题作了交流发言。",
		"会议要求进一步加强课堂教学质量监控，完善三级听课制度。",
		"学生评教优良率保持在较高水平，部分课程仍需改进作业反馈。",
		"实验中心将在十二月中旬前完成全部设备的安全检查和台账更新。",
		"学院将组织青年教师参加教学能力比赛，以赛促教、以赛促学。",
		"期末考试命题、审题和试卷归档工作要严格执行学校有关规定。",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var paras []string
	total := 0
	for i := 0; total < n; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "（%d）", i+1)
		for range 4 + rng.IntN(4) {
			b.WriteString(sentences[rng.IntN(len(sentences))])
		}
		paras = append(paras, b.String())
		total += utf8.RuneCountInString(b.String()) + 2
	}
	old := strings.Join(paras, "\n\n")
	newParas := append([]string(nil), paras...)
	for e := range edits {
		i := (e*len(paras))/edits + rng.IntN(max(1, len(paras)/edits))
		i = min(i, len(paras)-1)
		p := []rune(newParas[i])
		at := 4 + rng.IntN(len(p)-10)
		switch e % 3 {
		case 0: // replace a phrase
			newParas[i] = string(p[:at]) + "进一步深化改革" + string(p[at+4:])
		case 1: // insert a sentence
			newParas[i] = string(p[:at]) + "这一做法得到了与会人员的一致认可。" + string(p[at:])
		case 2: // delete a phrase
			newParas[i] = string(p[:at]) + string(p[at+6:])
		}
	}
	return old, strings.Join(newParas, "\n\n")
}

func BenchmarkDiff20k(b *testing.B) {
	old, new := benchTexts(20000, 10)
	b.SetBytes(int64(len(old) + len(new)))
	b.ReportAllocs()
	for b.Loop() {
		Diff(old, new)
	}
}

func BenchmarkFoldDiff20k(b *testing.B) {
	old, new := benchTexts(20000, 10)
	chunks := Diff(old, new)
	b.ReportAllocs()
	for b.Loop() {
		FoldDiff(chunks, 20)
	}
}
