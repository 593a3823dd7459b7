"""Writes cases.jsonl: a seeded, labelled corpus of 行政执法公示 free text for the 脱敏 detectors.

    .venv/bin/python tests/privacy/corpus/make_corpus.py          # rewrites cases.jsonl

Generated cases come from many small templates (决定书 违法事实/处罚内容/备注/撤回原因, 双随机 检查结果/
整改要求, 案卷评查 评查意见/发现问题) filled from vocabularies; hand-written tricky cases are in
handwritten.jsonl and are appended as they are. Every case is checked before it is written: a
perfect redaction (every labelled span replaced, names by surname + 某某/某甲/某乙) must pass
checks.judge, and the unredacted text must fail it, so every label is an exact, satisfiable
substring. Written without reading the detector code.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
_spec = importlib.util.spec_from_file_location("corpus_checks", HERE / "checks.py")
checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checks)

SEED = 20261202
R = random.Random(SEED)

# ----------------------------------------------------------------------------- vocabularies
SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方"
    "石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚柴禤麦詹骆庞倪俞凌施岳应闫"
)
COMPOUND = ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "端木"]
GIVEN1 = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛超霞平刚翀淼鑫琳婷斌宇浩凯健俊帆飞鹏辉玲燕萍红波岚蕾璐")
GIVEN2 = [
    "秀英", "建国", "志强", "海燕", "晓东", "子涵", "浩然", "雨桐", "梓轩", "欣怡", "文博", "嘉怡", "思远", "俊杰",
    "丽华", "国庆", "春梅", "冬梅", "玉兰", "桂英", "秀兰", "建华", "卫东", "红梅", "永强", "金凤", "德胜", "振华",
    "佳琪", "一鸣", "天佑", "若曦", "美玲", "少华", "家豪", "宏伟", "淑珍", "爱民", "小龙", "立新", "雪芬", "根土",
    "阿福", "水根", "彩霞", "慧敏", "丽萍", "晓燕", "国平", "雅婷", "梦琪", "忠良", "金水", "月娥", "如意", "新民",
    "锦程", "紫萱", "伟东", "建军", "志刚", "海波", "丹丹", "婷婷", "明辉", "晨曦", "泽宇", "博文", "诗涵", "宇航",
]
MINORITY = [
    ("阿依古丽", "买买提"), ("买买提", "吐尔逊"), ("古丽娜尔", "艾力"), ("热依拉", "阿不都"), ("艾尔肯", "吐尔洪"),
    ("迪丽拜尔", "库尔班"), ("阿不都热合曼", "依明"), ("努尔艾力", "木拉提"), ("帕丽旦", "阿布力孜"),
    ("吾买尔江", "托合提"), ("米热古丽", "吐逊"), ("阿力木", "热合曼"), ("巴哈古丽", "沙吾提"), ("叶尔兰", "努尔兰"),
]
DOTS = ["·", "•", "・", "‧"]

CITY = "江临市"
DISTRICTS = ["临江区", "南湖区", "桐岭县", "青山县"]
TOWNS = ["江滨街道", "石桥街道", "城关镇", "南湖街道", "白沙镇", "梅溪乡", "东城街道", "凤凰街道", "新桥镇", "双溪乡"]
ROADS = ["滨江路", "解放路", "南湖大道", "人民路", "建设北路", "春晖路", "望江路", "环城西路", "文昌街", "丰收路",
         "体育场路", "学士路", "中山东路", "青年路", "江南大道", "桃源路"]
ESTATES = ["春晖花园", "锦绣江南小区", "金色家园", "翠苑一区", "湖滨花苑", "阳光水岸", "东方名城", "香樟苑", "凤凰城"]
VILLAGES = ["下洋村", "石门村", "后塘村", "上宅村", "溪口村", "大畈村", "前山村"]

ORG_WORDS = ["建华", "志强", "国庆", "德胜", "金凤", "远泰", "好运来", "绿源谷", "恒信", "鑫达", "华宇", "金帆", "嘉禾", "润丰", "康宁", "瑞祥", "顺通", "汇丰源",
             "佳瑞", "锦诚", "望江楼", "鲜果坊", "鼎盛", "宏达", "新天地", "百味轩", "一品香", "众诚", "天和", "永盛"]
ORG_TRADES = ["商贸", "餐饮管理", "物流", "建材", "食品", "医药连锁", "酒店管理", "汽车服务", "建筑工程", "化工", "环保科技",
              "广告", "超市", "农业开发", "网络科技", "物业管理", "文化传媒", "机动车检测", "再生资源"]
ORG_FORMS = ["有限公司", "有限责任公司", "股份有限公司"]
SHOP_KINDS = ["便利店", "小吃店", "副食品店", "五金店", "理发店", "烟酒商行", "水果店", "早餐店", "干洗店", "饭店", "农资店",
              "汽车修理部", "棋牌室", "网吧", "诊所", "电动车行"]
PRODUCTS = ["预包装食品", "散装白酒", "婴幼儿配方奶粉", "冷冻肉制品", "食用植物油", "保健食品", "电动自行车", "儿童玩具",
            "化妆品", "农药", "兽药", "建筑用钢筋", "液化石油气钢瓶", "电线电缆", "眼镜片"]
LAWS = [
    ("《中华人民共和国食品安全法》", ["第三十四条", "第一百二十四条第一款第（四）项", "第一百三十六条"]),
    ("《中华人民共和国产品质量法》", ["第二十九条", "第五十条"]),
    ("《中华人民共和国价格法》", ["第四十二条"]),
    ("《明码标价和禁止价格欺诈规定》", ["第二十一条"]),
    ("《中华人民共和国大气污染防治法》", ["第九十九条第（二）项", "第一百零八条"]),
    ("《中华人民共和国安全生产法》", ["第九十七条", "第一百零一条"]),
    ("《城市市容和环境卫生管理条例》", ["第三十四条", "第三十六条"]),
    ("《江临市文明行为促进条例》", ["第二十二条", "第三十二条"]),
    ("《中华人民共和国道路运输条例》", ["第六十三条"]),
    ("《医疗机构管理条例》", ["第二十三条", "第四十四条"]),
    ("《互联网上网服务营业场所管理条例》", ["第二十一条", "第三十一条"]),
    ("《中华人民共和国行政处罚法》", ["第三十二条", "第三十三条第一款"]),
    ("《浙江省电动自行车管理条例》", ["第十九条"]),
    ("《中华人民共和国广告法》", ["第九条", "第五十七条"]),
]
DOC_PREFIXES = ["江临市监罚", "江临环罚", "临综执罚决字", "江临卫罚字", "江临应急罚", "江临交执罚", "江临农罚",
                "（江临）应急罚", "江临文旅罚", "桐市监罚", "临江综执罚"]
HEALTH = ["精神分裂症", "抑郁症", "双相情感障碍", "癫痫", "肺结核", "乙型病毒性肝炎", "糖尿病", "尿毒症", "恶性肿瘤",
          "阿尔茨海默病", "脑梗死后遗症", "重度焦虑症", "白血病"]
DISABILITY = ["肢体残疾二级", "视力残疾一级", "听力残疾三级", "智力残疾二级", "精神残疾二级", "言语残疾四级"]
HOSPITALS = ["江临市第一人民医院", "江临市第七人民医院", "桐岭县中医院", "江临市疾病预防控制中心", "南湖区人民医院"]
SUPPLIERS = ["江临市恒信食品有限公司", "江临市顺通物流有限公司", "桐岭县润丰农资有限公司", "义乌市某商行", "江临市鼎盛建材有限公司"]
ALNUM_USCC = "0123456789ABCDEFGHJKLMNPQRTUWXY"
MOBILE_PREFIX = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "147", "150", "151", "152", "155", "157",
                 "158", "159", "166", "171", "173", "175", "176", "177", "178", "180", "181", "182", "183", "185", "186",
                 "187", "188", "189", "191", "193", "195", "198", "199"]
ID_REGIONS = ["339901", "339902", "339921", "339923", "330102", "330106", "110105", "440524", "320106", "510107",
              "420106", "650102", "370202", "350102", "412726", "522121"]
CN_DIGITS = ["〇一二三四五六七八九", "〇一二三四五六七八九", "零一二三四五六七八九"]
FULLW = str.maketrans("0123456789XxABCDEFGHIJKLMNOPQRSTUVWXYZ", "０１２３４５６７８９Ｘｘ" + "".join(chr(0xFF21 + i) for i in range(26)))


def read_csv(path: Path) -> list[dict]:
    raw = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return list(csv.DictReader(raw.decode(enc).splitlines()))
        except UnicodeDecodeError:
            continue
    return []


def load_officers() -> list[tuple[str, str, str]]:
    out = []
    for p in sorted((ROOT / "data_feeds" / "officers").glob("*.csv")):
        for row in read_csv(p):
            vals = list(row.values())
            name, cert, unit = vals[0], vals[1], vals[2]
            if name and cert and len(name) <= 4:
                out.append((name.strip(), cert.strip(), unit.strip()))
    return out or [("王建国", "33990001000099", "江临市市场监督管理局")]


def load_agencies() -> list[tuple[str, str]]:
    rows = read_csv(ROOT / "data_feeds" / "agencies.csv")
    return [(r["主体名称"], r.get("联系电话", "")) for r in rows if r.get("主体名称")] or [("江临市市场监督管理局", "0579-81789990")]


OFFICERS = load_officers()
AGENCIES = load_agencies()
OFFICER_NAMES = {o[0] for o in OFFICERS}


# ----------------------------------------------------------------------------- numbers
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_check(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def new_id(valid: bool = True, want_x: bool = False, birth_year: tuple[int, int] = (1940, 2004)) -> str:
    while True:
        y = R.randint(*birth_year)
        first17 = f"{R.choice(ID_REGIONS)}{y:04d}{R.randint(1, 12):02d}{R.randint(1, 28):02d}{R.randint(0, 999):03d}"
        c = id_check(first17)
        if want_x and c != "X":
            continue
        if not valid:
            c = R.choice([d for d in "0123456789X" if d != c])
        return first17 + c


def new_id15() -> str:
    return f"{R.choice(ID_REGIONS)}{R.randint(40, 89):02d}{R.randint(1, 12):02d}{R.randint(1, 28):02d}{R.randint(0, 999):03d}"


def uscc_check(first17: str) -> str:
    s = sum(ALNUM_USCC.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return ALNUM_USCC[(31 - s % 31) % 31]


def new_uscc(digits_only: bool = False) -> str:
    while True:
        head = R.choice(["91", "92", "93", "12", "52"]) + R.choice(["339900", "339901", "339902", "339923", "330100"])
        if digits_only:
            body = "".join(R.choice("0123456789") for _ in range(9))
        else:
            body = R.choice(["MA", "MA", "MB", "7"]) + "".join(R.choice(ALNUM_USCC) for _ in range(9))
            body = body[:9]
        c = uscc_check(head + body)
        if digits_only and not c.isdigit():
            continue
        return head + body + c


def luhn_digit(partial: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def new_card(valid: bool = True) -> str:
    n = R.choice([16, 16, 19, 19, 17, 18])
    head = R.choice(["622202", "621700", "622848", "623058", "625966", "436742", "622588", "621226", "622908"])
    body = head + "".join(R.choice("0123456789") for _ in range(n - len(head) - 1))
    c = luhn_digit(body)
    if not valid:
        c = str((int(c) + R.randint(1, 9)) % 10)
    return body + c


def new_org_account() -> str:
    return R.choice(["1208", "3301", "1901", "3399", "8101"]) + "".join(R.choice("0123456789") for _ in range(R.choice([15, 16, 17])))


def new_mobile() -> str:
    return R.choice(MOBILE_PREFIX) + "".join(R.choice("0123456789") for _ in range(8))


def sep_run() -> str:
    pool = [" ", "-", ".", "\u3000", "\u200b", " - ", "--", "  ", "\u200b\u200b", "·", "－", "—"]
    return R.choice(pool)


def group(num: str, sizes: list[int], sep: str | None = None) -> str:
    out, i = [], 0
    for s in sizes:
        out.append(num[i:i + s])
        i += s
    if i < len(num):
        out.append(num[i:])
    if sep is None:
        return "".join(p + (sep_run() if k < len(out) - 1 else "") for k, p in enumerate(out))
    return sep.join(out)


def spell_digits(num: str, style: str) -> str:
    """A digit string in one of the spellings people and export systems produce."""
    if style == "plain":
        return num
    if style == "full":
        return num.translate(FULLW)
    if style == "chinese":
        table = R.choice(CN_DIGITS)
        return "".join(table[int(c)] if c.isdigit() else c for c in num)
    if style == "zw":
        chars = list(num)
        for _ in range(R.randint(1, 3)):
            chars.insert(R.randint(1, len(chars) - 1), "\u200b")
        return "".join(chars)
    if style == "each":
        return R.choice([" ", "\u3000"]).join(num)
    if style == "runs":
        chars = list(num)
        for _ in range(R.randint(1, 3)):
            chars.insert(R.randint(1, len(chars) - 1), sep_run())
        return "".join(chars)
    if style == "full-spaced":
        return group(num.translate(FULLW), [4] * 5, "\u3000")
    raise ValueError(style)


def spell_id(num: str) -> str:
    style = R.choice(["plain", "plain", "plain", "lower", "space", "hyphen", "dot", "runs", "ideo", "zw", "full", "chinese",
                      "each"])
    if style == "lower":
        return num.lower()
    if style == "space":
        return group(num, [6, 8], " ")
    if style == "hyphen":
        return group(num, [6, 8], "-")
    if style == "dot":
        return group(num, [3, 3, 4, 4], ".")
    if style == "ideo":
        return group(num, [6, 4, 4], "\u3000")
    out = spell_digits(num, style)
    return out.lower() if R.random() < 0.3 else out


def spell_mobile(num: str) -> str:
    style = R.choice(["plain", "plain", "plain", "344s", "344h", "344d", "runs", "zw", "full", "chinese", "each", "ideo",
                      "full-spaced"])
    if style == "344s":
        return group(num, [3, 4], " ")
    if style == "344h":
        return group(num, [3, 4], "-")
    if style == "344d":
        return group(num, [3, 4], ".")
    if style == "ideo":
        return group(num, [3, 4], "\u3000")
    if style == "full-spaced":
        return group(num.translate(FULLW), [3, 4], R.choice([" ", "\u3000", "－"]))
    return spell_digits(num, style)


def new_landline() -> tuple[str, str, str]:
    """(area code part, local number part to remove, extension part)."""
    area = R.choice(["0579", "0571", "0574", "0577", "021", "010", "0755", "025"])
    local = str(R.randint(2, 8)) + "".join(R.choice("0123456789") for _ in range(7 if len(area) == 4 else 7))
    local = R.choice([local, local[:4] + "-" + local[4:], local[:4] + " " + local[4:]])
    style = R.choice(["hyphen", "paren", "fparen", "space", "plus", "glued"])
    prefix = {"hyphen": f"{area}-", "paren": f"({area})", "fparen": f"（{area}）", "space": f"{area} ",
              "plus": f"+86-{area[1:]}-", "glued": area}[style]
    ext = R.choice(["", "", "", f"转{R.randint(100, 899)}", f"-{R.randint(100, 899)}", f" ext.{R.randint(10, 99)}"])
    return prefix, local, ext


def new_plate(personal_region: bool = True) -> str:
    prov = R.choice(["浙", "浙", "浙", "甘", "粤", "苏", "沪", "皖", "赣", "川"])
    letter = R.choice("ABCDEFGHJKL")
    kind = R.choice(["std", "std", "ne", "ne_big", "hk"])
    if kind == "std":
        tail = "".join(R.choice("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ" if i else "0123456789ABCDEFHJK") for i in range(5))
        while sum(c.isalpha() for c in tail) > 2:
            tail = "".join(R.choice("0123456789") for _ in range(5))
    elif kind == "ne":
        tail = R.choice("DF") + R.choice("0123456789ABCDEFGHJK") + "".join(R.choice("0123456789") for _ in range(4))
    elif kind == "ne_big":
        tail = "".join(R.choice("0123456789") for _ in range(5)) + R.choice("DF")
    else:
        prov, letter = "粤", "Z"
        tail = "".join(R.choice("0123456789") for _ in range(4)) + R.choice("港澳")
    sep = R.choice(["", "·", "·", " ", "•", "-"])
    plate = f"{prov}{letter}{sep}{tail}"
    if R.random() < 0.12:
        plate = f"{prov} {letter.lower()}{tail}"
    return plate


def new_email(obfuscate: bool) -> str:
    local = R.choice(["zhangsan", "lisi1988", "wang.wei", "chen_xm", "hzliu2021", "jl_xiaoyu", "mingyue0521", "zhaolei88",
                      "sunny.he", "qq" + str(R.randint(10000, 99999))])
    dom = R.choice(["qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "gmail.com", "139.com"])
    if obfuscate:
        style = R.choice(["dot", "at", "both", "word"])
        if style == "dot":
            return f"{local}@{dom.replace('.', '。')}"
        if style == "at":
            return f"{local}＠{dom}"
        if style == "both":
            return f"{local}＠{dom.replace('.', '．')}"
        return f"{local}（at）{dom}"
    return f"{local}@{dom}"


# ----------------------------------------------------------------------------- persons
@dataclass
class Person:
    canonical: str
    surface: str
    surname: tuple[str, ...] | None

    def variant(self) -> str:
        return self.surface


def new_person(taken: set[str], allow_minority: bool = True, surname: str | None = None) -> Person:
    for _ in range(200):
        r = R.random()
        if allow_minority and r < 0.07 and surname is None:
            a, b = R.choice(MINORITY)
            canon = f"{a}·{b}"
            surface = f"{a}{R.choice(DOTS)}{b}"
            sn = None
        else:
            s = surname or (R.choice(COMPOUND) if r < 0.13 else R.choice(SURNAMES))
            given = R.choice(GIVEN1) if R.random() < 0.35 else R.choice(GIVEN2)
            canon = s + given
            surface = canon
            if R.random() < 0.06 and len(canon) == 2:
                surface = s + R.choice(["\u3000", " ", "  "]) + given
            sn = (s,)
        key = checks.norm(canon)
        if key in taken or canon in OFFICER_NAMES or any(key in t or t in key for t in taken):
            continue
        taken.add(key)
        return Person(canon, surface, sn)
    raise RuntimeError("names exhausted")


# ----------------------------------------------------------------------------- the builder
@dataclass
class B:
    style: str
    parts: list = field(default_factory=list)
    persons: list = field(default_factory=list)
    public: list = field(default_factory=list)
    party_is_person: bool = False
    taken: set = field(default_factory=set)

    def t(self, s: str) -> B:
        self.parts.append((s, None))
        return self

    def rm(self, s: str, kind: str, **extra) -> B:
        self.parts.append((s, ("rm", kind, extra)))
        return self

    def keep(self, s: str) -> B:
        self.parts.append((s, ("keep",)))
        return self

    def name(self, p: Person, surface: str | None = None) -> B:
        self.parts.append((surface or p.surface, ("rm", "name", {"_person": p})))
        return self

    def person(self, **kw) -> Person:
        return new_person(self.taken, **kw)

    def officer(self) -> tuple[str, str, str]:
        for _ in range(50):
            o = R.choice(OFFICERS)
            k = checks.norm(o[0])
            if k not in self.taken and not any(k in t or t in k for t in self.taken):
                self.taken.add(k)
                self.public.append(o[0])
                return o
        raise RuntimeError

    def officers(self, n: int = 2, with_cert: bool | None = None) -> B:
        os_ = [self.officer() for _ in range(n)]
        with_cert = R.random() < 0.5 if with_cert is None else with_cert
        for i, o in enumerate(os_):
            if i:
                self.t("、")
            self.keep(o[0])
        if with_cert:
            self.t(R.choice(["（执法证号：", "（执法证件号", "（证号"]))
            for i, o in enumerate(os_):
                if i:
                    self.t("、")
                self.keep(o[1])
            self.t("）")
        return self

    def text(self) -> str:
        return "".join(p[0] for p in self.parts)


def org_name() -> str:
    region = R.choice([CITY, CITY, CITY + R.choice(DISTRICTS), R.choice(DISTRICTS)])
    return region + R.choice(ORG_WORDS) + R.choice(ORG_TRADES) + R.choice(ORG_FORMS)


def org_address() -> str:
    return CITY + R.choice(DISTRICTS) + R.choice(TOWNS) + R.choice(ROADS) + f"{R.randint(1, 999)}号"


def date_str() -> str:
    y, m, d = R.randint(2022, 2026), R.randint(1, 12), R.randint(1, 28)
    return R.choice([f"{y}年{m}月{d}日", f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}年{m:02d}月{d:02d}日"])


def amount() -> str:
    v = R.choice([200, 500, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 30000, 50000, 100000, 150000])
    return R.choice([f"{v}元", f"{v:,}元", f"{v / 10000:g}万元" if v >= 10000 else f"{v}元", f"{v}.00元"])


def docno() -> str:
    p = R.choice(DOC_PREFIXES)
    n = R.randint(1, 420)
    return R.choice([f"{p}〔{R.randint(2022, 2026)}〕{n}号", f"{p}〔{R.randint(2022, 2026)}〕第{n:04d}号",
                     f"{p}〔{R.randint(2022, 2026)}〕第{n}号"])


def law() -> tuple[str, str]:
    t, arts = R.choice(LAWS)
    return t, R.choice(arts)


def address(b: B) -> None:
    """A person's home address: district (may stay), road + number and unit (must go)."""
    kind = R.choice(["estate", "road", "village", "other_city"])
    if kind == "estate":
        b.t(R.choice([CITY, "", "浙江省" + CITY]) + R.choice(DISTRICTS))
        b.rm(R.choice(ESTATES) + f"{R.randint(1, 30)}幢{R.randint(1, 4)}单元{R.randint(1, 28)}0{R.randint(1, 4)}室", "address")
    elif kind == "road":
        b.t(CITY + R.choice(DISTRICTS) + R.choice(TOWNS))
        b.rm(R.choice(ROADS) + f"{R.randint(1, 400)}号", "address")
        if R.random() < 0.6:
            b.rm(f"{R.randint(1, 12)}栋{R.randint(101, 2802)}室", "address")
    elif kind == "village":
        b.t(R.choice(DISTRICTS) + R.choice(TOWNS))
        b.rm(R.choice(VILLAGES) + f"{R.randint(1, 15)}组{R.randint(1, 99)}号", "address")
    else:
        b.t(R.choice(["河南省固始县", "安徽省阜阳市颍州区", "江西省上饶市广丰区", "四川省南充市"]))
        b.rm(R.choice(["城关镇", "西湖乡", "三合镇"]) + R.choice(["王庄村", "李楼村", "新民村"]) + f"{R.randint(1, 120)}号", "address")


# ----------------------------------------------------------------------------- person details
def id_detail(b: B) -> None:
    r = R.random()
    if r < 0.55:
        num = new_id(valid=True, want_x=R.random() < 0.15)
    elif r < 0.75:
        num = new_id(valid=False)
    else:
        num = new_id15()
    b.t(R.choice(["（身份证号：", "，身份证号码", "（公民身份号码：", "，ID:", "（ID ", "，身份证", "（证件号码：", "，身份证号:",
                  "（居民身份证号码"]))
    b.rm(spell_id(num), "id")
    b.t("）" if b.parts[-2][0].startswith("（") else "，")


def mobile_detail(b: B) -> None:
    b.t(R.choice(["，联系电话", "，手机", "（手机：", "，TEL:", "，Tel.", "，电话：", "，手机号码为", "（联系方式：", "，tel ",
                  "，手机号"]))
    cc = R.choice(["", "", "", "+86 ", "+86-", "0086 ", "86", "(+86)", "＋86 "])
    b.t(cc)
    b.rm(spell_mobile(new_mobile()), "mobile")
    if b.parts[-3][0].startswith("（") or "（" in b.parts[-3][0]:
        b.t("）")


def landline_detail(b: B) -> None:
    b.t(R.choice(["，家庭电话", "，住宅电话", "，座机", "，联系电话", "（家中固定电话："]))
    area, local, ext = new_landline()
    b.t(area)
    b.rm(local, "landline")
    b.t(ext)
    if "（" in b.parts[-4][0]:
        b.t("）")


def contact_detail(b: B) -> None:
    r = R.random()
    if r < 0.3:
        b.t(R.choice(["，微信号", "，微信：", "，wx:", "（微信号：", "，WX ", "，vx："]))
        b.rm(R.choice(["wxid_", "", "", ""]) + R.choice(["zhang", "li_", "jl", "xiaowang", "ming", "fly", "tt"])
             + R.choice(["", "_", "-"]) + str(R.randint(10, 99999)), "wechat")
    elif r < 0.55:
        b.t(R.choice(["，QQ", "，QQ号", "，qq：", "（QQ号码：", "，扣扣"]))
        b.rm(spell_digits(str(R.randint(10000, 3999999999)), R.choice(["plain", "plain", "full", "runs"])), "qq")
    elif r < 0.8:
        b.t(R.choice(["，电子邮箱", "，邮箱：", "，E-mail:", "，email "]))
        b.rm(new_email(obfuscate=R.random() < 0.5), "email")
    else:
        landline_detail(b)
        return
    if "（" in b.parts[-2][0]:
        b.t("）")


def document_detail(b: B) -> None:
    r = R.random()
    if r < 0.25:
        b.t(R.choice(["（护照号码：", "，持护照", "，护照号"]))
        num = R.choice([f"E{R.randint(10000000, 99999999)}", f"E{R.choice('ABCDEFGH')}{R.randint(1000000, 9999999)}",
                        f"G{R.randint(10000000, 99999999)}"])
        b.rm(num, "passport")
    elif r < 0.5:
        b.t(R.choice(["（港澳居民来往内地通行证", "，往来港澳通行证号码", "，港澳通行证号", "，台湾居民来往大陆通行证号码",
                      "，大陆居民往来台湾通行证号码"]))
        last = b.parts[-1][0]
        if "台湾居民" in last:
            num = f"{R.randint(10000000, 99999999)}"
        elif "往来台湾" in last:
            num = f"L{R.randint(10000000, 99999999)}"
        elif "来往内地" in last:
            num = f"{R.choice('HM')}{R.randint(10000000, 99999999)}"
        else:
            num = R.choice([f"C{R.randint(10000000, 99999999)}", f"C{R.choice('ABCDEFG')}{R.randint(1000000, 9999999)}"])
        b.rm(num, "permit")
    elif r < 0.7:
        b.t(R.choice(["（外国人永久居留身份证号码：", "，外国人永久居留身份证", "，永居证号码"]))
        if R.random() < 0.5:
            num = R.choice(["USA", "CAN", "KOR", "JPN", "GBR", "DEU", "AUS"]) + "".join(R.choice("0123456789") for _ in range(12))
        else:
            first17 = f"9{R.choice(['31', '44', '11', '33'])}{R.choice(['840', '124', '410', '392'])}{R.randint(1960, 2000)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}{R.randint(0, 999):03d}"[:17]
            num = first17 + id_check(first17)
        b.rm(num, "residence_permit")
    elif r < 0.85:
        b.t(R.choice(["（军官证号：", "，军官证"]))
        b.rm(R.choice(["南", "北", "海", "空", "后"]) + f"字第{R.randint(1000000, 99999999)}号", "id")
    else:
        b.t(R.choice(["，其名下房产（", "，不动产权证书编号"]))
        prov = R.choice(["浙", "苏", "皖"])
        city = {"浙": "江临市", "苏": "南京市", "皖": "合肥市"}[prov]
        b.rm(f"{prov}（{R.randint(2016, 2025)}）{city}不动产权第{R.randint(1, 9999999):07d}号", "property_cert")
        if b.parts[-2][0].startswith("，其名下"):
            b.t("）")
    if b.parts[-2][0].startswith("（") and not b.parts[-1][0] == "）":
        b.t("）")


def health_detail(b: B, who: str = "其") -> None:
    r = R.random()
    if r < 0.4:
        b.t(R.choice([f"，{who}患有", f"，{who}自述患有", f"，据{who}家属陈述{who}患有"]))
        b.rm(R.choice(HEALTH), "health")
    elif r < 0.6:
        b.t(R.choice([f"，经{R.choice(HOSPITALS)}诊断为", f"，{who}于{date_str()}被确诊为"]))
        b.rm(R.choice(HEALTH), "health")
    elif r < 0.8:
        b.t(R.choice([f"，{who}系", "，持有残疾人证（"]))
        dis = R.choice(DISABILITY)
        b.rm(dis, "health")
        b.t("）" if b.parts[-2][0].endswith("（") else "残疾人")
    else:
        b.t(R.choice([f"，{who}为", f"，{who}系"]))
        b.rm(R.choice(["HIV感染者", "艾滋病病毒携带者", "HIV阳性", "乙肝病毒携带者"]), "health")


def details(b: B, n: int | None = None, who: str = "其", tail: bool = True) -> None:
    fns = [id_detail, mobile_detail, mobile_detail, contact_detail, document_detail, lambda bb: health_detail(bb, who),
           addr_detail, plate_detail]
    n = R.choice([0, 1, 1, 1, 2, 2, 3]) if n is None else n
    for f in R.sample(fns, n):
        f(b)
    if n and tail and not b.parts[-1][0].endswith(("，", "）")):
        b.t("，")


def addr_detail(b: B) -> None:
    prefix = R.choice(["，住", "，家住", "，现住", "，住址：", "，户籍地址", "，现居住于", "，住所地", "（住址：", "，暂住"])
    b.t(prefix)
    address(b)
    if prefix.startswith("（"):
        b.t("）")


def plate_detail(b: B) -> None:
    b.t(R.choice(["，驾驶其本人所有的", "，驾驶其个人名下的", "，其私家车号牌为", "，驾驶车牌号为"]))
    b.rm(new_plate(), "plate")
    b.t(R.choice(["的小型轿车", "号小型普通客车", "的电动轻型货车", "号车辆", ""]))


# ----------------------------------------------------------------------------- who is who
ROLES_BEFORE = [
    "证人", "其妻", "其丈夫", "其夫", "其子", "其女", "之女", "之子", "监护人", "员工", "店员", "驾驶员", "收银员", "投诉人",
    "举报人", "委托代理人", "代理人", "现场负责人", "厨师", "保安", "消费者", "房东", "承租人", "实际经营人", "股东", "邻居",
    "受害人", "学员", "营业员", "送货员", "仓库保管员", "其母", "其父", "其兄", "当事人亲属", "见证人", "车主", "雇工",
    "安全员", "操作工", "电工",
]
ROLE_AFTER = ["（系当事人员工）", "（当事人之妻）", "（当事人之子）", "（系该店店长）", "（系投诉人）", "（男，汉族）",
              "（女，1987年出生）", "（系该公司驾驶员）", "（现场负责人）", "（系当事人雇佣的厨师）"]


STAFF_ROLES = ["员工", "店员", "厨师", "收银员", "营业员", "帮工", "学徒", "服务员", "配菜员"]


def other_person(b: B, enumerate_n: int = 1, roles: list[str] | None = None) -> list[Person]:
    ps = [b.person() for _ in range(enumerate_n)]
    if R.random() < 0.7:
        b.t(R.choice(roles or ROLES_BEFORE))
        for i, p in enumerate(ps):
            if i:
                b.t(R.choice(["、", "、", "，", "和", "及"]))
            b.name(p)
    else:
        for i, p in enumerate(ps):
            if i:
                b.t("、")
            b.name(p)
        b.t(R.choice(ROLE_AFTER) if enumerate_n == 1 else R.choice(["等人", f"等{enumerate_n}名员工", "（均系当事人员工）"]))
    return ps


# ----------------------------------------------------------------------------- parties
@dataclass
class Party:
    kind: str  # person / ind / org
    label: str  # how the text calls the party on first mention
    person: Person | None = None
    org: str | None = None
    uscc: str | None = None


def make_party(b: B, kind: str | None = None) -> Party:
    kind = kind or R.choice(["person", "ind", "ind", "org", "org", "org"])
    if kind == "org":
        return Party("org", "", org=org_name(), uscc=new_uscc(digits_only=R.random() < 0.3))
    p = b.person(allow_minority=kind == "person")
    b.persons.append(p.canonical)
    b.party_is_person = True
    return Party(kind, "", person=p, uscc=new_uscc() if kind == "ind" else None)


def party_first(b: B, party: Party) -> None:
    """First mention of the party, with its identity where real texts give it."""
    if party.kind == "org":
        b.t("当事人")
        b.keep(party.org)
        if R.random() < 0.5:
            b.t(R.choice(["（统一社会信用代码：", "（统一社会信用代码", "，统一社会信用代码为"]))
            b.keep(party.uscc)
            b.t("）" if b.parts[-2][0].startswith("（") else "，")
        if R.random() < 0.25:
            lr = b.person(allow_minority=False)
            b.public.append(lr.canonical)
            b.t("，法定代表人")
            b.keep(lr.canonical)
        if R.random() < 0.3:
            b.t("，住所")
            b.keep(org_address())
            b.t("，")
        return
    p = party.person
    if party.kind == "ind":
        form = R.choice(["trade", "geti", "paren", "op"])
        if form == "trade":
            b.t("当事人" + R.choice(DISTRICTS + [CITY]))
            b.name(p)
            b.keep(R.choice(SHOP_KINDS))
        elif form == "geti":
            b.t("当事人个体工商户")
            b.name(p)
        elif form == "paren":
            b.t("当事人")
            b.name(p)
            b.t(R.choice(["（个体）", "（个体工商户）"]))
        else:
            b.t("当事人" + R.choice(DISTRICTS) + R.choice(ORG_WORDS[:8]))
            b.keep(R.choice(SHOP_KINDS))
            b.t(R.choice(["（经营者：", "，经营者"]))
            b.name(p)
            if b.parts[-2][0].startswith("（"):
                b.t("）")
        if R.random() < 0.4:
            b.t("，统一社会信用代码")
            b.keep(party.uscc)
        if R.random() < 0.5:
            id_detail(b)
        return
    b.t("当事人")
    b.name(p)
    b.t(R.choice(["，男", "，女", "", "（自然人）"]))
    if R.random() < 0.8:
        id_detail(b)
    if R.random() < 0.5:
        addr_detail(b)
    if R.random() < 0.4:
        mobile_detail(b)


def party_again(b: B, party: Party) -> None:
    if party.kind == "org" or R.random() < 0.35:
        b.t("当事人")
    else:
        b.name(party.person)


# ----------------------------------------------------------------------------- 决定书 fragments
def facts_open(b: B) -> None:
    r = R.random()
    if r < 0.5:
        b.t(R.choice(["", "经查，"]))
        b.keep(date_str())
        b.t("，本" + R.choice(["局", "机关", "队"]) + "执法人员")
        b.officers(R.choice([2, 2, 3]))
        b.t(R.choice(["对", "依法对", "在日常检查中对"]))
    elif r < 0.75:
        b.keep(date_str())
        b.t("，本局接到")
        other_person(b) if R.random() < 0.6 else b.t("群众")
        if R.random() < 0.6:
            mobile_detail(b)
        b.t(R.choice(["的投诉，反映", "举报，称", "电话投诉，反映"]))
        b.t(R.choice(["其购买的商品存在质量问题。", "经营场所存在油烟扰民问题。", "被多收取费用。"]))
        b.t("执法人员")
        b.officers(2, with_cert=False)
        b.t("随即对")
    else:
        b.t("根据")
        b.keep(R.choice([a[0] for a in AGENCIES]))
        b.t("移送的案件线索，执法人员")
        b.officers(2)
        b.t("于")
        b.keep(date_str())
        b.t("对")


def facts_body(b: B, party: Party) -> None:
    r = R.random()
    party_first(b, party)
    if party.kind == "org" and R.random() < 0.5 and not b.parts[-1][0] == "，":
        b.t("位于")
        b.keep(org_address())
        b.t("的经营场所")
    b.t("进行检查，发现")
    if r < 0.2:
        b.t("其销售的")
        b.keep(R.choice(PRODUCTS))
        b.t("超过保质期，货值金额")
        b.keep(amount())
        b.t("。经查，该批货物系")
        other_person(b)
        details(b)
        b.t("于")
        b.keep(date_str())
        b.t("从")
        b.keep(R.choice(SUPPLIERS))
        b.t("购进。")
    elif r < 0.4:
        b.t("从业人员")
        other_person(b, R.choice([1, 2, 3]), roles=STAFF_ROLES)
        b.t("未取得")
        b.keep("健康证明")
        b.t("即从事接触直接入口食品的工作")
        if R.random() < 0.5:
            health_detail(b)
        b.t("。")
    elif r < 0.55:
        b.t("当事人雇佣的驾驶员")
        p = b.person()
        b.name(p)
        details(b, 1)
        b.t("驾驶")
        if party.kind == "org":
            b.t("登记在当事人名下的车辆（号牌")
            b.keep(new_plate())
            b.t("）")
        else:
            b.t("其个人所有的车辆（号牌")
            b.rm(new_plate(), "plate")
            b.t("）")
        b.t(R.choice(["未按规定取得道路运输证从事货物运输。", "超限运输。", "运输途中抛撒建筑垃圾。"]))
    elif r < 0.7:
        b.t("其经营场所内")
        b.keep(R.choice(PRODUCTS))
        b.t("的标价签与实际不符。现场")
        other_person(b)
        b.t("在现场检查笔录上签字确认")
        details(b, 1)
        b.t("。")
    elif r < 0.85:
        b.t("其未经许可擅自从事经营活动。经询问，")
        party_again(b, party)
        b.t("承认自")
        b.keep(date_str())
        b.t("起经营，违法所得")
        b.keep(amount())
        b.t("，资金通过其")
        kin = b.person()
        b.t(R.choice(["妻子", "丈夫", "儿子", "女儿", "员工"]))
        b.name(kin)
        b.t(R.choice(["名下银行卡（卡号：", "的账户（账号", "在中国农业银行开立的账户（卡号"]))
        b.rm(spell_card(new_card(valid=R.random() < 0.7)), "card")
        b.t("）收取。")
    else:
        b.t("其在")
        b.keep(R.choice(["微信朋友圈", "抖音直播间", "美团外卖平台店铺"]))
        b.t("发布违法广告，联系人为")
        p = b.person()
        b.name(p)
        mobile_detail(b)
        b.t("。")


def spell_card(num: str) -> str:
    style = R.choice(["plain", "plain", "four", "four_h", "runs", "full"])
    if style == "four":
        return group(num, [4] * 4, " ")
    if style == "four_h":
        return group(num, [4] * 4, "-")
    return spell_digits(num, style)


def facts_close(b: B) -> None:
    b.t(R.choice(["上述事实有", "以上事实有"]))
    b.t(R.choice(["现场检查笔录、询问笔录、", "现场照片、"]))
    if R.random() < 0.6:
        b.t("证人")
        ps = [b.person() for _ in range(R.choice([1, 2]))]
        for i, p in enumerate(ps):
            if i:
                b.t("、")
            b.name(p)
        b.t("的证言")
        if R.random() < 0.4:
            id_detail(b)
    else:
        b.t("视频资料")
    b.t("等证据为证。当事人的上述行为违反了")
    t, a = law()
    b.keep(t)
    b.keep(a)
    b.t("的规定。")


def decision_facts(b: B) -> None:
    party = make_party(b)
    facts_open(b)
    facts_body(b, party)
    if R.random() < 0.6:
        facts_close(b)


def decision_content(b: B) -> None:
    party = make_party(b)
    t, a = law()
    b.t("依据")
    b.keep(t)
    b.keep(a)
    b.t("的规定，决定对")
    if party.kind == "org":
        b.t("当事人")
        b.keep(party.org)
    else:
        b.t("当事人")
        b.name(party.person)
    b.t("作出如下行政处罚：1.警告；2.罚款人民币")
    b.keep(amount())
    b.t("；3.没收违法所得")
    b.keep(amount())
    b.t("。")
    r = R.random()
    if r < 0.35:
        b.t("罚款由当事人")
        b.t(R.choice(["之妻", "之夫", "的儿子", "委托的代理人"]))
        b.name(b.person())
        b.t("代为缴纳")
        if R.random() < 0.6:
            b.t("，缴款账号")
            b.rm(spell_card(new_card()), "card")
        b.t("。")
    elif r < 0.6:
        b.t("罚款缴入")
        b.keep(R.choice(["江临市财政局", "国库"]))
        b.t("指定账户，当事人")
        if party.kind == "org":
            b.t("开户行")
            b.keep(R.choice(["中国工商银行江临分行", "江临农商银行南湖支行", "中国建设银行桐岭支行"]))
            b.t("，账号")
            acct = new_org_account()
            b.rm(R.choice([acct, group(acct, [4] * 4, " ")]), "card")
        else:
            b.t("退款账户")
            b.rm(spell_card(new_card()), "card")
        b.t("。")
    else:
        b.t("当事人应自收到本决定书之日起十五日内缴纳罚款，逾期每日按罚款数额的百分之三加处罚款。")
        if R.random() < 0.5:
            b.t("咨询电话")
            ag, tel = R.choice(AGENCIES)
            b.keep(R.choice([tel or "12345", "12315", "12345"]))
            b.t("。")


def decision_remark(b: B) -> None:
    party = make_party(b)
    r = R.random()
    if r < 0.3:
        b.t("当事人已于")
        b.keep(date_str())
        b.t("缴纳罚款。送达时由")
        other_person(b)
        b.t("代收")
        details(b, R.choice([1, 2]))
        b.t("。")
    elif r < 0.55:
        b.t("联系人：")
        b.name(b.person())
        b.t(R.choice(["，", " "]))
        b.rm(spell_mobile(new_mobile()), "mobile")
        b.t("；执法人员：")
        b.officers(R.choice([1, 2]))
        b.t("，办公电话")
        ag, tel = R.choice(AGENCIES)
        b.keep(tel or "0579-81789990")
        b.t("。")
    elif r < 0.75:
        b.t("本案系")
        b.t(R.choice(["举报人", "投诉人"]))
        b.name(b.person())
        b.t("实名举报")
        details(b, 1)
        b.t("，已按规定兑现奖励。")
    else:
        b.t("因当事人")
        if party.kind == "org":
            b.keep(party.org)
            b.t("法定代表人")
            lr = b.person(allow_minority=False)
            b.public.append(lr.canonical)
            b.keep(lr.canonical)
        else:
            b.name(party.person)
        b.t("申请，准予延期缴纳罚款至")
        b.keep(date_str())
        b.t("。担保人")
        b.name(b.person())
        details(b, R.choice([1, 2]))
        b.t("。")


def decision_withdraw(b: B) -> None:
    party = make_party(b)
    r = R.random()
    b.t(R.choice(["撤回原因：", ""]))
    if r < 0.35:
        b.t("当事人")
        if party.kind == "org":
            b.keep(party.org)
        else:
            b.name(party.person)
        b.t("不服本决定，向")
        b.keep("江临市人民政府")
        b.t("申请行政复议，")
        b.keep(date_str())
        b.t("复议机关作出")
        b.keep(docno())
        b.t("行政复议决定书，撤销原处罚决定。")
    elif r < 0.65:
        b.t("经复查，原认定的实际经营人应为")
        b.name(b.person())
        id_detail(b)
        b.t("而非")
        if party.kind == "org":
            b.keep(party.org)
        else:
            b.name(party.person)
        b.t("，本机关依法撤回")
        b.keep(docno())
        b.t("处罚决定。")
    else:
        b.t("因")
        b.t(R.choice(["投诉人", "证人"]))
        b.name(b.person())
        b.t("撤回证言")
        details(b, 1)
        b.t("，认定事实的主要证据不足，依据")
        t, a = law()
        b.keep(t)
        b.keep(a)
        b.t("撤回本决定。")


# ----------------------------------------------------------------------------- 双随机 检查结果 / 整改要求
def inspection(b: B) -> None:
    party = make_party(b, R.choice(["ind", "ind", "org", "org", "person"]))
    r = R.random()
    if r < 0.22:
        b.t("检查发现" + ("该店" if party.kind != "org" else "该单位"))
        b.t(R.choice(["店员", "收银员", "员工", "厨师", "营业员"]))
        other = b.person()
        b.name(other)
        b.t(R.choice(["未持有效", "未取得"]))
        b.keep("健康证明")
        b.t("上岗")
        if R.random() < 0.4:
            health_detail(b)
        b.t("，已责令于")
        b.keep(date_str())
        b.t("前整改。")
    elif r < 0.42:
        b.t("现场负责人")
        b.name(b.person())
        details(b, R.choice([1, 1, 2]))
        b.t("在检查记录上签字确认，检查人员")
        b.officers(2, with_cert=R.random() < 0.3)
        b.t("。")
    elif r < 0.6:
        b.t("整改要求：")
        b.t(R.choice(["规范证照公示", "清理过期食品并建立临期食品管理制度", "完善进货查验记录", "整改消防通道"]))
        b.t("，整改完成后报告检查人员（联系人")
        b.name(b.person())
        b.t("，手机")
        b.rm(spell_mobile(new_mobile()), "mobile")
        b.t("）。")
    elif r < 0.75:
        if party.kind == "org":
            b.t("检查对象")
            b.keep(party.org)
            b.t("（统一社会信用代码")
            b.keep(party.uscc)
            b.t("）登记住所无人办公，经联系其员工")
        else:
            b.t("经营者")
            b.name(party.person)
            b.t("不在现场，经电话联系其家属")
        b.name(b.person())
        mobile_detail(b)
        b.t("，称已停业。")
    elif r < 0.88:
        b.t("发现问题已责令改正：")
        if party.kind == "org":
            b.keep(party.org)
        else:
            b.t("经营者")
            b.name(party.person)
        b.t("未按规定公示营业执照，")
        b.t(R.choice(["现场", "经查"]))
        b.t(R.choice(["消费者", "投诉人"]))
        b.name(b.person())
        b.t("反映")
        b.t(R.choice(["其家人", "其本人"]))
        health_detail(b, "其")
        b.t("后在该店购买的保健食品无中文标签。")
    else:
        b.t("通过登记的住所（经营场所）无法联系，")
        if party.kind == "org":
            b.t("公司总机")
            b.keep(f"0579-8{R.randint(1000000, 9999999)}")
            b.t("无人接听，")
        b.t("后联系到")
        b.t(R.choice(["股东", "实际控制人", "原店员"]))
        b.name(b.person())
        id_detail(b)
        b.t("，其称")
        b.keep(date_str())
        b.t("已搬离。")


# ----------------------------------------------------------------------------- 案卷评查 / 监督
def review(b: B) -> None:
    party = make_party(b, R.choice(["person", "person", "ind", "org"]))
    dn = docno()
    r = R.random()
    b.t(R.choice(["", "评查意见：", "发现问题："]))
    b.keep(dn)
    b.t("案卷中，")
    if r < 0.2:
        b.t("当事人")
        if party.kind == "org":
            b.keep(party.org)
            b.t("委托代理人")
            b.name(b.person())
        else:
            b.name(party.person)
        b.t("的身份证复印件未签字确认，")
        b.t("且证件号码")
        b.rm(spell_id(new_id(valid=R.random() < 0.7)), "id")
        b.t("与询问笔录记载不一致。")
    elif r < 0.38:
        b.t("送达回证由当事人")
        b.t(R.choice(["之子", "之女", "的妻子", "的父亲", "雇佣的店员"]))
        b.name(b.person())
        b.t("代签，未附授权委托书。")
    elif r < 0.52:
        b.t("询问笔录中证人")
        b.name(b.person())
        b.t("的" + R.choice(["身份证号码", "公民身份号码"]))
        b.rm(spell_id(new_id()), "id")
        b.t("记录错误，")
        b.t("执法人员")
        b.officers(R.choice([1, 2]), with_cert=R.random() < 0.4)
        b.t("未在笔录上签名。")
    elif r < 0.64:
        b.t("执法人员")
        b.officers(2, with_cert=True)
        b.t(R.choice(["执法证件已过期仍参与办案。", "未出示执法证件即开展调查。", "实施现场检查时仅一人在场。"]))
        if R.random() < 0.5:
            b.t("当事人")
            b.name(party.person) if party.kind != "org" else b.keep(party.org)
            b.t("的陈述申辩未记录。")
    elif r < 0.76:
        b.t("案卷未载明当事人")
        if party.kind != "org":
            b.name(party.person)
        else:
            b.keep(party.org)
        b.t("的送达地址，仅记录联系电话")
        b.rm(spell_mobile(new_mobile()), "mobile")
        b.t("，违反")
        t, a = law()
        b.keep(t)
        b.keep(a)
        b.t("。")
    elif r < 0.88:
        b.t("处罚决定书引用法律条款错误，应引用")
        t, a = law()
        b.keep(t)
        b.keep(a)
        b.t("；")
        b.t(R.choice(["听证笔录中", "集体讨论记录中"]))
        b.t(R.choice(["当事人的代理人", "利害关系人", "旁听人员"]))
        b.name(b.person())
        details(b, 1)
        b.t("的发言未记录完整。")
    else:
        b.t("罚没款收据显示罚款由")
        b.name(b.person())
        b.t(R.choice(["（当事人亲属）", "（当事人朋友）"]))
        b.t("通过其个人银行卡")
        b.rm(spell_card(new_card(valid=R.random() < 0.5)), "card")
        b.t("转账缴纳，收款账户为")
        b.keep(R.choice(["江临市财政局非税收入汇缴专户", "罚没款专户"]))
        b.t("。")
    if R.random() < 0.3:
        b.t("评查人员：")
        b.officers(1, with_cert=False)
        b.t("。")


def contacts_mix(b: B) -> None:
    """Contact details of persons in every rarer spelling, next to an organisation's public lines."""
    party = make_party(b, R.choice(["person", "ind", "org"]))
    style = b.style
    if style == "决定书":
        b.t(R.choice(["备注：", "联系方式：", "", "补充说明："]))
    elif style == "评查意见":
        b.keep(docno())
        b.t(R.choice(["案卷公示稿未隐去个人信息：", "案卷中处罚决定书公开版本载明", "发现问题：公示内容中"]))
    else:
        b.t(R.choice(["检查结果：", "整改要求：", ""]))
    if party.kind == "org":
        b.keep(party.org)
        b.t(R.choice(["对外公示的客服电话", "企业公示的联系电话", "总机", "售后服务热线"]))
        b.keep(R.choice([f"400-{R.randint(100, 999)}-{R.randint(1000, 9999)}", f"0579-8{R.randint(1000000, 9999999)}",
                         f"400{R.randint(1000000, 9999999)}", f"800-{R.randint(100, 999)}-{R.randint(1000, 9999)}"]))
        b.t("，具体经办人")
        who = b.person()
        b.name(who)
    else:
        b.t("当事人" if R.random() < 0.7 else "经营者")
        b.name(party.person)
    fns = [landline_detail, landline_detail, contact_detail, contact_detail, document_detail, document_detail]
    for f in R.sample(fns, R.choice([2, 3])):
        f(b)
    b.t("。")
    if R.random() < 0.5:
        b.t(R.choice(["消费者也可拨打", "投诉举报请拨打", "如有异议可拨打"]))
        b.keep(R.choice(["12315", "12345", "12369", "12320"]))
        b.t(R.choice(["热线。", "。"]))


def org_numbers(b: B) -> None:
    """Numbers that belong to organisations and must survive, with one employee's data in between."""
    org = org_name()
    b.t(R.choice(["当事人", "检查对象", "被检查单位"]))
    b.keep(org)
    r = R.random()
    if r < 0.35:
        b.t("（注册号：" if R.random() < 0.5 else "（原工商注册号")
        b.keep(R.choice(["339900", "339901", "330100", "339923"]) + "".join(R.choice("0123456789") for _ in range(9)))
        b.t("，统一社会信用代码")
        b.keep(new_uscc(digits_only=R.random() < 0.5))
        b.t("）")
    else:
        b.t("（统一社会信用代码：")
        b.keep(new_uscc(digits_only=R.random() < 0.6))
        b.t("）")
    r = R.random()
    if r < 0.4:
        b.t("所属" + R.choice(["重型厢式货车", "危险货物运输车", "渣土运输车", "小型客车"]) + "（号牌")
        b.keep(new_plate())
        b.t("，行驶证登记所有人为该公司）由驾驶员")
        d = b.person()
        b.name(d)
        b.t("驾驶")
        if R.random() < 0.5:
            id_detail(b)
            b.t("于")
        else:
            b.t("，于")
        b.keep(date_str())
        b.t(R.choice(["在", "途经"]) + R.choice(ROADS) + R.choice(["超限运输", "未密闭运输", "违规停放"]) + "。")
    elif r < 0.7:
        b.t("于")
        b.keep(date_str())
        b.t("被")
        b.keep(R.choice([a[0] for a in AGENCIES]))
        b.t("以")
        b.keep(docno())
        b.t("决定书处以罚款")
        b.keep(amount())
        b.t("，企业联系电话")
        b.keep(f"0579-8{R.randint(1000000, 9999999)}")
        b.t("（企业公示），现场联系人")
        b.name(b.person())
        mobile_detail(b)
        b.t("。")
    else:
        b.t("的检测报告（报告编号")
        b.keep(f"JLJC{R.randint(2022, 2026)}{R.randint(100000, 999999)}")
        b.t("）显示，批号")
        b.keep(f"{R.randint(2022, 2026)}{R.randint(1, 12):02d}{R.randint(1, 28):02d}")
        b.t("的产品不合格，执法人员")
        b.officers(R.choice([1, 2]), with_cert=True)
        b.t("调取了")
        b.t(R.choice(["仓库管理员", "质检员", "销售员"]))
        b.name(b.person())
        details(b, 1, tail=False)
        b.t("的陈述。")


HEALTH_PHRASES = [
    ("其因", "长期服药", HEALTH), ("其系", "患者", ["艾滋病", "尿毒症", "精神分裂症", "癫痫"]),
    ("该员工确诊", "后仍从事接触直接入口食品的工作", ["肺结核", "甲型肝炎", "戊型肝炎", "伤寒"]),
    ("其因", "住院治疗，委托其子到场", ["脑梗死", "心肌梗死", "恶性肿瘤", "股骨骨折"]),
    ("据其本人陈述，其有", "病史", ["癫痫", "精神分裂症", "抑郁症", "吸毒"]),
    ("其系", "，生活不能自理", ["高位截瘫患者", "植物人状态", "阿尔茨海默病患者"]),
]


def nocue(b: B) -> None:
    """Personal data without the usual labels: glued to a name, in brackets, after a verb."""
    party = make_party(b, R.choice(["person", "ind", "org"]))
    p = party.person if party.kind != "org" else b.person()
    r = R.random()
    lead = "当事人" if party.kind != "org" else R.choice(["当事人员工", "经办人", "驾驶员"])
    b.t(lead)
    b.name(p)
    if r < 0.18:
        b.t(R.choice([" ", "/", "，", "（", ""]))
        b.rm(spell_mobile(new_mobile()), "mobile")
        b.t("）" if b.parts[-2][0] == "（" else "")
        b.t(R.choice(["在现场检查笔录上签字。", "称对违法事实无异议。", "拒绝签字。"]))
    elif r < 0.32:
        b.t(R.choice([" ", "（", "，"]))
        b.rm(spell_id(new_id(valid=R.random() < 0.8)), "id")
        b.t("）" if b.parts[-2][0] == "（" else "")
        b.t("于")
        b.keep(date_str())
        b.t("到本局接受询问。")
    elif r < 0.46:
        b.t("（")
        address(b)
        b.t("）" + R.choice(["拒不配合调查。", "系本案实际经营人。", "未到场。"]))
    elif r < 0.58:
        b.t(R.choice(["在其位于", "在其家中（"]))
        address(b)
        b.t(R.choice(["的住宅内存放烟花爆竹。", "）存放未经检疫的肉品。"]) if b.parts[-1][0] else "的住宅内存放烟花爆竹。")
    elif r < 0.72:
        b.t("将违法所得转账至")
        b.rm(spell_card(new_card(valid=R.random() < 0.6)), "card")
        b.t("（" + R.choice(["本人", "其妻", "其母"]) + "账户）。")
    elif r < 0.84:
        b.t("驾驶")
        b.rm(new_plate(), "plate")
        b.t(R.choice(["（车主为其本人）", "（登记车主：其妻）", "（其本人所有）"]) + "运输建筑垃圾。")
    else:
        lead2, tail, terms = R.choice(HEALTH_PHRASES)
        b.t("，" + lead2)
        b.rm(R.choice(terms), "health")
        b.t(tail + "。")


def distractors(b: B) -> None:
    """Text that looks personal and is not: claims about diseases in adverts, licence numbers, places."""
    org = org_name()
    b.t(R.choice(["当事人", "检查对象"]))
    b.keep(org)
    r = R.random()
    if r < 0.25:
        b.t("在其店内宣传其销售的")
        b.keep(R.choice(["保健食品", "普通食品", "“富硒茶”", "磁疗床垫"]))
        b.t("具有治疗")
        d1, d2 = R.sample(["糖尿病", "高血压", "恶性肿瘤", "抑郁症", "失眠", "痛风", "乙肝"], 2)
        b.keep(d1)
        b.t("、")
        b.keep(d2)
        b.t("的功效，违反了")
        b.keep("《中华人民共和国广告法》")
        b.keep(R.choice(["第十七条", "第十八条", "第五十八条"]))
        b.t("。")
    elif r < 0.45:
        b.t("持有的")
        kind, num = R.choice([
            ("食品经营许可证（编号", f"JY{R.choice(['1', '2', '3'])}3399{R.randint(10, 99)}{R.randint(10000000, 99999999)}"),
            ("道路运输经营许可证（编号", f"浙交运管许可江字{R.choice(['339901', '339902'])}{R.randint(100000, 999999)}号"),
            ("排污许可证（编号", new_uscc() + f"{R.randint(1, 9):03d}{R.choice('PUVWXYZ')}"),
            ("药品经营许可证（编号", f"浙AA{R.randint(1000000, 9999999)}"),
        ])
        b.t(kind)
        b.keep(num)
        b.t("）已于")
        b.keep(date_str())
        b.t("过期，仍继续经营。")
    elif r < 0.6:
        b.t("在")
        b.keep(org_address())
        b.t(R.choice(["（当事人经营场所）", "（当事人仓库）"]) + "内设置的")
        b.keep(R.choice(["残疾人专用停车位", "无障碍通道", "母婴室"]))
        b.t("被占用，")
        b.t("责令于")
        b.keep(date_str())
        b.t("前改正。")
    elif r < 0.78:
        b.t("未按")
        b.keep(R.choice([a[0] for a in AGENCIES]))
        b.t("要求于")
        b.keep(date_str())
        b.t("前整改，咨询电话")
        ag, tel = R.choice(AGENCIES)
        b.keep(tel or "12345")
        b.t("，投诉电话")
        b.keep(R.choice(["12315", "12345", "12369"]))
        b.t("。")
    else:
        b.t("所属" + R.choice(["渣土车", "冷藏车", "危险货物运输车"]) + "（车辆所有人：当事人，号牌")
        b.keep(new_plate())
        b.t("）于")
        b.keep(date_str())
        b.t("在")
        b.keep(R.choice(ROADS))
        b.t("抛撒滴漏，处罚款")
        b.keep(amount())
        b.t("。")


GENERATORS = [
    ("决定书", decision_facts, 210),
    ("决定书", decision_content, 70),
    ("决定书", decision_remark, 70),
    ("决定书", decision_withdraw, 50),
    ("检查结果", inspection, 190),
    ("评查意见", review, 170),
    ("决定书", contacts_mix, 45),
    ("检查结果", contacts_mix, 25),
    ("评查意见", contacts_mix, 20),
    ("决定书", org_numbers, 30),
    ("检查结果", org_numbers, 25),
    ("决定书", nocue, 40),
    ("检查结果", nocue, 20),
    ("评查意见", nocue, 15),
    ("决定书", distractors, 30),
    ("检查结果", distractors, 25),
]


# ----------------------------------------------------------------------------- assembling
def finish(b: B, cid: str) -> dict | None:
    text = b.text()
    remove, keep = [], []
    oracle = []
    masks: dict[str, dict[str, str]] = {}
    for s, lab in b.parts:
        if lab is None:
            oracle.append(s)
        elif lab[0] == "keep":
            oracle.append(s)
            if s not in keep:
                keep.append(s)
        else:
            kind, extra = lab[1], lab[2]
            item = {"text": s, "kind": kind}
            if kind == "name":
                p: Person = extra["_person"]
                sn = p.surname[0] if p.surname else p.canonical[0]
                fam = masks.setdefault(sn, {})
                key = checks.norm(p.canonical)
                if key not in fam:
                    fam[key] = sn + "某" + "某甲乙丙丁戊己"[len(fam)]
                oracle.append(fam[key])
            else:
                oracle.append("＊＊")
            if item not in remove:
                remove.append(item)
    # the same surname twice: masks must differ, and 某某 must not be one of two
    for fam in masks.values():
        if len(fam) > 1:
            for i, k in enumerate(fam):
                fam[k] = fam[k][:-1] + "甲乙丙丁戊己"[i]
    # the registry is global: persons of other records that are not in this text
    if R.random() < 0.25:
        for _ in range(R.randint(1, 3)):
            other = new_person(b.taken, allow_minority=False)
            if checks.norm(other.canonical) not in checks.norm(text):
                b.persons.append(other.canonical)
    case = {
        "id": cid,
        "style": b.style,
        "text": text,
        "persons": list(dict.fromkeys(b.persons)),
        "public_names": list(dict.fromkeys(b.public)),
        "party_is_person": b.party_is_person,
        "remove": remove,
        "keep": keep,
    }
    # rebuild the oracle with the final masks
    oracle = []
    for s, lab in b.parts:
        if lab is None or lab[0] == "keep":
            oracle.append(s)
        elif lab[1] == "name":
            p = lab[2]["_person"]
            sn = p.surname[0] if p.surname else p.canonical[0]
            oracle.append(masks[sn][checks.norm(p.canonical)])
        else:
            oracle.append("＊＊")
    if not validate(case, "".join(oracle)):
        return None
    return case


def validate(case: dict, oracle: str) -> bool:
    text = case["text"]
    for item in case["remove"] + [{"text": k} for k in case["keep"]]:
        if item["text"] not in text or not item["text"].strip():
            return False
    names = [checks.norm(i["text"]) for i in case["remove"] if i["kind"] == "name"]
    for a in names:
        for c in names:
            if a != c and a in c:
                return False
    # a keep item must not hide a remove item (except names inside 《》 titles, hand-written only)
    for k in case["keep"]:
        nk = checks.norm(k)
        if any(checks.norm(i["text"]) in nk for i in case["remove"]):
            return False
        if any(nk in checks.norm(i["text"]) for i in case["remove"]):
            return False
    if checks.judge(case, oracle):
        return False
    if not case["remove"]:
        return True
    return bool(checks.judge(case, text))


def text_oracle(case: dict) -> str:
    """A perfect redaction of a hand-written case, from its labels alone."""
    text = case["text"]
    keeps = sorted(case["keep"], key=len, reverse=True)
    for i, k in enumerate(keeps):
        text = text.replace(k, f"\x01{i}\x02")
    masks: dict[str, list[str]] = {}
    for item in sorted(case["remove"], key=lambda it: -len(it["text"])):
        if item["kind"] == "name":
            sn = checks.surname_of(item)
            sn = sn[0] if sn else item["text"][0]
            fam = masks.setdefault(sn, [])
            key = checks.norm(item["text"])
            if key not in fam:
                fam.append(key)
            mask = sn + "某" + "甲乙丙丁戊己"[fam.index(key)]
        else:
            mask = "＊＊"
        text = text.replace(item["text"], mask)
    for i, k in enumerate(keeps):
        text = text.replace(f"\x01{i}\x02", k)
    return text


def main() -> None:
    cases = []
    for style, fn, n in GENERATORS:
        made = 0
        tries = 0
        while made < n:
            tries += 1
            if tries > n * 20:
                raise SystemExit(f"{fn.__name__}: cannot build valid cases")
            b = B(style)
            fn(b)
            case = finish(b, f"{fn.__name__}-{style}-{made + 1:03d}")
            if case is None:
                continue
            cases.append(case)
            made += 1
    _hs = importlib.util.spec_from_file_location("corpus_handwritten", HERE / "handwritten.py")
    hand = importlib.util.module_from_spec(_hs)
    _hs.loader.exec_module(hand)
    for case in hand.CASES:
        for item in case["remove"] + [{"text": k} for k in case["keep"]]:
            if item["text"] not in case["text"]:
                raise SystemExit(f"{case['id']}: {item['text']!r} is not in the text")
        if case["remove"] and not checks.judge(case, case["text"]):
            raise SystemExit(f"{case['id']}: the raw text passes its own checks")
        bad = checks.judge(case, text_oracle(case))
        if bad:
            raise SystemExit(f"{case['id']}: a perfect redaction fails: {bad}\n{text_oracle(case)}")
        cases.append(case)
    ids = [c["id"] for c in cases]
    assert len(ids) == len(set(ids)), "duplicate ids"
    out = HERE / "cases.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
    by_style: dict[str, int] = {}
    by_kind: dict[str, int] = {}
    for c in cases:
        by_style[c["style"]] = by_style.get(c["style"], 0) + 1
        for i in c["remove"]:
            by_kind[i["kind"]] = by_kind.get(i["kind"], 0) + 1
    print(f"wrote {len(cases)} cases to {out}", file=sys.stderr)
    print("styles:", by_style, file=sys.stderr)
    print("remove kinds:", dict(sorted(by_kind.items(), key=lambda kv: -kv[1])), file=sys.stderr)
    print("keep items:", sum(len(c["keep"]) for c in cases), file=sys.stderr)


if __name__ == "__main__":
    main()
