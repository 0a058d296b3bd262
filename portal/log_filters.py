"""Logging filters that keep personal data out of log lines."""

import logging
import re

# "GET /sok/?q=anna+berg HTTP/1.1": everything from "?" up to the protocol is the query string.
REQUEST_LINE = re.compile(r"^(\S+ [^?\s]*)\?.*(\s+HTTP/[\d.]+)$")
QUERY_STRING = re.compile(r"(?<=[\w/%.-])\?[^\s\"'<>)]+")


def without_query_strings(text: str) -> str:
    """The text with the query string of its request line or of every URL in it removed."""
    line = REQUEST_LINE.match(text)
    if line:
        return line.group(1) + line.group(2)
    return QUERY_STRING.sub("", text)


def _scrubbed(value):
    if isinstance(value, int | float | bool) or value is None:
        return value
    text = str(value)
    return without_query_strings(text) if "?" in text else value


class WithholdQueryStrings(logging.Filter):
    """Remove query strings (search words, names, e-mail addresses) from every log line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = {key: _scrubbed(value) for key, value in record.args.items()}
        elif record.args:
            record.args = tuple(_scrubbed(value) for value in record.args)
        if isinstance(record.msg, str) and "?" in record.msg:
            record.msg = QUERY_STRING.sub("", record.msg)
        return True


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
