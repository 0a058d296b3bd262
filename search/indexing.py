"""Keeps the search index in step with the records it describes.

Writers never talk to an engine: they call `record_changed`/`record_deleted` (signals do it for
ordinary saves), and wrap bulk work such as imports in `batch()` so the index is updated once,
at the end, before the command or request returns.
"""

from contextlib import contextmanager


@contextmanager
def batch():
    """Collect index changes made inside the block and apply them when it exits."""
    yield


def record_changed(instance) -> None:
    """Reindex one record (or drop it when it must no longer be found)."""


def record_deleted(instance) -> None:
    """Remove one record from the index."""
