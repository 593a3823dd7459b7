"""The datasets: the built-in schema files (`gongshi/schemas/*.json`, ../shared/FEEDS.md) and a
region's own (`<feeds>/schemas/*.json|yaml`).

`DATASETS` holds the built-in ones. A build's datasets are `datasets_for(feeds_dir)`: the
built-in ones plus the region's, each read from its file. The enumerations the code branches
on (penalty kinds, supervision kinds …) are read from the schemas here, so they are written once.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .problems import ProblemLog
from .schema import Dataset
from .schemafile import LOCAL_SCHEMAS, SCHEMA_SUFFIXES, SchemaError, dataset_from_schema, read_schema_file

BUILTIN_SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"


def _builtin() -> dict[str, Dataset]:
    found = {}
    for path in sorted(BUILTIN_SCHEMAS.glob("*.json")):
        dataset = dataset_from_schema(read_schema_file(path), f"gongshi/schemas/{path.name}")
        found[dataset.name] = dataset
    order = ("agencies", "officers", "powers", "penalties", "inspections", "supervision", "calendar",
             "licences", "coercive", "discretion", "inspection_plans", "check_items")  # (the menu's order)
    return {name: found[name] for name in (*order, *sorted(set(found) - set(order)))}


DATASETS: dict[str, Dataset] = _builtin()


def schema_files(feeds_dir: Path) -> list[Path]:
    folder = feeds_dir / LOCAL_SCHEMAS
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SCHEMA_SUFFIXES)


def datasets_for(feeds_dir: Path, log: ProblemLog | None = None) -> dict[str, Dataset]:
    """The built-in datasets and those a region describes beside its feeds. A schema's problems
    go to `log` (errors fail the build; without a log the first one is raised). A region's
    schema may not take a built-in dataset's name: its pages are made by code that relies on it."""
    datasets = dict(DATASETS)
    for path in schema_files(feeds_dir):
        shown = _shown(path, feeds_dir)
        warnings: list[tuple[str, str]] = []
        try:
            dataset = dataset_from_schema(read_schema_file(path, shown), shown, warnings)
            if dataset.name in datasets or dataset.name == LOCAL_SCHEMAS:
                where = "另一数据集结构文件" if dataset.name in datasets and dataset.name not in DATASETS else "内置数据集"
                raise SchemaError(shown, f"数据集名称「{dataset.name}」已被{where}使用，请改用其他名称")
            if dataset.publisher:
                raise SchemaError(shown, "publisher：只有内置数据集由专门代码发布；请删去此键")
        except SchemaError as error:
            if log is None:
                raise
            log.error(error.file, None, "", "", error.message)
            continue
        finally:
            for file, message in warnings if log is not None else ():
                log.warning(file, None, "", "", message)
        datasets[dataset.name] = dataset
    return datasets


def _shown(path: Path, feeds_dir: Path) -> str:
    return path.relative_to(feeds_dir.parent).as_posix() if feeds_dir.parent in path.parents else str(path)


@cache
def _choices(dataset: str, column: str) -> tuple[str, ...]:
    return DATASETS[dataset].column(column).choices


AGENCIES, OFFICERS, POWERS = DATASETS["agencies"], DATASETS["officers"], DATASETS["powers"]
PENALTIES, INSPECTIONS, SUPERVISION, CALENDAR = (DATASETS[n] for n in ("penalties", "inspections", "supervision",
                                                                       "calendar"))
AGENCY_KINDS = _choices("agencies", "kind")
OFFICER_STATUSES = _choices("officers", "status")
POWER_KINDS = _choices("powers", "kind")
POWER_KIND_SLUGS = dict(POWERS.column("kind").slugs)
PARTY_TYPES = _choices("penalties", "party_type")
PENALTY_KINDS = _choices("penalties", "penalty_kinds")
INSPECTION_RESULTS = _choices("inspections", "result")
SUPERVISION_KINDS = _choices("supervision", "kind")
SUPERVISION_KIND_SLUGS = dict(SUPERVISION.column("kind").slugs)
GRADES = _choices("supervision", "grade")
RECTIFICATION_STATES = _choices("supervision", "rectification_state")
# 万元: a plain amount above it (1,000,000 元) is more often 元 typed into a 万元 column than a real fine.
PLAUSIBLE_WANYUAN = PENALTIES.column("fine").plausible_max
