"""Logging filters that keep personal data out of log lines."""

import logging


class WithholdNotFoundPaths(logging.Filter):
    """Replace the path of a 404 log line: a directory id in it may belong to a protected person."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 404:
            record.msg = "Not Found: %s"
            record.args = ("(path withheld)",)
        return True
