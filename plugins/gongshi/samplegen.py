"""Deterministic generator of fictional feeds (agencies, officers, powers) for 江临市.

Used to write the committed sample in ``data_feeds/`` (``variety=True``: the accepted encodings,
header aliases, date forms and an XLSX) and by tests and benchmarks to produce plain feeds of
any size (``variety=False``). Same arguments give byte-identical files.

    PYTHONPATH=plugins python -m gongshi.samplegen --out data_feeds
    PYTHONPATH=plugins python -m gongshi.samplegen --out /tmp/big --plain --officers 1000000

Only the officers' 身份证号 and 手机号码 (privacy class ``never``) look like personal numbers;
no other value contains an 18-digit ID-shaped or 11-digit mobile-shaped run of digits.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from pathlib import Path
from random import Random

from gongshi.feeds.checkdigits import id_check_char, id_number_is_valid, uscc_check_char

AGENCY_HEADER = ["主体名称", "统一社会信用代码", "主体类别", "法定代表人", "执法区域", "执法领域",
                 "上级主体", "办公地址", "联系电话", "有效期至", "更新日期"]
OFFICER_HEADER = ["姓名", "执法证号", "所属单位", "执法类别", "执法区域", "发证日期", "有效期至",
                  "证件状态", "状态变更日期", "身份证号", "手机号码"]
OFFICER_ALIAS_HEADER = ["执法人员姓名", "执法证件号", "执法主体"] + OFFICER_HEADER[3:]
POWER_HEADER = ["事项编码", "事项名称", "事项类别", "实施主体", "设定依据", "责任事项", "追责情形",
                "执法领域", "承办机构", "状态", "更新日期"]
OFFICER_DATE_COLS = (5, 6, 8)
CITY = "江临市"
MAX_AGENCIES = 999  # 执法证号 carries a 3-digit agency index

# (name suffix, slug, 执法领域, 执法类别, 承办机构, officer weight, power weight)
BUREAUS = [
    ("市场监督管理局", "scjgj", "市场监管", "市场监管综合执法",
     ("执法稽查处", "食品经营安全监督管理处", "特种设备安全监察处", "价格监督检查和反不正当竞争处", "行政审批处"), 20, 14),
    ("生态环境局", "sthjj", "生态环境", "生态环境保护综合执法",
     ("生态环境执法队", "环境影响评价与排放管理处", "行政审批处"), 8, 10),
    ("交通运输局", "jtysj", "交通运输", "交通运输综合执法", ("交通运输行政执法队", "运输管理处", "公路管理处", "行政审批处"), 10, 9),
    ("综合行政执法局", "zhzfj", "城市管理", "城市管理综合执法",
     ("执法监督处", "市容环境卫生执法处", "规划建设执法处", "直属执法大队"), 18, 12),
    ("农业农村局", "nyncj", "农业农村", "农业综合执法", ("农业综合行政执法队", "种植业管理处", "畜牧兽医处", "行政审批处"), 7, 8),
    ("应急管理局", "yjglj", "应急管理", "应急管理综合执法",
     ("应急管理综合行政执法队", "危险化学品安全监督管理处", "安全生产基础处", "行政审批处"), 6, 7),
    ("文化广电旅游局", "whgdlyj", "文化旅游", "文化市场综合执法", ("文化市场综合行政执法队", "市场管理处", "行政审批处"), 5, 6),
    ("卫生健康委员会", "wsjkw", "卫生健康", "卫生健康综合执法", ("卫生健康综合监督执法队", "医政医管处", "公共卫生处", "行政审批处"), 7, 7),
    ("自然资源和规划局", "zrzyhghj", "自然资源", "自然资源综合执法",
     ("执法监察处", "耕地保护监督处", "矿产资源管理处", "国土空间用途管制处"), 6, 7),
    ("住房和城乡建设局", "zfcxjsj", "住房城乡建设", "住房城乡建设执法",
     ("建筑市场监管处", "工程质量安全监管处", "房地产市场监管处", "行政审批处"), 6, 7),
    ("人力资源和社会保障局", "rlzyshbzj", "人力资源社会保障", "劳动保障监察",
     ("劳动保障监察支队", "人力资源流动管理处", "工伤保险处", "行政审批处"), 4, 5),
    ("水利局", "slj", "水利", "水行政执法", ("水政监察支队", "水资源管理处", "河湖管理处", "行政审批处"), 3, 5),
]
# region code, name as used in agency names, 执法区域, slug
DISTRICTS = [("339902", "江临市临江区", "ljq"), ("339903", "江临市江北区", "jbq"), ("339904", "江临市南湖区", "nhq"),
             ("339921", "青山县", "qsx"), ("339922", "云溪县", "yxx"), ("339923", "桐岭县", "tlx")]
STREETS = [("江滨", "jb"), ("望江", "wj"), ("南门", "nm"), ("北山", "bsh"), ("湖西", "hx"), ("城东", "cd"),
           ("新桥", "xq"), ("柳营", "ly"), ("白沙", "bsa"), ("石桥", "sq"), ("龙泉", "lq"), ("桃源", "ty")]
ROADS = ["江滨路", "人民路", "解放路", "文化路", "建设路", "中山路", "新华路", "望江路", "青山路", "和平路", "南湖大道", "江临大道"]

SURNAMES = ("王9 李9 张9 刘7 陈7 杨4 黄3 赵3 吴3 周3 徐2 孙2 马2 朱2 胡2 郭2 何2 高2 林2 罗2 郑2 梁1 谢1 宋1 "
            "唐1 许1 韩1 冯1 邓1 曹1 彭1 曾1 肖1 田1 董1 袁1 潘1 于1 蒋1 蔡1 余1 杜1 叶2 程1 苏1 魏1 吕1 丁1 任1 "
            "沈2 姚1 卢1 姜1 崔1 钟1 谭1 陆1 汪1 范1 金2 石1 廖1 贾1 夏1 方1 邹1 孟1 熊1 秦1 邱1 江1 尹1 薛1 "
            "段1 雷1 侯1 龙1 史1 陶1 黎1 贺1 顾1 毛1 郝1 龚1 邵1 万1 钱1 严1 武1 戴1 孔1 汤1 楼1 应1 欧阳1 诸葛1")
_SURNAME_POOL = [s[:-1] for s in SURNAMES.split() for _ in range(int(s[-1]))]
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉兰萍红建文辉力鹏飞斌宇浩凯健俊帆宁彬峰晨雪琳晶"
         "妍倩婷颖佳欣怡悦嘉涵轩晓宏志春海东波林云振国庆立新永亮成思远博瑞琪慧莉燕玲菲薇昊然睿哲航铭毅")
MOBILE_PREFIXES = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156", "157", "158",
                   "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191", "198", "199"]

KINDS = {"罚": "行政处罚", "许": "行政许可", "强": "行政强制", "征": "行政征收", "给": "行政给付",
         "查": "行政检查", "确": "行政确认", "奖": "行政奖励", "裁": "行政裁决", "其": "其他行政权力"}
KIND_DIGIT = {k: str(i) for i, k in enumerate(["其他行政权力", "行政许可", "行政处罚", "行政强制", "行政征收",
                                                "行政给付", "行政检查", "行政确认", "行政奖励", "行政裁决"])}
KIND_WEIGHT = {"行政处罚": 55, "行政许可": 15, "行政检查": 12, "行政强制": 8, "行政确认": 3, "行政征收": 2,
               "行政给付": 2, "行政奖励": 1, "行政裁决": 1, "其他行政权力": 1}
# per 执法领域: kind|事项名称|law (a name ending in 法 is a national law)|article
_POWERS = {
    "市场监管": """罚|对未取得食品经营许可从事食品经营活动的行政处罚|食品安全法|122
罚|对生产经营不符合食品安全标准的食品的行政处罚|食品安全法|124
罚|对销售不符合保障人体健康和人身、财产安全的国家标准、行业标准的产品的行政处罚|产品质量法|49
罚|对发布虚假广告的行政处罚|广告法|55
罚|对经营者实施混淆行为的行政处罚|反不正当竞争法|18
罚|对未经许可从事特种设备生产活动的行政处罚|特种设备安全法|74
罚|对经营者不执行政府指导价、政府定价的行政处罚|价格法|39
许|食品经营许可|食品安全法|35
查|对食品生产经营者的监督检查|食品安全法|110
强|查封、扣押不符合食品安全标准的食品|食品安全法|110
奖|对举报食品安全违法行为的奖励|食品安全法|115""",
    "生态环境": """罚|对超过大气污染物排放标准排放大气污染物的行政处罚|大气污染防治法|99
罚|对建设项目未依法报批环境影响评价文件擅自开工建设的行政处罚|环境影响评价法|31
罚|对通过暗管、渗井等逃避监管的方式排放水污染物的行政处罚|水污染防治法|83
罚|对未按照国家有关规定申报危险废物的行政处罚|固体废物污染环境防治法|102
许|建设项目环境影响评价文件审批|环境影响评价法|22
许|排污许可证核发|排污许可管理条例|3
查|对排污单位的现场检查|环境保护法|24
强|查封、扣押造成污染物排放的设施、设备|环境保护法|25
其|突发环境事件应急预案备案|环境保护法|47""",
    "交通运输": """罚|对未取得道路运输经营许可擅自从事道路运输经营的行政处罚|道路运输条例|63
罚|对车辆超限运输在公路上行驶的行政处罚|公路法|76
罚|对擅自占用、挖掘公路的行政处罚|公路法|76
许|道路货物运输经营许可|道路运输条例|24
许|公路超限运输许可|公路法|50
查|对道路运输经营者的监督检查|道路运输条例|58
强|暂扣无道路运输证件的车辆|道路运输条例|66""",
    "城市管理": """罚|对擅自占用城市道路的行政处罚|城市道路管理条例|42
罚|对未取得建设工程规划许可证进行建设的行政处罚|城乡规划法|64
罚|对随意倾倒、抛撒、堆放城市生活垃圾的行政处罚|固体废物污染环境防治法|111
罚|对擅自设置大型户外广告的行政处罚|城市市容和环境卫生管理条例|36
罚|对露天焚烧秸秆、落叶等产生烟尘污染的物质的行政处罚|大气污染防治法|119
查|对市容环境卫生责任区的行政检查|城市市容和环境卫生管理条例|10
强|查封违法建设施工现场|城乡规划法|68""",
    "农业农村": """罚|对经营假农药的行政处罚|农药管理条例|55
罚|对生产经营假种子的行政处罚|种子法|74
罚|对使用禁用的渔具、捕捞方法进行捕捞的行政处罚|渔业法|38
罚|对销售不符合农产品质量安全标准的农产品的行政处罚|农产品质量安全法|75
许|农药经营许可|农药管理条例|24
许|动物防疫条件合格证核发|动物防疫法|24
查|对农产品生产经营者的监督检查|农产品质量安全法|64
强|查封、扣押假劣农药|农药管理条例|41""",
    "应急管理": """罚|对未按照规定对从业人员进行安全生产教育和培训的行政处罚|安全生产法|97
罚|对未取得安全生产许可证擅自进行生产的行政处罚|安全生产许可证条例|19
罚|对未经许可经营危险化学品的行政处罚|危险化学品安全管理条例|77
许|危险化学品经营许可|危险化学品安全管理条例|33
查|对生产经营单位执行安全生产法律法规情况的监督检查|安全生产法|65
强|查封、扣押不符合安全生产国家标准的设施、设备、器材|安全生产法|65""",
    "文化旅游": """罚|对擅自从事营业性演出经营活动的行政处罚|营业性演出管理条例|43
罚|对未经许可经营旅行社业务的行政处罚|旅游法|95
罚|对互联网上网服务营业场所接纳未成年人的行政处罚|互联网上网服务营业场所管理条例|31
许|旅行社业务经营许可|旅游法|28
许|娱乐场所经营许可|娱乐场所管理条例|9
查|对文化市场经营单位的监督检查|营业性演出管理条例|35""",
    "卫生健康": """罚|对未取得医疗机构执业许可证擅自执业的行政处罚|医疗机构管理条例|43
罚|对公共场所经营者未取得卫生许可证擅自营业的行政处罚|公共场所卫生管理条例|14
罚|对非医师行医的行政处罚|医师法|59
许|医疗机构执业登记|医疗机构管理条例|15
许|公共场所卫生许可|公共场所卫生管理条例|8
查|对医疗机构依法执业情况的监督检查|医师法|58
给|计划生育家庭特别扶助金给付|人口与计划生育法|31""",
    "自然资源": """罚|对未经批准非法占用土地的行政处罚|土地管理法|77
罚|对未取得采矿许可证擅自采矿的行政处罚|矿产资源法|39
罚|对买卖或者以其他形式非法转让土地的行政处罚|土地管理法|74
许|建设用地规划许可证核发|城乡规划法|37
征|土地复垦费征收|土地管理法|43
裁|土地权属争议调处|土地管理法|14
查|对土地利用情况的监督检查|土地管理法|67""",
    "住房城乡建设": """罚|对未取得施工许可证擅自施工的行政处罚|建筑法|64
罚|对施工单位在施工中偷工减料的行政处罚|建设工程质量管理条例|64
罚|对超越本单位资质等级承揽工程的行政处罚|建筑法|65
许|建筑工程施工许可|建筑法|7
许|商品房预售许可|城市房地产管理法|45
查|对建设工程质量的监督检查|建设工程质量管理条例|47
其|建设工程竣工验收备案|建设工程质量管理条例|49""",
    "人力资源社会保障": """罚|对用人单位违反规定延长劳动者工作时间的行政处罚|劳动法|90
罚|对用人单位非法招用未满十六周岁的未成年人的行政处罚|劳动法|94
罚|对未经许可擅自经营劳务派遣业务的行政处罚|劳动合同法|92
许|劳务派遣经营许可|劳动合同法|57
许|人力资源服务许可|人力资源市场暂行条例|18
确|工伤认定|工伤保险条例|17
给|失业保险金给付|社会保险法|45
查|对用人单位遵守劳动保障法律法规情况的检查|劳动保障监察条例|11""",
    "水利": """罚|对未经批准擅自取水的行政处罚|水法|69
罚|对在河道管理范围内建设妨碍行洪的建筑物、构筑物的行政处罚|水法|65
罚|对在禁止开垦坡度以上陡坡地开垦种植农作物的行政处罚|水土保持法|49
许|取水许可|水法|48
许|河道管理范围内建设项目工程建设方案审批|河道管理条例|11
征|水资源费征收|水法|48
查|对水资源开发利用情况的监督检查|水法|60""",
    "住房公积金": """罚|对单位不办理住房公积金缴存登记的行政处罚|住房公积金管理条例|37
强|申请人民法院强制执行单位逾期不缴住房公积金|住房公积金管理条例|38
确|住房公积金缴存登记|住房公积金管理条例|14
给|住房公积金提取|住房公积金管理条例|24
查|对单位住房公积金缴存情况的监督检查|住房公积金管理条例|38""",
}
POWERS: dict[str, dict[str, list[tuple[str, str, int]]]] = {}
for _domain, _text in _POWERS.items():
    for _line in _text.splitlines():
        _k, _name, _law, _art = _line.split("|")
        POWERS.setdefault(_domain, {}).setdefault(KINDS[_k], []).append((_name, _law, int(_art)))

_STEPS = {
    "行政处罚": ["立案责任：对发现、投诉、举报、移送的涉嫌违法行为予以审查，决定是否立案",
             "调查责任：指定专人及时调查取证，执法人员不得少于两人，调查时出示执法证件",
             "审查责任：对案件违法事实、证据、程序、法律适用、处罚种类和幅度进行审查，提出处理意见",
             "告知责任：作出决定前告知当事人拟作出处罚的事实、理由、依据及陈述、申辩、要求听证的权利",
             "决定责任：依法作出处罚决定，制作行政处罚决定书，载明履行方式、期限和救济途径",
             "送达责任：依法送达行政处罚决定书", "执行责任：监督当事人在决定的期限内履行处罚决定",
             "其他责任：法律法规规章规定应履行的其他责任"],
    "行政许可": ["受理责任：公示依法应当提交的材料，一次性告知补正材料，依法受理或者不予受理",
             "审查责任：对申请材料进行审查，需要现场核查的组织核查", "决定责任：在法定期限内作出许可或者不予许可的决定，不予许可的说明理由",
             "送达责任：准予许可的制发许可证件并依法送达", "事后监管责任：对被许可人从事许可事项的活动实施监督检查",
             "其他责任：法律法规规章规定应履行的其他责任"],
    "行政检查": ["检查责任：按照年度检查计划和双随机抽查要求实施检查，出示执法证件", "处置责任：对检查中发现的违法行为依法处理或者移送",
             "公开责任：依法公示检查结果", "其他责任：法律法规规章规定应履行的其他责任"],
    "行政强制": ["催告责任：依法书面催告当事人履行义务", "决定责任：经负责人批准作出行政强制决定，制作决定书",
             "执行责任：依法实施强制措施，制作现场笔录", "解除责任：对不再需要采取强制措施的及时解除",
             "其他责任：法律法规规章规定应履行的其他责任"],
}
_DEFAULT_STEPS = ["受理责任：依法受理申请或者启动程序", "审核责任：对材料和事实进行审核",
                  "决定责任：在规定期限内依法作出决定并告知当事人", "其他责任：法律法规规章规定应履行的其他责任"]
_ACCOUNT = {
    "行政处罚": ["对符合立案条件的不予立案的", "没有法律和事实依据实施行政处罚的", "擅自改变处罚种类、幅度的",
             "违反法定程序实施行政处罚的"],
    "行政许可": ["对符合法定条件的申请不予受理或者不予许可的", "对不符合法定条件的申请人准予许可的", "未在法定期限内作出许可决定的"],
    "行政检查": ["无法定依据实施检查的", "对发现的违法行为不依法处理的", "违反规定重复检查、干扰正常生产经营的"],
    "行政强制": ["没有法律、法规依据实施行政强制的", "扩大强制措施对象、范围的", "使用或者损毁查封、扣押场所、设施或者财物的"],
}
_DEFAULT_ACCOUNT = ["对符合条件的申请不予办理的", "未在规定期限内办理的"]
_ACCOUNT_TAIL = ["在履行职责中玩忽职守、滥用职权、徇私舞弊的", "其他违反法律法规规章规定的行为"]


@dataclass(frozen=True)
class Agency:
    """One 执法主体 row plus what the generator needs to derive officers and powers."""
    name: str
    uscc: str
    kind: str
    representative: str
    region: str
    domain: str
    parent: str
    address: str
    phone: str
    valid_until: date
    updated_on: date
    slug: str
    category: str
    offices: tuple[str, ...]
    officer_weight: int
    power_weight: int

    def row(self) -> list[str]:
        return [self.name, self.uscc, self.kind, self.representative, self.region, self.domain, self.parent,
                self.address, self.phone, self.valid_until.isoformat(), self.updated_on.isoformat()]


def cn_number(n: int) -> str:
    """1..999 in Chinese numerals as used in article numbers (一百二十二, 十五, 一百零五)."""
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 100:
        return ("" if n < 20 else d[n // 10]) + "十" + (d[n % 10] if n % 10 else "")
    rest = n % 100
    head = d[n // 100] + "百"
    if rest == 0:
        return head
    return head + ("零" + d[rest] if rest < 10 else d[rest // 10] + "十" + (d[rest % 10] if rest % 10 else ""))


def _org_code(rng: Random) -> str:
    """A new-style 组织机构代码 'MB' + 6 chars + GB 11714 check char."""
    body = "MB" + "".join(rng.choice("ABCDEFGHJKLMNPQRTUWXY") if rng.random() < 0.25 else str(rng.randrange(10))
                          for _ in range(6))
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def _name(rnd: Callable[[], float]) -> str:
    surname = _SURNAME_POOL[int(rnd() * len(_SURNAME_POOL))]
    n = 1 if len(surname) == 2 or rnd() < 0.3 else 2
    return surname + "".join(GIVEN[int(rnd() * len(GIVEN))] for _ in range(n))


def _agency_specs(n: int) -> Iterator[tuple]:
    """(kind, name, slug, region code, 执法区域, parent, bureau tuple, level) for the first ``n`` agencies."""
    city = [("法定行政机关", CITY + b[0], b[1], "339900", CITY, "", b, 0) for b in BUREAUS]
    gjj = ("法律法规授权组织", "江临市住房公积金管理中心", "zfgjjglzx", "339900", CITY, "",
           ("", "", "住房公积金", "住房公积金行政执法", ("归集管理部", "稽核执法部", "提取贷款部"), 2, 3), 0)
    street = ("受委托组织", "江临市临江区江滨街道综合行政执法队", "ljq-jb-zfd", "339902", "江临市临江区",
              "江临市综合行政执法局", ("", "", "城市管理", "城市管理综合执法", ("综合执法中队", "市容管理中队"), 4, 2), 1)
    specs = city[:10] + [gjj, street] + city[10:]
    for code, dname, dslug in DISTRICTS:
        for b in BUREAUS:
            if b[1] == "sthjj":
                name = f"江临市生态环境局{dname.removeprefix(CITY)[:-1]}分局"
            else:
                name = dname + b[0]
            specs.append(("法定行政机关", name, f"{dslug}-{b[1]}", code, CITY + dname.removeprefix(CITY), CITY + b[0], b, 1))
    for code, dname, dslug in DISTRICTS:
        for street_name, sslug in STREETS:
            name = f"{CITY}{dname.removeprefix(CITY)}{street_name}街道综合行政执法队"
            if name != street[1]:
                specs.append(("受委托组织", name, f"{dslug}-{sslug}-zfd", code, CITY + dname.removeprefix(CITY),
                              dname + "综合行政执法局", street[6], 1))
    k = 1
    while len(specs) < n:
        specs.append(("受委托组织", f"江临市综合行政执法局第{k}执法中队", f"zhzfj-zd{k}", "339900", CITY,
                      "江临市综合行政执法局", street[6], 1))
        k += 1
    return iter(specs[:n])


def make_agencies(n: int, rng: Random, ref: date) -> list[Agency]:
    """The first ``n`` 执法主体 of 江临市 (12 city-level first, then district branches, then teams)."""
    if not 1 <= n <= MAX_AGENCIES:
        raise ValueError(f"agencies must be between 1 and {MAX_AGENCIES}, got {n}")
    out: list[Agency] = []
    seen: set[str] = set()
    for kind, name, slug, code, region, parent, b, level in _agency_specs(n):
        while True:
            first17 = "11" + code + _org_code(rng)
            uscc = first17 + uscc_check_char(first17)
            if uscc not in seen and not id_number_is_valid(uscc):
                break
        seen.add(uscc)
        offices = tuple(o[:-1] + "科" if o.endswith("处") else o.replace("支队", "大队") for o in b[4]) if level else b[4]
        out.append(Agency(
            name=name, uscc=uscc, kind=kind, representative=_name(rng.random), region=region, domain=b[2],
            parent=parent, address=f"{region}{rng.choice(ROADS)}{rng.randint(1, 399)}号",
            phone=f"0579-8{rng.randrange(10**7):07d}", valid_until=date(ref.year + rng.randint(2, 4), 12, 31),
            updated_on=min(ref, date(ref.year, 1, rng.randint(4, 28))), slug=slug, category=b[3], offices=offices,
            officer_weight=max(2, b[5] // 3) if level else b[5], power_weight=max(2, b[6] // 3) if level else b[6]))
    return out


def officer_rows(agencies: list[Agency], n: int, rng: Random, ref: date) -> Iterator[tuple[int, list]]:
    """(agency index, row) in agency order; dates are proleptic ordinals (or None), formatted by the writer."""
    rnd, rr = rng.random, rng.randrange
    per = Counter(range(len(agencies))) if n >= len(agencies) else Counter()
    per.update(rng.choices(range(len(agencies)), [a.officer_weight for a in agencies], k=n - sum(per.values())))
    if max(per.values(), default=0) > 999_999:
        raise ValueError("more than 999999 officers in one agency: raise agencies")
    shares = [(1, 0.05), (2, 0.08), (3, 0.05), (4, 0.05), (5, 0.03)]  # soon, expired, 暂扣, 注销, 吊销
    cats: list[int] = []
    for cat, p in shares:
        cats += [cat] * (max(1, round(p * n)) if n >= 20 else round(p * n))
    cats += [0] * (n - len(cats))
    rng.shuffle(cats)
    status = {0: "有效", 1: "有效", 2: "有效", 3: "暂扣", 4: "注销", 5: "吊销"}
    districts = [CITY + d[1].removeprefix(CITY) for d in DISTRICTS]
    r0 = ref.toordinal()
    born_lo, born_span = date(1965, 1, 1).toordinal(), date(2000, 12, 31).toordinal() - date(1965, 1, 1).toordinal()
    ymd: dict[int, str] = {}
    exact_done = False
    i = 0
    for ai in sorted(per):
        a = agencies[ai]
        prefix = f"33990{ai + 1:03d}"
        for seq in range(1, per[ai] + 1):
            cat = cats[i]
            i += 1
            term = 1826 + rr(366)
            changed = None
            if cat == 0:
                valid = r0 + 31 + rr(term - 60)
            elif cat == 1:
                valid = r0 + (0 if not exact_done else 1 + rr(30))
                exact_done = True
            elif cat == 2:
                valid = r0 - 1 - rr(730)
            else:
                issued = r0 - 200 - rr(1626)
                valid = issued + term
                hi = min(valid, r0 - 1)
                changed = issued + 60 + rr(max(1, hi - issued - 60))
            issued = valid - term
            region = a.region if a.region != CITY or rnd() < 0.85 else districts[int(rnd() * len(districts))]
            born = born_lo + rr(born_span)
            b = ymd.get(born)
            if b is None:
                b = ymd[born] = date.fromordinal(born).strftime("%Y%m%d")
            id17 = f"339901{b}{rr(1000):03d}"
            mobile = MOBILE_PREFIXES[int(rnd() * len(MOBILE_PREFIXES))] + f"{rr(10**8):08d}"
            yield ai, [_name(rnd), f"{prefix}{seq:06d}", a.name, a.category, region, issued, valid,
                       status[cat], changed, id17 + id_check_char(id17), mobile]


def power_rows(agencies: list[Agency], n: int, rng: Random, ref: date) -> Iterator[list]:
    """权责清单 rows; 更新日期 (last column) is a ``date``."""
    picks = rng.choices(range(len(agencies)), [a.power_weight for a in agencies], k=n)
    cancelled = set(rng.sample(range(n), round(0.05 * n)))
    seq: Counter[str] = Counter()
    turn: Counter[tuple[int, str]] = Counter()
    for i, ai in enumerate(picks):
        a = agencies[ai]
        by_kind = POWERS[a.domain]
        kinds = list(by_kind)
        kind = rng.choices(kinds, [KIND_WEIGHT[k] for k in kinds])[0]
        items = by_kind[kind]
        name, law, art = items[turn[ai, kind] % len(items)]
        turn[ai, kind] += 1
        seq[kind] += 1
        law = f"《中华人民共和国{law}》" if law.endswith("法") else f"《{law}》"
        basis = f"{law}第{cn_number(art)}条" + (f"第{cn_number(rng.randint(1, 3))}款" if rng.random() < 0.25 else "")
        steps = _STEPS.get(kind, _DEFAULT_STEPS)
        acct = _ACCOUNT.get(kind, _DEFAULT_ACCOUNT) + _ACCOUNT_TAIL
        approval = [o for o in a.offices if "审批" in o]
        others = [o for o in a.offices if "审批" not in o] or list(a.offices)
        office = approval[0] if kind == "行政许可" and approval else rng.choice(others)
        yield [f"3399{KIND_DIGIT[kind]}{seq[kind]:07d}", name, kind, a.name, basis,
               "；".join(f"{j}.{s}" for j, s in enumerate(steps, 1)) + "。",
               "因不履行或者不正确履行行政职责，有下列情形之一的，依法追究相应责任："
               + "；".join(f"{j}.{s}" for j, s in enumerate(acct, 1)) + "。",
               a.domain, office, "已取消" if i in cancelled else "有效", date.fromordinal(ref.toordinal() - 1 - rng.randrange(365))]


def _write_csv(path: Path, header: list[str], rows: Iterable[list], encoding: str = "utf-8",
               lineterminator: str = "\n") -> int:
    n = 0
    with open(path, "w", encoding=encoding, newline="") as f:
        w = csv.writer(f, lineterminator=lineterminator)
        w.writerow(header)
        for row in rows:
            w.writerow(row)
            n += 1
    return n


def _iso_formatter() -> Callable[[int | None], str]:
    cache: dict[int, str] = {}

    def fmt(o: int | None) -> str:
        if o is None:
            return ""
        s = cache.get(o)
        if s is None:
            s = cache[o] = date.fromordinal(o).isoformat()
        return s
    return fmt


def _varied_date(o: int | None, k: int) -> str:
    if o is None:
        return ""
    d = date.fromordinal(o)
    return (f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日", d.strftime("%Y%m%d"),
            f"{d.year}.{d.month}.{d.day}")[k % 4]


def _save_xlsx(wb, path: Path, stamp: datetime) -> None:
    """Save with fixed zip timestamps and core-property dates, so the bytes are reproducible."""
    wb.properties.created = wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", lambda m: m.group(1) + iso, data)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type, zi.external_attr = zipfile.ZIP_DEFLATED, info.external_attr
            dst.writestr(zi, data)


def _write_powers_xlsx(path: Path, rows: Iterable[list], stamp: datetime) -> int:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "权责清单"
    for c, h in enumerate(POWER_HEADER, 1):
        ws.cell(row=2, column=c, value=h)
    n = 0
    for n, row in enumerate(rows, 1):
        for c, v in enumerate(row[:-1], 1):
            ws.cell(row=n + 2, column=c, value=v)
        if n % 3 == 0:  # a real Excel date cell
            ws.cell(row=n + 2, column=len(row), value=row[-1]).number_format = "yyyy-mm-dd"
        else:
            ws.cell(row=n + 2, column=len(row), value=row[-1].isoformat())
    for col, width in zip("ABCDEFGHIJK", (16, 48, 12, 30, 40, 60, 60, 14, 22, 8, 12), strict=True):
        ws.column_dimensions[col].width = width
    _save_xlsx(wb, path, stamp)
    return n


def generate_feeds(out_dir: Path, *, officers: int = 300, powers: int = 300, agencies: int = 12,
                   seed: int = 20261123, reference_date: date = date(2026, 11, 23),
                   variety: bool = True) -> dict[str, int]:
    """Write agencies/officers/powers feeds into ``out_dir``; return rows written per dataset."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ref = reference_date
    ags = make_agencies(agencies, Random(f"{seed}:agencies"), ref)
    counts = {"agencies": _write_csv(out_dir / "agencies.csv", AGENCY_HEADER, (a.row() for a in ags),
                                     "utf-8-sig" if variety else "utf-8")}
    orows = officer_rows(ags, officers, Random(f"{seed}:officers"), ref)
    prows = power_rows(ags, powers, Random(f"{seed}:powers"), ref)
    if not variety:
        iso = _iso_formatter()

        def plain(it: Iterator[tuple[int, list]]) -> Iterator[list]:
            for _, r in it:
                r[5], r[6], r[8] = iso(r[5]), iso(r[6]), iso(r[8])
                yield r
        counts["officers"] = _write_csv(out_dir / "officers.csv", OFFICER_HEADER, plain(orows))
        counts["powers"] = _write_csv(out_dir / "powers.csv", POWER_HEADER,
                                      (r[:-1] + [r[-1].isoformat()] for r in prows))
        return counts
    odir = out_dir / "officers"
    odir.mkdir(exist_ok=True)
    iso = _iso_formatter()
    groups = [(ai, [r for _, r in g]) for ai, g in groupby(orows, key=lambda t: t[0])]
    gb_pos = min(2, len(groups) - 1)
    alias_pos = min(4, len(groups) - 1) if len(groups) > 1 else -1
    if alias_pos == gb_pos:
        alias_pos = gb_pos - 1
    counts["officers"] = 0
    for pos, (ai, rows) in enumerate(groups):
        path = odir / f"{ags[ai].slug}.csv"
        if pos == alias_pos:
            for k, r in enumerate(rows):
                for j, c in enumerate(OFFICER_DATE_COLS):
                    r[c] = _varied_date(r[c], k + j)
            counts["officers"] += _write_csv(path, OFFICER_ALIAS_HEADER, rows)
            continue
        for r in rows:
            r[5], r[6], r[8] = iso(r[5]), iso(r[6]), iso(r[8])
        if pos == gb_pos:  # as Excel on Chinese Windows saves "CSV (逗号分隔)"
            counts["officers"] += _write_csv(path, OFFICER_HEADER, rows, "gb18030", "\r\n")
        else:
            counts["officers"] += _write_csv(path, OFFICER_HEADER, rows)
    counts["powers"] = _write_powers_xlsx(out_dir / "powers.xlsx", prows, datetime(ref.year, ref.month, ref.day))
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m gongshi.samplegen", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("data_feeds"), help="output folder (default data_feeds)")
    p.add_argument("--officers", type=int, default=300)
    p.add_argument("--powers", type=int, default=300)
    p.add_argument("--agencies", type=int, default=12)
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--reference-date", type=date.fromisoformat, default=date(2026, 11, 23))
    p.add_argument("--plain", action="store_true", help="plain UTF-8 CSVs with ISO dates (benchmarks)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    try:
        counts = generate_feeds(args.out, officers=args.officers, powers=args.powers, agencies=args.agencies,
                                seed=args.seed, reference_date=args.reference_date, variety=not args.plain)
    except ValueError as exc:
        p.error(str(exc))
    print(" ".join(f"{k}={v}" for k, v in counts.items()) + f" in {time.perf_counter() - t0:.2f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
