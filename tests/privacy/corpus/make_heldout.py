"""Held-out 脱敏 evaluation corpus: heldout_dev.jsonl (for tuning) and heldout_test.jsonl
(measured only, never tuned on).

    .venv/bin/python tests/privacy/corpus/make_heldout.py

Written from /work/shared/RULES.md and this folder's README only, without reading the detector
or the other corpus files. Seeded and deterministic.

Passages are written in a small markup: {tag:text}. Tags:
  p   the party (a natural person / a 个体工商户's operator): removed, listed in "persons"
  n   any other natural person: removed (kind name), NOT in "persons"
  o   an officer acting in office: kept, listed in "public_names"
  L   an organisation's 法定代表人: kept, listed in "public_names"
  k   anything else that must survive
  id mobile landline card email plate passport permit residence_permit property_cert qq wechat
  address health: removed with that kind; "@" (or "@fmt") makes the generator write a value.
A tag may carry a surname override: {n=欧阳:欧阳某人}.
The two splits use disjoint pools of names, officers, role words, bracket descriptions and
sentence frames; hand-written passages are split as well.
"""

from __future__ import annotations

import importlib.util
import json
import random
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("corpus_checks", HERE / "checks.py")
checks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(checks)  # type: ignore[union-attr]

STYLES = {"D": "决定书", "J": "检查结果", "P": "评查意见"}
REMOVE_KINDS = {"id", "mobile", "landline", "card", "email", "plate", "passport", "permit",
                "residence_permit", "property_cert", "qq", "wechat", "address", "health"}

# ---------------------------------------------------------------------------------------------
# personal numbers
FW = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
CN = str.maketrans("0123456789", "〇一二三四五六七八九")
AREAS = ["330102", "330183", "320506", "420106", "510107", "610113", "450103", "530102",
         "650102", "370202", "440305", "350203", "130102", "410105", "430104", "220104",
         "620102", "360111", "522601", "451202", "640104", "150102", "341602", "445102"]
W18 = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def _id_body(rng):
    y, m, d = rng.randint(1952, 2001), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice(AREAS) + f"{y:04d}{m:02d}{d:02d}{rng.randint(0, 999):03d}", (y, m, d)


def _id_check(body):
    return "10X98765432"[sum(int(c) * W18[i] for i, c in enumerate(body)) % 11]


def gen_id(rng, fmt):
    body, (y, m, d) = _id_body(rng)
    full = body + _id_check(body)
    fmt = fmt or rng.choice(["plain"] * 5 + ["space", "dash", "ideo", "fw", "lowx", "zw", "old15",
                                              "badcheck", "space2"])
    if fmt == "lowx":
        for _ in range(40):
            body, _d = _id_body(rng)
            if _id_check(body) == "X":
                return ("", body + "x", "")
        full = full.lower()
    if fmt == "old15":
        return ("", full[:6] + full[8:14] + full[14:17], "")
    if fmt == "badcheck":
        wrong = str((int(full[-1]) + 3) % 10) if full[-1].isdigit() else "7"
        return ("", full[:17] + wrong, "")
    if fmt == "space":
        return ("", f"{full[:6]} {full[6:14]} {full[14:]}", "")
    if fmt == "space2":
        return ("", " ".join(full[i:i + 4] for i in range(0, 18, 4)), "")
    if fmt == "dash":
        return ("", f"{full[:6]}-{full[6:14]}-{full[14:]}", "")
    if fmt == "ideo":
        return ("", f"{full[:6]}\u3000{full[6:14]}\u3000{full[14:]}", "")
    if fmt == "fw":
        return ("", full.translate(FW), "")
    if fmt == "zw":
        return ("", full[:9] + "\u200b" + full[9:], "")
    return ("", full, "")


MOB_PREFIX = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
              "155", "156", "157", "158", "159", "166", "173", "176", "177", "180", "181", "182",
              "185", "186", "187", "188", "189", "191", "195", "198", "199"]


def gen_mobile(rng, fmt):
    n = rng.choice(MOB_PREFIX) + "".join(rng.choice("0123456789") for _ in range(8))
    fmt = fmt or rng.choice(["plain"] * 4 + ["dash", "space", "dot", "fw", "cn", "p86", "p0086",
                                              "p86b", "dash2", "fwdash"])
    if fmt == "dash":
        return ("", f"{n[:3]}-{n[3:7]}-{n[7:]}", "")
    if fmt == "dash2":
        return ("", f"{n[:3]}—{n[3:7]}—{n[7:]}", "")
    if fmt == "space":
        return ("", f"{n[:3]} {n[3:7]} {n[7:]}", "")
    if fmt == "dot":
        return ("", f"{n[:3]}.{n[3:7]}.{n[7:]}", "")
    if fmt == "fw":
        return ("", n.translate(FW), "")
    if fmt == "fwdash":
        return ("", f"{n[:3]}－{n[3:7]}－{n[7:]}".translate(FW), "")
    if fmt == "cn":
        return ("", n.translate(CN), "")
    if fmt == "p86":
        return ("+86 ", n, "")
    if fmt == "p0086":
        return ("0086-", n, "")
    if fmt == "p86b":
        return ("（+86）", f"{n[:3]} {n[3:7]} {n[7:]}", "")
    return ("", n, "")


def _luhn(rng, prefix, length):
    digits = prefix + "".join(rng.choice("0123456789") for _ in range(length - len(prefix) - 1))
    total = 0
    for i, c in enumerate(reversed(digits)):
        v = int(c)
        if i % 2 == 0:
            v *= 2
            v -= 9 if v > 9 else 0
        total += v
    return digits + str((10 - total % 10) % 10)


def gen_card(rng, fmt):
    n = _luhn(rng, rng.choice(["622202", "621700", "622848", "436742", "622588", "623052",
                               "621226", "622609"]), rng.choice([16, 19, 19]))
    fmt = fmt or rng.choice(["plain", "plain", "space", "dash"])
    if fmt == "space":
        return ("", " ".join(n[i:i + 4] for i in range(0, len(n), 4)), "")
    if fmt == "dash":
        return ("", "-".join(n[i:i + 4] for i in range(0, len(n), 4)), "")
    return ("", n, "")


PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"


def gen_plate(rng, fmt):
    prov = rng.choice("浙苏皖赣湘鄂川甘桂闽黔滇豫冀晋陕")
    city = rng.choice("ABCDEFGHJK")
    tail = "".join(rng.choice("0123456789" * 3 + PLATE_LETTERS) for _ in range(5))
    fmt = fmt or rng.choice(["dot", "plain", "plain", "space", "lower", "ev", "evdot"])
    if fmt == "dot":
        return ("", f"{prov}{city}·{tail}", "")
    if fmt == "space":
        return ("", f"{prov}{city} {tail}", "")
    if fmt == "lower":
        return ("", f"{prov} {city.lower()}{tail.lower()}", "")
    if fmt in ("ev", "evdot"):
        ev = rng.choice("DF") + "".join(rng.choice("0123456789") for _ in range(5))
        return ("", f"{prov}{city}{'·' if fmt == 'evdot' else ''}{ev}", "")
    return ("", f"{prov}{city}{tail}", "")


def gen_landline(rng, fmt):
    area = rng.choice(["0571", "025", "0731", "027", "0851", "0771", "0931", "0591", "0371"])
    local = str(rng.randint(2, 8)) + "".join(rng.choice("0123456789") for _ in range(7))
    fmt = fmt or rng.choice(["br", "dash", "split", "ext"])
    if fmt == "br":
        return (f"（{area}）", local, "")
    if fmt == "split":
        return (f"{area} ", f"{local[:4]}-{local[4:]}", "")
    if fmt == "ext":
        return (f"{area}-", local, f"转{rng.randint(200, 899)}")
    return (f"{area}-", local, "")


def gen_email(rng, fmt):
    local = "".join(rng.choice("abcdefghjkmnprstwxyz") for _ in range(rng.randint(3, 6)))
    local += str(rng.randint(1970, 2005)) if rng.random() < .6 else str(rng.randint(10, 999))
    dom = rng.choice(["163.com", "126.com", "qq.com", "sina.com", "foxmail.com", "139.com"])
    fmt = fmt or rng.choice(["plain", "plain", "fullstop", "fwat"])
    if fmt == "fullstop":
        return ("", f"{local}@{dom.replace('.', '。')}", "")
    if fmt == "fwat":
        return ("", f"{local}＠{dom}", "")
    return ("", f"{local}@{dom}", "")


def gen_qq(rng, fmt):
    return ("", str(rng.randint(1, 9)) + "".join(rng.choice("0123456789")
                                                for _ in range(rng.randint(6, 9))), "")


def gen_wechat(rng, fmt):
    if rng.random() < .4:
        return ("", "wxid_" + "".join(rng.choice("abcdefghijkmnpqrstuvwxyz0123456789")
                                      for _ in range(12)), "")
    return ("", "".join(rng.choice("abcdefghjkmnprstwxyz") for _ in range(rng.randint(4, 7)))
            + rng.choice(["_", "", "-"]) + str(rng.randint(66, 2024)), "")


def gen_passport(rng, fmt):
    if rng.random() < .5:
        return ("", "E" + "".join(rng.choice("0123456789") for _ in range(8)), "")
    return ("", "E" + rng.choice("ABCDEFGH") + "".join(rng.choice("0123456789") for _ in range(7)), "")


def gen_permit(rng, fmt):
    if fmt == "tw":
        return ("", "".join(rng.choice("0123456789") for _ in range(8)), "")
    return ("", rng.choice("CH") + "".join(rng.choice("0123456789") for _ in range(8)), "")


def gen_residence_permit(rng, fmt):
    if fmt == "old" or (not fmt and rng.random() < .5):
        return ("", rng.choice(["USA", "KOR", "JPN", "CAN", "DEU", "RUS"]) +
                "".join(rng.choice("0123456789") for _ in range(12)), "")
    return ("", "9" + "".join(rng.choice("0123456789") for _ in range(17)), "")


GEN = {"id": gen_id, "mobile": gen_mobile, "card": gen_card, "plate": gen_plate,
       "landline": gen_landline, "email": gen_email, "qq": gen_qq, "wechat": gen_wechat,
       "passport": gen_passport, "permit": gen_permit, "residence_permit": gen_residence_permit}

# ---------------------------------------------------------------------------------------------
# markup → case
TAG = re.compile(r"\{(\w+)(?:=([^:{}]+))?:([^{}]*)\}")


def parse(markup: str, rng: random.Random):
    """Returns text, spans [(start, end, tag, surname)]."""
    out, spans, pos = [], [], 0
    length = 0
    for m in TAG.finditer(markup):
        lit = markup[pos:m.start()]
        if "{" in lit or "}" in lit:
            raise ValueError(f"stray brace in {markup!r}")
        out.append(lit)
        length += len(lit)
        tag, sur, body = m.group(1), m.group(2), m.group(3)
        if tag not in REMOVE_KINDS | {"p", "n", "o", "L", "k"}:
            raise ValueError(f"unknown tag {tag} in {markup!r}")
        pre, post = "", ""
        if body.startswith("@"):
            pre, body, post = GEN[tag](rng, body[1:])
        out.append(pre)
        length += len(pre)
        spans.append((length, length + len(body), tag, sur))
        out.append(body)
        length += len(body)
        out.append(post)
        length += len(post)
        pos = m.end()
    tail = markup[pos:]
    if "{" in tail or "}" in tail:
        raise ValueError(f"stray brace in {markup!r}")
    out.append(tail)
    return "".join(out), spans


def _occurrences(text, s):
    i, res = text.find(s), []
    while i >= 0:
        res.append(i)
        i = text.find(s, i + 1)
    return res


def build_case(cid, style, markup, rng, extra_persons=()):
    text, spans = parse(markup, rng)
    remove, keep, persons, public = [], [], [], []
    seen_r, seen_k = set(), set()
    for s, e, tag, sur in spans:
        t = text[s:e]
        if not t:
            raise ValueError(f"empty tag in {markup!r}")
        if tag in ("p", "n") or tag in REMOVE_KINDS:
            kind = "name" if tag in ("p", "n") else tag
            if (t, kind) not in seen_r:
                seen_r.add((t, kind))
                item = {"text": t, "kind": kind}
                if sur:
                    item["surname"] = sur.split("|")
                remove.append(item)
            if tag == "p":
                canon = t.replace("\u3000", "").replace(" ", "")
                for d in checks.DOTS:
                    canon = canon.replace(d, "·")
                if canon not in persons:
                    persons.append(canon)
        else:
            if tag in ("o", "L") and t not in public:
                public.append(t)
            if t not in seen_k:
                seen_k.add(t)
                keep.append(t)
    for p in extra_persons:
        if p not in persons:
            persons.append(p)
    case = {"id": cid, "style": STYLES[style], "text": text, "persons": persons,
            "public_names": public, "party_is_person": any(t == "p" for *_x, t, _s in spans),
            "remove": remove, "keep": keep}
    validate(case, spans)
    return case


def validate(case, spans):
    text = case["text"]
    rem_spans = [(s, e) for s, e, tag, _ in spans if tag in ("p", "n") or tag in REMOVE_KINDS]
    keep_spans = []
    for k in case["keep"]:
        for i in _occurrences(text, k):
            keep_spans.append((i, i + len(k), k))
    for item in case["remove"]:
        assert item["text"] in text
        for i in _occurrences(text, item["text"]):
            j = i + len(item["text"])
            if (i, j) in rem_spans:
                continue
            inside_title = any(a <= i and j <= b and k.startswith("《") for a, b, k in keep_spans)
            if not inside_title:
                raise ValueError(f"{case['id']}: unlabelled occurrence of {item['text']!r} in {text!r}")
    for a, b, k in keep_spans:
        for s, e in rem_spans:
            if s < b and a < e and not k.startswith("《"):
                raise ValueError(f"{case['id']}: keep {k!r} overlaps remove {text[s:e]!r}")
    # the officers / public names must not be among the removed names
    names = {checks.norm(r["text"]) for r in case["remove"] if r["kind"] == "name"}
    for p in case["public_names"]:
        for n in names:
            if checks.norm(p) in n or n in checks.norm(p):
                raise ValueError(f"{case['id']}: public name {p!r} vs removed {n!r}")
    for i, n1 in enumerate(sorted(names)):
        for n2 in sorted(names)[i + 1:]:
            if n1 in n2 or n2 in n1:
                raise ValueError(f"{case['id']}: names {n1!r} / {n2!r} nest")
    out = perfect_redaction(case, spans)
    fails = checks.judge(case, out)
    if fails:
        raise ValueError(f"{case['id']}: perfect redaction fails {fails}\n{text}\n{out}")


def perfect_redaction(case, spans):
    text = case["text"]
    groups: dict[tuple, list[str]] = {}
    name_items = {r["text"]: r for r in case["remove"] if r["kind"] == "name"}
    for r in name_items.values():
        s = checks.surname_of(r)
        n = checks.norm(r["text"])
        if s is not None and n not in groups.setdefault(s, []):
            groups[s].append(n)
    pieces, pos = [], 0
    for s, e, tag, _ in sorted(spans):
        if not (tag in ("p", "n") or tag in REMOVE_KINDS):
            continue
        pieces.append(text[pos:s])
        t = text[s:e]
        if tag in ("p", "n"):
            sur = checks.surname_of(name_items[t])
            if sur is None:
                pieces.append("某某")
            else:
                members = groups[sur]
                tail = "某" if len(members) == 1 else "甲乙丙丁戊己"[members.index(checks.norm(t))]
                pieces.append(sur[0] + "某" + tail)
        else:
            pieces.append("〔已隐去〕")
        pos = e
    pieces.append(text[pos:])
    return "".join(pieces)


# ---------------------------------------------------------------------------------------------
# vocabularies: one pool per split, disjoint (names, officers, role words, labels, frames)
POOLS = {
    "dev": {
        "surnames": list("王陈周吴黄孙郭罗宋谢韩冯董曹邓傅曾吕卢蔡丁薛余杜夏汪任范谭邹郝康邱顾邵龙段钱尹易乔赖覃韦莫蒙石金白江高马文"),
        "rare": list("禤亓靳缪晏訾逄佘甄"),
        "compound": ["欧阳", "司马", "上官", "诸葛", "皇甫"],
        "given2": ("立新 秀兰 立军 玉梅 红波 建国 丽萍 桂芳 志强 海燕 春生 晓东 美玲 国庆 淑珍 德明 "
                   "文静 金凤 永刚 翠花 子涵 浩然 雨欣 俊杰 思雨 梓轩 欣怡 宏伟 秋菊 树林 满仓 招娣 "
                   "来福 爱华 振华 雪梅 红霞 建军 凤英 小燕 明辉 丽娟 春燕 海波 玉兰 志刚 桂英 卫东 "
                   "翠萍 长青 晓红 国栋 慧敏 天佑 嘉怡 雅婷 泽宇 家乐 亚男 冬梅 秀珍 守业 荣华 兰芝 "
                   "金宝 水生 玉凤 彩云 俊峰 美娟 大勇 佩玲 培德 茂林 碧霞 绍辉").split(),
        "given1": list("亮瑞琳磊洁婷斌勇静鹏蕾峥昕岚"),
        "minority": ["阿依古丽·吐尔逊", "买买提·艾力", "古丽娜尔·阿不都", "热依拉·买买提",
                     "艾克拜尔·吾斯曼", "努尔兰·哈力木", "阿迪力·热合曼"],
        "trad": ["陳嘉豪", "黃淑儀", "鄧家輝", "馮錦華"],
        "fwspace": [("禤", "翀"), ("韦", "丹"), ("亓", "昕"), ("靳", "岚")],
        "officers": ["俞海峰", "施晓婷", "楼建伟", "滕雪莹", "童国良", "应佳慧", "裘志远", "祝丽娜",
                     "骆文涛", "屠佳敏"],
        "legal_reps": ["盛国强", "闵晓丽", "霍建斌", "阮志华"],
        "work_roles": ["店员", "帮工", "学徒", "值班人员", "机修工", "网约车司机", "保洁员", "收银员",
                       "厨师", "仓管员", "送餐员", "营业员", "理货员", "前台", "服务员", "装卸工"],
        "kin_roles": ["其配偶", "其妻", "其子", "其外甥女", "其女婿", "其母亲", "其胞弟", "其姐姐",
                      "其父亲"],
        "other_roles": ["证人", "投诉人", "合伙人", "房东", "租户"],
        "labels": ["姓名：", "联系人：", "店主："],
        "brackets": ["（男，{Y}年出生）", "（女，{Y}年{M}月出生）", "（另案处理）",
                     "（身份证号：{id:@}）", "（公民身份号码{id:@}）", "（系当事人雇请的临时工）",
                     "（男，{Y}年生，户籍地{k:梅山镇}）"],
        "orgs": ["江临市明达物流有限公司", "方圆物业服务有限公司", "江临黄山路农贸市场管理有限公司",
                 "金华百货有限公司", "江南水务集团有限公司", "安和大药房连锁有限公司",
                 "程远机械制造有限公司", "常青园林绿化工程有限公司", "白云汽车服务有限公司",
                 "石门建材有限公司", "林海木业有限公司", "高新区鑫源餐饮管理有限公司",
                 "江临市文明旅行社有限公司", "马鞍山路加油站有限公司"],
        "places": ["临江区", "东湖区", "梅山镇", "桂花村", "高新区"],
        "roads_person": ["桂花路", "滨河路", "解放西路", "新安巷", "朝阳北街", "丰收路", "杏林路"],
        "health": ["精神分裂症", "肢体残疾二级", "糖尿病", "肺结核", "癫痫", "抑郁症"],
        "laws": ["《中华人民共和国食品安全法》", "《中华人民共和国安全生产法》",
                 "《江临市文明行为促进条例》", "《中华人民共和国广告法》", "《中华人民共和国森林法》",
                 "《中华人民共和国消防法》"],
        "wh": ["临市监处罚〔{y}〕{n}号", "临综执罚决字〔{y}〕第{n}号", "东市监罚〔{y}〕{n}号"],
        "hot": ["400-{a}-{b}", "0571-8{c}"],
        "agency": "江临市临江区市场监督管理局",
    },
    "test": {
        "surnames": list("李张刘杨赵胡何梁郑唐于萧许沈彭苏蒋贾魏叶阎潘戴钟田姜姚廖熊陆孔崔毛秦史侯孟万雷汤黎武贺龚农方林安程常全单车"),
        "rare": list("仉岑冼麦敖练笪隗栾"),
        "compound": ["东方", "公孙", "慕容", "令狐", "司徒", "夏侯", "端木", "尉迟"],
        "given2": ("淑芬 国平 丽华 建华 晓明 雪芳 文斌 海涛 秀英 德华 春梅 正义 玉珍 福生 小军 丽君 "
                   "宝山 月娥 金生 瑞芳 永福 红梅 志伟 美华 振东 素琴 庆丰 爱玲 建平 晓燕 学军 素芬 "
                   "彩霞 国华 玉芬 少华 宏亮 锦程 若曦 一鸣 子墨 思彤 宇航 佳琪 紫涵 博文 诗涵 俊熙 "
                   "沐阳 桂兰 润生 铁柱 改娣 双喜 银花 连英 振国 海霞 淑贤 援朝 秋生 巧玲 慧娟 晓波 "
                   "新民 春花 亚平 雨桐 艳红 志明 桂香 德胜 金莲 永红 海龙 静怡").split(),
        "given1": list("凯敏涛娜军燕辉萍超霞彧湉珂韬旻"),
        "minority": ["帕提古丽·艾山", "阿不都热合曼·托乎提", "迪丽努尔·阿布力孜", "叶尔兰·努尔别克",
                     "古再丽努尔·吐逊", "麦麦提敏·阿卜杜拉", "巴合提江·吐尔洪"],
        "trad": ["張偉倫", "葉錦鴻", "蘇麗珍", "鍾志強"],
        "fwspace": [("仉", "彧"), ("岑", "湉"), ("栾", "珂"), ("冼", "旻")],
        "officers": ["柏宏宇", "邬静怡", "巫振林", "蓝晓薇", "樊永康", "翁雅琴", "房建新", "管晓露",
                     "聂立伟", "包志勇"],
        "legal_reps": ["窦志明", "冉秀华", "牛建波", "池丽娟"],
        "work_roles": ["代班人员", "搬运工", "二手车经纪人", "房屋中介", "护林员", "店长", "会计",
                       "驾驶员", "押运员", "电工", "焊工", "安全员", "技术员", "导购", "销售员", "操作工"],
        "kin_roles": ["其丈夫", "其儿媳", "其表叔", "其堂兄", "其岳父", "其侄子", "其舅舅", "其小姨子",
                      "其孙女"],
        "other_roles": ["举报人", "在场人", "受托人", "承租人", "出租人"],
        "labels": ["经营者：", "实际控制人：", "负责人："],
        "brackets": ["（女，{A}岁）", "（男，汉族，初中文化）", "（已移送公安机关）",
                     "（证件号码 {id:@}）", "（居民身份证{id:@}，联系电话{mobile:@}）",
                     "（系该店实际出资人）", "（男，{A}周岁，无固定职业）"],
        "orgs": ["沅州高铁新城开发有限公司", "金桥商贸有限公司", "方正印务有限公司",
                 "明珠酒店管理有限公司", "沅州市黄河路菜市场管理处", "江北供热有限公司",
                 "康宁医疗器械有限公司", "安居房地产经纪有限公司", "宋城食品有限公司",
                 "常乐超市有限公司", "丰盛农业开发有限公司", "严记餐饮管理有限公司",
                 "石桥砂石有限公司", "高峰驾驶员培训学校有限公司"],
        "places": ["沅州市", "清水县", "白沙镇", "龙泉乡", "石桥村"],
        "roads_person": ["荷花巷", "人民东路", "建设北路", "向阳街", "五一路", "团结巷", "迎宾西路"],
        "health": ["双相情感障碍", "视力残疾一级", "乙型肝炎", "尿毒症", "脑梗死后遗症", "智力残疾三级", "HIV"],
        "laws": ["《中华人民共和国产品质量法》", "《中华人民共和国大气污染防治法》",
                 "《沅州市城市市容和环境卫生管理条例》", "《中华人民共和国反不正当竞争法》",
                 "《危险化学品安全管理条例》", "《中华人民共和国道路运输条例》"],
        "wh": ["沅市监罚字〔{y}〕{n}号", "清综执罚〔{y}〕第{n}号", "沅应急罚〔{y}〕{n}号"],
        "hot": ["400-{a}-{b}", "0731-8{c}", "95{d}"],
        "agency": "沅州市市场监督管理局",
    },
}


# ---------------------------------------------------------------------------------------------
# sentence frames. Slots: <P> party (person), <PS> a second person with the party's surname,
# <N1>..<N4> other persons, <NS> a person with <N1>'s surname, <O1>/<O2> officers, <LR> a
# 法定代表人, <R1>/<R2> work roles, <K1> kinship, <X1> other roles, <LBL> a field label, <B> a bracket
# description, <ORG>/<ORG2>, <DATE>/<DATE2>, <AMT>/<AMT2>, <WH>/<WH2>, <LAW>, <HOT>, <USCC>,
# <ID>, <MOB>, <CARD>, <PLATE>, <CPLATE> (an organisation's vehicle), <ADDR>, <HEALTH>, <PERMIT>,
# <NUM>, <AGENCY>.
FRAMES = {
    "dev": [
        ("D", "经查，<P><B>自<DATE>起在{k:梅山镇}租用民房加工豆制品，未取得{k:食品生产许可证}，现场查获成品{k:120公斤}。<P>称其不知道需要办证。"),
        ("D", "当事人雇佣<N1>、<N2>在店内从事理发服务，二人均未取得{k:健康证明}。经询问，<N1>承认于<DATE>开始在该店担任<R1>。"),
        ("D", "该店由<N1>实际经营，营业执照登记的经营者为<K1><N2>，<N2>本人长期在外务工，对经营情况不知情。"),
        ("D", "现场检查时，<R1><N1>正在操作{k:燃气灶具}，其未能提供{k:安全}培训记录；店主<N2>到场后承认未组织培训。"),
        ("D", "<N1><B>于<DATE>将其承包的{k:林地}转让给<N2>，<N2>未经批准擅自改变{k:林地}用途，搭建{k:石材}加工棚。"),
        ("D", "当事人<P>将一辆{k:白色}小型轿车（号牌<PLATE>）租赁给<N1>从事非法营运，<N1>通过网约车{k:平台}接单{k:32单}。"),
        ("D", "证人<N1>证实：<DATE>晚，其在当事人店内购买的{k:散装白酒}系由<N2>从外地调入，<N2>的联系电话为<MOB>。"),
        ("D", "<LBL><N1>，<N1>系当事人的<R1>，现场检查时负责接待执法人员，并在询问笔录上签字。"),
        ("D", "经调查，<P>（{k:个体工商户}）通过微信（账号{wechat:@}）向不特定人员销售自制{k:减肥}胶囊，货款由<K1><N1>的银行卡（卡号<CARD>）收取。"),
        ("D", "当事人<P>辩称其患有<HEALTH>，门店一直由<K1><N1>代为照看，请求从轻处罚。经核实，<P>确有相关病历。"),
        ("D", "<N1>、<N2>等<NUM>人受当事人指派，于<DATE>凌晨在<ORG>东侧空地倾倒建筑垃圾。"),
        ("D", "本案当事人<P>，公民身份号码<ID>，住{k:临江区}<ADDR>，联系电话<MOB>。"),
        ("D", "执法人员<O1>、<O2>向<N1>送达了{k:行政处罚告知书}，<N1>签收后表示放弃陈述、申辩。"),
        ("D", "当事人将门面转租给<N1>经营彩票代售点，双方未签订书面合同，租金由<N1>按月转账至<K1><N2>的账户（账号<CARD>）。"),
        ("D", "<N1>于<DATE>起受聘担任当事人的<R1>，负责{k:车辆}调度；<DATE2>，<N1>指使<R2><N2>驾驶超限车辆上路。"),
        ("D", "当事人<P>与<K1><PS>共同经营该批发部，<PS>负责进货，<P>负责销售，二人对违法事实均无异议。"),
        ("J", "检查发现：经营者<P>未按规定公示{k:营业执照}，店内{k:明显}位置未张贴禁烟标识。现场由<N1>签字确认。"),
        ("J", "现场检查时仅<R1><N1>一人在岗，无法提供进货台账；经电话通知，店主<N2>于半小时后到场。"),
        ("J", "检查对象的店主<N1>不在现场，由<R1><N2>陪同检查，<N2>称冷藏柜温度计已损坏{k:两周}。"),
        ("J", "抽查<ORG>时发现，<R1><N1>无{k:健康证明}上岗，责令当日调离直接入口食品岗位。"),
        ("J", "整改要求：请<N1>于<DATE>前补办从业人员{k:健康证明}，并将复印件交由<N2>统一报送<AGENCY>。"),
        ("J", "<LBL><N1>，电话<MOB>；现场检查时该联系人未到场，由<K1><N2>代为签字。"),
        ("J", "检查中发现店内存放过期{k:常规}药品{k:3盒}，<R1><N1>称系顾客退回，尚未登记；已告知<N1>按规定销毁。"),
        ("J", "经询问<N1>，其承认{k:周边}居民反映的噪声系夜间装卸所致，当班<R1><N2>未按要求关闭{k:车辆}发动机。"),
        ("J", "该店{k:消防}通道被堆放的{k:石材}堵塞，值班人员<N1>无法说明堆放时间，已通知店主<N2>限期清理。"),
        ("J", "经营者<P>（身份证号<ID>）未能提供供货方资质，其称货物系通过<N1>介绍、从<N2>处购得。"),
        ("J", "<N1><B>在{k:桂花村}经营的家庭农场未落实防疫消毒制度，<K1><N2>已于<DATE>签署整改承诺。"),
        ("J", "<N1>与<NS>均自称该摊位经营者，检查人员<O1>要求二人提供摊位租赁凭证，<NS>出示了与<ORG>签订的合同。"),
        ("P", "案卷中询问笔录只有<N1>一人签名，未载明<N1>与当事人的关系，证人<N2>的证言未附身份证明，证据链不完整。"),
        ("P", "评查发现：本案当事人<P>的住址在不同文书中表述不一，立案审批表记载为<ADDR>，处罚决定书记载为{k:东湖区}另一地址。"),
        ("P", "该案由<O1>承办，调查终结报告未写明<N1>（<R1>）陈述内容的来源，建议补充对<N1>的询问笔录。"),
        ("P", "执法监督中发现，<P>已于<DATE>缴清罚款，但系统中仍显示未履行；经核实系经办人误将<N1>的缴款记录关联至其他案件。"),
        ("P", "卷宗中<P>的委托书未注明委托权限，受委托人<N1>的身份证复印件（号码<ID>）未经本人签字确认。"),
        ("P", "<N1>作为当事人的<R1>，在笔录中多次改口，办案人员未对矛盾之处作出说明；另，<N2>提供的照片无拍摄时间。"),
        ("P", "评查意见：{k:程序}基本合法，但告知书送达回证上的签收人为<N1>，而非当事人<P>本人，亦无授权委托材料。"),
        ("P", "<N1>、<N2>与当事人系同村村民，二人证言内容{k:高度}一致，疑似事先统一口径，证明力较弱。"),
        # no names to remove
        ("D", "当事人<ORG>于<DATE>在{k:黄山路}门店销售{k:明显}超过保质期的{k:方便面}{k:46袋}，货值金额<AMT>。依据<LAW>，决定罚款<AMT2>。"),
        ("D", "当事人<ORG>未按规定建立{k:安全}生产责任制，{k:全部}作业人员未经培训即上岗。以上事实有现场检查笔录、询问笔录（被询问人：<MASKED>）等证据证实。"),
        ("J", "检查结果：<ORG>的{k:许可}证件在有效期内，{k:车辆}（<CPLATE>，登记在该公司名下）年检合格，未发现问题。"),
        ("J", "整改要求：<ORG>立即清理{k:周边}堆放的{k:石材}，{k:马上}恢复{k:消防}通道畅通，于<DATE>前将整改情况报<AGENCY>。"),
        ("P", "评查发现决定书<WH>未载明申请行政复议的期限，且{k:单位}印章与承办机构不一致。"),
        ("D", "<ORG>客服电话<HOT>长期无人接听，消费者反映的{k:黄色}警示标识缺失问题经复查属实，<MASKED>等消费者的损失已由该公司先行赔付。"),
        ("J", "<DATE>抽查<ORG>施工现场，{k:常规}项目{k:12项}，{k:文明}施工措施落实到位，{k:高度}超过{k:2米}的脚手架均设置防护网。"),
        ("P", "执法监督发现，处罚决定书<WH>引用<LAW>条款错误，罚款金额<AMT>未说明裁量理由。"),
        ("D", "撤回原因：经复核，该案当事人实为<ORG>而非其分支机构，原决定书<WH>主体认定错误，予以撤回并重新作出。"),
        ("J", "检查对象<ORG>，住所{k:临江区金华大道88号}，本次检查{k:任务}编号{k:SJ2025-0312}，检查结论：未发现问题。"),
        ("D", "当事人<ORG>销售的{k:江南牌}石斛饮片标签标示“{k:治疗糖尿病}”，属于对药品功效的夸大宣传，违反<LAW>的规定。"),
        ("P", "评查意见：<MASKED>案、<MASKED2>案两份卷宗（<WH>、<WH2>）均缺少集体讨论记录，应{k:严格}按照{k:程序}要求补充。"),
        ("J", "<ORG>的统一社会信用代码<USCC>与营业执照一致，总机<HOT>可正常接通。"),
        ("D", "当事人<ORG>（法定代表人<LR>）在{k:高新区}{k:明达}广场擅自设置大型户外广告，罚款<AMT>。"),
    ],
    "test": [
        ("D", "<P><B>在{k:清水县白沙镇}经营的农资店内，执法人员查获未标注生产日期的{k:复合肥}{k:40袋}，<P>供述该批货物系从<N1>处赊购。"),
        ("D", "经查明，<N1>受当事人委托，将{k:白沙镇}一处仓库出租给<N2>存放烟花爆竹，租赁期间未办理任何手续。"),
        ("D", "当事人聘请<N1>为<R1>，<N1>未取得相应资格即从事作业；<DATE>，<N1>在{k:常青大道}施工现场违规动火。"),
        ("D", "<N1>交代，其于<DATE>起受<N2>雇请担任<R1>，每月报酬{k:4000元}，车辆由<N2>安排。"),
        ("D", "事发当日，<R1><N1>驾驶<ORG>所属货车（<CPLATE>，登记在该公司名下）将危险废物交由无资质的<N2>处置。"),
        ("D", "<LBL><P>；<K1><N1>系店内实际管理人员，案发后<N1>主动到<AGENCY>说明情况。"),
        ("D", "<N1>、<N2>、<N3>三人于<DATE>夜间在{k:龙泉乡}{k:林地}内盗伐林木，<R1><N4>发现后报警。"),
        ("D", "当事人<P>辩称：涉案{k:车辆}已于<DATE>出售给<N1>，但未办理过户，<N1>的手机号<MOB>已停机。"),
        ("D", "据<R1><N1>陈述，门店日常由<K1><N2>打理，当事人本人仅在周末到店。<N2>患有<HEALTH>，无法接受询问。"),
        ("D", "本案证据包括：1.当事人<P>的身份证复印件（<ID>）；2.对<N1>的询问笔录；3.现场照片{k:12张}。"),
        ("D", "当事人通过<R1><N1>将房屋转让给<N2>，<N2>支付的定金{k:2万元}存入<N1>个人账户<CARD>。"),
        ("D", "<LBL><N1>。<N1>于<DATE>指使<R1><N2>篡改检测报告数据，<N2>对此供认不讳。"),
        ("D", "<P>与<PS>系兄弟关系，二人合伙经营{k:沅州市}一家修理厂，<PS>管账，对违法事实均予以承认。"),
        ("D", "当事人<P>（住<ADDR>）在{k:石桥村}私设屠宰点，<N1>、<N2>负责收购生猪，<N3>负责运输。"),
        ("D", "当事人的<R1><N1>明知{k:车辆}制动失灵仍安排出车，<X1><N2>提供了行车记录仪视频。"),
        ("J", "现场无人，经电话联系，<N1>称其为该店<R1>，负责人<N2>在外地，检查人员告知其三日内到{k:白沙镇}市场监管所接受询问。"),
        ("J", "检查情况：<ORG>{k:安全}出口指示灯损坏，<R1><N1>现场无法说明维修计划；整改通知书由<N2>签收。"),
        ("J", "检查时店内仅有<K1><N1><B>看店，未能提供进货查验记录，已要求经营者<P>于<DATE>前补齐。"),
        ("J", "业主<N1>，手机<MOB>，现居<ADDR>；该户自建房{k:三层}以上部分未取得{k:规划许可}。"),
        ("J", "整改要求：由<N1>负责督促<R1><N2>、<N3>于<DATE>前取得特种作业操作证，逾期不得上岗。"),
        ("J", "被检查人<P>，证件号码<ID>，现场拒绝签字，由在场人<N1>见证，检查人员<O1>、<O2>全程执法记录。"),
        ("J", "抽查<ORG>时，<R1><N1>称公司{k:全部}危化品台账由已离职的<N2>保管，目前无法调取。"),
        ("J", "<N1><B>经营的民宿未按规定登记住客信息，<DATE>入住的一名旅客持港澳居民来往内地通行证（号码<PERMIT>）。"),
        ("J", "检查发现<P>的流动推车停放在{k:黄河路}人行道上，<P>称由<K1><N1>代为出摊，已当场告知<N1>不得占道。"),
        ("J", "<N1>向检查组反映，<NS>在{k:龙泉乡}收购的菌菇未经检测即销往<ORG>，<NS>对此未作回应。"),
        ("P", "案卷评查：询问<N1>的笔录未记录询问起止时间，<N1>作为<R1>的身份也未核实；对<N2>的调查仅有电话记录。"),
        ("P", "执法监督：本案送达地址确认书由<N1>代签，<N1>与当事人<P>的关系在卷中无任何说明。"),
        ("P", "评查认为，该案将<N1>认定为当事人，但现有证据显示实际经营者系<K1><N2>，主体认定存疑。"),
        ("P", "卷内<P>的陈述申辩书落款日期早于告知书送达日期<DATE>，且字迹与<P>本人签名{k:明显}不同。"),
        ("P", "监督检查发现，承办人<O1>在调查<N1>时未出示执法证件，笔录中仅有<O1>一人签名。"),
        ("P", "<X1><N1>提交的材料中附有<N2>的病历（诊断：<HEALTH>），办案机构未作保密处理即归入正卷。"),
        ("P", "评查发现该案{k:程序}存在瑕疵：对<N1>、<NS>两名<R1>的询问在同一时间段进行，但执法人员仅<O1>一人。"),
        ("P", "<N1>系本案<X1>，其身份证号码<ID>在公开的决定书中未作隐去处理，属于信息公开错误。"),
        # no names to remove
        ("D", "当事人<ORG>于<DATE>生产的腊肉，经{k:沅州市食品检验所}检验亚硝酸盐项目不合格，货值<AMT>。依据<LAW>，决定没收违法所得并罚款<AMT2>。"),
        ("J", "检查结论：<ORG>已按要求落实{k:全部}整改事项，{k:常规}巡查记录完整，{k:车辆}进出登记规范。"),
        ("P", "评查意见：文书<WH>事实部分与证据部分表述不一致，<MASKED>、<MASKED2>二人的陈述未在决定书中引用。"),
        ("D", "撤回原因：<ORG>已在法定期限内申请行政复议，复议机关以适用<LAW>不当为由撤销原决定书<WH>。"),
        ("J", "<ORG>（统一社会信用代码<USCC>）的{k:安全}生产标准化达标，对外服务电话<HOT>，本次{k:任务}来源为{k:2025年度}双随机抽查。"),
        ("D", "经查，<ORG>在{k:常青大道}设置的户外广告牌{k:高度}达{k:18米}，未取得设置许可，违反<LAW>相关规定。"),
        ("J", "<DATE>复查，{k:安康街}沿线商铺{k:全部}完成招牌整治，<ORG>门前{k:黄色}网格线内未发现乱停放{k:车辆}。"),
        ("P", "监督发现，同一违法行为先后作出<WH>、<WH2>两份决定，存在重复处罚，应{k:马上}启动纠错{k:程序}。"),
        ("D", "当事人<ORG>（法定代表人<LR>）未按规定对{k:危险化学品}储罐进行定期检测，罚款<AMT>。"),
        ("J", "抽查<ORG>的特种设备使用登记证{k:6份}，均在有效期内；电梯维保单位为{k:康宁电梯工程有限公司}（{k:400-826-3399}）。"),
        ("D", "当事人<ORG>宣传其林蛙油产品“{k:可预防高血压}”，属于虚假宣传，责令停止发布并罚款<AMT>。"),
        ("P", "评查结论：卷宗<WH>共计{k:46页}，{k:严格}执行了重大执法决定法制审核制度，审核意见明确。"),
        ("J", "对<ORG>开展{k:消防}检查，{k:方家巷}一侧疏散通道畅通，灭火器{k:全部}在检验期内。"),
        ("D", "<ORG>将{k:石材}露天堆放在{k:龙泉乡}{k:林地}边缘，未采取防尘措施，{k:周边}村民多次投诉。"),
    ],
}

SLOT = re.compile(r"<([A-Z]+\d?)>")


class Sampler:
    def __init__(self, pool, rng):
        self.pool, self.rng = pool, rng

    def given(self):
        p, r = self.pool, self.rng
        return r.choice(p["given1"]) if r.random() < .22 else r.choice(p["given2"])

    def name(self, surname=None):
        """→ (canonical, [spellings], surname)"""
        p, r = self.pool, self.rng
        if surname:
            n = surname + self.given()
            return n, [n], surname
        x = r.random()
        if x < .06:
            s = r.choice(p["compound"])
        elif x < .10:
            s = r.choice(p["rare"])
        elif x < .14:
            base = r.choice(p["minority"])
            a, b = base.split("·")
            dots = checks.DOTS[:4] + "\uff65"
            d1 = r.choice(dots)
            d2 = r.choice(dots) if r.random() < .5 else d1
            return base, [a + d1 + b, a + d2 + b], None
        elif x < .17:
            s, g = r.choice(p["fwspace"])
            return s + g, [s + "\u3000" + g, s + g], s
        elif x < .20:
            n = r.choice(p["trad"])
            return n, [n], n[0]
        else:
            s = r.choice(p["surnames"])
        n = s + self.given()
        return n, [n], s


def _date(rng, years=(2023, 2025)):
    return f"{rng.randint(*years)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"


def _fill_fmt(s, rng):
    return (s.replace("{Y}", str(rng.randint(1956, 2000))).replace("{M}", str(rng.randint(1, 12)))
             .replace("{A}", str(rng.randint(19, 70))))


def fill(frame, pool, rng):
    """Frame → (markup, extra persons). Each slot is fixed for the case; names may change
    spelling between occurrences (full-width space, middle dots)."""
    smp = Sampler(pool, rng)
    ctx: dict[str, str] = {}
    names: dict[str, tuple] = {}
    occ = Counter()
    used_norm: set[str] = set()

    def new_name(slot, surname=None):
        for _ in range(200):
            canon, spell, sur = smp.name(surname)
            nn = checks.norm(canon)
            if any(nn in u or u in nn for u in used_norm):
                continue
            if surname is None and slot.startswith("N") and rng.random() < .15:
                # sometimes a second person shares a surname already used
                earlier = [v[2] for v in names.values() if v[2] and len(v[2]) == 1 and v[2] in pool["surnames"]]
                if earlier:
                    canon2, spell2, sur2 = smp.name(rng.choice(earlier))
                    n2 = checks.norm(canon2)
                    if not any(n2 in u or u in n2 for u in used_norm):
                        canon, spell, sur, nn = canon2, spell2, sur2, n2
            used_norm.add(nn)
            names[slot] = (canon, spell, sur)
            return
        raise RuntimeError("no name")

    def repl(m):
        slot = m.group(1)
        if slot in ("P", "PS", "N1", "N2", "N3", "N4", "NS"):
            if slot not in names:
                if slot == "PS":
                    new_name("P") if "P" not in names else None
                    new_name(slot, names["P"][2] if names["P"][2] and names["P"][2] in pool["surnames"] else rng.choice(pool["surnames"]))
                elif slot == "NS":
                    if "N1" not in names:
                        new_name("N1")
                    s = names["N1"][2]
                    new_name(slot, s if s and (s in pool["surnames"] or s in pool["compound"]) else rng.choice(pool["surnames"]))
                else:
                    new_name(slot)
            canon, spell, _ = names[slot]
            i = occ[slot]
            occ[slot] += 1
            sp = spell[0] if i == 0 else rng.choice(spell)
            return ("{p:" if slot in ("P", "PS") and slot == "P" else "{n:") + sp + "}"
        if slot in ctx:
            return ctx[slot]
        v = value(slot)
        ctx[slot] = v
        return v

    def value(slot):
        p = pool
        if slot in ("O1", "O2"):
            others = {ctx.get("O1"), ctx.get("O2")}
            o = rng.choice([x for x in p["officers"] if "{o:" + x + "}" not in others])
            return "{o:" + o + "}"
        if slot == "LR":
            return "{L:" + rng.choice(p["legal_reps"]) + "}"
        if slot in ("R1", "R2"):
            return rng.choice([x for x in p["work_roles"] if x not in ctx.values()])
        if slot == "K1":
            return rng.choice(p["kin_roles"])
        if slot == "X1":
            return rng.choice(p["other_roles"])
        if slot == "LBL":
            return rng.choice(p["labels"])
        if slot == "B":
            return _fill_fmt(rng.choice(p["brackets"]), rng)
        if slot in ("ORG", "ORG2"):
            return "{k:" + rng.choice([o for o in p["orgs"] if "{k:" + o + "}" not in ctx.values()]) + "}"
        if slot in ("DATE", "DATE2"):
            return "{k:" + _date(rng) + "}"
        if slot in ("AMT", "AMT2"):
            a = rng.choice([500, 800, 1000, 2000, 3000, 5000, 8000, 10000, 20000, 30000, 50000])
            return "{k:" + rng.choice([f"{a}元", f"人民币{a}元", f"{a:,}.00元"]) + "}"
        if slot in ("WH", "WH2"):
            return "{k:" + rng.choice(p["wh"]).replace("{y}", str(rng.randint(2023, 2025))).replace(
                "{n}", str(rng.randint(3, 999))) + "}"
        if slot == "LAW":
            return "{k:" + rng.choice(p["laws"]) + "}"
        if slot == "HOT":
            h = rng.choice(p["hot"])
            h = (h.replace("{a}", str(rng.randint(600, 899))).replace("{b}", str(rng.randint(1000, 9999)))
                  .replace("{c}", str(rng.randint(1000000, 9999999))).replace("{d}", str(rng.randint(100, 999))))
            return "{k:" + h + "}"
        if slot == "USCC":
            return "{k:91" + str(rng.randint(100000, 999999)) + "MA" + "".join(
                rng.choice("0123456789ABCDEFGHJKLMNPQRTUWXY") for _ in range(8)) + "X}"
        if slot == "CPLATE":
            return "{k:" + gen_plate(rng, rng.choice(["dot", "plain"]))[1] + "}"
        if slot in ("MASKED", "MASKED2"):
            for _ in range(20):
                m = "{k:" + rng.choice(p["surnames"]) + rng.choice(["某", "某某", "某某"]) + "}"
                if m not in ctx.values():
                    return m
        if slot == "AGENCY":
            return "{k:" + p["agency"] + "}"
        if slot == "NUM":
            return rng.choice(["3", "4", "5", "三", "四", "六"])
        if slot == "ID":
            return "{id:@}"
        if slot == "MOB":
            return "{mobile:@}"
        if slot == "CARD":
            return "{card:@}"
        if slot == "PLATE":
            return "{plate:@}"
        if slot == "PERMIT":
            return "{permit:@}"
        if slot == "HEALTH":
            return "{health:" + rng.choice(p["health"]) + "}"
        if slot == "ADDR":
            road = rng.choice(p["roads_person"])
            parts = ["{address:" + f"{road}{rng.randint(1, 299)}号" + "}"]
            if rng.random() < .75:
                parts.append("{address:" + rng.choice([
                    f"{rng.randint(1, 30)}幢{rng.randint(1, 4)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}室",
                    f"{rng.randint(1, 20)}栋{rng.randint(1, 3)}0{rng.randint(1, 6)}",
                    f"{rng.randint(1, 12)}号楼{rng.randint(1, 6)}单元{rng.randint(101, 602)}"]) + "}")
            return "".join(parts)
        raise KeyError(slot)

    markup = SLOT.sub(repl, frame)
    extra = []
    if rng.random() < .04:
        # a feed sometimes lists a person of another record who is not in this text
        extra.append(smp.name()[0])
    return markup, extra


# ---------------------------------------------------------------------------------------------
# hand-written passages, dev split
HAND = {}
HAND["dev"] = [
    ("D", "经查，当事人{p:周立新}自{k:2024年11月}起在{k:临江区}望湖路租用门面从事烧烤经营，至今未取得{k:食品经营许可证}。{p:周立新}称其不知情，营业执照系其外甥女{n:邵婉清}代为办理，{n:邵婉清}对此予以确认。"),
    ("D", "经询问，{n:吴秀兰}承认其受雇于当事人，每日负责收银，月工资{k:3500元}；店内散装白酒均由{n:郭长顺}从外地购进，{n:吴秀兰}对进货来源并不清楚。"),
    ("D", "该店由{n:韩立军}实际经营，营业执照登记的经营者为其母亲{n:韩凤兰}，{n:韩凤兰}年逾七旬，从未到店。{n:韩立军}对无证销售{k:烟花爆竹}的事实供认不讳。"),
    ("J", "检查时店门半开，店内无人看管，约十分钟后{n:訾玉梅}返回，自称是老板的亲戚，临时帮忙看店。现场由{n:訾玉梅}签字确认，检查记录拍照留存。"),
    ("D", "{n:朱红波}于{k:2025年3月}起在当事人厂区从事电焊作业，未取得特种作业操作证。当事人称{n:朱红波}系其远房亲戚，临时来帮忙，未签订劳动合同。"),
    ("D", "{n:韦建国}、{n:覃丽萍}等{k:3人}在{k:桂花村}集体{k:林地}内采挖野生兰花，当事人以每株{k:15元}的价格向{n:韦建国}收购后通过网络转售。"),
    ("D", "当事人{p:欧阳卫国}将其名下{k:白色}面包车（{plate:@dot}）交由{n:欧阳俊}驾驶，{n:欧阳俊}未取得道路运输从业资格证即从事客运经营。"),
    ("J", "检查对象：{k:临江区}{p:司马燕}水果店（{k:个体工商户}）。经营者{p:司马燕}不在店内，其女儿{n:司马思琪}称母亲住院，店内{k:电子秤}未经检定。"),
    ("D", "经查，{p:上官婉}（女，身份证号{id:@space}）在{k:东湖区}{address:幸福里小区}{address:7栋502}的住宅内开设歌舞娱乐场所，未取得{k:娱乐经营许可证}。"),
    ("P", "评查发现：询问笔录中被询问人{n:诸葛明亮}的身份证号码记录为{id:@old15}，系旧版十五位号码，承办人未核对其换发后的新证件。"),
    ("D", "当事人{p:皇甫玉琴}在网络平台发布其自制药酒“{k:可根治风湿}”的广告。经询问，广告文案由其儿子{n:皇甫梓轩}撰写并发布，{n:皇甫梓轩}承认未取得广告审查批准文号。"),
    ("D", "经查，{p:阿依古丽•吐尔逊}在{k:东湖区}夜市摆摊销售烤肉，未取得{k:食品摊贩登记卡}。{p:阿依古丽·吐尔逊}称摊位由{n:买买提‧艾力}转让给她，转让费{k:6000元}。"),
    ("J", "检查对象经营者{p:禤　翀}（身份证{id:@}）现场出示的{k:食品经营许可证}已过期；{p:禤翀}称正在办理延续，但未能提供受理回执。"),
    ("D", "當事人{p:陳嘉豪}系香港居民（港澳居民来往内地通行证号码{permit:@}），在{k:江临市}租赁商铺销售进口保健食品，未能提供{k:入境货物检验检疫证明}。{p:陳嘉豪}称货物由其表妹{n:黃淑儀}在香港采购后带入。"),
    ("D", "当事人{p:王守业}在其经营的{k:明达超市}内销售过期乳制品，店内收银由其侄女{n:王嘉怡}负责，{n:王嘉怡}称不清楚保质期的检查要求。"),
    ("D", "经营者{p:丁亮}（{k:个体工商户}，字号“{k:丁记烧饼}”）在{k:黄山路}人行道上设置烤炉，经多次劝导仍未整改。{p:丁亮}称其患有{health:腰椎间盘突出}，无法长时间站立，只能在门口经营。"),
    ("J", "整改要求：由{n:余翠萍}负责在{k:2025年6月30日}前完成冷库温控设备更换，并将整改照片发送至检查人员{o:俞海峰}的工作邮箱{k:scjg_yhf@jl.gov.cn}。"),
    ("P", "监督发现：该案卷中{n:邓国庆}的询问笔录有两份，内容雷同，连错别字都一致，疑似复制；{n:邓国庆}的签名与身份证复印件上的签名不一致。"),
    ("D", "经查，当事人将仓库租赁给{n:曾繁林}使用，双方约定仓库只能用于存放纺织品。{n:曾繁林}擅自在仓库内储存{k:液化石油气}钢瓶{k:27只}，当事人明知而未制止。"),
    ("J", "检查时{n:吕宝珍}称其为店主的表姐，店主{n:蔡金龙}在外地进货，联系电话{mobile:@cn}。检查人员当场拨打，{n:蔡金龙}确认授权{n:吕宝珍}配合检查。"),
    ("D", "当事人{p:薛冬梅}，女，公民身份号码{id:@dash}，住{k:临江区}{address:丰收路112号}{address:3幢1单元402室}。{p:薛冬梅}在住宅楼一楼车库内开设小作坊生产{k:辣条}，无任何证照。"),
    ("D", "当事人将砂石运输业务交由{n:杜满仓}负责，{n:杜满仓}又转包给{n:夏春生}，{n:夏春生}驾驶未登记的农用车（{plate:@lower}）在{k:梅山镇}沿街抛洒砂石。"),
    ("J", "抽查{k:方圆物业服务有限公司}管理的{k:江南}小区，小区{k:消防}控制室值班人员{n:汪来福}无证上岗，另一名值班人员{n:任秀芝}当日未到岗。"),
    ("D", "当事人{p:范国栋}辩称，其妻子{n:谭丽娟}患有{health:系统性红斑狼疮}，家庭经济困难，申请分期缴纳罚款。经审查，同意{p:范国栋}分{k:3期}缴纳。"),
    ("P", "评查意见：处罚决定书中直接写明了当事人{p:邹大勇}的手机号码{mobile:@dash}和家庭住址{k:东湖区}{address:杏林路9号}，公开前未作技术处理。"),
    ("D", "本案共同违法人{n:郝招娣}（另案处理）在{k:2024年9月}至{k:12月}期间，按照当事人{p:康海波}的安排，在{k:高新区}多个小区张贴{k:黄色}小广告。"),
    ("J", "检查结果：经营者{p:邱美玲}未能提供从业人员健康证明，店内帮厨{n:顾春燕}患有{health:手部化脓性皮肤病}仍在切配岗位工作，已责令立即调离。"),
    ("D", "当事人通过其配偶{n:邵国良}名下银行卡（开户行{k:中国农业银行江临分行}，卡号{card:@space}）收取违法所得{k:12800元}。"),
    ("D", "另查明，同案{k:李某某}已被{k:临江区公安分局}行政拘留，其所述货物来源与{n:龙海燕}的陈述一致，{n:龙海燕}系当事人所雇仓管员。"),
    ("J", "检查时，店主{n:段秀珍}称，日常经营由其堂妹{n:段小燕}负责，进货票据均在{n:段小燕}处，{n:段小燕}当日请假未到。"),
    ("D", "当事人{p:钱培德}通过电子邮箱（{email:@}）向境外供应商采购未经注册的医疗器械，共计{k:4批次}，货值{k:18.6万元}。"),
    ("D", "经查，当事人在QQ群内发布招工广告，联系人为{n:尹佩玲}（QQ号{qq:@}），负责为当事人招募无证人员从事医疗美容操作。"),
    ("P", "评查发现：{k:临市监处罚〔2024〕217号}决定书将证人{n:易振华}的身份证号码写为{id:@badcheck}，与笔录所附复印件不一致，未作更正说明。"),
    ("D", "当事人{p:乔建军}在{k:梅山镇}集贸市场销售注水牛肉，其合伙人{n:赖永刚}负责屠宰，{p:乔建军}负责销售，违法所得{k:4200元}由二人平分。"),
    ("J", "{n:莫德明}称该批{k:黄色安全帽}系{k:2023年}购入，未查验合格证明；经查，供货方为{k:石门建材有限公司}，该公司总机{k:0571-86120033}可正常接通。"),
    ("D", "经查明，当事人雇请的{n:艾克拜尔・吾斯曼}在店内负责烤制，{n:艾克拜尔・吾斯曼}未取得健康证明；另一名帮工{n:努尔兰‧哈力木}于检查当日已离职。"),
    ("J", "检查发现该店{k:安全}通道堆放杂物，店主{n:蒙爱华}当场清理。经询问，夜间由其胞弟{n:蒙茂林}值守，{n:蒙茂林}称不知道要巡查。"),
    ("D", "撤回原因：本案当事人{p:石磊}已于{k:2025年1月}死亡，其妻{n:文碧霞}提供了死亡证明，依法终结执行并撤回公示。"),
    ("D", "经查，{p:金宝}在{k:金华百货有限公司}一楼租赁柜台销售假冒{k:白云牌洗衣粉}{k:260袋}，{p:金宝}不能说明进货来源。"),
    ("J", "{n:白雪梅}称其受{k:白云汽车服务有限公司}聘用从事保洁，检查当日洗车废水直排雨水管网，公司{k:车辆}维修区未设置隔油池。"),
    ("D", "当事人{p:江长青}在{k:江南水务集团有限公司}的供水管网上私接水管，用于其经营的洗车店，{p:江长青}对此无异议。"),
    ("P", "案卷评查：决定书当事人栏写为“{p:高亮}（{k:个体工商户}）”，而营业执照登记名称为“{k:江临市临江区}{p:高亮}便利店”，名称不一致；送达回证由{n:马丽娟}签收，未附委托书。"),
    ("D", "当事人{p:马晓红}在{k:马鞍山路}路口占道经营水果，执法人员{o:楼建伟}、{o:滕雪莹}劝离后，{p:马晓红}于当日下午再次出摊。"),
    ("J", "经营者{p:康翠花}，身份证号{id:@fw}，店内{k:消防}器材过期，已责令于{k:2025年5月10日}前更换。"),
    ("D", "{n:罗雅婷}于{k:2025年2月}起在当事人经营的宾馆担任前台，未按规定查验旅客身份证件，共为{k:17名}旅客办理无证入住。"),
    ("D", "经查，当事人{p:缪斌}伙同{n:晏荣华}在{k:高新区}闲置厂房内翻新废旧轮胎并对外销售，{n:晏荣华}负责联系买家。"),
    ("J", "检查对象实际经营者与登记经营者不一致：登记经营者为{p:逄雨欣}，实际由{n:谢宏伟}经营，{n:谢宏伟}称其从{p:逄雨欣}处租赁了该店铺。"),
    ("P", "执法监督发现：本案证据中{n:佘秋菊}的证言形成于立案之前，且未载明询问人；{n:佘秋菊}与当事人存在经济纠纷，证言真实性存疑。"),
    ("D", "当事人{p:甄志刚}预留的联系电话为其家中座机{landline:@br}，送达时无人接听，后通过其女婿{n:谭俊峰}转交文书。"),
    ("D", "经调查，{n:孙国栋}系{k:江临市明达物流有限公司}的货车司机，该公司{k:车辆}（{k:浙A·7T352}，登记在公司名下）超限{k:62%}，{n:孙国栋}称装货由公司安排。"),
    ("D", "当事人委托其外甥女{n:宋亚男}为代理人参加听证，{n:宋亚男}提交了当事人{p:冯建军}的病历，证明{p:冯建军}患有{health:精神分裂症}，请求不予处罚。"),
    ("J", "检查中，前来购药的{n:曹玉兰}反映该药店夜间无药师在岗；经查，执业药师{n:曹慧敏}注册在该店但实际在外地工作。"),
    # no names to remove
    ("D", "经查，当事人{k:金华百货有限公司}在其{k:黄山路}门店销售的{k:白色}棉质T恤纤维含量与标识不符，货值金额{k:3680元}，违法所得{k:1240元}。"),
    ("J", "检查结果：{k:高新区鑫源餐饮管理有限公司}后厨{k:明显}位置张贴了{k:食品安全}管理制度，{k:全部}从业人员持有效健康证明，检查未发现问题。"),
    ("P", "评查意见：本卷宗{k:程序}合法，证据确实充分，但决定书文号{k:临市监处罚〔2025〕46号}与送达回证记载的{k:临市监处罚〔2025〕64号}不一致，属笔误，应予更正。"),
    ("D", "撤回原因：当事人{k:程远机械制造有限公司}提出行政复议，复议机关认为本案认定违法所得{k:86000元}证据不足，原决定已撤销。"),
    ("J", "整改要求：{k:马上}对{k:周边}裸露土方进行覆盖，{k:车辆}出入口设置冲洗平台，{k:严格}落实扬尘管控措施。"),
    ("D", "当事人{k:林海木业有限公司}在{k:梅山镇}{k:林地}内非法堆放木材加工废料约{k:30吨}，经测算恢复植被费用为{k:2.4万元}。"),
    ("J", "经查询，{k:安和大药房连锁有限公司}在{k:高新区}共有门店{k:6家}，本次抽查的{k:文明路店}执业药师在岗，处方药销售登记完整。"),
    ("P", "执法监督发现，{k:王某}案的处罚决定书引用{k:《中华人民共和国消防法》}第六十条，但违法事实为占用疏散通道，适用条款{k:明显}不当。"),
    ("D", "当事人{k:江临市文明旅行社有限公司}未按规定对导游进行{k:文明}旅游宣传教育，致使团队游客在景区内乱刻乱画，依据{k:《江临市文明行为促进条例》}决定罚款{k:5000元}。"),
    ("J", "{k:常青园林绿化工程有限公司}承建的{k:黄山路}绿化提升工程，施工{k:车辆}未密闭运输，{k:石材}散落路面，已责令当场清扫。该公司客服电话{k:400-615-2207}。"),
    ("D", "当事人{k:白云汽车服务有限公司}在{k:高新二路}经营场所露天喷漆，挥发性有机物未经收集处理直接排放，罚款{k:人民币三万元}。"),
    ("J", "检查{k:任务}：{k:2025年度}食品经营者双随机抽查（第二批）。检查对象{k:江临黄山路农贸市场管理有限公司}，检查结论：发现问题，已责令整改。"),
    ("P", "评查意见：案卷中当事人的统一社会信用代码{k:91330102MA2H3K7L9Q}与营业执照不一致，{k:单位}名称中“{k:江南}”误写为“江楠”。"),
    ("D", "{k:方圆物业服务有限公司}（法定代表人{L:盛国强}）在{k:江南}小区擅自占用{k:消防}车通道设置停车位{k:14个}，罚款{k:2万元}。"),
    ("J", "抽检{k:石门建材有限公司}生产的{k:常规}规格水泥{k:3批次}，{k:全部}合格；该公司{k:车辆}（{k:浙A·3M618}、{k:浙A·3M619}）运输台账齐全。"),
    ("P", "执法监督中发现，{k:张某某}违法建设案和{k:周某}占道经营案均未在法定期限内公示，{k:平台}显示公示日期晚于决定日期{k:20个工作日}以上。"),
]


# ---------------------------------------------------------------------------------------------
# hand-written passages, test split (other names, roles, wording)
HAND["test"] = [
    ("D", "{n:张德华}称其不知道所售电动车电池系翻新产品，货源由其表叔{n:梁宝山}提供，{n:梁宝山}另在{k:清水县}开有一家回收站。"),
    ("D", "经询问，{n:杨淑芬}承认自{k:2025年1月}起在当事人的诊所内为患者输液，其本人未取得护士执业证书；诊所实际由{n:杨国平}出资经营。"),
    ("D", "该卤菜店由{n:刘铁柱}实际经营，营业执照登记的经营者{p:刘改娣}系其嫂子，{p:刘改娣}对店内使用{k:工业明胶}的情况称不知情。"),
    ("J", "检查开始时店内只有一名顾客，五分钟后{n:姚双喜}从后院进来，自称替老板照看生意；检查记录由{n:姚双喜}签字，其拒绝提供身份证件。"),
    ("D", "{n:廖志明}于{k:2025年4月}起受雇在当事人的废品收购站从事拆解作业，{k:2025年6月3日}拆解废旧冰箱时致制冷剂泄漏，{n:廖志明}被送医治疗。"),
    ("D", "{n:农海龙}、{n:黎春梅}等{k:5人}受当事人雇请，在{k:石桥村}河道内采砂，当事人按每车{k:80元}支付报酬，{n:农海龙}负责记账。"),
    ("D", "当事人{p:东方一鸣}将其名下电动轻型货车（{plate:@ev}）出租给{n:慕容子墨}，{n:慕容子墨}驾驶该车在{k:沅州市}城区从事非法货运，被查获时车上载有建材{k:1.8吨}。"),
    ("J", "检查对象：{k:清水县}{p:令狐巧玲}副食店（{k:个体工商户}）。经营者{p:令狐巧玲}外出，其儿媳{n:司徒慧娟}在店内看店，称店内散装食品均无标签。"),
    ("D", "经查，{p:公孙诗涵}（女，33岁，居民身份证号码{id:@space2}）通过直播平台销售自制“美白霜”，经检验检出汞含量超标{k:40倍}。"),
    ("P", "评查发现：询问笔录中被询问人{n:尉迟振国}的身份证号记为{id:@lowx}，末位为小写字母，但笔录未记录其与当事人的关系。"),
    ("D", "当事人{p:端木博文}在其运营的公众号上发布“{k:祖传秘方根治痛风}”的广告，文章由其岳父{n:夏侯振东}提供并审核，{n:夏侯振东}系当地中医诊所坐诊人员。"),
    ("D", "经查，{p:帕提古丽•艾山}在{k:白沙镇}集市销售无标签干果，{p:帕提古丽・艾山}称货源由{n:叶尔兰·努尔别克}批发，进货单据已遗失。"),
    ("J", "被检查人{p:仉　彧}（证件号{id:@ideo}）称店铺系向{n:岑湉}承租，{p:仉彧}本人不清楚{k:消防}验收情况。"),
    ("D", "當事人{p:葉錦鴻}系台湾居民（台湾居民来往大陆通行证号码{permit:@tw}），在{k:沅州市}经营茶叶店，店内销售的{k:高山茶}未标注产地。{p:葉錦鴻}称店务由{n:蘇麗珍}打理。"),
    ("D", "当事人{p:张晓波}与其堂兄{n:张新民}合伙经营摩托车修理铺，{n:张新民}负责维修，{p:张晓波}负责收钱，废机油均由{n:张新民}倒入下水道。"),
    ("D", "当事人{p:单娜}（{k:个体工商户}，字号“{k:单家凉皮}”）未按规定公示{k:食品经营许可证}，{p:单娜}称许可证原件被其丈夫{n:常超}拿去办贷款。"),
    ("J", "{n:何秀英}须在{k:2025年7月15日}前完成燃气报警装置安装，整改完成后电话告知检查人员{o:邬静怡}（{k:0731-88629014}）。"),
    ("P", "监督发现：本案对{n:潘建平}的询问笔录中，{n:潘建平}的回答与{n:潘丽君}的笔录逐字相同，两份笔录的询问人均为{o:柏宏宇}，询问时间重叠。"),
    ("D", "当事人将沿街商铺出租给{n:钟永红}经营电动车销售，{n:钟永红}在商铺内为电动车电池集中充电，当事人未予制止。"),
    ("J", "检查时店内仅有{n:孔月娥}一人，{n:孔月娥}称老板{n:毛学军}去进货了，电话是{mobile:@cn}，检查人员拨打该号码无人接听。"),
    ("D", "当事人{p:秦玉珍}，女，身份证号{id:@dash}，住{k:清水县}{address:向阳街27号}{address:2栋301}。{p:秦玉珍}在自家院内私自宰杀活禽对外销售。"),
    ("D", "当事人将渣土运输交由{n:史福生}，{n:史福生}又雇请{n:侯金生}驾驶{plate:@space}重型自卸车，在{k:常青大道}沿途抛撒渣土。"),
    ("J", "抽查{k:安居房地产经纪有限公司}，发现其门店房屋中介{n:孟庆丰}未进行执业登记，另一名中介人员{n:雷秋生}使用他人的执业证书。"),
    ("D", "当事人{p:汤援朝}申请减免罚款，称其本人患有{health:帕金森病}，店铺经营由其侄子{n:汤宏亮}代管。经核实，{p:汤援朝}所述病情属实，准予分期缴纳。"),
    ("P", "评查意见：决定书中写明了{p:武桂兰}的手机号{mobile:@p86}及住址{k:沅州市}{address:团结巷5号}{address:3号楼2单元202}，公开版本未作处理。"),
    ("D", "本案另一违法行为人{n:贺金莲}（已移送公安机关处理）按照当事人{p:龚永福}的指示，向{k:龙泉乡}养殖户推销假兽药。"),
    ("J", "检查结果：经营者{p:魏晓燕}店内在售的{k:电热毯}无{k:3C认证}标志，其称系从{n:苏德胜}处进货，{n:苏德胜}无法联系。"),
    ("D", "违法所得均转入当事人的舅舅{n:萧润生}名下银行卡（开户行{k:沅州农商银行}，卡号{card:@dash}），共计{k:37500元}。"),
    ("D", "同案{k:赵某}已另案处理，其供述的货源与{n:沈海涛}的供述一致，{n:沈海涛}系当事人雇请的押运员。"),
    ("J", "检查时，导购{n:姜雪芳}称店长{n:姜慧娟}请假，店内促销标签“原价”无依据，{n:姜慧娟}事后电话确认系总部统一制作。"),
    ("D", "当事人{p:蒋少华}在二手平台发布广告招揽代办驾照业务，联系邮箱为{email:@fullstop}，共收取{k:9人}费用。"),
    ("D", "当事人{k:高峰驾驶员培训学校有限公司}通过{n:陆晓明}的微信（微信号{wechat:@}）收取学员报名费，共计{k:46800元}，未开具发票。"),
    ("P", "评查发现：{k:沅市监罚字〔2024〕88号}决定书载明的当事人{p:崔艳红}身份证号码{id:@old15}为旧证号码，与当事人现持证件不一致。"),
    ("D", "当事人{p:戴振国}在{k:白沙镇}农贸市场销售病死猪肉，其小姨子{n:田淑贤}负责分割，{n:田淑贤}称不知道猪肉来源。"),
    ("J", "{n:贾志伟}称店内{k:黄色}液化气钢瓶系{k:2022年}购入，未定期检验；钢瓶充装单位为{k:江北供热有限公司}下属充装站，服务电话{k:95338}。"),
    ("D", "经查明，当事人雇请的{n:麦麦提敏‧阿卜杜拉}负责店内烤馕，{n:麦麦提敏·阿卜杜拉}无健康证明；另一人{n:迪丽努尔･阿布力孜}负责收款。"),
    ("J", "店内电气线路私拉乱接，电工{n:熊正义}称线路由前任承租人{n:黎志明}改装，{n:熊正义}本人无电工证。"),
    ("D", "撤回原因：当事人{p:方建华}已于{k:2025年3月}死亡，其侄子{n:方宇航}提交了死亡证明，本案依法终结执行。"),
    ("D", "当事人{p:安娜}系{k:安居房地产经纪有限公司}的经纪人，其未经公司同意以个人名义收取购房意向金{k:5万元}，未开具任何收款凭证。"),
    ("J", "{n:林德华}称其承包的{k:林地}内的{k:石材}系前任承包人{n:常桂香}堆放，{n:常桂香}已迁居外地，联系电话{mobile:@space}。"),
    ("D", "当事人{p:车凯}擅自改装其小型货车（{plate:@dot}）的货厢，{k:车辆}外廓尺寸超出标准{k:35厘米}。"),
    ("P", "案卷评查：决定书当事人栏写为“{p:全晓燕}”，营业执照登记为“{k:清水县}{p:全晓燕}服装店”，{k:全部}文书中字号写法不统一。"),
    ("D", "{p:程海霞}在{k:黄河路}口占道经营，执法人员{o:巫振林}、{o:蓝晓薇}依{k:程序}告知后，{p:程海霞}拒不整改。"),
    ("J", "经营者{p:姚连英}，证件号码{id:@fw}，店内灭火器{k:全部}过期，已责令{k:2025年8月1日}前更换。"),
    ("D", "{n:郑佳琪}于{k:2025年2月}起担任当事人的安全员，未取得安全生产知识和管理能力考核合格证，当事人仍安排其独立管理{k:危险化学品}仓库。"),
    ("D", "当事人{p:敖韬}伙同{n:练彩霞}在{k:龙泉乡}租用民房生产假冒{k:宋城牌}腊肠，{n:练彩霞}负责包装。"),
    ("J", "登记经营者为{p:笪银花}，实际经营者为{n:隗振东}，{n:隗振东}称其从{p:笪银花}处承租该店，双方未签合同。"),
    ("P", "执法监督发现：{n:栾晓波}的陈述形成于立案前，且未载明询问地点；{n:栾晓波}系举报人，与当事人存在竞争关系。"),
    ("D", "当事人{p:冼志明}预留的联系电话为其家中座机{landline:@ext}，多次拨打无人接听，文书最终由其侄子{n:冼海龙}代为签收。"),
    ("D", "经调查，{n:彭国华}系{k:金桥商贸有限公司}的押运员，该公司{k:车辆}（{k:湘A·6D731}，登记在公司名下）运输危化品未随车携带安全卡。"),
    ("D", "当事人委托其丈夫{n:唐振国}参加听证，{n:唐振国}提交了当事人{p:于素琴}患有{health:双相情感障碍}的诊断证明，请求从轻处罚。"),
    ("J", "检查中，前来购药的{n:许春梅}反映该药店驻店药师{n:许文斌}经常不在岗，{n:许文斌}的执业注册地为外地。"),
    # no names to remove
    ("D", "经查，当事人{k:金桥商贸有限公司}销售的{k:黄色}反光背心反光性能不合格，货值金额{k:2150元}，违法所得{k:630元}。"),
    ("J", "检查结果：{k:明珠酒店管理有限公司}客房{k:全部}配备一次性用品告示，{k:消防}设施运行正常，{k:高度}超过{k:24米}的部分设有避难层。"),
    ("P", "评查意见：{k:清综执罚〔2025〕第37号}案卷{k:程序}合法，但调查终结报告与处罚决定书认定的违法所得分别为{k:1.2万元}和{k:1.5万元}，前后矛盾。"),
    ("D", "撤回原因：当事人{k:丰盛农业开发有限公司}已在期限内提起行政诉讼，法院判决撤销原决定{k:沅市监罚字〔2024〕305号}。"),
    ("J", "整改要求：{k:马上}拆除{k:周边}违规搭建的彩钢棚，{k:严格}落实动火审批制度，整改报告报{k:沅州市应急管理局}。"),
    ("D", "当事人{k:石桥砂石有限公司}在{k:石桥村}河道管理范围内非法采砂约{k:1200立方米}，依据{k:《中华人民共和国河道管理条例》}决定罚款{k:8万元}。"),
    ("J", "对{k:常乐超市有限公司}{k:安康街}店开展检查，{k:常规}检查项目{k:16项}，发现冷柜温度记录不全{k:1项}，当场整改。"),
    ("P", "执法监督发现，{k:陈某}案、{k:黄某某}案两案的处罚决定未在规定时限内公示，{k:平台}记录显示系系统故障所致。"),
    ("D", "当事人{k:康宁医疗器械有限公司}经营未取得注册证的第二类医疗器械血糖仪{k:120台}，宣传材料称“{k:可替代胰岛素治疗糖尿病}”。"),
    ("J", "{k:江北供热有限公司}对外公布的报修电话{k:0731-84126600}及{k:400-777-3025}均可接通，本次检查的{k:车辆}（{k:湘A·9F022}，登记在该公司名下）年检合格。"),
    ("D", "当事人{k:严记餐饮管理有限公司}在{k:方家巷}门店使用{k:明显}变质的食材，罚款{k:人民币壹万元}。"),
    ("J", "检查{k:任务}：{k:2025年度}特种设备使用单位双随机抽查。检查对象{k:沅州高铁新城开发有限公司}，检查结论：未发现问题。"),
    ("P", "评查意见：决定书中当事人{k:宋城食品有限公司}的统一社会信用代码{k:91431200MA4L2T8K1P}末位错误，{k:单位}地址与营业执照不一致。"),
    ("D", "{k:明珠酒店管理有限公司}（法定代表人{L:窦志明}）未按规定设置{k:安全}疏散指示标志，罚款{k:3万元}。"),
    ("J", "抽检{k:宋城食品有限公司}生产的腊肉{k:2批次}，{k:全部}合格；运输{k:车辆}（{k:湘B·2K880}）登记在该公司名下，冷链记录完整。"),
    ("P", "监督检查中发现，{k:李某}无证行医案中涉案药品的处理记录缺失，{k:程序}不规范。"),
]


# ---------------------------------------------------------------------------------------------
N_PER_SPLIT = 330
NAME_SHARE = 0.70
SEEDS = {"dev": 20250611, "test": 20250612}
NAME_SLOTS = re.compile(r"<(P|PS|N\d|NS)>")


def has_names(case):
    return any(r["kind"] == "name" for r in case["remove"])


def build_split(split):
    rng = random.Random(SEEDS[split])
    pool = POOLS[split]
    cases, n = [], 0

    def next_id():
        nonlocal n
        n += 1
        return f"heldout-{split}-{n:04d}"

    seen_text = set()
    for entry in HAND[split]:
        style, markup = entry[0], entry[1]
        case = build_case(next_id(), style, markup, rng, *(entry[2:] or ()))
        case["source"] = "handwritten"
        if case["text"] in seen_text:
            raise ValueError(f"duplicate passage {case['text']}")
        seen_text.add(case["text"])
        cases.append(case)
    with_names = sum(has_names(c) for c in cases)
    want_with = -(-int(N_PER_SPLIT * NAME_SHARE * 100) // 100) - with_names
    want_without = N_PER_SPLIT - len(cases) - want_with
    named = [f for f in FRAMES[split] if NAME_SLOTS.search(f[1])]
    unnamed = [f for f in FRAMES[split] if not NAME_SLOTS.search(f[1])]
    for group, want in ((named, want_with), (unnamed, want_without)):
        order = []
        while len(order) < want:
            batch = group[:]
            rng.shuffle(batch)
            order.extend(batch)
        for style, frame in order[:want]:
            err = None
            for _attempt in range(60):
                markup, extra = fill(frame, pool, rng)
                try:
                    case = build_case(f"heldout-{split}-{n + 1:04d}", style, markup, rng, extra)
                except ValueError as e:
                    err = e
                    continue
                if case["text"] in seen_text:
                    continue
                break
            else:
                raise RuntimeError(f"cannot fill {frame}: {err}")
            next_id()
            case["source"] = "template"
            seen_text.add(case["text"])
            cases.append(case)
    return cases


def role_words(split):
    p = POOLS[split]
    return p["work_roles"] + p["kin_roles"] + p["other_roles"] + p["labels"]


def main():
    out = {}
    for split in ("dev", "test"):
        out[split] = build_split(split)
    # the splits share no names, role words, field labels or frames
    names = {s: {checks.norm(r["text"]) for c in out[s] for r in c["remove"] if r["kind"] == "name"}
             for s in out}
    both = names["dev"] & names["test"]
    assert not both, f"names in both splits: {sorted(both)}"
    officers = {s: {p for c in out[s] for p in c["public_names"]} for s in out}
    assert not officers["dev"] & officers["test"], officers["dev"] & officers["test"]
    assert not set(f for _s, f in FRAMES["dev"]) & set(f for _s, f in FRAMES["test"])
    for a, b in (("dev", "test"), ("test", "dev")):
        text_a = "\n".join(c["text"] for c in out[a])
        bad = [w for w in role_words(b) if w in text_a]
        assert not bad, f"{b} role words in {a} texts: {bad}"
        assert not set(role_words(a)) & set(role_words(b))
    ids = [c["id"] for s in out for c in out[s]]
    assert len(ids) == len(set(ids))
    for split, cases in out.items():
        path = HERE / f"heldout_{split}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for c in cases:
                fh.write(json.dumps(c, ensure_ascii=False) + "\n")
        n_names = sum(1 for c in cases for r in c["remove"] if r["kind"] == "name")
        without = sum(1 for c in cases if not has_names(c))
        hand = sum(1 for c in cases if c["source"] == "handwritten")
        kinds = Counter(r["kind"] for c in cases for r in c["remove"])
        print(f"{path.name}: {len(cases)} cases ({hand} hand-written, {len(cases) - hand} templated "
              f"from {len(FRAMES[split])} frames), {n_names} names labelled, "
              f"{len(names[split])} distinct names, {without} cases without names "
              f"({without / len(cases):.0%}); party_is_person {sum(c['party_is_person'] for c in cases)}; "
              f"remove kinds {dict(sorted(kinds.items()))}")
    print(f"distinct names over both files: {len(names['dev'] | names['test'])}")


if __name__ == "__main__":
    main()
