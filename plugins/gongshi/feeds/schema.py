"""The declarative schema: one `Dataset` per feed, one `Column` per field.

A schema is the single source for accepted headers and aliases, types, required fields,
enumerations, the privacy class of each column, labels and facets (DESIGN.md, invariant 2), and
for how a dataset without code of its own is published. Schemas are data: a Frictionless Table
Schema file per dataset with this product's keys (`schemas/README.md`), read by
`dataset_from_schema`; the built-in ones ship in `gongshi/schemas/`, a region adds its own
beside its feeds (`datasets.py`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class ColumnType(str, Enum):
    TEXT = "text"  # free text, stripped
    CODE = "code"  # identifiers: NFKC, spaces removed, upper-cased
    DATE = "date"  # many written forms, Excel dates -> ISO 'YYYY-MM-DD'
    DECIMAL = "decimal"
    INTEGER = "integer"
    ENUM = "enum"
    MULTI_ENUM = "multi_enum"  # separated by ; ； 、 ,
    BOOLEAN = "boolean"  # 是 / 否


class Privacy(str, Enum):
    PUBLIC = "public"
    SCRUB = "scrub"
    PARTY = "party"
    NEVER = "never"


@dataclass(frozen=True)
class Column:
    key: str  # the English key used in code, URLs and downloads
    header: str  # the canonical Chinese header
    type: ColumnType = ColumnType.TEXT
    aliases: tuple[str, ...] = ()
    required: bool = False
    unique: bool = False
    choices: tuple[str, ...] = ()  # for ENUM / MULTI_ENUM
    choice_codes: tuple[tuple[str, str], ...] = ()  # (code an export writes, the choice it means): XK_ZT 1 -> 有效
    default: str = ""  # used when the cell is blank
    privacy: Privacy = Privacy.PUBLIC
    label: str = ""  # display label; the header when empty
    facet: bool = False  # offered as a browse dimension
    check: str = ""  # extra rule: "uscc" (check digit), "agency_ref", "certificate_no"
    required_if: tuple[str, str] = ()  # (other column, value): required when other == value
    required_unless: tuple[str, str] = ()  # (other column, value): required unless other == value
    min_value: float | None = None
    max_value: float | None = None
    description: str = ""
    # An organisation's published contact (an agency's 联系电话, 办公地址): a phone number in it
    # is a line to keep wherever it appears, not personal data to refuse.
    org_contact: bool = False
    # An amount column's unit ("万元"): a cell written with a unit (5000元, 0.5万元) is converted to
    # it; a plain number above plausible_max is probably typed in the other unit (a warning).
    unit: str = ""
    plausible_max: float | None = None
    # A day on which something was done (决定日期, 完成日期): after the build day it is most likely
    # a typo (RULES.md, "Time: events after the build day"), a warning naming the cell.
    not_after_today: bool = False
    # ASCII URL segments for the values of an enumeration with listings of their own
    # ((value, slug) pairs); stable forever once published.
    slugs: tuple[tuple[str, str], ...] = ()
    # (other column, value, label): the label when other == value, e.g. a 个体工商户's
    # 法定代表人 column reads 经营者 (its operator; RULES.md).
    label_if: tuple[str, str, str] | tuple[()] = ()

    @property
    def display_label(self) -> str:
        return self.label or self.header

    def label_for(self, record: Mapping[str, Any]) -> str:
        """The label of this column on `record`'s page (labelIf: 经营者 for a 个体工商户)."""
        if self.label_if and record.get(self.label_if[0]) == self.label_if[1]:
            return self.label_if[2]
        return self.display_label

    @property
    def conditional_key(self) -> str:
        """The key under which a page's fields hold this column when labelIf applies (its
        label differs, so it is another key of the page's fields: `field_labels`)."""
        return f"{self.key}/{self.label_if[1]}" if self.label_if else ""

    @property
    def identifier(self) -> bool:
        """Codes and document numbers (统一社会信用代码, 执法证号, 文号, 证件号码, 事项编码):
        a spreadsheet number cell cannot hold one faithfully (15 significant digits, no
        leading zeros), so such a cell is refused rather than read."""
        return self.type is ColumnType.CODE or self.key.endswith(("_no", "_number"))


@dataclass(frozen=True)
class Dataset:
    name: str  # file stem under data_feeds/
    title: str  # Chinese name
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # natural key: URL and duplicate detection
    sheet: str | None = None  # XLSX sheet name; None = first sheet
    optional: bool = False  # a missing feed is not an error
    party_type_column: str = ""  # says whether a record's party is a natural person (privacy)
    description: str = ""
    # How it is published. `publisher` names the code that publishes it (a dataset that is
    # genuinely special: an officer's status and QR code, a penalty's window); "" = the generic
    # pages, listings, downloads, feed and search entries made from the keys below.
    publisher: str = ""
    path: str = ""  # URL folder of its pages; the name when empty
    nav_label: str = ""  # its entry in the site's menu (short); the title when empty
    valid_until: str = ""  # a date column: from the day after it, the record shows 已过期
    # (last day column, the column that ends it early, words): past that day with the other
    # column blank, the record is flagged (a coercive measure past 期限止 without 解除日期).
    overdue: tuple[str, str, str] | tuple[()] = ()
    title_field: str = ""  # what titles a record (page heading, search result, feed entry)
    list_fields: tuple[str, ...] = ()  # the columns of its listings
    search_fields: tuple[str, ...] = ()  # what search finds a record by
    feed_date: str = ""  # the day that orders records (newest first) and dates feed entries
    scheduled_by: str = ""  # a date column: a record is published from that day, not before
    company_fields: tuple[str, ...] = ()  # (统一社会信用代码 column, name column): the company page
    agency_field: str = ""  # the column naming the agency: its hub page
    # The disclosure deadline: (event date column, working days) — 公开时效 measures it.
    deadline: tuple[str, int] | tuple[()] = ()
    # (field, field that orders within): records sharing the first field are one page (a
    # 裁量基准: its 裁量阶次 rows, in the order of the second field's enumeration).
    group_by: tuple[str, str] | tuple[()] = ()
    # (other dataset, its column citing a provision, this dataset's provision columns): the
    # other dataset's published records citing the same provision link to this one's page.
    cited_by: tuple[str, str, tuple[str, ...]] | tuple[()] = ()
    # (state column, the values that withdraw a record, the column with the day): a withdrawn
    # record keeps a short page at its URL, without party details, and is listed in removals.
    withdrawn_if: tuple[str, tuple[str, ...], str] | tuple[()] = ()
    # Table Schema foreignKeys, one column each: (column, other dataset, its key column).
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    source: str = ""  # the schema file it was read from
    _by_key: dict[str, Column] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_key.update({c.key: c for c in self.columns})

    def column(self, key: str) -> Column:
        return self._by_key[key]

    def header_lookup(self) -> dict[str, Column]:
        """Every accepted spelling (normalised) of every column -> that column."""
        lookup: dict[str, Column] = {}
        for column in self.columns:
            for spelling in (column.header, column.key, *column.aliases):
                lookup[normalise_header(spelling)] = column
        return lookup

    def keys_of(self, privacy: Privacy) -> list[str]:
        return [c.key for c in self.columns if c.privacy is privacy]

    @property
    def builtin(self) -> bool:
        """Shipped with the package (gongshi/schemas/), not a region's own schema."""
        return self.source.startswith("gongshi/schemas/")

    @property
    def url_folder(self) -> str:
        return self.path or self.name

    def published_columns(self) -> list[Column]:
        """What its pages, downloads and API show: every column but the never ones and the
        minor flags (a record whose party is a minor is not published at all)."""
        return [c for c in self.columns if c.privacy is not Privacy.NEVER and not c.key.endswith("is_minor")]


# Templates mark required columns: "*姓名", "姓名＊", "姓名（必填）", "【必填】姓名", "姓名：".
_REQUIRED_MARKERS = re.compile(r"^\*+|\*+$|[(\[【](?:必填|必填项|选填)[)\]】]|:+$")


def normalise_header(text: str) -> str:
    """Header comparison ignores surrounding/inner spaces, width (NFKC), ASCII case and the
    required-markers of templates."""
    plain = "".join(unicodedata.normalize("NFKC", str(text)).split()).casefold()
    for _ in range(3):  # markers can combine: "*姓名（必填）："
        stripped = _REQUIRED_MARKERS.sub("", plain)
        if stripped == plain:
            break
        plain = stripped
    return plain
