"""Small hand-made feeds for tests: a valid city of 2 agencies, 3 officers, 2 power items,
which a test then spoils in exactly one way."""

from __future__ import annotations

import csv
import io
from pathlib import Path

AGENCY_A = "江临市市场监督管理局"
AGENCY_A_USCC = "11339900MB0000001N"  # check digit computed in fix_uscc()
AGENCY_B = "江临市生态环境局"
AGENCY_B_USCC = "11339900MB0000002N"


def fix_uscc(code17: str) -> str:
    from gongshi.feeds.checkdigits import uscc_check_char

    return code17 + uscc_check_char(code17)


def agencies() -> list[dict[str, str]]:
    return [
        {"主体名称": AGENCY_A, "统一社会信用代码": fix_uscc(AGENCY_A_USCC[:17]), "主体类别": "法定行政机关",
         "执法区域": "江临市", "执法领域": "市场监管", "联系电话": "0579-85001234",
         "有效期至": "2030-12-31", "更新日期": "2026-01-15"},
        {"主体名称": AGENCY_B, "统一社会信用代码": fix_uscc(AGENCY_B_USCC[:17]), "主体类别": "法定行政机关",
         "执法区域": "江临市", "执法领域": "生态环境", "联系电话": "0579-85005678",
         "有效期至": "2030-12-31", "更新日期": "2026-01-20"},
    ]


def officers() -> list[dict[str, str]]:
    return [
        {"姓名": "王建国", "执法证号": "33990001000001", "所属单位": AGENCY_A, "执法类别": "市场监管综合执法",
         "执法区域": "江临市", "发证日期": "2022-02-05", "有效期至": "2027-05-28", "证件状态": "有效",
         "身份证号": "339901198503120016", "手机号码": "13912345678"},
        {"姓名": "李秀英", "执法证号": "33990001000002", "所属单位": AGENCY_A, "执法类别": "市场监管综合执法",
         "执法区域": "江临市", "发证日期": "2020-06-01", "有效期至": "2026-06-15", "证件状态": "有效",
         "身份证号": "33990119900101002X", "手机号码": "13600001111"},
        {"姓名": "赵敏", "执法证号": "33990002000001", "所属单位": AGENCY_B, "执法类别": "生态环境保护综合执法",
         "执法区域": "江临市", "发证日期": "2021-03-01", "有效期至": "2027-03-01", "证件状态": "吊销",
         "状态变更日期": "2025-09-01", "身份证号": "339901199205050037", "手机号码": "15800002222"},
    ]


def powers() -> list[dict[str, str]]:
    return [
        {"事项编码": "339900100001", "事项名称": "对未取得食品经营许可从事食品经营活动的行政处罚", "事项类别": "行政处罚",
         "实施主体": AGENCY_A, "设定依据": "《中华人民共和国食品安全法》第一百二十二条",
         "责任事项": "1.立案责任；2.调查责任。", "追责情形": "因不履行或不正确履行行政职责的。", "状态": "有效"},
        {"事项编码": "339900200001", "事项名称": "排污许可", "事项类别": "行政许可", "实施主体": AGENCY_B,
         "设定依据": "《排污许可管理条例》第三条", "状态": "已取消"},
    ]


COMPANY_USCC = "91339900MA2B3C4D5"  # completed by fix_uscc


def penalties() -> list[dict[str, str]]:
    """One decision in each state on 2026-11-23, plus a person, a minor and a major penalty."""
    company = fix_uscc(COMPANY_USCC)
    base = {"当事人类别": "法人及非法人组织", "统一社会信用代码": company, "当事人名称": "江临市鲜果坊食品有限公司",
            "法定代表人": "王建国", "法定代表人证件类型": "身份证", "法定代表人证件号码": "339901198503120016",
            "违法行为类型": "销售过期食品", "违法事实": "该公司于2026年3月销售超过保质期的食品。",
            "处罚依据": "《中华人民共和国食品安全法》第一百二十四条", "处罚类别": "警告；罚款",
            "处罚内容": "警告，罚款人民币5000元", "罚款金额（万元）": "0.5", "处罚机关": AGENCY_A,
            "处罚决定日期": "2026-10-20", "公示日期": "2026-10-23", "送达日期": "2026-10-21", "状态": "正常"}
    return [
        base | {"决定书文号": "江临市监罚〔2026〕101号"},  # public
        base | {"决定书文号": "江临市监罚〔2026〕102号", "处罚决定日期": "2026-11-20", "公示日期": "2026-11-27"},  # scheduled
        base | {"决定书文号": "江临市监罚〔2026〕103号", "状态": "撤回", "撤回日期": "2026-11-02",
                "撤回原因": "经行政复议，原处罚决定被撤销"},  # withdrawn
        base | {"决定书文号": "江临市监罚〔2025〕9号", "处罚决定日期": "2025-05-06", "公示日期": "2025-05-08",
                "处罚类别": "警告", "罚款金额（万元）": ""},  # minor: ended 2025-08-05
        base | {"决定书文号": "江临市监罚〔2026〕104号", "当事人类别": "自然人", "当事人名称": "张三",
                "统一社会信用代码": "", "当事人证件类型": "身份证", "当事人证件号码": "11010519491231002X",
                "当事人住址": "江临市临江区幸福路1号", "法定代表人": "", "法定代表人证件号码": "",
                "违法事实": "张三（身份证号 110105 19491231 002X，手机139-1234-5678）无证销售食品。"},
        base | {"决定书文号": "江临市监罚〔2026〕105号", "当事人类别": "自然人", "当事人名称": "王小明",
                "统一社会信用代码": "", "当事人是否未成年人": "是", "法定代表人": ""},  # minor: withheld
        base | {"决定书文号": "江临市监罚〔2026〕106号", "处罚类别": "罚款；吊销许可证件",
                "罚款金额（万元）": "60", "处罚内容": "罚款人民币60万元，吊销食品经营许可证"},  # major, no note
    ]


INSPECTION_ONLY_USCC = "91339900MA2C7Q8R1"  # completed by fix_uscc: a business with no penalty
SOLE_TRADER_USCC = "92339900MA2D1E2F3"  # 个体工商户 trading under its operator's name
TASK_A = "JL-SJ-2026-001"
TASK_SCHEDULED = "JL-SJ-2026-002"


def inspections() -> list[dict[str, str]]:
    """One task with an organisation that also has penalties, an inspection-only business, a
    sole trader named after its operator and a natural person; one task still scheduled."""
    base = {"任务编号": TASK_A, "任务名称": "2026年食品经营者双随机抽查", "抽查类型": "不定向抽查",
            "抽查事项": "食品经营许可情况；食品安全管理制度落实情况", "检查机关": AGENCY_A,
            "检查完成日期": "2026-10-10", "公示日期": "2026-10-20"}
    return [
        base | {"检查对象名称": "江临市鲜果坊食品有限公司", "统一社会信用代码": fix_uscc(COMPANY_USCC),
                "检查结果": "发现问题已责令改正",
                "整改要求": "完善进货查验记录，整改情况报联系人（手机13912345670）", "整改期限": "2026-12-10"},
        base | {"检查对象名称": "江临市清源水务有限公司", "统一社会信用代码": fix_uscc(INSPECTION_ONLY_USCC),
                "检查结果": "未发现问题"},
        base | {"检查对象名称": "李四", "检查对象类别": "个体工商户", "统一社会信用代码": fix_uscc(SOLE_TRADER_USCC),
                "检查结果": "发现问题待后续处理", "整改要求": "李四应于期限内办理健康证明", "整改期限": "2026-11-30"},
        base | {"检查对象名称": "陈大文", "检查对象类别": "自然人", "检查结果": "未发现开展本次抽查涉及的经营活动"},
        {"任务编号": TASK_SCHEDULED, "任务名称": "2026年排污单位双随机抽查", "抽查事项": "排污许可执行情况",
         "检查对象名称": "江临市未来化工有限公司", "检查机关": AGENCY_B, "检查完成日期": "2026-11-10",
         "检查结果": "未发现问题", "公示日期": "2026-12-01"},
    ]


def supervision() -> list[dict[str, str]]:
    """Every kind; one unit over two periods; 整改中 due 2026-11-20 (逾期 from 2026-11-21),
    已整改, 逾期未整改; one outcome still scheduled."""
    return [
        {"类型": "案卷评查", "项目名称": "2026年度行政处罚案卷评查", "被评查单位": AGENCY_A, "完成日期": "2026-10-15",
         "评查案卷数": "30", "等次": "良好", "得分": "86.5",
         "发现问题": "部分案卷缺少送达回证；承办人联系电话13800001111写入卷宗封面",
         "整改要求": "补齐送达回证，规范卷宗封面", "整改期限": "2026-11-20", "整改状态": "整改中", "公示日期": "2026-10-30"},
        {"类型": "案卷评查", "项目名称": "2025年度行政处罚案卷评查", "被评查单位": AGENCY_A, "完成日期": "2025-10-20",
         "评查案卷数": "25", "等次": "合格", "得分": "78", "发现问题": "裁量理由说明不充分",
         "整改要求": "在决定书中说明裁量理由", "整改期限": "2025-12-31", "整改状态": "已整改", "公示日期": "2025-11-05"},
        {"类型": "专项监督", "项目名称": "2026年涉企行政检查专项监督", "被监督单位": AGENCY_B, "完成日期": "2026-09-01",
         "发现问题": "重复检查", "整改要求": "建立检查计划统筹机制", "整改期限": "2026-10-31",
         "整改状态": "逾期未整改", "公示日期": "2026-09-20"},
        {"类型": "执法考核", "项目名称": "2025年度行政执法考核", "被考核单位": AGENCY_B, "完成日期": "2026-03-10",
         "等次": "优秀", "得分": "95", "公示日期": "2026-03-20"},
        {"类型": "执法考核", "项目名称": "2026年度行政执法考核", "被考核单位": AGENCY_A, "完成日期": "2026-11-10",
         "等次": "不合格", "得分": "55", "公示日期": "2026-12-15"},
    ]


def csv_bytes(rows: list[dict[str, str]], encoding: str = "utf-8", headers: list[str] | None = None) -> bytes:
    headers = headers or list(dict.fromkeys(k for row in rows for k in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=headers, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_feeds(folder: Path, *, agency_rows=None, officer_rows=None, power_rows=None,
                penalty_rows=None, inspection_rows=None, supervision_rows=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agencies.csv").write_bytes(csv_bytes(agencies() if agency_rows is None else agency_rows))
    (folder / "officers.csv").write_bytes(csv_bytes(officers() if officer_rows is None else officer_rows))
    (folder / "powers.csv").write_bytes(csv_bytes(powers() if power_rows is None else power_rows))
    if penalty_rows is not None:
        (folder / "penalties.csv").write_bytes(csv_bytes(penalty_rows))
    if inspection_rows is not None:
        (folder / "inspections.csv").write_bytes(csv_bytes(inspection_rows))
    if supervision_rows is not None:
        # the three 被评查/被监督/被考核单位 headers are aliases of one column: write one of them
        rows = [{("被评查单位" if k in ("被监督单位", "被考核单位") else k): v for k, v in r.items()}
                for r in supervision_rows]
        (folder / "supervision.csv").write_bytes(csv_bytes(rows))
    return folder
