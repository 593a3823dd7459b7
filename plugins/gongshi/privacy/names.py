"""Names of natural persons in text: the record's own persons, the registry of every natural
person in every feed, and names introduced by a role cue (证人李四, 其妻王某芳, 员工欧阳明).

Names are compared in a normal form (NFKC, no whitespace inside, every middle dot as ·), so
禤　翀 is 禤翀 and 阿依古丽•买买提 is 阿依古丽·买买提. Officials acting in office (the officers
feed) are public and never masked.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import ahocorasick

COMPOUND_SURNAMES = frozenset("""
欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 澹台 公冶 太史 申屠 端木
西门 南宫 独孤 万俟 闻人 赫连 呼延 濮阳 百里 东郭 第五 左丘 梁丘 拓跋 司空 锺离 呼延 完颜 达奚 段干
鲜于 淳于 单于 公羊 乐正 仲孙 叔孙 微生 羊舌 子车 颛孙 亓官 司寇 巫马 公西 漆雕 壤驷 公良 夹谷 宰父 谷梁
南门 归海 东门 商牟
""".split())
# Single surnames: the common ones of the 百家姓 and of today's population registers. Characters
# that are surnames but far more often words in 决定书 text (于, 向, 和, 及 …) are left to the
# registry: a cue followed by them is usually a sentence, not a name.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任"
    "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴"
    "莫孔汤易常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻"
    "位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦"
    "戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但"
    "尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由禤"
    "傅萧阎于赖黎麦鄂岳郝樊钮涂缪韶蔚蓬萨汝琚续糜苍禄胥蒯宓郇奚充笪靖甫滑隗雷郦庹翦尤乜靳巫门"
    "訾逄仉綦谯郏汲邴郗钭蓟璩缑郈佴厍殳夔庾暨莘竺桓眭郄弘寿"
)
# Characters that do not begin a given name after a cue: "证人在场", "其妻未到", "员工宿舍" …
_NOT_GIVEN_START = frozenset("某其在于的是未已对将被向从以为所该本此等及和与并也均都曾又经因由自到把给让使称说表不没无有现当"
                             "证称述及处位人员店舍里内外上下中前后时")
# Characters that end a name (the next word starts): a two-character given name is read only
# when its second character is none of these.
_WORDS_AFTER_NAME = frozenset("名下 本人 家中 现场 店内 作为 一起 一同 签字 所述 确认 承认 陈述 名义".split())
_STOP_AFTER = frozenset("称说讲证在于的等和与及驾向对将因被把已未曾是系到拒不也都均亦又再所自从经签确承表反提告指介"
                        "携带陪同当共每这那无有没时后前处家、，。；：！？（）(),.;:!?“”\"' 某")
# What ends a transliterated name (whose characters may be any: 阿不都, 努尔): a few function words.
_MINORITY_STOP = frozenset("的等未在称于和与及是系均已将被向从对为无没现正因经曾涉擅私拒承负")
DISAMBIGUATORS = "甲乙丙丁戊己庚辛壬癸"
_DOTS = "·•・‧･.∙⋅"
_HAN = "\u4e00-\u9fff\u3400-\u4dbf"
_ODD_SPELLING = re.compile(f"[{_HAN}][\\s\u3000]+[{_HAN}]|[{_HAN}]\\.[{_HAN}]|[•・‧･∙⋅]")

# Verbs and prepositions that bring a person in (交由杜满仓, 租赁给邹建军, 告知段春燕, 伙同晏荣华): role
# cues too, but a common word after them is a thing, not a name (checked against the lexicon).
_NAME_STARTS = frozenset(SURNAMES | {s[0] for s in COMPOUND_SURNAMES})
VERB_CUES = frozenset((
    "由", "交由", "交给", "转交", "给", "向", "伙同", "经询问", "询问了", "告知", "通知", "约谈", "委托", "雇请", "雇用", "聘用", "聘请",
    "租赁给", "转租给", "转让给", "出租给", "租给", "卖给", "售给", "出售给", "销售给", "借给", "提供给", "转包给",
    "分包给", "承包给", "找到", "联系到", "找来", "叫来", "介绍给", "购自", "购买自", "交付给",
    "雇佣", "雇用", "通过", "从", "误将", "误把", "将其转交",
))

ROLE_CUES = (
    "证人", "证明人", "见证人", "其妻", "其夫", "妻子", "丈夫", "爱人", "配偶", "其子", "其女", "儿子", "女儿", "之子", "之女",
    "其父", "其母", "父亲", "母亲", "监护人", "法定代理人", "委托代理人", "代理人", "员工", "店员", "职工", "雇员", "驾驶员",
    "司机", "收银员", "营业员", "服务员", "厨师", "保安", "会计", "出纳", "店长", "现场负责人", "投诉人", "举报人", "报案人",
    "受害人", "被害人", "消费者", "顾客", "租户", "承租人", "出租人", "房东", "业主", "户主", "村民", "患者", "学生",
    "经营者", "实际经营者", "实际控制人", "合伙人", "股东", "联系人", "主管", "技术员", "操作工", "电工", "焊工", "工人",
    "作业人员", "销售员", "采购员", "仓管员", "快递员", "外卖员", "邻居", "亲属", "同事", "其兄", "其弟", "其姐", "其妹",
    "哥哥", "弟弟", "姐姐", "妹妹", "侄子", "外甥", "孙子", "孙女", "儿媳", "女婿", "岳父", "岳母", "被监护人", "未成年人",
    "当事人之", "经营户", "摊主", "个体户", "个体工商户", "申请人", "被申请人", "被检查人", "负责人",
    "学徒", "雇工", "帮工", "从业人员", "安全员", "管理员", "仓管", "厨工", "帮厨", "配送员", "营业人员", "店主",
    "承包人", "施工人员", "协管员", "业务员", "导购", "领班", "保洁员", "车主", "户籍人", "签收人",
    "之妻", "之夫", "之父", "之母", "学员", "经营人", "实际经营人", "送货员", "担保人", "配菜员", "收货人", "送货人",
    "委托人", "受托人", "介绍人", "转让人", "受让人", "借款人", "出借人", "购买人", "持有人", "使用人", "所有人",
    "之兄", "之弟", "之姐", "之妹", "被询问人", "询问对象", "雇佣的", "聘用的", "经询问，", "经询问,", "据",
    "经办人", "具体经办人", "家属", "亲友", "朋友", "同学", "利害关系人", "旁听人员", "第三人", "保管员", "户主", "监护人", "法定监护人",
    "租客", "骑手", "保姆", "护工", "前台", "技师", "教练", "乘客", "表哥", "表姐", "表弟", "表妹", "货主", "翻译",
    "网管", "导游", "另有", "在场人", "姓名",
    "洗碗工", "装卸工", "搬运工", "美容师", "调酒师", "按摩师", "理发师", "外卖骑手", "快递小哥",
    # kinship, every degree a 决定书 names (其胞弟蒙茂林, 其侄女王嘉怡, 其外甥女邵婉清)
    "胞弟", "胞兄", "胞姐", "胞妹", "堂弟", "堂兄", "堂姐", "堂妹", "表叔", "表姨", "表舅", "表姑", "表嫂", "侄女", "外甥女",
    "外孙", "外孙女", "舅舅", "舅妈", "姑姑", "姑父", "姨妈", "姨父", "叔叔", "婶婶", "伯父", "伯母", "嫂子", "弟媳",
    "姐夫", "妹夫", "公公", "婆婆", "养子", "养女", "继子", "继女", "前妻", "前夫", "未婚妻", "未婚夫", "男友", "女友",
    "同居人", "亲戚", "老乡", "战友", "师傅", "徒弟", "堂侄", "侄孙", "孙媳",
    "药师", "执业药师", "医师", "医生", "护士", "律师", "教师", "老师", "工程师", "会计师", "设计师", "兽医",
    # other persons of a case
    "违法人", "共同违法人", "行为人", "涉案人", "涉事人", "嫌疑人", "关系人", "当事人以外的", "购买者", "购货人", "付款人",
    "收款人", "缴款人", "求助人", "来访人", "反映人", "知情人", "目击者", "值班人员", "值守人员", "代班人员", "看店人员",
    "临时工", "钟点工", "零工", "小工", "机修工", "维修工", "清洁工", "保洁", "护林员", "中介", "经纪人",
    *VERB_CUES,
    # any word ending in 员 (仓库保管员苏丹丹); officials are told by the words before it. (Not 工,
    # 师 or 客: 工程施工, 客车运送 would read as names.)
    "员",
)
# Words that follow a person's name far more often than anything else's (周立新称…, 吴秀兰承认…,
# 韦建国、覃丽萍等3人…): a name standing bare before one of them, where a sentence or a clause
# begins (bare_name_before), is a person's although no role word introduces it.
PERSON_PREDICATES = (
    "称", "说", "讲", "表示", "承认", "陈述", "供述", "供认", "供称", "辩称", "自称", "声称", "报称", "反映",
    # (not 证实 alone: every 决定书 ends "…等证据证实")
    "证实了", "证实其", "证实当事人", "证实，", "证实：", "证实:",
    "签字", "签名", "签收", "捺印", "确认", "在场", "到场", "未到场", "拒绝", "拒不", "拒签", "自述", "交代", "介绍",
    "回忆", "坦言", "坦承", "承诺", "当场", "本人", "名下", "家中", "夫妇", "夫妻", "二人", "两人", "三人", "等人",
    *(f"等{n}{unit}" for n in (*"23456789", *"二两三四五六七八九十") for unit in "人名"),
    "均称", "均表示", "均承认", "的妻子", "的丈夫", "的儿子", "的女儿", "的父亲", "的母亲", "之妻", "之夫", "之子", "之女",
    "身份证", "的身份证", "手机号", "的手机", "的银行", "的账户", "的微信", "的证言", "证言", "的陈述",
    "的询问笔录", "的笔录", "所述", "所说", "系该", "系当事人", "系其", "为当事人", "是当事人", "实际经营", "经营的",
    "负责经营", "驾驶", "投诉", "举报", "报案", "来电", "出具", "患有", "因病", "受伤", "未能", "无法", "同意", "不服",
    "擅自", "私自", "自行", "明知", "负责", "伙同", "作为", "提交", "提供", "出示", "缴清", "签署", "返回", "请假", "值守",
    "接单", "均自称", "均系", "多次", "长期", "一直", "另案处理", "本人签名", "签字确认", "现场签字", "供认",
    "与当事人", "与其", "一人", "处购得", "处购买", "处租赁", "介绍",
    # before a date only (朱红波于2025年3月起…, 江建军已于2023年): the year's first digit is part of the word
    *(f"{word}{space}{digit}" for word in ("于", "已于") for space in ("", " ") for digit in "12〇零一二"),
)
_DATED_PREDICATES = ("于", "已于")
_DATE_AFTER = re.compile(r"\s?(?:[12][0-9]{3}|[〇零一二][〇零一二三四五六七八九]{3})\s?(?:年|[-./／])")
# What stands right before a bare name: the start of a clause, or a word that introduces a person
# (据, 由, 与 …, 经查, 询问, or the end of a role word: 工人张三称).
_BARE_LEFT_CHARS = frozenset("，。；：、！？（）()“”\"'「」《》 \t\n\r\u3000,.;:!?\0"
                             "据由与和及跟同向对让叫请但并且另即又而将把被给令有的中时" "人员者主户工师长生妻夫子女父母兄弟姐妹")
_BARE_LEFT_WORDS = ("经查", "查明", "核实", "询问", "其中", "随后", "同时", "以及", "后经", "另查", "经核")
# Characters a given name does not hold (…员, …局, …的): a candidate with one is a word.
_NOT_IN_GIVEN_NAME = frozenset("的了是在有人员者们方面部门处所局店厂场队组会社司公区县市省镇乡村路街号室楼等及和与或被把将对向"
                               "从以为由于中上下内外前后里间时年月日个件次种类项条款元角分万亿百千第各该本此其这那哪每些都均也"
                               "还又再就才只很更最太非无不没未别莫勿请让使令叫称说讲已曾正将要能会可应需须得")

# After a cue, one more word saying what the person is (从业人员收银员傅建军, 当事人雇佣的驾驶员萧勇).
_SECOND_ROLE = re.compile(r"(?:[\u4e00-\u9fff]{0,3}?(?:员|工|师|人|长|主|徒|生|管)|雇佣的|聘用的|聘请的)")
# A role said after the name, in brackets: 段嘉怡（系当事人雇佣的厨师）, 高伟（当事人之妻）, 麦健（自然人）.
_ROLE_AFTER = re.compile(r"[（(](?:(?:均?系|为|是|即)?[^（）()，。；]{0,10}?(?:" + "|".join(
    sorted(map(re.escape, (*(c for c in ROLE_CUES if c not in VERB_CUES), "自然人", "之妻", "之夫", "之子", "之女", "之父",
                          "之母", "妻子", "丈夫", "员工", "投诉人", "举报人", "证人", "雇佣", "雇请", "朋友", "家属", "亲属")),
           key=len, reverse=True)) + r")[^（）()]{0,8}"
    r"|(?:(?:男|女)[，,、 ]|另案处理|身份证|公民身份号码|曾用名|[0-9]{1,3}岁)[^（）()]{0,40}?)[）)]")
_PLACE_AFTER = re.compile(r"(?:城市|市|省|区|县|镇|乡|村|街道|路)")
_CONNECTOR = re.compile(r"(?:[:：]|应为|为|是|系|即|名叫|叫)?\s?[“\"「]?")
_MINORITY_RE = re.compile(f"[{_HAN}]{{2,7}}·[{_HAN}]{{1,8}}(?:·[{_HAN}]{{1,8}})?")
_OFFICIAL_BEFORE = re.compile(r"(执法|我局|本局|该局|我委|本机关|检查|办案|监督|执法人|检查人|办案人|监督人|执法队|稽查|公务)$")


_PLAIN_NAME = re.compile(f"[{_HAN}]*")


_WHITESPACE = re.compile(r"\s+")
_DOT_TABLE = str.maketrans({c: "·" for c in _DOTS})


def _read_lexicon() -> tuple[dict[str, tuple[int, str]], dict[int, str]]:
    here = Path(__file__).with_name("data")
    words = {}
    for line in (here / "words.tsv").read_text(encoding="utf-8").splitlines():
        word, freq, tag = line.split("\t")
        words[word] = (int(freq), tag)
    t2s = {}
    for line in (here / "t2s.tsv").read_text(encoding="utf-8").splitlines():
        traditional, simple = line.split("\t")
        t2s[ord(traditional)] = simple
    return words, t2s


# Common words (data/words.tsv, from jieba's dictionary) and traditional characters (data/t2s.tsv).
_WORDS, T2S = _read_lexicon()
TRADITIONAL = re.compile("[" + "".join(map(chr, sorted(T2S))) + "]")


def common_word(word: str) -> bool:
    """Whether `word` is a common word rather than a name: 公司, 安全, 高峰 (a word far more
    often than a name), but not 李强 or 汪洋, which the dictionary knows as names."""
    entry = _WORDS.get(word)
    return entry is not None and (not entry[1].startswith("nr") or entry[0] >= 1000)


def inside_words(text: str, start: int, end: int) -> bool:
    """Whether the two-character name at text[start:end] is read across two words, each common
    (the party 高明 in 提高明显: 提高 + 明显), and so is no mention of the person."""
    if end - start != 2 or start == 0 or end >= len(text):
        return False
    before, after = _WORDS.get(text[start - 1:start + 1]), _WORDS.get(text[end - 1:end + 1])
    return before is not None and after is not None and before[0] >= 300 and after[0] >= 300


def normalise_name(name: str) -> str:
    if _PLAIN_NAME.fullmatch(name):
        return name.translate(T2S) if TRADITIONAL.search(name) else name  # (nearly every name: Han only)
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", name)).translate(_DOT_TABLE).translate(T2S)


def surname_of(name: str) -> str:
    name = normalise_name(name)
    if "·" in name:
        return name[:1]  # (minority names: no surname in the Han sense; one character stays)
    return name[:2] if name[:2] in COMPOUND_SURNAMES else name[:1]


def mask_names(names: Iterable[str]) -> dict[str, str]:
    """Name -> masked name for the persons of one record (张某某; 张某甲/张某乙 when two persons
    share a surname). Keys are the names as given and their normal forms."""
    unique = list(dict.fromkeys(n for name in names if name and (n := normalise_name(name)) and "某" not in n[1:3]))
    by_surname: dict[str, list[str]] = {}
    for name in unique:
        by_surname.setdefault(surname_of(name), []).append(name)
    masked = {}
    for surname, group in by_surname.items():
        for index, name in enumerate(group):
            masked[name] = surname + ("某某" if len(group) == 1 else "某" + DISAMBIGUATORS[index % len(DISAMBIGUATORS)])
    for name in names:
        if name and (n := normalise_name(name)) in masked:
            masked.setdefault(name.strip(), masked[n])
    return masked


def looks_like_person_name(name: str) -> bool:
    """2–4 Han characters beginning with a known surname (or a minority name with a middle dot)."""
    name = normalise_name(name)
    if _MINORITY_RE.fullmatch(name):
        return True
    if not re.fullmatch(f"[{_HAN}]{{2,4}}", name):
        return False
    surname = surname_of(name)
    return (surname in COMPOUND_SURNAMES or surname in SURNAMES) and len(name) - len(surname) in (1, 2)


def name_at(text: str, i: int) -> int | None:
    """The end of a person's name starting at text[i] (after a cue), or None."""
    minority = _MINORITY_RE.match(text, i)
    role = _SECOND_ROLE.match(text, i) if minority else None
    if minority and (role is None or role.end() - i > 4 or role.end() >= text.index("·", i)):
        end = text.index("·", i) + 1
        while end < len(text) and end - i < 16 and _is_han(text[end]) and text[end] not in _MINORITY_STOP:
            end += 1
        if end < len(text) and text[end] == "·":  # (a third part)
            end += 1
            while end < len(text) and end - i < 20 and _is_han(text[end]) and text[end] not in _MINORITY_STOP:
                end += 1
        return end
    if text[i:i + 2] in COMPOUND_SURNAMES:
        k = i + 2
    elif i < len(text) and text[i] in SURNAMES:
        k = i + 1
    else:
        return None
    if text[i:i + 2] in _COMMON_WORDS:
        return None
    if k >= len(text) or not _is_han(text[k]) or text[k] in _NOT_GIVEN_START or text[k:k + 2] in ("女士", "先生"):
        return None  # (李女士 names no one: the surname alone stays, as in 张某某)
    if k + 1 < len(text) and _is_han(text[k + 1]) and text[k + 1] not in _STOP_AFTER \
            and text[k + 1:k + 3] not in _WORDS_AFTER_NAME:
        return k + 2
    return k + 1


def name_before(text: str, end: int) -> int | None:
    """The start of a person's name ending at text[end] (before a bracketed role), or None."""
    if end > 2 and text[end - 1] != "·":
        at = end - 1
        while at > 0 and end - at < 16 and (_is_han(text[at - 1]) or text[at - 1] == "·"):
            at -= 1
        if "·" in text[at:end]:  # a minority name: back to the start of its first part, at most 6
            first = text.index("·", at, end)
            return max(at, first - 6)
    for length in (4, 3, 2):  # (compound surname + 2, surname + 2, surname + 1)
        start = end - length
        if start < 0 or not all(_is_han(c) for c in text[start:end]):
            continue
        if length == 4 and text[start:start + 2] not in COMPOUND_SURNAMES:
            continue
        if length == 3 and not (text[start:start + 2] in COMPOUND_SURNAMES or text[start] in SURNAMES):
            continue
        if length == 2 and text[start] not in SURNAMES:
            continue
        if text[start + 1] in _NOT_GIVEN_START or (length == 3 and text[start] in _FUNCTION_CHARS):
            continue
        if length == 3 and start > 0 and common_word(text[start - 1:start + 1]) and text[start + 1] in SURNAMES:
            continue  # (未写明薛峥（送餐员）: 写明 is a word, the name is 薛峥)
        if common_word(text[start:end]):
            return None  # (白酒（经营者…）: a thing, not a name, before the bracket)
        return start
    return None


def bare_name_before(text: str, end: int) -> int | None:
    """The start of a name standing bare before a person's predicate at text[end] (周立新称,
    经查王伟于2025年, 工人张三签字), or None: 2–4 Han characters beginning with a surname, no
    common word, with a clause's start or a word that introduces a person right before it."""
    for length in (4, 3, 2):
        start = end - length
        if start < 0:
            continue
        candidate = text[start:end]
        compound = candidate[:2] in COMPOUND_SURNAMES
        if (length == 4 and not compound) or not (compound or candidate[0] in SURNAMES):
            continue
        given = candidate[2 if compound else 1:]
        if not given or not all(_is_han(c) for c in candidate) or any(c in _NOT_IN_GIVEN_NAME for c in given) \
                or "某" in candidate:
            continue
        if length == 3 and not compound and candidate[0] in _FUNCTION_CHARS:
            continue  # (和王芳称: 和 + 王芳)
        before = text[start - 1] if start > 0 else "\0"
        if before not in _BARE_LEFT_CHARS and not text.endswith(_BARE_LEFT_WORDS, max(0, start - 3), start):
            continue
        if common_word(candidate) or (length == 3 and candidate[:2] in _COMMON_WORDS):
            return None  # (公司表示, 安全员称: a word stands there, not a name)
        return start
    return None


def bare_names(text: str, predicate_start: int, predicate_end: int) -> list[tuple[int, int]]:
    """The names a person's predicate at text[predicate_start:predicate_end] follows: the one
    right before it and those listed before that one (韦建国、覃丽萍等3人)."""
    if predicate_start < 2 or not _is_han(before := text[predicate_start - 1]) or before in _NOT_IN_GIVEN_NAME:
        return []  # (名称, 的说明: no name can end there)
    word = text[predicate_start:predicate_end]
    if word.startswith(_DATED_PREDICATES) and not _DATE_AFTER.match(text, predicate_start + word.index("于") + 1):
        return []
    found, end = [], predicate_start
    while (start := bare_name_before(text, end)) is not None:
        found.append((start, end))
        if start < 2 or text[start - 1] not in "、和及与":
            break
        end = start - 1
    return found


# Two-character words of 决定书 text that begin with a surname's character: after a cue they
# start a sentence, not a name (从业人员严格执行, 员工安全培训).
_COMMON_WORDS = frozenset("""
严格 严重 严禁 高度 高于 高处 高温 高压 方式 方面 方可 方法 方案 白天 张贴 常年 常用 程序 成立 成功 成品 安全 安排 安装
时间 时候 明显 明确 向其 周边 周围 石油 金额 任何 任意 任务 任职 文件 文明 文字 齐全 全部 全面 全体 余额 宁可 包装 包括
包含 连续 连接 关于 关闭 关联 东西 车辆 车间 路上 路边 田间 陆续 易燃 易爆 和解 康复 万元 应当 应该 应急 章程 平时 平台
原因 原料 原材料 单位 单独 单据 尚未 温度 相关 相应 相同 相互 经营 计算 计划 管理 项目 申请 申报 都是 解除 解释 许可 商品
商户 季度 年度 简易 从业 司机 农药 农业 牛肉 施工 施行 水平 范围 景区 冷冻 冷藏 卫生 米粉 花生 黄金 毕业 于是 于该 苏醒
邓某 段时 钱款 江边 林地 林木 孙子 马路 胡乱 朱砂 贺卡 秦岭 薛定 雷电 汪洋 毛重 谷物 曲线 龙头 游戏 蒙受 云端 石材 钟表
柏油 麻醉 童装 童车 凌晨 齐备 甘蔗 柴油 房屋 房产 房间 房东 门店 门口 门窗 戴着 费用 宫颈 史上 温州 华东 华南 国家 国内
""".split())


# Words that stand before a name more often than they begin one (由金丽 is 由 + 金丽).
_FUNCTION_CHARS = frozenset("由向被把给对和与及跟让是为系经据将在从自交同")


# What ends an organisation's or a place's name: a cue followed by one (经营户江临市鲜果坊食品有限公司,
# 员工江南水果店) names a business, not a person.
_ORG_OR_PLACE_END = re.compile(r"(公司|厂|店|超市|商行|中心|合作社|集团|部|馆|社|所|站|局|院|校|园|场|坊|行|会|处|室|队|城|"
                               r"铺|吧|厅|楼|市|省|区|县|镇|乡|村|街道|路|街|巷|州|盟|旗)")
_ORG_RUN_ON = re.compile(r"(公司|有限|厂|店|超市|商行|中心|合作社|集团|经营部|门市部|批发部|商店|饭店|酒店|餐厅|诊所|医院|"
                         r"学校|幼儿园|市场|加工|科技|贸易|商贸|物流|建筑|工程|市|省|区|县|镇|乡|村|街道)")


def names_a_business(text: str, start: int, end: int) -> bool:
    """Whether the name found at text[start:end] is the start of an organisation's or a place's
    name: it ends in a place word, or the word it begins runs on into one."""
    if _ORG_OR_PLACE_END.fullmatch(text[end - 1]):
        return True
    stop = end
    while stop < len(text) and stop - start < 16 and _is_han(text[stop]) and text[stop] not in _STOP_AFTER \
            and not _verb_at(text, stop):
        stop += 1
    return stop > end and _ORG_RUN_ON.search(text, end, stop) is not None


def _verb_at(text: str, at: int) -> bool:
    """Whether a verb of the lexicon (统一, 报送) begins at text[at] that no business name holds:
    a name is followed by what the person did, not by more of a shop's name."""
    entry = _WORDS.get(text[at:at + 2])
    return entry is not None and entry[1] in ("v", "vn") and not _ORG_RUN_ON.match(text, at)


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def find_each(text: str, names: Iterable[str]) -> list[tuple[int, int, str]]:
    """(start, end, name) of every occurrence of each of a few names (str.find: for a record's
    one or two persons faster than any automaton)."""
    found = []
    for name in names:
        at = text.find(name)
        while at >= 0:
            found.append((at, at + len(name), name))
            at = text.find(name, at + 1)
    return found


class NameFinder:
    """Finds given names (a record's persons, or the registry of all) in normalised text; with
    `cues`, the role cues too, in the same pass (one Aho-Corasick automaton)."""

    def __init__(self, names: Iterable[str], cues: bool = False):
        self.names = frozenset(n for name in names if len(n := normalise_name(name)) >= 2 and "某" not in n)
        self.cues = cues
        self._automaton = None
        if len(self.names) > 8 or cues:  # (a few names: str.find is faster than building an automaton)
            automaton = ahocorasick.Automaton()
            for name in self.names:
                automaton.add_word(name, (name, "name"))
            for predicate in PERSON_PREDICATES if cues else ():
                automaton.add_word(predicate, (predicate, "pred"))
            for cue in ROLE_CUES if cues else ():
                if cue not in self.names:
                    automaton.add_word(cue, (cue, "cue"))
            automaton.make_automaton()
            self._automaton = automaton

    @classmethod
    def for_persons(cls, persons: Iterable[str]) -> NameFinder:
        """A record's persons, with a minority name also as written without its dot."""
        names = [normalise_name(p) for p in persons]
        return cls(names + [n.replace("·", "") for n in names if "·" in n])

    def scan(self, text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, bool]]]:
        """(names found: start, end, name; role cues and person's predicates found: start, end,
        whether a predicate)."""
        if self._automaton is None:
            return self.occurrences(text), []
        names, cues = [], []
        for end, (word, kind) in self._automaton.iter(text):
            if kind == "name":
                names.append((end - len(word) + 1, end + 1, word))
            else:
                cues.append((end - len(word) + 1, end + 1, kind == "pred"))
        return names, cues

    def occurrences(self, text: str) -> list[tuple[int, int, str]]:
        if self._automaton is not None:
            return [(end - len(word) + 1, end + 1, word) for end, (word, kind) in self._automaton.iter(text)
                    if kind == "name"]
        return find_each(text, self.names)

    @staticmethod
    def find_all(text: str, own: NameFinder | None, registry, public: frozenset[str],  # noqa: ANN001
                 cues: bool = True, plain: bool = False, registry_names: bool = True,
                 scanned: tuple[list, list] | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, normal name, rule) of every person's name in `text` (a Shadow's text).
        `plain`: take the text as it is (its odd spellings are looked at elsewhere)."""
        shadow, positions = (text, None) if plain else name_shadow(text)
        found: list[tuple[int, int, str, str]] = []
        own_names = own.names if own is not None else frozenset()
        if own is not None:
            found += [(s, e, n, "当事人姓名") for s, e, n in own.occurrences(shadow)
                      if len(n) > 2 or not (_PLACE_AFTER.match(shadow, e) or inside_words(shadow, s, e))]

        if scanned is not None:
            names, cue_spans = scanned  # (the caller's trigger pass over this very text)
        elif registry is not None and (registry.cues or not cues):
            names, cue_spans = registry.scan(shadow)
        else:
            names = registry.occurrences(shadow) if registry is not None else []
            cue_spans = _CUES.scan(shadow)[1] if cues else []
        if not registry_names:
            names = []  # (the registry object only brought the cues)
        for start, end, name in names:
            if name in own_names or name in public:
                continue
            if len(name) == 2 and not _stands_as_name(shadow, start, end):
                continue  # (two characters inside a longer word: 文明行为 is no person)
            found.append((start, end, name, "其他数据集中的自然人"))
        for cue_start, cue_end, predicate in cue_spans if cues else ():
            if predicate:
                for start, end in bare_names(shadow, cue_start, cue_end):
                    name = shadow[start:end]
                    if name not in public and name not in own_names and not names_a_business(shadow, start, end):
                        found.append((start, end, name, "陈述前的姓名"))
                continue
            verb = shadow[cue_start:cue_end] in VERB_CUES
            if verb and (shadow[cue_end:cue_end + 1] not in _NAME_STARTS and "·" not in shadow[cue_end:cue_end + 9]
                         or common_word(shadow[cue_end - 1:cue_end + 1])):
                continue  # (由此, 向社会: no name follows; 由于, 给予, 向往: the cue is part of a word)
            if _OFFICIAL_BEFORE.search(shadow, max(0, cue_start - 5), cue_start):
                continue
            at = _CONNECTOR.match(shadow, cue_end).end()  # type: ignore[union-attr]  # (matches "" too)
            skipped = False
            while True:
                end = name_at(shadow, at)
                if end is None and not skipped:
                    second = _SECOND_ROLE.match(shadow, at)
                    skipped = True
                    if second is not None and second.end() - at <= 4:
                        at = second.end()
                        continue
                if end is None:
                    break
                name = shadow[at:end]
                if names_a_business(shadow, at, end):
                    break
                if verb and (common_word(name) or common_word(name[:2]) or skipped):
                    break  # (向社会, 由公司, 给予: after a verb, a word; a second role word: 交由其员工 is a cue of its own)
                if name not in public and "某" not in name:
                    found.append((at, end, name, "称谓后的姓名"))
                if end < len(shadow) and shadow[end] in "、和及与,，" and end + 1 < len(shadow):
                    at = end + 1
                    continue
                break
        if cues and ("（" in shadow or "(" in shadow):
            for match in _ROLE_AFTER.finditer(shadow):
                start = name_before(shadow, match.start())
                if start is None:
                    continue
                name = shadow[start:match.start()]
                if name not in public and "某" not in name and not names_a_business(shadow, start, match.start()):
                    found.append((start, match.start(), name, "称谓后的姓名"))
        if positions is None:
            return found
        return [(positions[s], positions[e - 1] + 1, n, r) for s, e, n, r in found]


_CUES = NameFinder((), cues=True)
# The rules that find a name by the words around it; the gate (which reads published text, where
# such words stand beside 张某某) looks only for the registry's names.
CUED_RULES = frozenset({"称谓后的姓名", "陈述前的姓名"})


def _stands_as_name(text: str, start: int, end: int) -> bool:
    """A two-character name counts where it stands apart: not between two Han characters that
    could continue a word, i.e. something not Han, a cue or a verb-like stop on one side."""
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not _is_han(before) or not _is_han(after) or after in _STOP_AFTER or before in "人员妻夫子女父母主户"


_HAN_GAP = re.compile(f"[ \\t\\n\\r\u00a0\u3000]+(?=[{_HAN}])")
_ODD_DOT = re.compile("[.•・‧･∙⋅]")


def name_shadow(text: str) -> tuple[str, list[int] | None]:
    """Whitespace between two Han characters removed, middle dots unified and traditional
    characters simplified (陳國華 → 陈国华, one for one), with positions."""
    if not _ODD_SPELLING.search(text):
        return (text.translate(T2S) if TRADITIONAL.search(text) else text), None
    cuts = [m.span() for m in _HAN_GAP.finditer(text) if m.start() > 0 and _is_han(text[m.start() - 1])]
    pieces, positions, last = [], [], 0
    for start, end in cuts:
        pieces.append(text[last:start])
        positions.extend(range(last, start))
        last = end
    pieces.append(text[last:])
    positions.extend(range(last, len(text)))
    shadow = "".join(pieces)
    shadow = _ODD_DOT.sub(lambda m: "·" if 0 < m.start() < len(shadow) - 1 and _is_han(shadow[m.start() - 1])
                          and _is_han(shadow[m.start() + 1]) else m.group(), shadow)
    return shadow.translate(T2S), positions
