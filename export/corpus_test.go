package export

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"strings"
	"time"
	"unicode/utf8"
)

// The generator below writes made-up campus news in Chinese: its phrases
// were written for these tests and describe no real event.

var (
	orgs = []string{"校团委", "学生会", "图书馆", "后勤服务中心", "教务处", "机电工程学院", "信息工程学院",
		"艺术设计学院", "青年志愿者协会", "招生就业处", "体育部", "国际交流处", "心理健康教育中心", "校友会"}
	places = []string{"学术报告厅", "图书馆二楼多功能厅", "田径运动场", "大学生活动中心", "实训楼一楼大厅",
		"南区食堂门前广场", "行政楼第三会议室", "创新创业园", "美术馆展厅"}
	events = []string{"举办春季读书分享会", "开展校园环境整治行动", "召开年度工作推进会", "组织新生入学教育",
		"举行技能竞赛选拔赛", "开展防诈骗知识宣讲", "举办毕业生专场招聘会", "启动社区志愿服务月",
		"举行校园马拉松比赛", "开展实验室安全检查", "举办传统文化体验周", "召开学生代表座谈会"}
	details = []string{
		"活动吸引了来自各院系的三百余名师生参加，现场气氛热烈。",
		"主办方提前两周发布通知，并通过线上报名系统完成了分组。",
		"与会人员围绕人才培养、课程改革和实践教学等议题深入交流。",
		"志愿者们分成六个小组，分别负责签到、引导、秩序维护和后勤保障。",
		"不少同学表示，这样的活动既增长了见识，也拉近了彼此的距离。",
		"负责人介绍，今年的安排在往年基础上增加了互动环节和实践项目。",
		"现场还设置了咨询台，老师们耐心解答了同学们关心的问题。",
		"下一步，学校将总结经验，把好的做法固定下来，形成长效机制。",
		"参赛选手沉着应战，展示了扎实的专业功底和良好的精神面貌。",
		"各部门密切配合，确保了整个过程安全有序、圆满顺利。",
		"据统计，本学期已累计开展同类活动十二场，覆盖学生四千余人次。",
		"评委从创意、完成度和现场表现三个方面进行了综合打分。",
		"会上通报了上一阶段的工作情况，并对下一阶段任务作出部署。",
		"同学们纷纷拿出手机记录下难忘的瞬间，并在班级群里分享。",
	}
	headingTopics = []string{"提高认识，明确目标", "聚焦重点，精准发力", "加强协作，形成合力",
		"创新方式，提升实效", "强化保障，落实责任", "总结经验，持续改进"}
	numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
	names    = []string{"陈晓", "刘洋", "张敏", "王磊", "李娜", "赵强", "孙丽", "周杰", "吴婷", "郑浩", "黄静", "徐明"}
)

// genPNG makes a small real PNG whose pixels depend on seed.
func genPNG(seed int, w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.NRGBA{uint8(40 + x*180/w), uint8(80 + y*150/h), uint8(120 + seed*37%100), 255})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// newMedia builds a MediaFile the way the store does (id = first 16 hex
// digits of the SHA-256).
func newMedia(data []byte, name, caption, credit string) MediaFile {
	sum := sha256.Sum256(data)
	d := hex.EncodeToString(sum[:])
	return MediaFile{ID: d[:16], SHA256: d, Name: name, ContentType: "image/png", Caption: caption, Credit: credit, Data: data}
}

// genBody writes about chars characters of Markdown: a lead paragraph,
// numbered sections with headings, lists, a table now and then, and the
// given media references.
func genBody(r *rand.Rand, chars int, mediaIDs []string) string {
	var b countingBuilder
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	para := func() {
		n := 3 + r.IntN(4)
		for i := 0; i < n; i++ {
			b.WriteString(pick(details))
		}
		b.WriteString("\n\n")
	}
	fmt.Fprintf(&b, "%d月%d日，%s在%s%s。%s%s\n\n", 1+r.IntN(12), 1+r.IntN(28), pick(orgs), pick(places), pick(events), pick(details), pick(details))
	section := 0
	mi := 0
	for b.runes < chars {
		if section < len(numerals) && r.IntN(3) == 0 {
			fmt.Fprintf(&b, "## %s、%s\n\n", numerals[section], pick(headingTopics))
			section++
		}
		para()
		switch r.IntN(6) {
		case 0:
			for i := 0; i < 3+r.IntN(3); i++ {
				fmt.Fprintf(&b, "- %s负责%s；\n", pick(names), strings.TrimPrefix(pick(events), "举办"))
			}
			b.WriteString("\n")
		case 1:
			for i := 1; i <= 3; i++ {
				fmt.Fprintf(&b, "%d. %s\n", i, pick(details))
			}
			b.WriteString("\n")
		case 2:
			b.WriteString("| 项目 | 负责人 | 人数 |\n|---|---|---|\n")
			for i := 0; i < 3; i++ {
				fmt.Fprintf(&b, "| %s | %s | %d |\n", pick(events), pick(names), 10+r.IntN(200))
			}
			b.WriteString("\n")
		case 3:
			fmt.Fprintf(&b, "> %s**%s**%s\n\n", pick(details), pick(headingTopics), pick(details))
		}
		if mi < len(mediaIDs) && r.IntN(4) == 0 {
			fmt.Fprintf(&b, "![%s现场](media:%s)\n\n", pick(events), mediaIDs[mi])
			mi++
		}
	}
	for ; mi < len(mediaIDs); mi++ {
		fmt.Fprintf(&b, "![活动现场](media:%s)\n\n", mediaIDs[mi])
	}
	return b.String()
}

// countingBuilder counts the runes written to it.
type countingBuilder struct {
	strings.Builder
	runes int
}

func (c *countingBuilder) Write(p []byte) (int, error) {
	c.runes += utf8.RuneCount(p)
	return c.Builder.Write(p)
}

func (c *countingBuilder) WriteString(s string) (int, error) {
	c.runes += utf8.RuneCountInString(s)
	return c.Builder.WriteString(s)
}

// baseTime is the sign-off time of article 1 in generated corpora.
var baseTime = time.Date(2025, 3, 1, 9, 30, 0, 0, cst)

// genArticle makes article id with a body of about chars characters.
func genArticle(id uint64, chars int, mediaIDs []string) Article {
	r := rand.New(rand.NewPCG(id, 42))
	pick := func(s []string) string { return s[r.IntN(len(s))] }
	signed := baseTime.Add(time.Duration(id) * 7 * time.Hour)
	a := Article{
		ID:            id,
		Kind:          "news",
		Title:         fmt.Sprintf("%s%s（第%d期）", pick(orgs), pick(events), id),
		Source:        pick(orgs),
		Authors:       []string{pick(names)},
		Photographers: []string{pick(names)},
		Publisher:     "新闻中心",
		Body:          genBody(r, chars, mediaIDs),
		Rev:           1,
		SignedAt:      signed,
		PublishedAt:   signed.Add(10 * time.Minute),
		UpdatedAt:     signed,
	}
	if id%5 == 0 {
		a.Kind = "meeting"
		a.Meeting = &Meeting{Name: "学生工作例会", Date: signed.Format("2006-01-02"), Place: pick(places), Chair: pick(names), Attendees: []string{pick(names), pick(names)}}
	}
	rehash(&a, signed)
	return a
}

// rehash sets the content hash and the approvals for the article's
// current content, as a sign-off at t would.
func rehash(a *Article, t time.Time) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%q\x00%q\x00%s", a.Title, a.Subtitle, a.Source, a.Authors, a.Photographers, a.Body)
	a.ContentHash = "sha256:" + hex.EncodeToString(h.Sum(nil))
	seq := a.ID*10 + uint64(a.Rev)*2
	a.Approvals = []Approval{
		{Stage: "审核", Role: RoleReviewer, Login: "liyin", Display: "李音", Rev: a.Rev, ContentHash: a.ContentHash, Opinion: "同意发布。", At: t.Add(-time.Hour), AuditSeq: seq},
		{Stage: "主编签发", Role: RoleChief, Login: "zhoujian", Display: "周健", Rev: a.Rev, ContentHash: a.ContentHash, Opinion: "签发。", At: t, AuditSeq: seq + 1},
	}
}

// memSource is an in-memory Source.
type memSource struct {
	arts  []Article
	media map[string]MediaFile
	// failArticles, when set, is returned by Articles.
	failArticles error
	// failMediaAfter > 0 makes the n-th Media call (and later ones) fail.
	failMediaAfter int
	mediaCalls     int
}

func (s *memSource) Articles() ([]Article, error) {
	if s.failArticles != nil {
		return nil, s.failArticles
	}
	out := make([]Article, len(s.arts))
	copy(out, s.arts)
	return out, nil
}

func (s *memSource) Media(id string) (MediaFile, error) {
	s.mediaCalls++
	if s.failMediaAfter > 0 && s.mediaCalls >= s.failMediaAfter {
		return MediaFile{}, fmt.Errorf("disk read error (simulated)")
	}
	m, ok := s.media[id]
	if !ok {
		return MediaFile{}, fmt.Errorf("media %s: %w", id, errNotExist)
	}
	return m, nil
}

// genSource makes n articles of about chars characters; every third
// article has imgs photos (shared pool of distinct PNGs).
func genSource(n, chars, imgs int) *memSource {
	src := &memSource{media: map[string]MediaFile{}}
	var pool []string
	for i := 0; i < 8; i++ {
		m := newMedia(genPNG(i*9, 96, 64), fmt.Sprintf("photo%d.png", i), "", names[i%len(names)])
		src.media[m.ID] = m
		pool = append(pool, m.ID)
	}
	for id := uint64(1); id <= uint64(n); id++ {
		var ids []string
		if id%3 == 0 {
			for k := 0; k < imgs; k++ {
				ids = append(ids, pool[(int(id)+k)%len(pool)])
			}
		}
		src.arts = append(src.arts, genArticle(id, chars, ids))
	}
	return src
}
