"""Reading import files safely: regular files only, never more than a size limit."""

import os
import stat
from pathlib import Path


class UnreadableFile(Exception):
    """The path is not a readable regular file within the size limit (a one-line reason)."""


def read_limited(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; devices, FIFOs and directories refused."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise UnreadableFile(f"cannot read: {error.strerror}") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise UnreadableFile("is not a regular file (a directory, device or pipe)")
    with os.fdopen(descriptor, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise UnreadableFile(f"is larger than the limit {max_bytes} bytes (IMPORT_MAX_BYTES)")
    return data
