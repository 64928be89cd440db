"""Datasets, their data dictionaries, their versioned releases and the downloads kept of them."""

from .charts import Chart, ChartDataError, ChartKind
from .datasets import Dataset, DatasetKeyword, FieldRole, FieldSpec, FieldType, Licence, UnitKind
from .downloads import StoredDownload
from .releases import Release, ReleaseRow, ReleaseStatus
from .tag_names import TagName

__all__ = [
    "Chart",
    "ChartDataError",
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
    "StoredDownload",
    "TagName",
    "UnitKind",
]
