"""Logging filters that keep personal data out of log lines."""

import logging
import re


class WithholdNotFoundPaths(logging.Filter):
    """Replace the path of a 404 log line: a directory id in it may belong to a protected person."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 404:
            record.msg = "Not Found: %s"
            record.args = ("(path withheld)",)
        return True


class RedactSecretPaths(logging.Filter):
    """Replace the secret in calendar subscription paths (/kalender/<secret>.ics) in log lines."""

    SECRET_PATH = re.compile(r"(/kalender/)[^\s\"'?#/]+")
    REPLACEMENT = r"\1[withheld]"

    def _redact(self, value):
        return self.SECRET_PATH.sub(self.REPLACEMENT, value) if isinstance(value, str) else value

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self._redact(record.msg)
        if isinstance(record.args, dict):
            record.args = {key: self._redact(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(self._redact(value) for value in record.args)
        return True
