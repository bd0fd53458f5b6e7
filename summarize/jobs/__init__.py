"""Jobs: a folder of articles, a table of articles, and what both write with (atomic files,
manifests, settings fingerprints).  May import pipeline and everything below it."""

from __future__ import annotations

from .folder import MANIFEST_NAME, FileOutcome, batch, discover
from .ray_batch import RAY_INSTALL_HINT, translate_ray
from .ray_job import RayProgress, ray_batch
from .stories import STORIES_DIR, write_stories
from .table_io import TABLE_SUFFIXES, Columns, guess_columns, is_table
from .tables import ADDED_COLUMNS, ShardProgress, translate_dataset, translate_rows, translate_table
from .writes import Manifest, atomic_write, settings_fingerprint

__all__ = [
    "MANIFEST_NAME", "FileOutcome", "batch", "discover", "TABLE_SUFFIXES", "Columns", "guess_columns",
    "is_table", "ADDED_COLUMNS", "ShardProgress", "translate_dataset", "translate_rows", "translate_table",
    "Manifest", "atomic_write", "settings_fingerprint", "STORIES_DIR", "write_stories",
    "RAY_INSTALL_HINT", "translate_ray", "RayProgress", "ray_batch",
]
