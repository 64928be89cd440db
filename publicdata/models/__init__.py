"""Datasets, their data dictionaries and their versioned releases."""

from .datasets import Dataset, DatasetKeyword, FieldRole, FieldSpec, FieldType, Licence
from .releases import Release, ReleaseRow, ReleaseStatus

__all__ = [
    "Dataset",
    "DatasetKeyword",
    "FieldRole",
    "FieldSpec",
    "FieldType",
    "Licence",
    "Release",
    "ReleaseRow",
    "ReleaseStatus",
]
