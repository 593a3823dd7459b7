"""The dataset schemas of ../shared/FEEDS.md."""

from __future__ import annotations

from .schema import Column, Dataset
from .schema import ColumnType as T
from .schema import Privacy as P

# 万元: a plain amount above it (1,000,000 元) is more often 元 typed into a 万元 column than a
# real fine; it is published as written, with a warning naming the cell.
PLAUSIBLE_WANYUAN = 100

AGENCY_KINDS = ("法定行政机关", "法律法规授权组织", "受委托组织")

AGENCIES = Dataset(
    name="agencies",
    title="执法主体",
    key=("uscc",),
    description="行政执法主体名单：主体名称、统一社会信用代码、类别、执法区域与领域。",
    columns=(
        Column("name", "主体名称", aliases=("执法主体名称", "机关名称"), required=True, unique=True),
        Column("uscc", "统一社会信用代码", T.CODE, required=True, unique=True, check="uscc"),
        Column("kind", "主体类别", T.ENUM, choices=AGENCY_KINDS, facet=True),
        Column("legal_representative", "法定代表人", aliases=("负责人",)),
        Column("region", "执法区域"),
        Column("domain", "执法领域", facet=True),
        Column("parent", "上级主体", check="agency_ref_optional"),
        Column("address", "办公地址", org_contact=True),
        Column("phone", "联系电话", description="办公电话", org_contact=True),
        Column("valid_until", "有效期至", T.DATE),
        Column("updated_on", "更新日期", T.DATE),
    ),
)

OFFICER_STATUSES = ("有效", "暂扣", "注销", "吊销")

OFFICERS = Dataset(
    name="officers",
    title="执法人员资格",
    key=("certificate_no",),
    description="持有行政执法证件的人员名单及证件状态。",
    columns=(
        Column("name", "姓名", aliases=("执法人员姓名",), required=True,
               description="执法人员履行公职，姓名公开"),
        Column("certificate_no", "执法证号", T.CODE, aliases=("执法证件号", "执法证编号"),
               required=True, unique=True, check="certificate_no"),
        Column("agency", "所属单位", aliases=("执法主体",), required=True, check="agency_ref",
               facet=True),
        Column("category", "执法类别"),
        Column("region", "执法区域"),
        Column("issued_on", "发证日期", T.DATE),
        Column("valid_until", "有效期至", T.DATE, required=True),
        Column("status", "证件状态", T.ENUM, choices=OFFICER_STATUSES, default="有效",
               description="过期 不在此填写：由有效期至推算"),
        Column("status_changed_on", "状态变更日期", T.DATE),
        Column("id_number", "身份证号", aliases=("公民身份号码",), privacy=P.NEVER),
        Column("mobile", "手机号码", aliases=("联系电话",), privacy=P.NEVER),
    ),
)

POWER_KINDS = ("行政许可", "行政处罚", "行政强制", "行政征收", "行政给付", "行政检查",
               "行政确认", "行政奖励", "行政裁决", "其他行政权力")
# ASCII slugs for URLs of the 事项类别 listings; stable forever once published.
POWER_KIND_SLUGS = {
    "行政许可": "licensing", "行政处罚": "penalty", "行政强制": "coercion",
    "行政征收": "levy", "行政给付": "benefit", "行政检查": "inspection",
    "行政确认": "confirmation", "行政奖励": "reward", "行政裁决": "adjudication",
    "其他行政权力": "other",
}

POWERS = Dataset(
    name="powers",
    title="权责清单",
    key=("code",),
    description="行政执法事项：事项名称、类别、实施主体、设定依据、责任事项与追责情形。",
    columns=(
        Column("code", "事项编码", T.CODE, required=True, unique=True, check="url_key"),
        Column("name", "事项名称", required=True),
        Column("kind", "事项类别", T.ENUM, aliases=("权力类别",), choices=POWER_KINDS,
               required=True, facet=True),
        Column("agency", "实施主体", required=True, check="agency_ref", facet=True),
        Column("legal_basis", "设定依据", required=True),
        Column("responsibilities", "责任事项"),
        Column("accountability", "追责情形"),
        Column("domain", "执法领域"),
        Column("handling_office", "承办机构"),
        Column("status", "状态", T.ENUM, choices=("有效", "已取消"), default="有效"),
        Column("updated_on", "更新日期", T.DATE),
    ),
)

PARTY_TYPES = ("法人及非法人组织", "自然人", "个体工商户")
PENALTY_KINDS = ("警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
                 "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留", "其他")

PENALTIES = Dataset(
    name="penalties",
    title="行政处罚决定",
    key=("decision_no",),
    optional=True,
    party_type_column="party_type",
    description="行政处罚决定信息（已按规定去除个人信息）；同时接受全国“双公示”数据项编码作为表头。",
    # The national 双公示 template (2021) names most columns as here; where it differs
    # (行政相对人名称, 行政处罚决定书文号 …) its names are aliases, beside its codes (CF_WSH …).
    columns=(
        Column("decision_no", "决定书文号", aliases=("CF_WSH", "行政处罚决定书文号", "处罚决定书文号"), required=True, unique=True, check="slug_key"),
        Column("party_name", "当事人名称", aliases=("CF_XDR_MC", "行政相对人名称"), required=True, privacy=P.PARTY),
        Column("party_type", "当事人类别", T.ENUM, aliases=("CF_XDR_LB", "行政相对人类别"), choices=PARTY_TYPES,
               required=True, facet=True),
        Column("party_uscc", "统一社会信用代码", T.CODE, aliases=("CF_XDR_SHXYM", "行政相对人代码_1（统一社会信用代码）", "行政相对人代码_1"), check="uscc",
               required_unless=("party_type", "自然人"),
               description="当事人为自然人时可空"),
        Column("legal_representative", "法定代表人", aliases=("CF_FRDB",), privacy=P.PARTY),
        Column("rep_id_type", "法定代表人证件类型", aliases=("CF_FR_ZJLX",), privacy=P.NEVER),
        Column("rep_id_number", "法定代表人证件号码", aliases=("CF_FR_ZJHM",), privacy=P.NEVER),
        Column("party_id_type", "当事人证件类型", aliases=("CF_XDR_ZJLX", "证件类型"), privacy=P.NEVER),
        Column("party_id_number", "当事人证件号码", aliases=("CF_XDR_ZJHM", "证件号码"), privacy=P.NEVER),
        Column("party_address", "当事人住址", privacy=P.PARTY, description="自然人的住址不公开"),
        Column("party_is_minor", "当事人是否未成年人", T.BOOLEAN, description="为“是”时整条记录不公开"),
        Column("violation_type", "违法行为类型", aliases=("CF_WFXW",), required=True, facet=True),
        Column("facts", "违法事实", aliases=("CF_SY",), required=True, privacy=P.SCRUB),
        Column("legal_basis", "处罚依据", aliases=("CF_YJ",), required=True),
        Column("penalty_kinds", "处罚类别", T.MULTI_ENUM, aliases=("CF_CFLB",), choices=PENALTY_KINDS,
               required=True, facet=True),
        Column("penalty_content", "处罚内容", aliases=("CF_NR",), required=True, privacy=P.SCRUB),
        Column("fine", "罚款金额（万元）", T.DECIMAL, aliases=("CF_NR_FK",), min_value=0, unit="万元",
               plausible_max=PLAUSIBLE_WANYUAN),
        Column("confiscation", "没收违法所得、没收非法财物的金额（万元）", T.DECIMAL, aliases=("CF_NR_WFFF",),
               min_value=0, unit="万元", plausible_max=PLAUSIBLE_WANYUAN),
        Column("license_action", "暂扣或吊销证照名称及编号", aliases=("CF_NR_ZKDX",), privacy=P.SCRUB),
        Column("decided_on", "处罚决定日期", T.DATE, aliases=("CF_JDRQ",), required=True, facet=True,
               not_after_today=True),
        Column("effective_until", "处罚有效期", T.DATE, aliases=("CF_YXQ",)),
        Column("publish_until", "公示截止期", T.DATE, aliases=("CF_GSJZQ",)),
        Column("authority", "处罚机关", aliases=("CF_CFJG",), required=True, facet=True),
        Column("authority_uscc", "处罚机关统一社会信用代码", T.CODE, aliases=("CF_CFJGDM",), check="uscc"),
        Column("source_unit", "数据来源单位", aliases=("CF_SJLY",)),
        Column("source_unit_uscc", "数据来源单位统一社会信用代码", T.CODE, aliases=("CF_SJLYDM",), check="uscc"),
        Column("remarks", "备注", aliases=("BZ",), privacy=P.SCRUB),
        Column("published_on", "公示日期", T.DATE),
        Column("served_on", "送达日期", T.DATE),
        Column("state", "状态", T.ENUM, choices=("正常", "撤回"), default="正常"),
        Column("withdrawn_on", "撤回日期", T.DATE, required_if=("state", "撤回")),
        Column("withdrawal_reason", "撤回原因", privacy=P.SCRUB, required_if=("state", "撤回")),
        Column("legal_application_note", "法律适用说明", privacy=P.SCRUB),
        Column("credit_repaired_on", "信用修复日期", T.DATE),
    ),
)

INSPECTION_RESULTS = ("未发现问题", "发现问题已责令改正", "发现问题待后续处理", "未发现开展本次抽查涉及的经营活动",
                      "通过登记的住所（经营场所）无法联系", "不配合检查", "其他")

# The natural key is (任务编号, 统一社会信用代码 or 检查对象名称): "a|b" in a key means "a where
# given, else b" (feeds.load.key_values). A subject with a code is known by its code, one without
# (a natural person, a stall) by its name; a task that checks one business twice is an error.
INSPECTIONS = Dataset(
    name="inspections",
    title="双随机抽查结果",
    key=("task_no", "subject_uscc|subject_name"),
    optional=True,
    party_type_column="subject_type",
    description="“双随机、一公开”抽查检查结果：每个抽查任务一行一个检查对象。记录键为任务编号加统一社会信用代码"
                "（无代码时为检查对象名称），同一任务中同一检查对象只能出现一次。",
    columns=(
        Column("task_no", "任务编号", T.CODE, required=True, check="slug_key"),
        Column("task_name", "任务名称", required=True),
        Column("check_type", "抽查类型", T.ENUM, choices=("定向抽查", "不定向抽查")),
        Column("check_items", "抽查事项", required=True),
        Column("subject_name", "检查对象名称", required=True, privacy=P.PARTY),
        Column("subject_type", "检查对象类别", T.ENUM, choices=PARTY_TYPES,
               description="空白时按名称判断：像自然人姓名的按自然人处理"),
        Column("subject_uscc", "统一社会信用代码", T.CODE, check="uscc"),
        Column("subject_id_number", "检查对象证件号码", aliases=("证件号码",), privacy=P.NEVER,
               description="不公开；用于判断未成年人"),
        Column("subject_is_minor", "检查对象是否未成年人", T.BOOLEAN, description="为“是”时整条记录不公开"),
        Column("authority", "检查机关", required=True, facet=True),
        Column("completed_on", "检查完成日期", T.DATE, required=True, facet=True, not_after_today=True),
        Column("result", "检查结果", T.ENUM, choices=INSPECTION_RESULTS, required=True, facet=True),
        Column("rectification", "整改要求", privacy=P.SCRUB),
        Column("rectify_by", "整改期限", T.DATE),
        Column("published_on", "公示日期", T.DATE, description="未来日期：到该日才公示"),
    ),
)

SUPERVISION_KINDS = ("案卷评查", "专项监督", "执法考核")
# ASCII slugs for the URLs of each kind's listing; stable forever once published.
SUPERVISION_KIND_SLUGS = {"案卷评查": "case-review", "专项监督": "special", "执法考核": "assessment"}
GRADES = ("优秀", "良好", "合格", "不合格")
RECTIFICATION_STATES = ("整改中", "已整改", "逾期未整改")

SUPERVISION = Dataset(
    name="supervision",
    title="监督考核结果",
    key=("kind", "title", "unit"),
    optional=True,
    description="行政执法监督结果：案卷评查、专项监督和执法考核的等次、得分、发现问题、整改要求与整改情况。",
    columns=(
        Column("kind", "类型", T.ENUM, choices=SUPERVISION_KINDS, required=True, facet=True),
        Column("title", "项目名称", required=True),
        Column("unit", "被评查单位", aliases=("被监督单位", "被考核单位"), required=True, facet=True),
        Column("completed_on", "完成日期", T.DATE, required=True, not_after_today=True),
        Column("cases_reviewed", "评查案卷数", T.INTEGER, min_value=0),
        Column("grade", "等次", T.ENUM, choices=GRADES),
        Column("score", "得分", T.DECIMAL, min_value=0, max_value=100),
        Column("findings", "发现问题", privacy=P.SCRUB),
        Column("requirements", "整改要求", privacy=P.SCRUB),
        Column("rectify_by", "整改期限", T.DATE),
        Column("rectification_state", "整改状态", T.ENUM, choices=RECTIFICATION_STATES,
               description="整改中且已过整改期限的，网站显示为“逾期”"),
        Column("published_on", "公示日期", T.DATE, description="未来日期：到该日才公示"),
    ),
)

CALENDAR = Dataset(
    name="calendar",
    title="工作日历调整",
    key=("date",),
    optional=True,
    description="国务院已公布、但 chinese-calendar 尚未收录的放假（休）与调休上班（班）日期。",
    columns=(
        Column("date", "日期", T.DATE, required=True, unique=True),
        Column("kind", "类型", T.ENUM, choices=("休", "班"), required=True),
        Column("note", "说明"),
    ),
)

DATASETS: dict[str, Dataset] = {d.name: d for d in (AGENCIES, OFFICERS, POWERS, PENALTIES, INSPECTIONS, SUPERVISION,
                                                      CALENDAR)}
