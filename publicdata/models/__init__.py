"""Datasets, their data dictionaries and their versioned releases."""

from .charts import Chart, ChartKind
from .datasets import Dataset, DatasetKeyword, FieldRole, FieldSpec, FieldType, Licence, UnitKind
from .releases import Release, ReleaseRow, ReleaseStatus

__all__ = [
    "Chart",
    "ChartKind",
    "Dataset",
    "DatasetKeyword",
    "FieldRole",
    "FieldSpec",
    "FieldType",
    "Licence",
    "Release",
    "ReleaseRow",
    "ReleaseStatus",
    "UnitKind",
]
