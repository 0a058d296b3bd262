"""gunicorn settings read from the working directory: the index is loaded once, before the fork;
access lines never carry a query string.

Start-up (SPEC §6): `preload_app` imports the portal in the master, and `when_ready` loads the
embedded search index there and warms the tables every query needs (search.service.warm_up), then
closes the master's database connections so no worker inherits a socket or SQLite handle, and
moves what is loaded out of the cyclic collector's reach (gc.freeze), so the workers' collections
never walk, and so never copy, the shared index. The workers fork from that master and share its
loaded index copy-on-write: a worker's first request
only catches up on index rows newer than the master's (one `MAX(seq)` query when nothing changed),
and a worker restarted later by gunicorn starts just as warm. The master answers nothing until the
index is loaded, so a request arriving during start-up waits in the listen backlog, never on a
half-loaded worker. `manage.py runserver` and management commands never load the index early.

%(U)s is the path without the query string; the request line (%(r)s), the query (%(q)s) and the
referrer (%(f)s) would carry search words, names and e-mail addresses. Access logging itself stays
off unless `--access-logfile` is given.
"""

import gc
import time

from django.db import connections
from django.utils.module_loading import import_string

access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
preload_app = True
# The default control socket is one fixed path per user, which several servers would share.
control_socket_disable = True
# Imported by name: Django is set up only once the master has preloaded the portal.
WARM_UP = "search.service.warm_up"


def when_ready(server) -> None:
    """In the master, before the first fork: load the search index, close connections, freeze."""
    if not server.cfg.preload_app:
        return
    started = time.perf_counter()
    documents = import_string(WARM_UP)()
    connections.close_all()
    gc.collect()
    gc.freeze()
    server.log.info(
        "Search index loaded before fork: %d documents in %.1f s",
        documents,
        time.perf_counter() - started,
    )
