"""Deterministic generator of fictional feeds (agencies, officers, powers, penalties, inspections,
supervision) for 江临市.

Used to write the committed sample in ``data_feeds/`` (``variety=True``: the accepted encodings,
header aliases such as the national 双公示 codes, date forms and XLSX files) and by tests and
benchmarks to produce plain feeds of any size (``variety=False``). Same arguments give
byte-identical files; each dataset has its own random stream, so changing one count leaves the
other datasets' files as they were.

    PYTHONPATH=plugins python -m gongshi.samplegen --out data_feeds
    PYTHONPATH=plugins python -m gongshi.samplegen --out /tmp/big --plain --officers 1000000
    PYTHONPATH=plugins python -m gongshi.samplegen --out /tmp/big --plain --penalties 200000
    PYTHONPATH=plugins python -m gongshi.samplegen --out /tmp/big --plain --inspections 50000 --supervision 5000

Personal numbers appear only where a real feed has them: the officers' 身份证号 and 手机号码 and
the penalties' 证件号码 (privacy class ``never``), and — for natural persons and sole traders
named after their operator — in the free text of 违法事实 (ID numbers, spaced or full-width,
mobile numbers, bank cards, plates), which the portal must scrub. No other value contains an
18-digit ID-shaped or 11-digit mobile-shaped run of digits. The penalties at the reference date
cover every publication state (待公示, 公示中, 公示期满 incl. 信用修复, 已撤回), minors, and
重大行政处罚 with and without a 法律适用说明.
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


# -- penalties (行政处罚决定) ---------------------------------------------------------------------
# (canonical header, 双公示 code or "" when the national standard has no code for it)
PENALTY_COLUMNS = (
    ("决定书文号", "CF_WSH"), ("当事人名称", "CF_XDR_MC"), ("当事人类别", "CF_XDR_LB"),
    ("统一社会信用代码", "CF_XDR_SHXYM"), ("法定代表人", "CF_FRDB"), ("法定代表人证件类型", "CF_FR_ZJLX"),
    ("法定代表人证件号码", "CF_FR_ZJHM"), ("当事人证件类型", "CF_XDR_ZJLX"), ("当事人证件号码", "CF_XDR_ZJHM"),
    ("当事人住址", ""), ("当事人是否未成年人", ""), ("违法行为类型", "CF_WFXW"), ("违法事实", "CF_SY"),
    ("处罚依据", "CF_YJ"), ("处罚类别", "CF_CFLB"), ("处罚内容", "CF_NR"), ("罚款金额（万元）", "CF_NR_FK"),
    ("没收违法所得、没收非法财物的金额（万元）", "CF_NR_WFFF"), ("暂扣或吊销证照名称及编号", "CF_NR_ZKDX"),
    ("处罚决定日期", "CF_JDRQ"), ("处罚有效期", "CF_YXQ"), ("公示截止期", "CF_GSJZQ"), ("处罚机关", "CF_CFJG"),
    ("处罚机关统一社会信用代码", "CF_CFJGDM"), ("数据来源单位", "CF_SJLY"),
    ("数据来源单位统一社会信用代码", "CF_SJLYDM"), ("备注", "BZ"), ("公示日期", ""), ("送达日期", ""), ("状态", ""),
    ("撤回日期", ""), ("撤回原因", ""), ("法律适用说明", ""), ("信用修复日期", ""),
)
PENALTY_HEADER = [h for h, _ in PENALTY_COLUMNS]
# the 双公示 layout: coded columns first (national order), then the columns that have no code
PENALTY_CODE_ORDER = ([i for i, (_, c) in enumerate(PENALTY_COLUMNS) if c]
                      + [i for i, (_, c) in enumerate(PENALTY_COLUMNS) if not c])
PENALTY_CODE_HEADER = [PENALTY_COLUMNS[i][1] or PENALTY_COLUMNS[i][0] for i in PENALTY_CODE_ORDER]
PENALTY_DATE_COLS = (19, 20, 21, 27, 28, 30, 33)
P_NO, P_FINE, P_CONF, P_DECIDED = 0, 16, 17, 19  # column positions the writers need
PENALTY_FILES = ("scjgj.csv", "sthjj-shuanggongshi.csv", "others.xlsx")  # data_feeds/penalties/ (variety)
ORG, SOLE, PERSON = "法人及非法人组织", "个体工商户", "自然人"
KIND_SEP = "；"
MAJOR_FINE = 500_000  # 元: above it a penalty is 重大 (RULES.md)
SMALL_FINE = {ORG: 3000, SOLE: 3000, PERSON: 200}  # 元: at or below, a fine-only penalty is minor
WINDOW_MONTHS = {"minor": 3, "general": 12, "serious": 36}
SERIOUS = {"吊销许可证件", "责令停产停业", "责令关闭", "限制从业", "降低资质等级"}
HISTORY_DAYS = 1277  # ~3.5 years of decisions before the reference date

# 处罚机关 weight by 执法领域 (受委托组织 act in their principal's name, so they decide none)
PENALTY_DOMAIN_WEIGHT = {"市场监管": 30, "城市管理": 22, "生态环境": 12, "交通运输": 12, "卫生健康": 6, "应急管理": 6,
                         "农业农村": 5, "自然资源": 5, "住房城乡建设": 5, "文化旅游": 4, "人力资源社会保障": 3,
                         "水利": 2, "住房公积金": 2}
# 决定书文号 by bureau slug: {p} is 江临 for city bureaus, the district's short name for branches
DOC_STYLES = {"scjgj": "{p}市监罚〔{y}〕{n}号", "sthjj": "{p}罚字〔{y}〕第{n:04d}号", "jtysj": "{p}交执罚〔{y}〕{n:03d}号",
              "zhzfj": "{p}综执罚决字〔{y}〕第{n}号", "nyncj": "{p}农罚〔{y}〕{n}号", "yjglj": "（{p}）应急罚〔{y}〕{n}号",
              "whgdlyj": "{p}文旅罚〔{y}〕{n}号", "wsjkw": "{p}卫罚字〔{y}〕第{n}号", "zrzyhghj": "{p}资规罚〔{y}〕{n}号",
              "zfcxjsj": "{p}建罚决〔{y}〕{n}号", "rlzyshbzj": "{p}人社监罚〔{y}〕{n}号", "slj": "{p}水罚〔{y}〕{n}号",
              "zfgjjglzx": "{p}公积金罚〔{y}〕{n}号"}

BRANDS2_A = "鑫恒宏瑞嘉永盛华汇金润丰源泰隆兴达锦佳德安康富顺新天博远"
BRANDS2_B = "源达远丰盛泰隆兴发诚信通和祥瑞利福昌宇鼎辉耀晟"
BRANDS3 = ("鲜果坊", "好运来", "百味轩", "佳乐福", "绿源谷", "聚福楼", "一品香", "金满园", "万家乐", "新时代", "红太阳",
           "老字号", "小蜜蜂", "青禾田", "江南春", "望江楼", "四季鲜", "大丰收", "喜洋洋", "乐活家")
ORG_FORMS = ("有限公司",) * 8 + ("有限责任公司",) * 2 + ("股份有限公司",)
PROPERTY_NAMES = ("锦绣", "滨江", "翡翠", "望湖", "金域", "云栖", "桃源", "御景")
WITHDRAWAL_REASONS = ("经行政复议，原处罚决定被撤销", "经行政复议，原处罚决定被变更，本机关已重新作出处罚决定",
                      "人民法院判决撤销原处罚决定", "本机关发现原处罚决定认定事实不清、证据不足，依法自行撤销",
                      "原处罚决定适用法律错误，经本机关负责人集体讨论决定予以撤销")
EVIDENCE = "以上事实有现场检查笔录、询问笔录、[现场照片|视频资料|检验报告|进货票据|调查笔录]等证据证实。"
LICENSES = {  # name -> number maker(rng, region code, uscc, year)
    "食品经营许可证": lambda r, reg, u, y: f"JY1{reg}{r.randrange(10**7):07d}",
    "排污许可证": lambda r, reg, u, y: f"{u}00{r.randint(1, 9)}{r.choice('PUV')}",
    "网络文化经营许可证": lambda r, reg, u, y: f"浙网文〔{y - r.randint(1, 4)}〕{r.randrange(10**4):04d}-{r.randint(1, 999):03d}号",
    "医疗机构执业许可证": lambda r, reg, u, y: f"{reg}11A{r.randrange(10**4):04d}",
    "建筑业企业资质证书": lambda r, reg, u, y: f"D2{reg}{r.randrange(1000):03d}",
    "道路运输经营许可证": lambda r, reg, u, y: f"浙交运管许可江字{reg}{r.randrange(10**6):06d}号",
    "危险化学品经营许可证": lambda r, reg, u, y: f"浙江临危化经字〔{y - r.randint(1, 3)}〕{r.randrange(10**6):06d}",
}


@dataclass(frozen=True)
class Violation:
    """One kind of violation an agency of ``domain`` punishes, with how its decisions read."""
    domain: str
    vtype: str  # 违法行为类型
    basis: str  # 处罚依据
    parties: str  # o 法人及非法人组织, s 个体工商户, p 自然人
    fine: tuple[int, int]  # 元
    facts: str  # [a|b] picks one; {field} from _FactFields
    ind: tuple[str, ...] = ()  # industries in company names
    shops: tuple[str, ...] = ()  # kinds of shop for 个体工商户 names (each ends like a business)
    weight: int = 3
    warn: bool = False  # 警告 alone is possible
    gain: bool = False  # 没收违法所得
    goods: str = ""  # 没收非法财物: what (a template)
    license: str = ""  # the licence 吊销许可证件 takes away
    suspend: bool = False  # 责令停产停业 is possible
    youth: bool = False  # what a 16/17-year-old is plausibly fined for
    pfine: tuple[int, int] | None = None  # 元, for 自然人 when it differs


V = Violation
VIOLATIONS = (
    # 市场监管
    V("市场监管", "未取得许可从事食品经营", "《中华人民共和国食品安全法》第一百二十二条第一款", "osp", (10000, 100000),
      "{when}，{we}执法人员对位于{place}的经营场所进行检查，发现{who}未取得食品经营许可，擅自从事[熟食|快餐|烧烤|糕点|卤味]"
      "的加工销售活动。经查，{who2}自{start}起从事上述经营活动，至案发时违法经营食品货值金额共计{value}元{gain_text}。",
      ("食品", "餐饮管理", "食品贸易"), ("小吃店", "面馆", "快餐店", "烧烤店", "熟食店"), 6, gain=True,
      goods="用于违法经营的工具、设备{few}台", youth=True, pfine=(2000, 20000)),
    V("市场监管", "经营超过保质期的食品", "《中华人民共和国食品安全法》第一百二十四条第一款第（五）项", "os", (50000, 100000),
      "{when}，{we}执法人员在对{who}位于{place}的经营场所进行检查时，发现货架上摆放待售的[牛奶|饼干|方便面|饮料|火腿肠|面包]"
      "共{qty}件已超过标签标注的保质期。经查，上述食品系{who2}从批发市场购进，货值金额{value}元{gain_text}。{who2}未履行"
      "定期检查库存食品、及时清理超过保质期食品的义务。", ("超市", "商贸", "食品"), ("便利店", "超市", "副食品店", "烟酒商行"), 5,
      gain=True, goods="超过保质期的食品{qty}件", license="食品经营许可证"),
    V("市场监管", "生产经营不符合食品安全标准的食品", "《中华人民共和国食品安全法》第一百二十四条第一款第（一）项", "os",
      (50000, 200000),
      "{when}，{we}委托检验机构对{who}销售的[芹菜|韭菜|豇豆|菠菜]进行监督抽检。经检验，该批次产品[毒死蜱|腐霉利|氯氟氰菊酯|克百威]"
      "项目不符合GB 2763《食品安全国家标准 食品中农药最大残留限量》要求，检验结论为不合格，{who2}收到检验报告后未提出复检申请。"
      "经查，{who2}共购进该批次产品{qty}千克，货值金额{value}元{gain_text}。", ("农产品", "超市", "生鲜配送"),
      ("水果店", "蔬菜店", "生鲜店"), 4, gain=True, license="食品经营许可证"),
    V("市场监管", "发布虚假广告", "《中华人民共和国广告法》第五十五条第一款", "o", (20000, 300000),
      "{who}自{start}起通过其微信公众号及门店宣传海报发布广告，宣称其销售的[保健食品|理疗仪器|培训课程]具有"
      "“[七天见效|根治失眠|保过包退|零风险高回报]”等效果。经{we}核查，{who2}无法提供相关证明材料，广告内容与实际情况不符，"
      "构成虚假广告，广告费用共计{value}元。", ("健康管理", "生物科技", "教育咨询", "医疗器械"), weight=3),
    V("市场监管", "不按规定明码标价", "《中华人民共和国价格法》第四十二条", "os", (500, 5000),
      "{when}，{we}执法人员对{who}位于{place}的经营场所进行检查，发现其[销售的商品|提供的服务项目]共{qty}种未按规定明码标价，"
      "[部分商品标价签标示的品名、价格与实际不符|价目表未标示计价单位和收费标准]。{who2}的上述行为违反了《明码标价和禁止价格欺诈规定》"
      "的有关规定。", ("超市", "商贸", "酒店管理", "停车管理"), ("便利店", "水果店", "理发店", "洗车行"), 4, warn=True),
    V("市场监管", "销售不合格产品", "《中华人民共和国产品质量法》第四十九条", "os", (5000, 200000),
      "经{we}组织的产品质量监督抽查，{who}销售的[电线电缆|插座|儿童服装|电动自行车头盔|安全帽]经检验[导体电阻|标志耐擦性|"
      "纤维含量|冲击吸收性能]项目不合格，检验结论为不合格。经查，{who2}共购进该批次产品{qty}件，已售出{qty2}件，货值金额{value}元"
      "{gain_text}。", ("建材", "电器", "五金机电", "服饰"), ("五金店", "建材店", "电器商行", "服装店"), 4, gain=True,
      goods="不合格产品{qty2}件"),
    V("市场监管", "使用未经定期检验的特种设备", "《中华人民共和国特种设备安全法》第八十四条第一项", "o", (30000, 300000),
      "{when}，{we}执法人员对{who}进行特种设备安全检查，发现其使用的[曳引驱动乘客电梯|叉车|蒸汽锅炉|桥式起重机]{few}台未按规定"
      "在检验合格有效期届满前一个月向特种设备检验机构提出定期检验要求，已超期未检{days}天仍在使用。",
      ("物业管理", "机械制造", "酒店管理", "物流"), weight=2),
    # 生态环境
    V("生态环境", "超标排放大气污染物", "《中华人民共和国大气污染防治法》第九十九条第二项", "o", (100000, 1000000),
      "{when}，{we}执法人员对{who}进行现场检查，发现其[喷涂车间|锅炉|熔炼炉|定型机]废气排放口正在排放废气。经江临市生态环境"
      "监测站现场采样监测，废气中[颗粒物|二氧化硫|氮氧化物|非甲烷总烃]排放浓度为{conc}毫克/立方米，超过《[大气污染物综合排放标准|"
      "锅炉大气污染物排放标准]》规定的排放限值{ratio}倍。", ("化工", "印染", "铸造", "新型建材", "橡胶制品"), weight=5,
      license="排污许可证", suspend=True),
    V("生态环境", "建设项目未依法报批环境影响评价文件擅自开工建设", "《中华人民共和国环境影响评价法》第三十一条第一款", "o",
      (50000, 400000),
      "经查，{who}[年产{qty}万件塑料制品项目|表面处理生产线技改项目|新建厂房及配套设施项目]总投资{invest}万元，该项目环境影响"
      "报告表未经生态环境主管部门审批，{who2}即于{start}擅自开工建设，至{when}{we}现场检查时主体工程已基本建成并投入试生产。",
      ("新材料", "机械制造", "塑料制品", "食品"), weight=3),
    V("生态环境", "通过暗管逃避监管排放水污染物", "《中华人民共和国水污染防治法》第八十三条第三项", "o", (200000, 1000000),
      "{when}，{we}执法人员对{who}进行夜间突击检查，发现其在[厂区东侧围墙外|污水处理站调节池旁|车间排水沟末端]私设暗管，将"
      "未经处理的生产废水直接排入[厂区外雨水管网|附近河道]。经采样监测，外排废水中[化学需氧量|氨氮|总铜|总磷]浓度为{conc}毫克/升，"
      "超过《污水综合排放标准》规定的限值。", ("印染", "电镀", "食品", "化工"), weight=2, license="排污许可证", suspend=True),
    V("生态环境", "未按照国家有关规定申报危险废物", "《中华人民共和国固体废物污染环境防治法》第一百一十二条第一款第（二）项", "o",
      (100000, 1000000),
      "{when}，{we}执法人员对{who}进行检查，发现其生产过程中产生的[废矿物油|废切削液|废活性炭|含铜污泥]属于危险废物，{who2}"
      "未按照国家有关规定制定危险废物管理计划并通过信息系统申报，现场贮存上述危险废物约{ton}吨。",
      ("机械制造", "汽车维修", "电镀", "化工"), weight=3),
    V("生态环境", "餐饮油烟未经处理直接排放", "《中华人民共和国大气污染防治法》第一百一十八条第一款", "os", (5000, 50000),
      "根据群众投诉，{we}执法人员于{when}对{who}位于{place}的餐饮经营场所进行检查，发现其厨房[未安装油烟净化设施|油烟净化设施"
      "长期未正常使用]，产生的油烟直接通过[排风扇|窗户]排放，对周边居民生活造成影响。", ("餐饮管理",),
      ("饭店", "烧烤店", "面馆", "大排档"), 3),
    # 交通运输
    V("交通运输", "未取得道路运输经营许可擅自从事道路运输经营", "《中华人民共和国道路运输条例》第六十三条", "op", (10000, 100000),
      "{when}，{we}执法人员在[江临高铁站|江临汽车客运中心|江滨路公交站|江临大道服务区]附近检查时，发现{who}使用{vehicle}"
      "[搭载乘客|运送货物]。经查，{who2}未取得道路运输经营许可，[与乘客约定车费{money}元|按趟收取运费{money}元]，从事道路运输"
      "经营活动。", ("物流", "运输", "商贸"), weight=5, gain=True, license="道路运输经营许可证", pfine=(10000, 30000)),
    V("交通运输", "车辆超限运输在公路上行驶", "《中华人民共和国公路法》第七十六条第五项", "op", (500, 30000),
      "{when}，{we}执法人员在[G320国道|S213省道|江临大道]超限检测站对{who}使用的{truck}进行检测，该车车货总质量"
      "{weight}吨，超过规定限值{over}吨，属于违法超限运输。", ("物流", "运输", "建材"), weight=5, warn=True),
    V("交通运输", "擅自占用、挖掘公路", "《中华人民共和国公路法》第七十六条第一项", "os", (2000, 30000),
      "{when}，{we}执法人员巡查发现，{who}未经公路管理机构批准，擅自在[S213省道K12+300|X605县道K3+150|G320国道K245+600]处"
      "[堆放建筑材料|开挖路面铺设管道|设置摊点]，占用公路面积约{area}平方米。", ("建筑工程", "管道工程", "商贸"),
      ("建材店", "水果店", "汽修店"), 2, warn=True),
    V("交通运输", "巡游出租汽车驾驶员拒载、绕道或者途中甩客", "《出租汽车驾驶员从业资格管理规定》第四十一条第一项", "p", (200, 500),
      "{when}，{we}接到乘客投诉，反映{who}驾驶{taxi}在[江临站出租车上客区|南湖商圈|江临市人民医院门口][拒载乘客|故意绕道行驶|"
      "途中甩客]。经调取车载视频及卫星定位轨迹核实，投诉情况属实。", weight=3, warn=True),
    # 城市管理 (综合行政执法)
    V("城市管理", "擅自占用城市道路经营", "《城市市容和环境卫生管理条例》第三十六条第二项", "sp", (50, 2000),
      "{when}，{we}执法人员巡查至{place}时，发现{who}未经批准，在[店门外人行道|城市道路|广场]上[摆放货架|设置摊点|堆放商品]"
      "从事经营活动，占用道路面积约{area_small}平方米。执法人员当场责令改正，{who2}[未按要求改正|改正后再次占道经营]。",
      shops=("水果店", "小吃店", "五金店", "便利店"), weight=6, warn=True, youth=True),
    V("城市管理", "未取得建设工程规划许可证进行建设", "《中华人民共和国城乡规划法》第六十四条", "op", (20000, 500000),
      "经查，{who}未取得建设工程规划许可证，于{start}起在{place}[擅自搭建钢结构厂房|加建第四层|搭建彩钢板房]，建筑面积约"
      "{area}平方米，工程造价约{cost}元。该建设工程尚可采取改正措施消除对规划实施的影响。", ("房地产开发", "置业", "实业"),
      weight=4, pfine=(2000, 20000)),
    V("城市管理", "随意倾倒建筑垃圾", "《城市建筑垃圾管理规定》第二十六条", "os", (5000, 100000),
      "{when}，{we}执法人员巡查发现，[江临大道与望江路交叉口东侧空地|南湖大道绿化带旁|新桥村村口]有大量建筑垃圾倾倒堆放。经调查，"
      "上述约{ton}吨建筑垃圾系{who}在[装修工程|拆除工程|土方工程]中产生，由其委托未经核准的车辆随意倾倒。",
      ("建筑工程", "土石方工程", "装饰工程"), ("装饰部", "装修队"), 4),
    V("城市管理", "擅自设置大型户外广告", "《城市市容和环境卫生管理条例》第三十六条第一项", "os", (1000, 10000),
      "{when}，{we}执法人员巡查发现，{who}未经批准，在{place}[楼顶|外墙|门前绿地]擅自设置大型户外广告牌一块，面积约{area_small}"
      "平方米。", ("广告", "文化传播", "商贸"), ("广告部", "图文店"), 3, warn=True),
    V("城市管理", "张贴、散发小广告", "《城市市容和环境卫生管理条例》第三十四条第二项", "p", (50, 200),
      "{when}，{we}执法人员在[江滨公园|人民路步行街|南湖小区|城东农贸市场]巡查时，发现{who}在[公交站台|电线杆|居民楼道]等处张贴"
      "[招租|办证|培训]小广告共{qty}张。", weight=3, warn=True, youth=True),
    V("城市管理", "露天焚烧产生烟尘污染的物质", "《中华人民共和国大气污染防治法》第一百一十九条第二款", "p", (500, 2000),
      "{when}，{we}执法人员巡查至{place}时，发现{who}在[自家院落外空地|田间|河道旁]露天焚烧[生活垃圾|树叶杂草|秸秆]，产生大量烟尘。",
      weight=2, warn=True),
    V("城市管理", "占用、堵塞、封闭疏散通道、安全出口", "《中华人民共和国消防法》第六十条第一款第（三）项", "os", (5000, 50000),
      "{when}，{we}执法人员对{who}位于{place}的经营场所进行消防安全检查，发现其[二层安全出口被货物堵塞|疏散通道堆放杂物|"
      "安全出口上锁封闭]，经当场责令改正后仍未改正。", ("商贸", "酒店管理", "餐饮管理"), ("宾馆", "超市", "棋牌室", "饭店"), 4),
    # 农业农村
    V("农业农村", "经营假农药", "《农药管理条例》第五十五条第一款第（一）项", "os", (5000, 50000),
      "{when}，{we}执法人员对{who}进行检查，发现其经营场所内存放待售的标称“[吡虫啉|阿维菌素|草甘膦|多菌灵]”农药{qty}瓶。"
      "经抽样检验，该农药未检出标注的有效成分，依法应认定为假农药。经查，{who2}共购进该农药{qty}瓶，货值金额{value}元{gain_text}。",
      ("农资", "农业科技"), ("农资店", "农资经营部"), 4, gain=True, goods="假农药{qty}瓶"),
    V("农业农村", "使用禁用的渔具、捕捞方法进行捕捞", "《中华人民共和国渔业法》第三十八条第一款", "p", (1000, 20000),
      "{when}夜间，{we}执法人员在[江临江|南湖|云溪]水域巡查时，发现{who}使用[电捕鱼器具|禁用的密眼地笼网]进行捕捞，现场查获"
      "渔获物约{kg}千克。", weight=3, gain=True, goods="禁用渔具{few}套"),
    V("农业农村", "销售不符合农产品质量安全标准的农产品", "《中华人民共和国农产品质量安全法》第七十五条第一款", "os",
      (5000, 100000),
      "{when}，{we}对{who}生产的[草莓|葡萄|生猪|鸡蛋]进行监督抽检，经检验，[腐霉利|恩诺沙星|氟苯尼考|多菌灵]残留量超过食品安全国家"
      "标准限值，检验结论为不合格。经查，该批次产品共{qty}千克，已销售{qty2}千克，货值金额{value}元。",
      ("农业开发", "生态农业"), ("养殖场", "种植场"), 3),
    # 应急管理
    V("应急管理", "未按照规定对从业人员进行安全生产教育和培训", "《中华人民共和国安全生产法》第九十七条第三项", "o", (10000, 100000),
      "{when}，{we}执法人员对{who}进行安全生产执法检查，发现其[新入职|转岗]的{few}名[一线操作人员|叉车司机|焊工]未经安全生产"
      "教育和培训合格即上岗作业，{who2}不能提供相关培训记录。", ("机械制造", "新型建材", "化工", "纺织", "家具制造"), weight=5),
    V("应急管理", "未经许可经营危险化学品", "《危险化学品安全管理条例》第七十七条第三款", "os", (100000, 200000),
      "{when}，{we}执法人员检查发现，{who}未取得危险化学品经营许可证，在其经营场所内[储存|销售][油漆稀释剂|乙醇|丙酮|甲苯]等"
      "危险化学品共{qty}桶。经查，{who2}自{start}起从事上述经营活动{gain_text}。", ("化工", "商贸", "五金机电"),
      ("五金店", "油漆商行"), 2, gain=True, goods="危险化学品{qty}桶"),
    V("应急管理", "未对安全设备进行经常性维护、保养", "《中华人民共和国安全生产法》第九十九条第三项", "o", (10000, 200000),
      "{when}，{we}执法人员对{who}进行检查，发现其[喷涂车间可燃气体报警装置|粉尘车间除尘系统|消防泵]处于[故障|停用]状态，"
      "未进行经常性维护、保养，不能保证正常运转。", ("机械制造", "家具制造", "化工", "金属制品"), weight=3, suspend=True),
    V("应急管理", "对生产安全事故发生负有责任", "《中华人民共和国安全生产法》第一百一十四条第一款第（一）项", "o",
      (300000, 1000000),
      "{start}，{who}[生产车间|仓库|施工现场]发生一起[机械伤害|物体打击|高处坠落]事故，造成一人死亡。经事故调查组调查认定，该起事故为"
      "一般生产安全事故，{who2}安全生产主体责任落实不到位，[未督促从业人员严格执行操作规程|未及时消除事故隐患]，对事故发生负有责任。",
      ("机械制造", "建筑工程", "金属制品"), weight=1),
    # 文化旅游
    V("文化旅游", "互联网上网服务营业场所接纳未成年人", "《互联网上网服务营业场所管理条例》第三十一条第二项", "os", (1000, 15000),
      "{when}，{we}执法人员对{who}经营的位于{place}的[网吧|电竞馆]进行检查，发现场内有{few}名未成年人正在上网，{who2}未按规定核对、"
      "登记上网消费者的有效身份证件。", ("网络科技", "文化传播"), ("网吧",), 4, warn=True, license="网络文化经营许可证"),
    V("文化旅游", "未经许可经营旅行社业务", "《中华人民共和国旅游法》第九十五条第一款", "osp", (10000, 100000),
      "经查，{who}未取得旅行社业务经营许可，自{start}起通过[微信群|网络平台]招徕旅游者{qty}人，组织前往[黄山|千岛湖|婺源]等地旅游，"
      "收取费用共计{value}元{gain_text}。", ("旅游开发", "文化传播"), ("旅游咨询部",), 3, gain=True),
    V("文化旅游", "擅自从事营业性演出经营活动", "《营业性演出管理条例》第四十三条第一款第（一）项", "o", (50000, 200000),
      "经查，{who}未取得营业性演出许可证，于{start}在{place}组织[商业演出|音乐节|歌舞表演]{few}场，售出门票{qty}张，票款收入{value}元"
      "{gain_text}。", ("文化传播", "演艺", "文化旅游"), weight=2, gain=True),
    # 卫生健康
    V("卫生健康", "未取得医疗机构执业许可证擅自执业", "《中华人民共和国基本医疗卫生与健康促进法》第九十九条第一款", "sp",
      (50000, 200000),
      "{when}，{we}卫生监督员根据举报对位于{place}的场所进行检查，发现{who}未取得《医疗机构执业许可证》，擅自开展[静脉输液|针灸推拿"
      "|注射美容|拔牙]等诊疗活动，现场查获[药品|一次性注射器|医疗器械]一批。经查，{who2}自{start}起开展上述活动{gain_text}。",
      shops=("推拿馆", "美容店", "养生馆"), weight=3, gain=True, goods="药品、医疗器械一批"),
    V("卫生健康", "公共场所未取得卫生许可证擅自营业", "《公共场所卫生管理条例实施细则》第三十五条第一款", "os", (500, 5000),
      "{when}，{we}卫生监督员对{who}位于{place}的经营场所进行检查，发现其未取得公共场所卫生许可证，已对外营业{days}天。",
      ("酒店管理", "休闲娱乐", "美容美发"), ("理发店", "美容店", "足浴店", "宾馆"), 4, warn=True),
    V("卫生健康", "安排未取得有效健康合格证明的从业人员从事直接为顾客服务的工作",
      "《公共场所卫生管理条例实施细则》第三十八条", "os", (500, 2000),
      "{when}，{we}卫生监督员对{who}进行检查，发现其{few}名从业人员未取得有效健康合格证明即从事直接为顾客服务的工作。",
      ("酒店管理", "休闲娱乐", "美容美发"), ("理发店", "美容店", "足浴店", "宾馆"), 3, warn=True),
    V("卫生健康", "医疗机构使用非卫生技术人员从事医疗卫生技术工作", "《医疗机构管理条例》第四十七条", "o", (5000, 300000),
      "{when}，{we}卫生监督员对{who}进行检查，发现其使用{few}名未取得执业资格的人员从事[护理|医学检验|口腔诊疗]等医疗卫生技术工作。",
      ("医疗管理", "口腔门诊部", "医疗美容门诊部"), weight=2, license="医疗机构执业许可证"),
    # 自然资源
    V("自然资源", "未经批准非法占用土地", "《中华人民共和国土地管理法》第七十七条第一款", "op", (10000, 1000000),
      "经查，{who}未经批准，于{start}擅自占用[青山县桐溪镇|云溪县石桥乡|南湖区柳营街道|桐岭县白沙镇]集体土地{area}平方米（其中"
      "[耕地|林地|园地]{area2}平方米）{land_use}，该宗地不符合国土空间规划。",
      ("实业", "新型建材", "农业开发"), weight=4, pfine=(5000, 50000)),
    V("自然资源", "未取得采矿许可证擅自采矿", "《中华人民共和国矿产资源法》第三十九条第一款", "op", (10000, 500000),
      "{when}，{we}执法人员巡查发现，{who}未取得采矿许可证，在[青山县|桐岭县|云溪县]境内山体擅自开采[建筑用石料|砂土|高岭土]，"
      "经测量，共非法开采矿产品{ton}吨，价值{value}元{gain_text}。", ("矿业", "新型建材", "砂石"), weight=2, gain=True,
      goods="非法开采的矿产品{ton}吨"),
    # 住房城乡建设
    V("住房城乡建设", "未取得施工许可证擅自施工", "《建设工程质量管理条例》第五十七条", "o", (10000, 300000),
      "{when}，{we}执法人员检查发现，{who}作为建设单位的[江临{lp}花园项目|厂房扩建项目|综合楼项目]未取得建筑工程施工许可证即擅自"
      "开工建设，合同价款{cost}元，检查时已完成[基础工程|主体结构第{few}层]施工。", ("置业", "房地产开发", "实业"), weight=3),
    V("住房城乡建设", "施工单位在施工中偷工减料", "《建设工程质量管理条例》第六十四条", "o", (50000, 1000000),
      "经查，{who}在承建的[江临{lp}花园住宅|江临市某学校教学楼|某工业厂房]项目施工中，[使用不合格的钢筋|擅自减少钢筋配置|使用强度"
      "不足的混凝土]，经检测[钢筋间距|混凝土强度|保护层厚度]不符合设计及规范要求，构成偷工减料。该项目合同价款{cost}元。",
      ("建设", "建筑工程", "建工集团"), weight=2, license="建筑业企业资质证书", suspend=True),
    V("住房城乡建设", "建设工程未经消防验收擅自投入使用", "《中华人民共和国消防法》第五十八条第一款第（二）项", "o",
      (30000, 300000),
      "{when}，{we}执法人员检查发现，{who}的[宾馆|商场|娱乐场所]项目依法应当进行消防验收，在未经消防验收的情况下于{start}擅自投入使用，"
      "使用面积约{area}平方米。", ("酒店管理", "商贸", "餐饮管理"), weight=2, suspend=True),
    # 人力资源社会保障
    V("人力资源社会保障", "违反规定延长劳动者工作时间", "《劳动保障监察条例》第二十五条", "o", (5000, 50000),
      "{when}，{we}根据投诉对{who}进行劳动保障监察，发现其[生产车间|仓储部门]{qty}名劳动者每月延长工作时间超过三十六小时，最长一个月"
      "延长工作时间达{hours}小时。", ("电子", "服饰", "纺织", "家具制造"), weight=3, warn=True),
    V("人力资源社会保障", "非法使用童工", "《禁止使用童工规定》第六条第一款", "os", (5000, 50000),
      "{when}，{we}检查发现，{who}自{start}起招用{few}名未满十六周岁的未成年人从事[包装|搬运|餐饮服务]工作。",
      ("电子", "服饰", "餐饮管理"), ("饭店", "服装加工厂"), 1),
    # 水利
    V("水利", "未经批准擅自取水", "《中华人民共和国水法》第六十九条第一项", "o", (20000, 100000),
      "{when}，{we}执法人员检查发现，{who}未取得取水许可证，在厂区内擅自[打井|设置取水泵站]取用[地下水|河道地表水]用于生产，"
      "经核定累计取水量约{vol}立方米。", ("水泥制品", "混凝土", "食品", "纺织"), weight=3),
    V("水利", "在河道管理范围内建设妨碍行洪的建筑物、构筑物", "《中华人民共和国水法》第六十五条第一款", "op", (10000, 100000),
      "{when}，{we}执法人员巡查发现，{who}未经批准在[云溪|桐溪|南湖]河道管理范围内[搭建彩钢棚|修建围墙|堆放砂石料]，面积约{area}"
      "平方米，妨碍行洪。", ("砂石", "实业", "农业开发"), weight=2),
    # 住房公积金
    V("住房公积金", "单位不办理住房公积金缴存登记", "《住房公积金管理条例》第三十七条", "o", (10000, 50000),
      "经{we}核查，{who}自{start}起招用职工{qty}人，至{when}未按规定办理住房公积金缴存登记，亦未为职工办理住房公积金账户设立手续，"
      "经{we}责令限期办理后逾期仍不办理。", ("商贸", "网络科技", "物业管理", "餐饮管理"), weight=3),
)
del V
FINE_STEPS = (50, 100, 200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000, 8000, 10000, 12000, 15000, 20000, 25000,
              30000, 40000, 50000, 60000, 80000, 100000, 120000, 125000, 150000, 200000, 250000, 300000, 350000,
              400000, 450000, 500000)
BIG_FINES = (520000, 550000, 600000, 650000, 700000, 800000, 900000, 1000000)
_CHOICE = re.compile(r"\[([^\[\]]*)\]")


def _compile(template: str) -> list[str | tuple[str, ...]]:
    """'a[b|c]d' -> ['a', ('b', 'c'), 'd']: literal runs and alternatives."""
    out: list[str | tuple[str, ...]] = []
    last = 0
    for m in _CHOICE.finditer(template):
        out.append(template[last:m.start()])
        out.append(tuple(m.group(1).split("|")))
        last = m.end()
    out.append(template[last:])
    return [p for p in out if p != ""]


def _expand(parts: list[str | tuple[str, ...]], rnd: Callable[[], float]) -> str:
    return "".join(p if isinstance(p, str) else p[int(rnd() * len(p))] for p in parts)


_FACTS = [_compile(v.facts) for v in VIOLATIONS]
_EVIDENCE = _compile(EVIDENCE)


def _cn_date(o: int) -> str:
    d = date.fromordinal(o)
    return f"{d.year}年{d.month}月{d.day}日"


def _add_months(o: int, months: int) -> int:
    d = date.fromordinal(o)
    index = d.month - 1 + months
    year, month = d.year + index // 12, index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(d.day, last)).toordinal()
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _last_public(o: int, level: str) -> int:
    """The last day a decision of this severity is shown when nothing overrides it."""
    return _add_months(o, WINDOW_MONTHS[level]) - 1


def _add_workdays(o: int, n: int) -> int:
    """``n`` weekdays after ``o`` (holidays aside: a feed's 'working-ish' days)."""
    while n:
        o += 1
        if (o - 1) % 7 < 5:  # date.fromordinal(1) is a Monday
            n -= 1
    return o


def _luhn_complete(body: str) -> str:
    total = 0
    for position, char in enumerate(reversed(body)):
        value = int(char)
        if position % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return body + str((10 - total % 10) % 10)


def _company_org_code(rnd: Callable[[], float]) -> str:
    """A post-2015 组织机构代码 part of an enterprise USCC: 'MA' + 6 chars + GB 11714 check char."""
    letters = "ABCDEFGHJKLMNPQRTUWXY"
    body = "MA" + "".join(letters[int(rnd() * 21)] if rnd() < 0.3 else "0123456789"[int(rnd() * 10)]
                          for _ in range(6))
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2), strict=True))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def _yuan_to_wan(yuan: int) -> str:
    """元 -> 万元 as a plain decimal string (5000 -> '0.5', 125000 -> '12.5', 20000 -> '2')."""
    whole, rest = divmod(yuan, 10000)
    return f"{whole}" if not rest else f"{whole}.{rest:04d}".rstrip("0")


def _fine_step(lo: int, hi: int, rnd: Callable[[], float]) -> int:
    steps = [s for s in FINE_STEPS if lo <= s <= hi] or [lo]
    return steps[int(len(steps) * rnd() ** 1.6)]


def _surname(name: str) -> str:
    return name[:2] if name[:2] in ("欧阳", "诸葛") else name[:1]


def _fullwidth(s: str) -> str:
    return s.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)})


@dataclass
class _Party:
    name: str
    kind: str  # ORG / SOLE / PERSON
    uscc: str
    rep: str  # 法定代表人 / 经营者
    rep_id: str
    person_id: str  # 自然人's own ID
    address: str
    region: str  # 6-digit code
    person_named: bool  # its name is a natural person's (自然人, 个体工商户 named after the operator)
    industry: str = ""
    uses: int = 0


class _PenaltyMaker:
    """Builds penalty rows (canonical column order; dates as proleptic ordinals) for one run."""

    def __init__(self, agencies: list[Agency], rng: Random, ref: date) -> None:
        rnd = rng.random

        def rr(n: int) -> int:  # randrange(n), without its argument checks (a large feed calls it a great many times)
            return int(rnd() * n)
        self.rng, self.rnd, self.rr = rng, rnd, rr
        self.ref = ref.toordinal()
        self.year = ref.year
        self.agencies = agencies
        self.names: set[str] = set()
        self.usccs: set[str] = set()
        self.pool: dict[str, list[_Party]] = {}
        eligible = [i for i, a in enumerate(agencies) if a.kind != "受委托组织"] or list(range(len(agencies)))
        self.pairs: dict[str, list[tuple[int, int]]] = {}
        self.cum: dict[str, list[float]] = {}
        domain_total = Counter()
        for v in VIOLATIONS:
            domain_total[v.domain] += v.weight
        for kind, letter in ((ORG, "o"), (SOLE, "s"), (PERSON, "p")):
            pairs, cum, total = [], [], 0.0
            for ai in eligible:
                a = agencies[ai]
                # an agency's share follows its domain's weight, however many violations the domain lists
                aw = PENALTY_DOMAIN_WEIGHT.get(a.domain, 2) / (1 if a.region == CITY else 2.5) / domain_total[a.domain]
                for vi, v in enumerate(VIOLATIONS):
                    if v.domain == a.domain and letter in v.parties:
                        total += aw * v.weight
                        pairs.append((ai, vi))
                        cum.append(total)
            self.pairs[kind], self.cum[kind] = pairs, cum
        self.domains = {agencies[ai].domain for ai in eligible}

    # -- choosing what happened -----------------------------------------------------------------
    def pick(self, kind: str, test: Callable[[Violation], bool] | None = None) -> tuple[int, int] | None:
        pairs, cum = self.pairs[kind], self.cum[kind]
        if test is not None:
            keep = [(p, VIOLATIONS[p[1]].weight) for p in pairs if test(VIOLATIONS[p[1]])]
            if not keep:
                return None
            return self.rng.choices([p for p, _ in keep], [w for _, w in keep])[0]
        if not pairs:
            return None
        return self.rng.choices(pairs, cum_weights=cum)[0]

    def person_id(self, born: int) -> str:
        b = date.fromordinal(born)
        id17 = f"339901{b.year:04d}{b.month:02d}{b.day:02d}{self.rr(1000):03d}"
        return id17 + id_check_char(id17)

    def adult_id(self, lo: int = 1958, hi: int = 2003) -> str:
        born = date(lo, 1, 1).toordinal() + self.rr(date(hi, 12, 31).toordinal() - date(lo, 1, 1).toordinal())
        return self.person_id(born)

    def uscc(self, prefix: str, region: str) -> str:
        while True:
            first17 = prefix + region + _company_org_code(self.rnd)
            code = first17 + uscc_check_char(first17)
            if code not in self.usccs:
                self.usccs.add(code)
                return code

    def district(self, a: Agency) -> tuple[str, str]:
        """(region code, district name after 江临市) for a party of agency ``a``."""
        if a.region != CITY:
            for code, dname, _ in DISTRICTS:
                if CITY + dname.removeprefix(CITY) == a.region:
                    return code, dname.removeprefix(CITY)
        code, dname, _ = DISTRICTS[int(self.rnd() * len(DISTRICTS))]
        return code, dname.removeprefix(CITY)

    def street_address(self, dname: str) -> str:
        rnd, rr = self.rnd, self.rr
        street = STREETS[int(rnd() * len(STREETS))][0]
        road = ROADS[int(rnd() * len(ROADS))]
        tail = ("", f"{1 + rr(12)}幢", f"{1 + rr(6)}楼", f"{1 + rr(20)}幢{1 + rr(20)}0{1 + rr(4)}室")[int(rnd() * 4)]
        return f"{CITY}{dname}{street}街道{road}{1 + rr(399)}号{tail}"

    def home_address(self, dname: str) -> str:
        rnd, rr = self.rnd, self.rr
        street = STREETS[int(rnd() * len(STREETS))][0]
        if rnd() < 0.4:
            return f"{CITY}{dname}{street}街道{street}村{1 + rr(12)}组{1 + rr(80)}号"
        return (f"{CITY}{dname}{ROADS[int(rnd() * len(ROADS))]}{1 + rr(399)}号{1 + rr(20)}幢"
                f"{1 + rr(4)}单元{1 + rr(18)}0{1 + rr(4)}室")

    def brand(self) -> str:
        rnd = self.rnd
        if rnd() < 0.3:
            return BRANDS3[int(rnd() * len(BRANDS3))]
        return BRANDS2_A[int(rnd() * len(BRANDS2_A))] + BRANDS2_B[int(rnd() * len(BRANDS2_B))]

    def party(self, kind: str, a: Agency, v: Violation, decided: int, minor: bool = False) -> _Party:
        rnd = self.rnd
        code, dname = self.district(a)
        if kind == ORG:
            industry = v.ind[int(rnd() * len(v.ind))]
            known = self.pool.get(industry)  # companies with fewer than 4 decisions so far
            if known and rnd() < 0.2:
                i, j = int(rnd() * len(known)), int(rnd() * len(known))
                i = i if known[i].uses >= known[j].uses else j  # repeat offenders repeat: some reach 3–4
                p = known[i]
                p.uses += 1
                if p.uses >= 4:
                    known[i] = known[-1]
                    known.pop()
                return p
            while True:
                where = CITY + (dname if rnd() < 0.4 else "")
                name = f"{where}{self.brand()}{industry}{ORG_FORMS[int(rnd() * len(ORG_FORMS))]}"
                if name not in self.names:
                    break
            self.names.add(name)
            p = _Party(name, ORG, self.uscc("91", code), _name(rnd), self.adult_id(1958, 1996), "",
                       self.street_address(dname), code, False, industry)
            p.uses = 1
            self.pool.setdefault(industry, []).append(p)
            return p
        operator = _name(rnd)
        if kind == SOLE:
            if rnd() < 0.5:  # named after the operator, as many 个体工商户 are
                return _Party(operator, SOLE, self.uscc("92", code), operator, self.adult_id(), "",
                              self.street_address(dname), code, True)
            shop = v.shops[int(rnd() * len(v.shops))]
            head = ("老" + _surname(operator), _surname(operator) + "记", self.brand())[int(rnd() * 3)]
            name = f"{CITY}{dname}{head}{shop}"
            while name in self.names:
                name = f"{CITY}{dname}{self.brand()}{shop}"
            self.names.add(name)
            return _Party(name, SOLE, self.uscc("92", code), operator, self.adult_id(), "",
                          self.street_address(dname), code, False)
        if minor:  # 16 or 17 on the decision date
            born = decided - 365 * 16 - 30 - self.rr(700)
            pid = self.person_id(born)
        else:
            pid = self.adult_id()
        return _Party(operator, PERSON, "", "", "", pid, self.home_address(dname), code, True)

    # -- what was decided -----------------------------------------------------------------------
    def kinds(self, slot: str, v: Violation, kind: str) -> tuple[list[str], int, int]:
        """(处罚类别 in decision order, fine in 元, months of 停产停业)."""
        rnd = self.rnd
        lo, hi = v.pfine if kind == PERSON and v.pfine else v.fine
        if slot == "minor":
            return ["警告"], 0, 0
        if slot in ("bigfine", "bigfine_no_note"):
            fines = [f for f in BIG_FINES if f <= max(hi, BIG_FINES[0])]
            return ["罚款"], fines[int(rnd() * len(fines))], 0
        if slot == "notice":
            return ["通报批评"], 0, 0
        if slot == "revoke":
            base = ["没收违法所得", "罚款"] if v.gain else ["罚款"]
            return base + ["吊销许可证件"], _fine_step(max(lo, (lo + hi) // 3), hi, rnd), 0
        if slot in ("suspend6", "suspend2"):
            return ["罚款", "责令停产停业"], _fine_step(lo, hi, rnd), 6 if slot == "suspend6" else 2
        if slot == "repaired":
            return ["罚款"], _fine_step(max(lo, 5000 if kind != PERSON else 1000), max(hi, 5000), rnd), 0
        x = rnd()
        if v.warn and x < 0.15:
            return ["警告"], 0, 0
        if x < 0.45 and (v.warn or hi <= 200000):
            return ["警告", "罚款"], _fine_step(lo, max(lo, (lo + hi) // 2), rnd), 0
        if v.gain and x < 0.75:
            if v.goods and x < 0.55:
                return ["没收违法所得", "没收非法财物", "罚款"], _fine_step(lo, hi, rnd), 0
            return ["没收违法所得", "罚款"], _fine_step(lo, hi, rnd), 0
        if v.goods and x < 0.8:
            return ["没收非法财物", "罚款"], _fine_step(lo, hi, rnd), 0
        return ["罚款"], _fine_step(lo, hi, rnd), 0

    @staticmethod
    def severity(kinds: list[str], fine: int, kind: str) -> str:
        ks = set(kinds)
        if ks & SERIOUS or fine > MAJOR_FINE:
            return "serious"
        if ks <= {"警告", "通报批评"} or (ks <= {"警告", "通报批评", "罚款"} and 0 < fine <= SMALL_FINE[kind]):
            return "minor"
        return "general"

    def decided_on(self, plan: str, level: str) -> int:
        """A decision date that puts the record in the planned state at the reference date."""
        ref, rr = self.ref, self.rr
        span = WINDOW_MONTHS[level] * 31
        for _ in range(50):
            if plan == "public":
                d = ref - 15 - rr(max(1, span - 15))
                if _last_public(d, level) >= ref:
                    return d
            else:  # ended
                lo = min(span + 2, HISTORY_DAYS - 30)
                d = ref - lo - rr(HISTORY_DAYS - lo)
                if _last_public(d, level) < ref:
                    return d
        return ref - 15 if plan == "public" else ref - HISTORY_DAYS

    def row(self, slot: str) -> list | None:
        rnd, rr, ref = self.rnd, self.rr, self.ref
        kind = {"minor": PERSON, "bigfine": ORG, "bigfine_no_note": ORG, "suspend6": ORG, "suspend2": ORG,
                "notice": ORG}.get(slot)
        if kind is None:
            x = rnd()
            kind = ORG if x < 0.65 else SOLE if x < 0.90 else PERSON
            if slot == "revoke" and kind == PERSON:
                kind = SOLE
        test = {"minor": lambda v: v.youth, "bigfine": lambda v: v.fine[1] > MAJOR_FINE,
                "bigfine_no_note": lambda v: v.fine[1] > MAJOR_FINE, "revoke": lambda v: bool(v.license),
                "suspend6": lambda v: v.suspend, "suspend2": lambda v: v.suspend}.get(slot)
        pick = self.pick(kind, test)
        if pick is None and test is not None:
            pick, slot = self.pick(kind), "regular"
        if pick is None:  # no agency punishes this kind of party: an organisation then
            kind = ORG
            pick = self.pick(kind)
        ai, vi = pick
        a, v = self.agencies[ai], VIOLATIONS[vi]
        kinds, fine, months = self.kinds(slot, v, kind)
        level = self.severity(kinds, fine, kind)

        # dates and state
        state, withdrawn, reason, publish_until, repaired = "正常", None, "", None, None
        published: int | None = None
        if slot == "scheduled":
            d = ref - rr(3)
            published = ref + 1 + rr(4)
        elif slot == "withdrawn":
            back = 40 + rr(260)
            d = ref - back
            state, withdrawn = "撤回", d + 15 + rr(back - 16)
            reason = WITHDRAWAL_REASONS[int(rnd() * len(WITHDRAWAL_REASONS))]
        elif slot == "repaired":
            back = 100 + rr(230)
            d = ref - back
            repaired = d + 91 + rr(back - 92)
        elif slot == "publish_until":
            d = ref - 30 - rr(670)
            publish_until = _add_months(d, 6) - 1 if rnd() < 0.5 else _last_public(d, level)
        else:
            d = self.decided_on("ended" if slot == "regular" and rnd() < 0.27 else "public", level)
        if published is None and rnd() > 0.06:
            published = _add_workdays(d, (1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9)[int(rnd() * 14)])
            if published > ref:
                published = None
        served = None if rnd() < 0.1 else min(ref, d + (0, 0, 1, 1, 2, 3)[int(rnd() * 6)])
        party = self.party(kind, a, v, d, slot == "minor")

        # amounts and texts
        gain = 300 + rr(30000) if "没收违法所得" in kinds else 0
        value = 800 + rr(40000)
        conf = gain + (value if "没收非法财物" in kinds else 0)
        fields = _FactFields(self, a, vi, party, d, fine, gain, value)
        facts = fields.facts()
        parts = []
        goods = ""
        for k in kinds:
            if k == "警告":
                parts.append("给予警告")
            elif k == "通报批评":
                parts.append("予以通报批评")
            elif k == "没收违法所得":
                parts.append(f"没收违法所得人民币{gain}元")
            elif k == "没收非法财物":
                goods = fields.format(v.goods)
                parts.append(f"没收{goods}")
            elif k == "罚款":
                parts.append(("并处" if parts else "") + f"罚款人民币{fine}元")
            elif k == "责令停产停业":
                parts.append(f"责令停产停业{months}个月")
            elif k == "吊销许可证件":
                parts.append(f"吊销{v.license}")
        content = "，".join(parts) + "。"
        license_action = ""
        if "吊销许可证件" in kinds:
            number = LICENSES[v.license](self.rng, party.region, party.uscc or party.region, self.year)
            license_action = f"{v.license}（编号：{number}）"
        major = fine > MAJOR_FINE or "吊销许可证件" in kinds or months > 3
        note = ""
        if major and slot != "bigfine_no_note":
            note = (f"本案[违法行为持续时间长|违法所得数额较大|造成较大社会影响|经责令改正拒不改正]，依据《{CITY}{a.domain}行政处罚"
                    f"裁量基准》属于从重处罚情形，适用从重处罚阶次；本案经法制审核，并经{a.name}负责人集体讨论决定。")
            note = _expand(_compile(note), rnd)
        effective = None
        if months:
            effective = _add_months(d, months) - 1
        elif rnd() < 0.12:
            effective = _last_public(d, level)
        remark = ""
        x = rnd()
        if x < 0.08 and (fine or conf):
            remark = "当事人已按期缴纳罚没款。"
        elif x < 0.13:
            remark = f"当事人已于{_cn_date(min(ref, d + 5 + rr(40)))}完成整改。"
        elif x < 0.16 and fine:
            remark = f"当事人申请延期缴纳罚款，经批准延期至{_cn_date(d + 60 + rr(60))}。"
        elif x < 0.19 and party.person_named:
            remark = f"当事人{party.name}已当场签收处罚决定书。"
        elif major and x < 0.5:
            remark = "本案为重大行政处罚，已按规定进行法制审核。"
        if "暗管" in v.vtype or "采矿" in v.vtype:
            remark = (remark + "涉嫌犯罪部分已依法移送公安机关。") if rnd() < 0.5 else remark
        is_minor = "是" if slot == "minor" else ("否" if kind == PERSON else "")
        rep_type = "身份证" if party.rep else ""
        return [None, party.name, kind, party.uscc, party.rep, rep_type, party.rep_id,
                "身份证" if kind == PERSON else "", party.person_id, party.address, is_minor, v.vtype, facts, v.basis,
                KIND_SEP.join(kinds), content, _yuan_to_wan(fine) if fine else "", _yuan_to_wan(conf) if conf else "",
                license_action, d, effective, publish_until, a.name, a.uscc, a.name, a.uscc, remark, published, served,
                state, withdrawn, reason, note, repaired, ai]


class _FactFields(dict):
    """The {fields} of a facts template, made on first use."""

    def __init__(self, maker: _PenaltyMaker, a: Agency, vi: int, party: _Party, decided: int, fine: int,
                 gain: int, value: int) -> None:
        super().__init__()
        self.m, self.a, self.vi, self.p, self.d = maker, a, vi, party, decided
        self.fine, self.gain, self.value = fine, gain, value
        self.exposed = False  # the text carries the person's numbers

    def format(self, template: str) -> str:
        return _expand(_compile(template), self.m.rnd).format_map(self) if "[" in template else template.format_map(self)

    def facts(self) -> str:
        m, p, rnd = self.m, self.p, self.m.rnd
        if p.person_named and rnd() < 0.34:
            self.exposed = True
        text = _expand(_FACTS[self.vi], rnd).format_map(self)
        if self.exposed and not {"vehicle", "truck", "taxi"} & self.keys() and rnd() < 0.2:
            van = ("小型面包车", "小型轿车", "轻型厢式货车")[m.rr(3)]
            text += f"{self['who2']}使用车牌号为{self.plate()}的{van}运输经营物品。"
        if self.exposed and rnd() < 0.2:
            what = "上述违法所得" if self.gain else "经营款项"
            text += f"经查，{what}通过{self['who2']}本人名下的银行卡（卡号：{self.card()}）收取。"
        if rnd() < 0.7:
            text += _expand(_EVIDENCE, rnd)
        return text

    def plate(self) -> str:
        rnd, rr = self.m.rnd, self.m.rr
        letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
        head = letters[int(rnd() * len(letters))] if rnd() < 0.5 else str(rr(10))
        body = head + "".join(str(rr(10)) if rnd() < 0.75 else letters[int(rnd() * len(letters))] for _ in range(4))
        return "浙K·" + body

    def card(self) -> str:
        rr = self.m.rr
        length = (16, 19)[rr(2)]
        prefix = ("6217", "6222", "6228", "6230")[rr(4)]
        number = _luhn_complete(prefix + "".join(str(rr(10)) for _ in range(length - 5)))
        if rr(2):
            return " ".join(number[i:i + 4] for i in range(0, length, 4))
        return number

    def numbers(self) -> str:
        """'（公民身份号码：…，手机 …）' in one of the ways people write them."""
        rr, rnd = self.m.rr, self.m.rnd
        pid = self.p.person_id or self.p.rep_id
        style = rr(4)
        if style == 0:
            shown = " ".join(pid[i:i + 4] for i in range(0, 18, 4))
        elif style == 1:
            shown = _fullwidth(pid)
        else:
            shown = pid
        mobile = MOBILE_PREFIXES[int(rnd() * len(MOBILE_PREFIXES))] + f"{rr(10**8):08d}"
        phone = (f"手机 {mobile[:3]}-{mobile[3:7]}-{mobile[7:]}", f"+86 {mobile}", f"联系电话：{mobile}",
                 f"手机号码{_fullwidth(mobile)}")[rr(4)]
        label = ("公民身份号码：", "身份证号", "身份证号码：")[rr(3)]
        return f"（{label}{shown}，{phone}）"

    def __missing__(self, key: str) -> str:
        rr, rnd, d = self.m.rr, self.m.rnd, self.d
        if key == "who":
            if self.p.person_named:
                value = "当事人" + self.p.name + (self.numbers() if self.exposed else "")
            else:
                value = "当事人"
        elif key == "who2":
            value = "当事人"
        elif key == "we":
            n = self.a.name
            value = "本委" if n.endswith("委员会") else "本中心" if n.endswith("中心") else "本局" if n.endswith("局") else "本机关"
        elif key == "when":
            value = _cn_date(d - 10 - rr(80))
        elif key == "start":
            s = date.fromordinal(d - 100 - rr(400))
            value = f"{s.year}年{s.month}月"
        elif key == "place":
            if self.p.kind == PERSON:  # where it happened, not the person's home
                value = f"{self.p.address[:6]}{ROADS[rr(len(ROADS))]}{1 + rr(399)}号附近"
            else:
                value = self.p.address
        elif key == "qty":
            value = str(12 + rr(300))
        elif key == "qty2":
            value = str(1 + rr(int(self["qty"])))
        elif key == "few":
            value = str(2 + rr(4))
        elif key == "value":
            value = str(self.value)
        elif key == "gain_text":
            value = f"，违法所得{self.gain}元" if self.gain else ("，尚未获利", "")[rr(2)]
        elif key == "conc":
            value = str(60 + rr(400))
        elif key == "ratio":
            value = f"{0.2 + rnd() * 2.8:.1f}"
        elif key == "ton":
            value = f"{2 + rnd() * 60:.1f}"
        elif key in ("weight", "over"):
            limit = (49, 46, 43, 31, 25, 18)[rr(6)]
            over = 1 + rnd() * 19
            self["weight"], self["over"] = f"{limit + over:.2f}", f"{over:.2f}"
            return self[key]
        elif key in ("area", "area2"):
            area = 60 + rr(2400)
            self["area"], self["area2"] = str(area), str(max(20, area * (30 + rr(70)) // 100))
            return self[key]
        elif key == "area_small":
            value = str(3 + rr(40))
        elif key == "cost":
            value = str(max(100000, self.fine * (10 + rr(11))) + rr(1000) * 100)
        elif key == "invest":
            value = str(max(60, self.fine * (20 + rr(80)) // 10000))
        elif key == "kg":
            value = str(3 + rr(80))
        elif key == "money":
            value = str(30 + rr(470))
        elif key == "hours":
            value = str(60 + rr(60))
        elif key == "vol":
            value = str(2000 + rr(90000))
        elif key == "days":
            value = str(10 + rr(200))
        elif key == "land_use":
            uses = ("建造住宅", "搭建养殖用房") if self.p.kind == PERSON else ("建设厂房及堆场", "硬化用作停车场", "建设仓储用房")
            value = uses[rr(len(uses))]
        elif key == "lp":
            value = PROPERTY_NAMES[rr(len(PROPERTY_NAMES))]
        elif key in ("vehicle", "truck", "taxi"):
            veh = {"vehicle": ("小型轿车", "小型普通客车", "轻型厢式货车"),
                   "truck": ("六轴重型半挂牵引车", "四轴重型自卸货车", "三轴重型厢式货车"),
                   "taxi": ("巡游出租汽车",)}[key]
            veh = veh[rr(len(veh))]
            value = f"车牌号为{self.plate()}的{veh}" if self.exposed and rnd() < 0.6 else veh
        else:
            raise KeyError(key)
        self[key] = value
        return value


def _penalty_slots(n: int) -> list[str]:
    """The special cases a sample needs (each state at the reference date, minors, majors …)."""
    special = [("scheduled", max(2, round(0.01 * n))), ("withdrawn", max(3, round(0.015 * n))),
               ("minor", max(2, n // 1200)), ("bigfine_no_note", max(1, round(0.001 * n))),
               ("repaired", max(3, round(0.03 * n))), ("bigfine", max(2, round(0.008 * n))),
               ("revoke", max(3, round(0.015 * n))), ("suspend6", max(2, round(0.008 * n))),
               ("suspend2", max(2, round(0.008 * n))), ("notice", max(3, round(0.015 * n))),
               ("publish_until", max(3, round(0.025 * n)))]
    slots = [name for name, count in special for _ in range(count)]
    if n < 40:  # tiny runs: the most important cases first, at most half the rows
        slots = [name for name, _ in special][: n // 2]
    return slots + ["regular"] * (n - len(slots))


def penalty_rows(agencies: list[Agency], n: int, rng: Random, ref: date) -> list[list]:
    """``n`` 行政处罚决定 rows in canonical column order plus the authority's index as a last item;
    dates are proleptic ordinals (or None). 决定书文号 is numbered per agency and year in date order."""
    maker = _PenaltyMaker(agencies, rng, ref)
    slots = _penalty_slots(n)
    rng.shuffle(slots)
    rows = [maker.row(slot) for slot in slots]
    # 决定书文号: one sequence per agency style and year, in decision-date order
    keyed = []
    for i, r in enumerate(rows):
        a = agencies[r[-1]]
        slug = a.slug.rsplit("-", 1)[-1]
        style = DOC_STYLES.get(slug, "{p}罚〔{y}〕{n}号")
        short = "江临" if a.region == CITY else a.region.removeprefix(CITY)[:-1]
        if slug == "sthjj":
            short = "江临环" + ("" if a.region == CITY else short)
        elif slug not in DOC_STYLES:
            short = a.name.removeprefix(CITY)[:4]
        keyed.append(((style, short, date.fromordinal(r[P_DECIDED]).year), r[P_DECIDED], i))
    keyed.sort()
    seen: set[str] = set()
    for key, group in groupby(keyed, key=lambda t: t[0]):
        style, short, year = key
        per_day = 0.05 + rng.random() * 0.4  # the agency's whole caseload, most of it not in this feed
        number = 0
        for _, decided, i in group:
            day_of_year = decided - date(year, 1, 1).toordinal() + 1
            number = max(number + 1, int(day_of_year * per_day) + rng.randint(1, 3))
            doc = style.format(p=short, y=year, n=number)
            if doc in seen:
                raise AssertionError(f"duplicate 决定书文号 {doc}")
            seen.add(doc)
            rows[i][P_NO] = doc
    return rows


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


def _penalty_text(rows: Iterable[list], fmt: Callable[[int | None], str]) -> Iterator[list]:
    """Rows as written: the canonical columns with dates formatted (the authority index dropped)."""
    for r in rows:
        out = r[:len(PENALTY_HEADER)]
        for c in PENALTY_DATE_COLS:
            out[c] = fmt(out[c])
        yield out


def _slash_formatter() -> Callable[[int | None], str]:
    """Dates as Excel on Chinese Windows writes them to CSV: 2026/3/5."""
    def fmt(o: int | None) -> str:
        if o is None:
            return ""
        d = date.fromordinal(o)
        return f"{d.year}/{d.month}/{d.day}"
    return fmt


def _write_penalties_xlsx(path: Path, rows: list[list], stamp: datetime) -> int:
    """Canonical headers on the first row; 处罚决定日期 as Excel date cells, amounts as numbers."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "行政处罚决定"
    ws.append(PENALTY_HEADER)
    iso = _iso_formatter()
    for r in _penalty_text(rows, iso):
        r[P_DECIDED] = date.fromisoformat(r[P_DECIDED])
        for c in (P_FINE, P_CONF):
            r[c] = float(r[c]) if r[c] else None
        ws.append([None if v == "" else v for v in r])
    for c in range(2, len(rows) + 2):
        ws.cell(row=c, column=P_DECIDED + 1).number_format = "yyyy-mm-dd"
    widths = {"A": 26, "B": 34, "C": 16, "D": 22, "L": 30, "M": 80, "N": 44, "O": 24, "P": 40, "W": 30}
    for col, width in widths.items():
        ws.column_dimensions[col].width = width
    _save_xlsx(wb, path, stamp)
    return len(rows)


def _remove_penalty_files(out_dir: Path, keep: Iterable[Path], whole_folder: bool) -> None:
    """Delete penalty feed files this run did not write, so no stale file is loaded with the new ones."""
    keep = {p.resolve() for p in keep}
    folder = out_dir / "penalties"
    candidates = [out_dir / "penalties.csv", out_dir / "penalties.xlsx"]
    if folder.is_dir():
        candidates += (sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".csv", ".xlsx")) if whole_folder
                       else [folder / name for name in PENALTY_FILES])
    for path in candidates:
        if path.is_file() and path.resolve() not in keep:
            path.unlink()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _write_penalty_feeds(out_dir: Path, agencies: list[Agency], rows: list[list], stamp: datetime) -> int:
    """The committed sample's variety: the 市场监管局's CSV (UTF-8 with BOM, canonical headers), the
    生态环境局's 双公示 export (GB18030, CF_* codes, 2026/3/5 dates) and an XLSX for everybody else."""
    folder = out_dir / "penalties"
    written: list[Path] = []
    if rows:
        folder.mkdir(exist_ok=True)
        rows = sorted(rows, key=lambda r: (r[P_DECIDED], r[P_NO]))
        groups: dict[str, list[list]] = {name: [] for name in PENALTY_FILES}
        for r in rows:
            slug = agencies[r[-1]].slug
            groups["scjgj.csv" if slug == "scjgj" else "sthjj-shuanggongshi.csv" if slug == "sthjj" else "others.xlsx"].append(r)
        for name, group in groups.items():
            if not group:
                continue
            path = folder / name
            if name == "scjgj.csv":
                _write_csv(path, PENALTY_HEADER, _penalty_text(group, _iso_formatter()), "utf-8-sig")
            elif name == "sthjj-shuanggongshi.csv":
                coded = ([r[i] for i in PENALTY_CODE_ORDER] for r in _penalty_text(group, _slash_formatter()))
                _write_csv(path, PENALTY_CODE_HEADER, coded, "gb18030", "\r\n")
            else:
                _write_penalties_xlsx(path, group, stamp)
            written.append(path)
    _remove_penalty_files(out_dir, written, whole_folder=True)
    return len(rows)


# -- inspections (双随机抽查结果) and supervision (监督考核结果) -----------------------------------
INSPECTION_HEADER = ["任务编号", "任务名称", "抽查类型", "抽查事项", "检查对象名称", "检查对象类别", "统一社会信用代码",
                     "检查机关", "检查完成日期", "检查结果", "整改要求", "整改期限", "公示日期"]
INSPECTION_DATE_COLS = (8, 11, 12)
SUPERVISION_HEADER = ["类型", "项目名称", "被评查单位", "完成日期", "评查案卷数", "等次", "得分", "发现问题", "整改要求",
                      "整改期限", "整改状态", "公示日期"]
SUPERVISION_DATE_COLS = (3, 9, 11)
INSPECTION_RESULTS = (("未发现问题", 52), ("发现问题已责令改正", 16), ("发现问题待后续处理", 6),
                      ("未发现开展本次抽查涉及的经营活动", 8), ("通过登记的住所（经营场所）无法联系", 7), ("不配合检查", 3),
                      ("其他", 8))
PROBLEM_RESULTS = ("发现问题已责令改正", "发现问题待后续处理")
# 执法领域 -> (task theme, 抽查事项, what a business of the domain is called, 整改要求 phrases)
CHECK_THEMES = {
    "市场监管": ("食品经营者", "食品经营许可情况；进货查验记录制度落实情况；食品贮存条件", ("食品", "商贸", "餐饮管理"),
             ("完善进货查验记录", "清理过期食品并建立临期食品管理制度", "公示有效的食品经营许可证")),
    "生态环境": ("排污单位", "排污许可证执行情况；污染防治设施运行情况；自行监测情况", ("化工", "环保科技", "印染"),
             ("按排污许可证要求开展自行监测", "修复废气收集设施", "规范危险废物贮存场所标识")),
    "交通运输": ("道路运输经营者", "经营资质；车辆技术档案；从业人员资格", ("运输", "物流", "汽车服务"),
             ("补齐车辆技术档案", "更换从业资格证过期的驾驶员", "建立安全生产例会制度")),
    "城市管理": ("沿街商户", "门前责任区落实情况；户外广告设置情况", ("商贸", "广告", "餐饮管理"),
             ("拆除未经批准设置的户外广告", "落实门前三包责任", "规范油烟净化设施清洗记录")),
    "卫生健康": ("公共场所经营者", "卫生许可情况；从业人员健康证明；空气质量检测", ("酒店管理", "美容美发", "游泳健身"),
             ("为从业人员办理健康证明", "完善公共用品清洗消毒记录", "开展室内空气质量检测")),
    "应急管理": ("危险化学品经营单位", "安全生产责任制；隐患排查治理；应急预案", ("化工", "能源", "五金"),
             ("修订生产安全事故应急预案", "建立隐患排查治理台账", "组织从业人员安全培训")),
}
DEFAULT_THEME = ("生产经营单位", "依法经营情况；许可证照公示情况", ("商贸", "科技", "服务"),
                 ("规范证照公示", "建立健全内部管理制度", "按规定报送相关材料"))
SPECIAL_SUPERVISION = ("涉企行政检查专项监督", "行政处罚裁量基准执行情况专项监督", "“首违不罚”清单落实情况专项监督",
                       "行政执法全过程记录专项监督")
CASE_FINDINGS = ("部分案卷送达回证缺失", "裁量理由说明不充分", "调查询问笔录记录不完整", "法制审核意见过于简单",
                 "立案审批时间晚于调查取证时间", "证据材料未按规定编号归档")
CASE_REQUIREMENTS = ("对照评查标准逐卷整改", "组织执法人员开展案卷制作培训", "完善法制审核工作规程",
                     "建立案卷定期自查制度")


def _grade(score: float) -> str:
    return "优秀" if score >= 90 else "良好" if score >= 80 else "合格" if score >= 60 else "不合格"


def _mobile(rnd: Callable[[], float], rr: Callable[[int], int]) -> str:
    return MOBILE_PREFIXES[int(rnd() * len(MOBILE_PREFIXES))] + f"{rr(10**8):08d}"


def inspection_rows(agencies: list[Agency], n: int, rng: Random, ref: date,
                    penalised: list[tuple[str, str]] = ()) -> list[list]:
    """``n`` checked subjects in tasks of 5–15 (a few dozen tasks for a few hundred subjects);
    dates are ordinals. Some subjects are businesses with penalty decisions (``penalised``:
    (name, USCC) pairs), so that company pages join both; some are 个体工商户 named after their
    operator and 自然人 (names to mask), some 整改要求 carry a mobile number (to scrub), every
    检查结果 appears, and the most recent task is still scheduled (公示日期 after ``ref``)."""
    if n <= 0:
        return []
    rnd = rng.random

    def rr(k: int) -> int:
        return int(rnd() * k)
    eligible = [a for a in agencies if a.kind == "法定行政机关"] or agencies
    weights = [PENALTY_DOMAIN_WEIGHT.get(a.domain, 2) for a in eligible]
    results = [r for r, _ in INSPECTION_RESULTS]
    forced = list(results)  # every 检查结果 at least once
    used: set[str] = set()
    companies = dict(penalised)  # name -> USCC
    r0 = ref.toordinal()
    rows: list[list] = []
    seq: Counter[tuple[str, int]] = Counter()
    sizes = []
    while sum(sizes) < n:
        sizes.append(min(5 + rr(11), n - sum(sizes)))
    span = 720  # tasks over the last two years
    ends = sorted((r0 - 3 - rr(span) for _ in sizes), reverse=True)
    for t, (size, end) in enumerate(zip(sizes, ends)):
        a = rng.choices(eligible, weights)[0]
        theme, items, trades, fixes = CHECK_THEMES.get(a.domain, DEFAULT_THEME)
        year = date.fromordinal(end).year
        slug = a.slug.upper().replace("-", "")
        seq[slug, year] += 1
        task_no = f"{slug}-SJ-{year}-{seq[slug, year]:03d}"
        task_name = f"{year}年{theme}“双随机、一公开”{'定向' if t % 3 == 0 else ''}抽查（第{seq[slug, year]}批）"
        scheduled = t == 0 and n >= 10  # the newest task is published only after ref
        for _ in range(size):
            while True:  # until the feed key (task, code or name) is new
                roll = rnd()
                if penalised and roll < 0.2:
                    name, uscc = penalised[rr(len(penalised))]
                    kind, person = ORG, ""
                elif roll < 0.33:
                    person = _name(rnd)
                    name, kind = person, SOLE
                    uscc = "92" + "339900" + _company_org_code(rnd)
                    uscc += uscc_check_char(uscc)
                elif roll < 0.38:
                    person = _name(rnd)
                    name, kind, uscc = person, PERSON, ""
                else:
                    brand = (BRANDS3[rr(len(BRANDS3))] if rnd() < 0.3
                             else BRANDS2_A[rr(len(BRANDS2_A))] + BRANDS2_B[rr(len(BRANDS2_B))])
                    name = f"{CITY}{brand}{trades[rr(len(trades))]}{ORG_FORMS[rr(len(ORG_FORMS))]}"
                    kind, person = ORG, ""
                    uscc = "91" + "339900" + _company_org_code(rnd)
                    uscc = companies.setdefault(name, uscc + uscc_check_char(uscc))  # one name, one business
                key = f"{task_no}/{uscc or name}"
                if key not in used and not (uscc and id_number_is_valid(uscc)):
                    break  # a code must not look like an ID number either
            used.add(key)
            result = forced.pop(0) if forced else rng.choices(results, [w for _, w in INSPECTION_RESULTS])[0]
            completed = end - rr(15)
            fix, until = "", None
            if result in PROBLEM_RESULTS:
                fix = fixes[rr(len(fixes))]
                if person and rnd() < 0.5:
                    fix = f"{person}应{fix}"  # the operator's name, masked with the subject's
                if rnd() < 0.3:
                    fix += f"，整改完成后报告检查人员（联系人手机{_mobile(rnd, rr)}）"
                until = completed + 15 + rr(46)
            published = r0 + 1 + rr(10) if scheduled else _add_workdays(completed, 3 + rr(20))
            if not scheduled and published > r0:
                published = r0
            rows.append([task_no, task_name, "定向抽查" if t % 3 == 0 else "不定向抽查", items, name, kind, uscc,
                         a.name, completed, result, fix, until, published])
    rows.sort(key=lambda r: (r[0], r[6] or r[4]))
    return rows


def supervision_rows(agencies: list[Agency], n: int, rng: Random, ref: date) -> list[list]:
    """``n`` outcomes, newest periods first: each agency's annual 案卷评查 and 执法考核 over several
    years, and 专项监督 of some; every 等次; 整改中 overdue and not, 已整改, 逾期未整改; the newest
    outcome still scheduled. Dates are ordinals."""
    if n <= 0:
        return []
    rnd = rng.random

    def rr(k: int) -> int:
        return int(rnd() * k)
    r0 = ref.toordinal()
    units = agencies  # many outcomes: raise --agencies, or the periods reach far back
    candidates: list[tuple[int, str, str, Agency]] = []
    year = ref.year
    while len(candidates) < n:
        for a in units:
            review = date(year, 10, 1).toordinal() + rr(60)
            assess = date(year, 2, 20).toordinal() + rr(40)
            if review < r0:
                candidates.append((review, "案卷评查", f"{year}年度行政处罚案卷评查", a))
            if assess < r0:
                candidates.append((assess, "执法考核", f"{year - 1}年度行政执法考核", a))
        for k, theme in enumerate(SPECIAL_SUPERVISION):
            for a in units[k % 3::3]:
                done = date(year, 4 + 2 * k, 1).toordinal() + rr(25)
                if done < r0:
                    candidates.append((done, "专项监督", f"{year}年{theme}", a))
        year -= 1
    candidates.sort(key=lambda c: (-c[0], c[1], c[2], c[3].name))
    candidates = candidates[:n]
    rows = []
    forced_grades = ["不合格", "优秀", "合格", "良好"]
    forced_states = ["overdue", "in_progress", "done", "unrectified"]
    for i, (done, kind, title, a) in enumerate(candidates):
        cases = score = grade = ""
        if kind != "专项监督":
            value = min(99.5, max(45.0, rng.gauss(84, 8)))
            if forced_grades:
                value = {"不合格": 55.5, "优秀": 93.0, "合格": 72.5, "良好": 85.5}[forced_grades.pop(0)]
            score = f"{round(value * 2) / 2:g}"
            grade = _grade(float(score))
            cases = str(10 + rr(31)) if kind == "案卷评查" else ""
        findings = requirements = state = ""
        until = None
        if kind == "专项监督" or grade in ("合格", "不合格", "良好"):
            findings = "；".join(rng.sample(CASE_FINDINGS, 2))
            requirements = "；".join(rng.sample(CASE_REQUIREMENTS, 2))
            if rnd() < 0.15:
                findings += f"；执法人员将个人手机号码{_mobile(rnd, rr)}写入文书"
            until = done + 30 + rr(61)
            wanted = forced_states.pop(0) if forced_states else ""
            if wanted == "overdue" or (not wanted and until < r0 and rnd() < 0.12):
                until = min(until, r0 - 1 - rr(20))
                state = "整改中"  # not updated after the 期限: shown as 逾期
            elif wanted == "in_progress" or (not wanted and until >= r0):
                until = max(until, r0 + 5 + rr(40))
                state = "整改中"
            elif wanted == "unrectified" or (not wanted and rnd() < 0.15):
                until = min(until, r0 - 1)
                state = "逾期未整改"
            else:
                until = min(until, r0 - 1)
                state = "已整改"
        days = {"案卷评查": 15, "专项监督": 30, "执法考核": 20}[kind]
        published = _add_workdays(done, 2 + rr(days + 3))  # now and then late
        if i == 0:
            published = r0 + 3 + rr(20)  # the newest outcome is still scheduled
        elif published > r0:
            published = r0
        rows.append([kind, title, a.name, done, cases, grade, score, findings, requirements, until, state, published])
    rows.sort(key=lambda r: (r[3], r[0], r[1], r[2]))
    return rows


def _dated(rows: Iterable[list], columns: tuple[int, ...], fmt: Callable[[int | None], str]) -> Iterator[list]:
    for r in rows:
        out = list(r)
        for c in columns:
            out[c] = fmt(out[c])
        yield out


def _remove_stale(out_dir: Path, name: str, keep: Iterable[Path]) -> None:
    """Delete ``name``.csv/.xlsx and files of the ``name`` folder this run did not write."""
    keep = {p.resolve() for p in keep}
    folder = out_dir / name
    candidates = [out_dir / f"{name}.csv", out_dir / f"{name}.xlsx"]
    if folder.is_dir():
        candidates += sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".csv", ".xlsx"))
    for path in candidates:
        if path.is_file() and path.resolve() not in keep:
            path.unlink()
    if folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def _write_oversight_feeds(out_dir: Path, agencies: list[Agency], inspections: list[list],
                           supervision: list[list], variety: bool) -> dict[str, int]:
    """Plain: inspections.csv and supervision.csv (UTF-8, ISO dates). Variety: an inspections/
    folder with one CSV per 检查机关 (one of them with Chinese-style dates) and supervision.csv as
    Excel on Chinese Windows saves it (GB18030, CRLF, 2026/3/5 dates)."""
    iso = _iso_formatter()
    written: list[Path] = []
    if inspections and not variety:
        written.append(out_dir / "inspections.csv")
        _write_csv(written[-1], INSPECTION_HEADER, _dated(inspections, INSPECTION_DATE_COLS, iso))
    elif inspections:
        folder = out_dir / "inspections"
        folder.mkdir(exist_ok=True)
        slugs = {a.name: a.slug for a in agencies}
        by_file: dict[str, list[list]] = {}
        for r in inspections:
            by_file.setdefault(slugs[r[7]], []).append(r)
        for k, (slug, group) in enumerate(sorted(by_file.items())):
            path = folder / f"{slug}.csv"
            if k == 1:
                rows = [[*r[:8], _varied_date(r[8], 1), *r[9:11], _varied_date(r[11], 1), _varied_date(r[12], 1)]
                        for r in group]
            else:
                rows = list(_dated(group, INSPECTION_DATE_COLS, iso))
            _write_csv(path, INSPECTION_HEADER, rows)
            written.append(path)
    _remove_stale(out_dir, "inspections", written)
    written = []
    if supervision:
        written.append(out_dir / "supervision.csv")
        if variety:
            _write_csv(written[-1], SUPERVISION_HEADER, _dated(supervision, SUPERVISION_DATE_COLS, _slash_formatter()),
                       "gb18030", "\r\n")
        else:
            _write_csv(written[-1], SUPERVISION_HEADER, _dated(supervision, SUPERVISION_DATE_COLS, iso))
    _remove_stale(out_dir, "supervision", written)
    return {"inspections": len(inspections), "supervision": len(supervision)}


def generate_feeds(out_dir: Path, *, officers: int = 300, powers: int = 300, agencies: int = 12,
                   penalties: int = 240, inspections: int = 300, supervision: int = 60, seed: int = 20261123,
                   reference_date: date = date(2026, 11, 23), variety: bool = True) -> dict[str, int]:
    """Write agencies/officers/powers/penalties/inspections/supervision feeds into ``out_dir``;
    return rows written per dataset."""
    for name, value in (("penalties", penalties), ("inspections", inspections), ("supervision", supervision)):
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    ref = reference_date
    ags = make_agencies(agencies, Random(f"{seed}:agencies"), ref)
    counts = {"agencies": _write_csv(out_dir / "agencies.csv", AGENCY_HEADER, (a.row() for a in ags),
                                     "utf-8-sig" if variety else "utf-8")}
    orows = officer_rows(ags, officers, Random(f"{seed}:officers"), ref)
    prows = power_rows(ags, powers, Random(f"{seed}:powers"), ref)
    # a stream of its own, so adding penalties changes nothing in the other datasets
    pen = penalty_rows(ags, penalties, Random(f"{seed}:penalties"), ref) if penalties else []
    # Streams of their own too; some checked businesses are penalised ones (company pages join both).
    penalised = sorted({(r[1], r[3]) for r in pen if r[2] == ORG and r[3]})
    checks = inspection_rows(ags, inspections, Random(f"{seed}:inspections"), ref, penalised)
    outcomes = supervision_rows(ags, supervision, Random(f"{seed}:supervision"), ref)
    if not variety:
        iso = _iso_formatter()

        def plain(it: Iterator[tuple[int, list]]) -> Iterator[list]:
            for _, r in it:
                r[5], r[6], r[8] = iso(r[5]), iso(r[6]), iso(r[8])
                yield r
        counts["officers"] = _write_csv(out_dir / "officers.csv", OFFICER_HEADER, plain(orows))
        counts["powers"] = _write_csv(out_dir / "powers.csv", POWER_HEADER,
                                      (r[:-1] + [r[-1].isoformat()] for r in prows))
        written = []
        counts["penalties"] = 0
        if pen:
            written.append(out_dir / "penalties.csv")
            counts["penalties"] = _write_csv(written[0], PENALTY_HEADER, _penalty_text(pen, iso))
        _remove_penalty_files(out_dir, written, whole_folder=False)
        counts |= _write_oversight_feeds(out_dir, ags, checks, outcomes, variety=False)
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
    stamp = datetime(ref.year, ref.month, ref.day)
    counts["powers"] = _write_powers_xlsx(out_dir / "powers.xlsx", prows, stamp)
    counts["penalties"] = _write_penalty_feeds(out_dir, ags, pen, stamp)
    counts |= _write_oversight_feeds(out_dir, ags, checks, outcomes, variety=True)
    return counts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m gongshi.samplegen", description=__doc__.splitlines()[0])
    p.add_argument("--out", type=Path, default=Path("data_feeds"), help="output folder (default data_feeds)")
    p.add_argument("--officers", type=int, default=300)
    p.add_argument("--powers", type=int, default=300)
    p.add_argument("--agencies", type=int, default=12)
    p.add_argument("--penalties", type=int, default=240)
    p.add_argument("--inspections", type=int, default=300, help="checked subjects (双随机抽查结果 rows)")
    p.add_argument("--supervision", type=int, default=60, help="监督考核结果 rows")
    p.add_argument("--seed", type=int, default=20261123)
    p.add_argument("--reference-date", type=date.fromisoformat, default=date(2026, 11, 23))
    p.add_argument("--plain", action="store_true", help="plain UTF-8 CSVs with ISO dates (benchmarks)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    try:
        counts = generate_feeds(args.out, officers=args.officers, powers=args.powers, agencies=args.agencies,
                                penalties=args.penalties, inspections=args.inspections,
                                supervision=args.supervision, seed=args.seed, reference_date=args.reference_date, variety=not args.plain)
    except ValueError as exc:
        p.error(str(exc))
    print(" ".join(f"{k}={v}" for k, v in counts.items()) + f" in {time.perf_counter() - t0:.2f}s -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
