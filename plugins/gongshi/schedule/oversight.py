"""Spot-check results and supervision outcomes on DISCLOSURE_TODAY.

- Both: a 公示日期 in the future means scheduled (RULES.md): not visible anywhere until then;
  the day it comes is a day the site changes.
- Supervision: 整改中 whose 整改期限 has passed (the 期限 is the last day, inclusive) is shown as
  逾期; the day after the 期限 is a day the site changes.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

ONE_DAY = dt.timedelta(days=1)
# rectification status code -> words shown to people
RECTIFICATION_LABELS = {"in_progress": "整改中", "overdue": "逾期（整改中，已过整改期限）", "done": "已整改",
                        "overdue_unrectified": "逾期未整改", "none": "无需整改"}
DATASET_WORDS = {"inspections": "一条双随机抽查结果", "supervision": "一项监督考核结果"}


def publication_state(frame: pd.DataFrame, today: dt.date) -> pd.Series:
    """"scheduled" (公示日期 after today) or "public"."""
    future = (frame["published_on"] != "") & (frame["published_on"] > today.isoformat())
    return pd.Series(np.where(future, "scheduled", "public"), index=frame.index, dtype=object)


def rectification_status(frame: pd.DataFrame, today: dt.date) -> pd.Series:
    """Status code per supervision outcome (keys of RECTIFICATION_LABELS)."""
    state = frame["rectification_state"]
    past_due = (frame["rectify_by"] != "") & (frame["rectify_by"] < today.isoformat())
    return pd.Series(np.select(
        [state == "已整改", state == "逾期未整改", (state == "整改中") & past_due, state == "整改中"],
        ["done", "overdue_unrectified", "overdue", "in_progress"], default="none"),
        index=frame.index, dtype=object)


def supervision_key(kind: str, title: str, unit: str) -> str:
    return f"{kind}/{title}/{unit}"


def oversight_states(inspections: pd.DataFrame, supervision: pd.DataFrame,
                     today: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Copies with `pub_state` and `record_key` (both; the key the 公开时效 report names a record
    by, from public values: a natural person's name is already masked) and `rect_status`
    (supervision) added."""
    from ..feeds.load import key_values

    inspections = inspections.assign(
        pub_state=publication_state(inspections, today),
        record_key=inspections["task_no"] + "/" + key_values(inspections, "subject_uscc|subject_name"))
    supervision = supervision.assign(
        pub_state=publication_state(supervision, today), rect_status=rectification_status(supervision, today),
        record_key=supervision["kind"] + "/" + supervision["title"] + "/" + supervision["unit"])
    return inspections, supervision


def oversight_changes(inspections: pd.DataFrame, supervision: pd.DataFrame,
                      today: dt.date) -> list[tuple[dt.date, str, str, str]]:
    """(day, dataset, key, what) on which the published site changes by itself."""
    changes = []
    for name, frame in (("inspections", inspections), ("supervision", supervision)):
        # A scheduled record is invisible everywhere, rebuild.json included: no key.
        for day in sorted(set(frame.loc[frame["pub_state"] == "scheduled", "published_on"])):
            changes.append((dt.date.fromisoformat(day), name, "", f"{DATASET_WORDS[name]}到达公示日期，开始公示"))
    due = supervision[(supervision["pub_state"] == "public") & (supervision["rect_status"] == "in_progress")
                      & (supervision["rectify_by"] != "")]
    for key, until in zip(due["record_key"], due["rectify_by"]):
        changes.append((dt.date.fromisoformat(until) + ONE_DAY, "supervision", key,
                        "整改期限届满，仍为整改中的事项显示为逾期"))
    return changes
