"""Days after the build day in columns that record something already done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..feeds import ProblemLog
from ..feeds.load import Table


def warn_future_dates(tables: Iterable[Table], today: dt.date, log: ProblemLog) -> None:
    """A 决定日期 or 完成日期 after the build day is a warning naming the cell (most likely a
    typo: 2062 for 2026). The record is published as its other dates say; nothing takes
    effect early."""
    day = today.isoformat()
    for table in tables:
        frame = table.frame
        for column in table.dataset.columns:
            if not column.not_after_today or column.key not in frame:
                continue
            later = frame[column.key] > day  # (ISO dates; "" sorts first)
            for index in later[later].index:
                log.warning(frame.at[index, "_file"], int(frame.at[index, "_row"]), column.header,
                            f"不晚于数据生成日（{day}）的日期：该日期尚未到来，请核对是否填错",
                            frame.at[index, column.key], frame.at[index, "_sheet"])
