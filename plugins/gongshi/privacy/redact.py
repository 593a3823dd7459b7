"""脱敏: removing personal data from the records of one dataset (RULES.md, "Removing personal
data" and "What real free text holds").

- A natural person's name becomes surname + 某某 everywhere in the record (张某甲/张某乙 when
  two persons of the record share a surname): the party, a 个体工商户's operator (also inside
  the trade name: 个体工商户柴某某, 柴某某（个体）), and every other natural person the text names.
- `scrub` columns go through the detectors of `detect.py` with the record's context.
- A natural person's address column is emptied.
- A record whose party is a minor — by the flag, or by the birth date in an ID number on the
  day of the decision or inspection, whatever the flag says — is withheld whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..feeds.schema import Dataset, Privacy
from .detect import (
    NOTES,
    Tally,
    TextContext,
    Triggers,
    as_written,
    find_in_texts,
    id_birth_date,
    luhn_valid,
    redact_free_text,
)
from .names import looks_like_person_name, mask_names, normalise_name, surname_of

__all__ = ["REMOVED", "PERSON_TYPE", "SOLE_TRADER_TYPE", "People", "RedactionReport", "luhn_valid", "mask_names",
           "looks_like_person_name", "operator_in_trade_name", "redact_frame", "scrub_text", "scrub_texts",
           "surname_of"]

REMOVED = NOTES
PERSON_TYPE = "自然人"
SOLE_TRADER_TYPE = "个体工商户"
ORGANISATION_TYPE = "法人及非法人组织"
# The columns a record's event date is read from, to tell a minor by the ID number's birth date.
EVENT_DATE_COLUMNS = ("decided_on", "completed_on", "starts_on")


def scrub_text(text: str) -> str:
    """Free text with personal data removed, knowing nothing of its record."""
    return redact_free_text(text)


def scrub_texts(texts: list[str]) -> list[str]:
    """[scrub_text(t) for t in texts], with each detector run once over all of them."""
    context = TextContext()
    return [_apply(text, found, {}) for text, found in zip(texts, find_in_texts(texts, [context] * len(texts)))]


@dataclass(frozen=True)
class People:
    """What every record's redaction needs to know of the others: the registry of every
    natural person in every feed, the officials acting in office (public), and the published
    lines of organisations (kept wherever they appear)."""

    registry: Triggers | None = None
    public_names: frozenset[str] = frozenset()
    org_numbers: frozenset[str] = frozenset()


@dataclass
class RedactionReport:
    withheld_minors: int = 0
    minors_by_id_number: int = 0  # of those: the flag said otherwise, the ID number's birth date did not
    persons_masked: int = 0
    tally: Tally = field(default_factory=Tally)

    def joined(self, other: RedactionReport) -> RedactionReport:
        """This report and `other`'s, of the rows that follow (a table redacted in two parts)."""
        tally = Tally(dict(self.tally.counts), list(self.tally.spans))
        tally.merge(other.tally)
        return RedactionReport(self.withheld_minors + other.withheld_minors,
                               self.minors_by_id_number + other.minors_by_id_number,
                               self.persons_masked + other.persons_masked, tally)


# -- who is a natural person ------------------------------------------------------------------
_SOLE_TRADER_PREFIX = re.compile(r"^(?:个体工商户|个体户|个体经营户|个体)[:：\s]*")
_SOLE_TRADER_SUFFIX = re.compile(r"[（(](?:个体工商户|个体户|个体经营|个体)[）)]$")
_REGION_PREFIX = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:自治区|省|自治州|市|区|县|旗|镇|乡|街道)")
_SHOP_SUFFIX = re.compile(
    r"(?:便利店|超市|商店|小卖部|五金店|百货店|食杂店|副食店|烟酒店|水果店|蔬菜店|粮油店|小吃店|快餐店|面馆|餐馆|饭店|"
    r"酒家|饭馆|大排档|理发店|美发店|服装店|鞋店|药店|诊所|商行|经营部|门市部|批发部|加工厂|加工坊|修理部|修理店|"
    r"维修部|汽修店|养殖场|种植园|茶馆|棋牌室|网吧|工作室|摊位|店|行|部|馆|坊|厂|铺|摊|档)$")


def operator_in_trade_name(trade_name: str, operator: str = "") -> str:
    """The operator's name inside a 个体工商户's trade name (normalised), or "" when it holds
    none: the known operator, or a person's name left once 个体工商户/（个体）, a region in front
    and a shop word behind are taken away (临江区柴某便利店 → 柴某)."""
    name = normalise_name(trade_name)
    if operator and (known := normalise_name(operator)) and known in name:
        return known
    core = _SOLE_TRADER_SUFFIX.sub("", _SOLE_TRADER_PREFIX.sub("", name))
    for candidate in (core, _REGION_PREFIX.sub("", core, count=1)):
        if looks_like_person_name(candidate):
            return candidate
        shop = _SHOP_SUFFIX.search(candidate)
        if shop and looks_like_person_name(candidate[:shop.start()]):
            return candidate[:shop.start()]
    return ""


def _looks_like_sole_trader(name: str) -> bool:
    return bool(_SOLE_TRADER_PREFIX.match(name) or _SOLE_TRADER_SUFFIX.search(name))


@dataclass(frozen=True)
class RecordPersons:
    """For each row of a table: whether its party is a natural person, and the natural
    persons' names it holds as values (party, operator, legal representative)."""

    is_person: np.ndarray
    names: list[tuple[str, ...]]

    @property
    def all_names(self) -> set[str]:
        return {normalise_name(n) for names in self.names for n in names}


def record_persons(frame: pd.DataFrame, dataset: Dataset) -> RecordPersons:
    """Who the natural persons of each record are. A 个体工商户 is a natural person's business:
    its operator (法定代表人/经营者, or the person's name in its trade name) is masked; a blank
    party type is a person when the name looks like one, never an organisation by default."""
    party = dataset.keys_of(Privacy.PARTY)
    type_column = dataset.party_type_column
    if not type_column or not party:
        return RecordPersons(np.zeros(len(frame), dtype=bool), [()] * len(frame))
    name_column = party[0]
    representative = next((c for c in party[1:] if "address" not in c), "")
    kinds = frame[type_column].tolist()
    names = frame[name_column].tolist()
    reps = frame[representative].tolist() if representative else [""] * len(frame)
    is_person = np.zeros(len(frame), dtype=bool)
    persons: list[tuple[str, ...]] = [()] * len(frame)
    for i, (kind, name, rep) in enumerate(zip(kinds, names, reps)):
        if kind == PERSON_TYPE or (not kind and looks_like_person_name(name) and not _looks_like_sole_trader(name)):
            is_person[i] = True
            persons[i] = tuple(n for n in (name, rep) if n)
        elif kind == SOLE_TRADER_TYPE or (not kind and _looks_like_sole_trader(name)):
            is_person[i] = True
            operator = operator_in_trade_name(name, rep)
            persons[i] = tuple(dict.fromkeys(n for n in (operator, rep) if n))
    return RecordPersons(is_person, persons)


def _minors(frame: pd.DataFrame, dataset: Dataset, raw_frame: pd.DataFrame | None) -> tuple[np.ndarray, int]:
    """Rows whose party is a minor: the flag says so, or an ID number of the party (a `never`
    column, read from the raw frame before it is dropped) shows a birth date less than 18 years
    before the record's event date. Returns (mask, how many only the ID number showed)."""
    flag_column = next((c.key for c in dataset.columns if c.key.endswith("is_minor") and c.key in frame.columns), "")
    flagged = (frame[flag_column] == "是").to_numpy() if flag_column else np.zeros(len(frame), dtype=bool)
    event = next((c for c in EVENT_DATE_COLUMNS if c in frame.columns), "")
    id_columns = [c.key for c in dataset.columns
                  if c.privacy is Privacy.NEVER and c.key.endswith("id_number") and not c.key.startswith("rep_")]
    source = raw_frame if raw_frame is not None else frame
    by_id = np.zeros(len(frame), dtype=bool)
    if event and id_columns:
        events = frame[event].tolist()
        for column in id_columns:
            if column not in source.columns:
                continue
            for i, number in enumerate(source[column].tolist()):
                if number and not flagged[i] and not by_id[i]:
                    born = id_birth_date(number)
                    by_id[i] = bool(born) and bool(events[i]) and _age_on(born, events[i]) < 18
    return flagged | by_id, int(by_id.sum())


def _age_on(born: str, day: str) -> int:
    years = int(day[:4]) - int(born[:4])
    return years - 1 if day[5:10] < born[5:10] else years


# -- a table ----------------------------------------------------------------------------------
def redact_frame(frame: pd.DataFrame, dataset: Dataset, type_column: str = "",
                 people: People | None = None, raw_frame: pd.DataFrame | None = None,
                 persons: RecordPersons | None = None) -> tuple[pd.DataFrame, RedactionReport]:
    """Apply the party/scrub classes of `dataset` to `frame` (never columns already dropped;
    `raw_frame`, when given, still has them: ID numbers tell minors; `persons`: the frame's
    record_persons, when already known)."""
    people = people or People()
    report = RedactionReport()
    persons = persons if persons is not None else record_persons(frame, dataset)
    minors, by_id = _minors(frame, dataset, raw_frame)
    if minors.any():
        report.withheld_minors, report.minors_by_id_number = int(minors.sum()), by_id
        frame = frame[~minors]
        kept = np.flatnonzero(~minors).tolist()
        persons = RecordPersons(persons.is_person[~minors], [persons.names[i] for i in kept])
    # Copy-on-write (pandas 3): a shallow copy, so that what follows never changes the caller's frame.
    frame = frame.copy(deep=False)
    type_column = type_column or dataset.party_type_column
    party_columns = dataset.keys_of(Privacy.PARTY)
    scrub_columns = [c for c in dataset.keys_of(Privacy.SCRUB) if c in frame.columns]
    person_positions = np.flatnonzero(persons.is_person).tolist()
    masks: list[dict[str, str] | None] = [None] * len(frame)
    for i in person_positions:
        masks[i] = mask_names(persons.names[i])
    if type_column and type_column in frame.columns:
        # A blank party type is told by the name: never published as an organisation by default.
        kinds = frame[type_column].tolist()
        for i, kind in enumerate(kinds):
            if not kind:
                kinds[i] = (SOLE_TRADER_TYPE if _looks_like_sole_trader(frame[party_columns[0]].iat[i]) else PERSON_TYPE) \
                    if persons.is_person[i] else ORGANISATION_TYPE
        frame[type_column] = kinds
    for column in party_columns:
        values = frame[column].tolist()
        if "address" in column:
            for i in person_positions:
                values[i] = ""  # a natural person's home address is never published
        else:
            for i in person_positions:
                if values[i]:
                    values[i] = _mask_value(values[i], masks[i])  # type: ignore[arg-type]
        frame[column] = values
    report.persons_masked = len(person_positions)

    files, rows = frame["_file"].tolist() if "_file" in frame else None, frame["_row"].tolist() if "_row" in frame else None
    shared = TextContext(public_names=people.public_names, org_numbers=people.org_numbers, names=people.registry)
    contexts = [shared] * len(frame)
    for i in person_positions:
        contexts[i] = TextContext(persons=persons.names[i], public_names=people.public_names, party_is_person=True,
                                  org_numbers=people.org_numbers, names=people.registry)
    is_person = persons.is_person.tolist()
    for column in scrub_columns:
        texts = frame[column].tolist()
        # Records without a natural person share one context: each distinct text (boilerplate
        # such as 罚款人民币5000元 repeats a lot) is looked at once; the others record by record.
        shared_texts = list(dict.fromkeys(t for t, person in zip(texts, is_person) if t and not person))
        shared_found = dict(zip(shared_texts, find_in_texts(shared_texts, [shared] * len(shared_texts))))
        own = [i for i in person_positions if texts[i]]
        own_found = dict(zip(own, find_in_texts([texts[i] for i in own], [contexts[i] for i in own])))
        header = dataset.column(column).header
        for i, text in enumerate(texts):
            if not text:
                continue
            findings = own_found[i] if is_person[i] else shared_found[text]
            if findings:
                if masks[i] is None:
                    masks[i] = {}
                report.tally.add(findings, text, files[i] if files else "", int(rows[i]) if rows else 0, header)
                texts[i] = _apply(text, findings, masks[i])  # type: ignore[arg-type]
        frame[column] = texts
    return frame, report


def _mask_value(value: str, masks: dict[str, str]) -> str:
    """A party column's value with the record's persons masked: the whole value when it is a
    person's name, the operator's name inside a trade name otherwise (in the value as written;
    in its normal form only where the name is spelled oddly in it)."""
    normal = normalise_name(value)
    if normal in masks:
        return masks[normal]
    masked = value
    for name in sorted(masks, key=len, reverse=True):
        masked = masked.replace(name, masks[name])
    if masked == value and any(name in normal for name in masks):
        for name in sorted(masks, key=len, reverse=True):
            normal = normal.replace(name, masks[name])
        return normal
    return masked


def _apply(text: str, findings: list, masks: dict[str, str]) -> str:
    """`text` with `findings` replaced: names by the record's masks (new names are added to
    them, so one person keeps one mask across the record's columns), the rest by notes."""
    if not findings:
        return text
    new = [f.value for f in findings if f.kind == "name" and f.value not in masks]
    if new:
        chosen = mask_names([*masks, *new])
        # Names already masked keep their mask; 张某某 becomes 张某甲 only for a new 张.
        for name in new:
            masks[name] = _fresh_mask(name, chosen[name], masks)
    pieces, last = [], 0
    for finding in findings:
        pieces.append(text[last:finding.start])
        pieces.append(as_written(masks.get(finding.value, "某某"), text[finding.start]) if finding.kind == "name"
                      else NOTES[finding.kind])
        last = finding.end
    pieces.append(text[last:])
    return "".join(pieces)


def _fresh_mask(name: str, proposal: str, masks: dict[str, str]) -> str:
    taken = set(masks.values())
    if proposal not in taken:
        return proposal
    surname = surname_of(name)
    for letter in "甲乙丙丁戊己庚辛壬癸":
        if surname + "某" + letter not in taken:
            return surname + "某" + letter
    return surname + "某某"
