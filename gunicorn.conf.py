"""gunicorn settings read from the working directory: access lines never carry a query string.

%(U)s is the path without the query string; the request line (%(r)s), the query (%(q)s) and the
referrer (%(f)s) would carry search words, names and e-mail addresses. Access logging itself stays
off unless `--access-logfile` is given.
"""

access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
