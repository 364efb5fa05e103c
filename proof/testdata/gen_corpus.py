#!/usr/bin/env python3
"""Generate the clean and seeded-error corpora for proof's tests.

Writes clean.txt (200 paragraphs of edited news text, blank-line separated),
seeded.txt (the same paragraphs with one seeded error each) and seeded.tsv
(paragraph, rule, byte start, byte end, error text, what was done).
The sentences are written for this project; the generator only combines
and fills them. Deterministic: python3 gen_corpus.py (seed fixed).
"""
import random, os

rng = random.Random(20261130)
here = os.path.dirname(os.path.abspath(__file__))

ORG = ["嘉禾职业技术学院"]
DEPT = ["党委宣传部", "教务处", "学生工作部", "校团委", "图书馆", "继续教育学院", "科研处", "后勤服务中心", "招生就业处", "国际交流处"]
PLACE = ["学术报告厅", "行政楼第一会议室", "体育馆", "图书馆报告厅", "大学生活动中心", "实训楼三楼会议室"]
TOPIC = ["课程思政建设", "实验室安全", "毕业生就业", "乡村振兴", "志愿服务", "校园文化建设", "产教融合", "专业群建设", "教材建设", "心理健康教育"]
ACT = ["技能大赛", "暑期社会实践", "志愿服务活动", "创新创业训练", "读书月活动", "社区义诊"]
BOOK = ["乡土中国", "平凡的世界", "红岩", "觉醒年代", "谁是最可爱的人", "论语"]
STU = ["王一鸣", "李思源", "赵晓雯", "孙浩然", "吴佳琪", "郑子涵", "钱梦瑶", "冯俊杰"]
LEAD = [("党委书记", "林宏远"), ("校长", "周敏"), ("副校长", "陈立")]

def date():
    return f"{rng.randint(1,12)}月{rng.randint(1,28)}日"

def num(a, b):
    return str(rng.randint(a, b))

def pick(xs):
    return rng.choice(xs)

S = [
 lambda: f"{date()}，{pick(ORG)}在{pick(PLACE)}召开{pick(TOPIC)}工作推进会。",
 lambda: "{0}{1}主持会议并讲话，{2}负责人及各二级学院院长参加会议。".format(*pick(LEAD), pick(DEPT)),
 lambda: f"会议指出，要把{pick(TOPIC)}作为当前及今后一个时期的重要任务，切实抓紧抓实。",
 lambda: f"据统计，20{num(19,25)}年全校共有{num(120,3000)}名学生参加{pick(ACT)}，比上年增长{num(3,30)}.{num(1,9)}%。",
 lambda: "活动期间，志愿者们常常利用课余时间走进社区，为老人讲解防诈骗知识。",
 lambda: f"“我们要把论文写在大地上，”{pick(STU)}说，“让科研成果真正服务地方发展。”",
 lambda: f"此次讲座由{pick(DEPT)}主办，主讲人结合《{pick(BOOK)}》一书，讲述了{pick(TOPIC)}的来龙去脉。",
 lambda: f"比赛于上午9:00开始，历时3.5小时，共决出一等奖{num(3,12)}项、二等奖{num(10,30)}项。",
 lambda: "报名详情可登录学校官网https://www.example.edu.cn/notice/2026查询，或发送邮件至office@example.edu.cn咨询。",
 lambda: "与会人员一致认为，要坚持问题导向——哪里有短板，就在哪里下功夫。",
 lambda: "老师们说，这样的课程让人“坐得住、听得进、记得牢”，学生们也高高兴兴地参与其中。",
 lambda: "近年来，学院先后获评“全国文明校园”“省级平安校园”等荣誉称号。",
 lambda: "他表示，将以此次培训为契机，进一步提升业务能力，为学校高质量发展贡献力量。",
 lambda: f"据了解，该项目总投资{num(300,9000)}万元，建筑面积约{num(2000,30000)}平方米，预计20{num(26,28)}年{num(1,12)}月投入使用。",
 lambda: f"本次运动会共设田径、游泳、篮球等{num(12,40)}个项目，来自{num(8,15)}个二级学院的运动员参加比赛。",
 lambda: f"会上，{pick(STU)}宣读了《关于表彰20{num(20,25)}年度先进集体和先进个人的决定》。",
 lambda: "座谈会上，学生代表结合自身经历，谈了对“大思政课”的认识和体会。",
 lambda: "人工智能、Python编程等新内容走进课堂，学生们纷纷表示收获很大。",
 lambda: f"图书馆今年新增电子图书{num(2,30)}万册，读者可通过手机随时随地借阅。",
 lambda: "下一步，学校将继续深化产教融合，推动人才培养与产业需求紧密对接。",
 lambda: "会议要求，各单位要压实责任、细化措施，确保各项工作落到实处。",
 lambda: "活动现场气氛热烈，掌声、欢呼声此起彼伏……",
 lambda: "党委书记林宏远、校长周敏、副校长陈立出席开幕式。",
 lambda: f"据介绍，学校现有全日制在校生{num(6000,15000)}人，专任教师{num(400,900)}人，其中具有高级职称的{num(100,300)}人。",
 lambda: "实验室安全无小事。学校定期组织安全检查，发现问题立即整改，做到隐患“零容忍”。",
 lambda: f"{date()}下午，“青春心向党·建功新时代”主题演讲比赛在{pick(PLACE)}举行。",
 lambda: f"本次展览持续至{date()}，开放时间为每天8:30—17:00。",
 lambda: "他动情地说：“这里是我梦想起航的地方，我会常回来看看。”",
 lambda: "比赛设置了必答题、抢答题和风险题三个环节，既考知识储备，又考临场应变。",
 lambda: f"培训采取专题讲座、现场教学、分组研讨相结合的方式进行，为期{num(3,7)}天。",
 lambda: f"这是学校连续第{num(2,9)}年获此殊荣。",
 lambda: f"20{num(21,25)}年，学校毕业生就业率达9{num(1,8)}.{num(1,9)}%，位居全省同类院校前列。",
 lambda: "代表们认真审议了工作报告，对学校过去一年的工作给予充分肯定。",
 lambda: "讲座结束后，同学们纷纷围住主讲人，就论文选题、研究方法等问题进行请教。",
 lambda: "随后，与会人员参观了智能制造实训中心和新能源汽车实训室。",
 lambda: f"{pick(STU)}在第十八届“挑战杯”全国大学生课外学术科技作品竞赛中获得一等奖。",
 lambda: "学校将持续开展“我为群众办实事”实践活动，着力解决师生急难愁盼问题。",
 lambda: "会议强调，要深入学习习近平新时代中国特色社会主义思想，把社会主义核心价值观融入人才培养全过程。",
 lambda: "校训“Knowledge, Integrity, Service”镌刻在图书馆正门上方。",
 lambda: "课上，学生们用`print(\"你好,世界\")`写下了第一行代码。",
 lambda: f"中共浙江省委教育工委调研组一行{num(5,9)}人来校调研，副校长陈立陪同。",
 lambda: "学院院长、中国国际贸易学会理事在报告中介绍了共同富裕示范区建设的新进展。",
 lambda: "大家的的确确感受到了变化：食堂菜品更丰富了，宿舍热水更稳定了。",
 lambda: f"第2—3节课后，{pick(STU)}和同学们来到操场，参加“阳光长跑”打卡活动。",
 lambda: "“他说‘只要肯干，就没有过不去的坎’，这句话我一直记着。”一名学生回忆道。",
 lambda: "（一）坚持立德树人；（二）坚持服务发展；（三）坚持改革创新。",
 lambda: "校长周敏在讲话中勉励毕业生：“愿你们心中有光，脚下有路。”",
 lambda: "项目组先后走访企业23家，形成调研报告1份、政策建议4条。",
]

def paragraph():
    k = rng.randint(2, 4)
    idx = rng.sample(range(len(S)), k)
    return "".join(S[i]() for i in idx)

paras, seen = [], set()
while len(paras) < 200:
    p = paragraph()
    if p not in seen:
        seen.add(p); paras.append(p)

TRAD = {"学": "學", "会": "會", "发": "發", "时": "時", "实": "實", "国": "國", "长": "長", "们": "們"}

def find_han_pair(p):
    pos = [i for i in range(1, len(p)) if '\u4e00' <= p[i-1] <= '\u9fff' and '\u4e00' <= p[i] <= '\u9fff']
    return pick(pos) if pos else None

# injectors: (rule, function(p) -> (new_p, start_char, end_char, note) or None)
def inj_comma(p):
    cs = [i for i, c in enumerate(p) if c == '，' and '\u4e00' <= p[i-1] <= '\u9fff']
    if not cs: return None
    i = pick(cs); return p[:i] + ',' + p[i+1:], i, i+1, "，→,"
def inj_period(p):
    cs = [i for i, c in enumerate(p) if c == '。' and '\u4e00' <= p[i-1] <= '\u9fff']
    if not cs: return None
    i = pick(cs); return p[:i] + '.' + p[i+1:], i, i+1, "。→."
def inj_colon(p):
    cs = [i for i, c in enumerate(p) if c == '：']
    if not cs: return None
    i = pick(cs); return p[:i] + ':' + p[i+1:], i, i+1, "：→:"
def inj_paren(p):
    i = p.find("（")
    if i < 0: return None
    j = p.find("）", i)
    return p[:i] + '(' + p[i+1:j] + ')' + p[j+1:], i, j+1, "（）→()"
def inj_fullwidth(p):
    import re
    m = list(re.finditer(r"\d{2,}", p))
    m = [x for x in m if "http" not in p[max(0, x.start()-40):x.start()] and "print" not in p[max(0,x.start()-20):x.start()]]
    if not m: return None
    x = pick(m); s = "".join(chr(ord(c) + 0xFEE0) for c in x.group())
    return p[:x.start()] + s + p[x.end():], x.start(), x.end(), "数字→全角"
def inj_unclosed(p):
    cs = [i for i, c in enumerate(p) if c == '”']
    if not cs: return None
    i = pick(cs); j = p.rfind('“', 0, i)
    return p[:i] + p[i+1:], j, j+1, "删去”"
def inj_ellipsis(p):
    i = p.find("……")
    if i < 0: return None
    return p[:i] + "..." + p[i+2:], i, i+3, "……→..."
def inj_dash(p):
    i = p.find("——")
    if i < 0: return None
    return p[:i] + "--" + p[i+2:], i, i+2, "——→--"
def inj_enum(p):
    i = p.find("”“")
    if i < 0: return None
    return p[:i+1] + "、" + p[i+1:], i+1, i+2, "”“→”、“"
def inj_doubled_mark(p):
    cs = [i for i, c in enumerate(p) if c == '，' and '\u4e00' <= p[i-1] <= '\u9fff']
    if not cs: return None
    i = pick(cs); return p[:i] + '，，' + p[i+1:], i, i+2, "，→，，"
def inj_space(p):
    i = find_han_pair(p)
    if i is None: return None
    return p[:i] + ' ' + p[i:], i, i+1, "汉字间加空格"
def inj_trailing(p):
    return p + "  ", len(p), len(p)+2, "行尾加空格"
def inj_de(p):
    cs = [i for i, c in enumerate(p) if c == '的' and p[i+1] != '的' and p[i-1] != '的']
    if not cs: return None
    i = pick(cs); return p[:i] + '的的' + p[i+1:], i, i+2, "的→的的"
def inj_year(p):
    import re
    m = list(re.finditer(r"20(\d\d)年(?=\d)", p))
    if not m: return None
    x = pick(m); return p[:x.start()] + x.group()[2:] + p[x.end():], x.start(), x.start()+3, "20XX年→XX年"
def inj_trad(p):
    cs = [i for i, c in enumerate(p) if c in TRAD and not (p.rfind("`", 0, i) >= 0 and p.find("`", i) >= 0)]
    if not cs: return None
    i = pick(cs); return p[:i] + TRAD[p[i]] + p[i+1:], i, i+1, p[i] + "→" + TRAD[p[i]]
def inj_near(p):
    for phrase, wrong in [("嘉禾职业技术学院", "嘉禾职业技木学院"), ("共同富裕示范区", "共同富裕示范去"), ("社会主义核心价值观", "社会主义核心价值关"), ("习近平新时代中国特色社会主义思想", "习近平新时代中国特色社会注义思想")]:
        i = p.find(phrase)
        if i >= 0:
            return p[:i] + wrong + p[i+len(phrase):], i, i+len(wrong), phrase + "→" + wrong
    return None
def inj_title(p):
    for right, wrong in [("副校长陈立", "校长陈立"), ("校长周敏", "副校长周敏"), ("党委书记林宏远", "校长林宏远")]:
        i = p.find(right)
        if i >= 0 and (i == 0 or p[i-1] != '副'):
            t = wrong[:-len(right.split("校长")[-1]) if "校长" in right else -3]
            name = right[-2:] if right.endswith(("陈立", "周敏")) else right[-3:]
            title = wrong[:len(wrong)-len(name)]
            return p[:i] + wrong + p[i+len(right):], i, i+len(title), right + "→" + wrong
    return None
def inj_rank(p):
    s = "林宏远、校长周敏"
    i = p.find("党委书记林宏远、校长周敏、副校长陈立出席")
    if i < 0: return None
    new = "校长周敏、党委书记林宏远、副校长陈立出席"
    j = i + new.find("林宏远")
    return p[:i] + new + p[i+len(new):], j, j+3, "出席名单顺序颠倒"
def inj_banned(p):
    i = p.find("中共浙江省委")
    if i < 0: return None
    return p[:i] + "中共浙江省省委" + p[i+6:], i, i+7, "中共浙江省委→中共浙江省省委"

INJ = [("P1", inj_comma), ("P1", inj_period), ("P1", inj_colon), ("P1", inj_paren), ("P2", inj_fullwidth),
       ("P3", inj_unclosed), ("P4", inj_ellipsis), ("P5", inj_dash), ("P6", inj_enum), ("P7", inj_doubled_mark),
       ("P8", inj_space), ("P8-trailing", inj_trailing), ("P9", inj_de), ("P11", inj_year), ("P18", inj_trad),
       ("P15", inj_near), ("P14", inj_title), ("P14-order", inj_rank), ("P16", inj_banned)]

seeded, rows, used = [], [], {}
for n, p in enumerate(paras):
    # the least used rule that applies to this paragraph, so every rule is seeded
    order = sorted(range(len(INJ)), key=lambda k: (used.get(INJ[k][0], 0), (k - n) % len(INJ)))
    for k in order:
        rule, f = INJ[k]
        r = f(p)
        if r is None: continue
        q, a, b, note = r
        ba, bb = len(q[:a].encode()), len(q[:b].encode())
        used[rule] = used.get(rule, 0) + 1
        seeded.append(q); rows.append(f"{n}\t{rule}\t{ba}\t{bb}\t{q[a:b]}\t{note}")
        break

with open(os.path.join(here, "clean.txt"), "w") as f: f.write("\n\n".join(paras) + "\n")
with open(os.path.join(here, "seeded.txt"), "w") as f: f.write("\n\n".join(seeded) + "\n")
with open(os.path.join(here, "seeded.tsv"), "w") as f:
    f.write("# paragraph\trule\tbyte start\tbyte end\ttext\twhat was seeded\n" + "\n".join(rows) + "\n")
