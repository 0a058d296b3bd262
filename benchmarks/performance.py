"""`make bench`, performance half: the SPEC §6 figures on generated data, each beside a floor.

Everything runs in a fresh temporary VAR_DIR (SQLite, embedded search), never in var/:

1. generate 20,000 people / 200 organisations (directory.generate) and 2,000 Markdown pages
   (benchmarks.content), then time the real commands as subprocesses — `import_directory`,
   `import_content`, `rebuild_search_index` — each beside a floor measured in this process:
   parsing the bundle plus a bare `bulk_create` of the same rows (rolled back); reading and
   validating the Markdown files without writing; building every search document without
   analysing or storing it.
2. serve the site with gunicorn (gthread) on 127.0.0.1 — `manage.py runserver` when gunicorn is not
   installed — with its cache in a throw-away redis-server shared by its processes, as in
   production (`--cache local`, and where redis-server is missing: local memory in each process),
   sign in a benchmark user, and drive N concurrent keep-alive clients (threads) through
   the search and suggest APIs and the person, function, organisation and guideline pages. Floors:
   a static file under the same load (the server's own overhead) and, for search and suggest, the
   raw embedded-engine call for the same terms in this process.

Start-up: the server is started fresh from the checkout (gunicorn reads gunicorn.conf.py there)
and asked for a search (with an API token) until it answers: `server_start_s` is the time from
starting the server to that answer, `server_first_search_s` the time that search itself took
(it waits while the master loads). Then every worker is replaced (SIGHUP: gunicorn forks new
workers from its master) and `first_request_s` is the slowest of the first searches the new
worker processes answer — what a worker started later (restart, added worker) costs its users.
After the load, RSS and PSS (/proc/<pid>/smaps_rollup; the honest figure when workers share a
preloaded master's pages) of the master and each worker. Every response body except the static
file is checked for protected people's ids, e-mails and names (`leaks`).

Results: printed as tables and written as JSON to var/bench/results.json in the checkout (with
`--county`, 100,000 people / 10,000 pages / 1,000 organisations, to results-county.json), with the
relevance figures of `benchmarks.relevance` (var/bench/relevance.json) merged in under
`relevance`. Targets that are missed print MISS; the exit code is 0 unless the benchmark itself
breaks.
"""

from __future__ import annotations

import argparse
import html
import http.client
import json
import math
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import parse_qs, quote, urlencode, urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
EVAL_QUERIES = BASE_DIR.parent / "shared" / "eval" / "queries.json"
RESULTS_DIR = BASE_DIR / "var" / "bench"
HOST = "127.0.0.1"
SIZES = {"people": 20_000, "pages": 2_000, "organisations": 200}
COUNTY = {"people": 100_000, "pages": 10_000, "organisations": 1_000}

TARGETS = {
    "import_directory": 60.0,
    "import_content": 60.0,
    "rebuild_search_index": 120.0,
    "search": 150.0,
    "suggest": 50.0,
    "person page": 100.0,
    "function page": 100.0,
    "organisation page": 100.0,
    "guideline page": 100.0,
}


@dataclass
class Batch:
    """A timed command: wall and CPU seconds, with its floor."""

    name: str
    wall: float
    cpu: float
    floor: float | None = None
    floor_cpu: float | None = None
    floor_note: str = ""
    output: str = ""


@dataclass
class Load:
    """Latencies (ms) of one load scenario, with its floor p95."""

    name: str
    latencies: list[float]
    seconds: float
    statuses: Counter = field(default_factory=Counter)
    failures: int = 0
    floor: float | None = None
    floor_note: str = ""
    queries: int | None = None
    server_cpu: float | None = None
    leaks: int = 0
    load_start: list[float] = field(default_factory=list)
    load_end: list[float] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return self.failures + sum(n for status, n in self.statuses.items() if status != 200)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..100); 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def load_numbers() -> list[float]:
    """The 1, 5 and 15 minute load averages, rounded."""
    return [round(value, 2) for value in os.getloadavg()]


class LeakDetector:
    """Finds protected people's ids, e-mail addresses and full names in response bodies."""

    EMAIL = re.compile(r"[\w.+-]+@[\w.-]+\w")

    def __init__(self, protected: list[dict]):
        self.ids = {person["id"].lower() for person in protected}
        self.emails = {person["email"].lower() for person in protected if person.get("email")}
        self.names: set[tuple[str, ...]] = set()
        for person in protected:
            given, family = _words(person["given_name"]), _words(person["family_name"])
            self.names |= {(*given, *family), (*family, *given)}
        self.lengths = {len(name) for name in self.names}

    def found(self, body: bytes | str, echo: str = "") -> set[str]:
        """The protected ids, e-mails and names (lowercase) that the body mentions.

        `echo` is the query the request sent: a JSON answer's top-level field that repeats it
        (search's `query`) is the caller's own words, not a leak.
        """
        text = _readable(body, echo)
        hits = set(re.findall(r"[\w-]+", text)) & self.ids
        hits |= set(self.EMAIL.findall(text)) & self.emails
        words = _words(text)
        for length in self.lengths:
            grams = zip(*(words[start:] for start in range(length)), strict=False)
            hits |= {" ".join(gram) for gram in grams if gram in self.names}
        return hits

    def count(self, bodies: Counter) -> tuple[int, set[str]]:
        """Responses ((path, body) pairs with their counts) naming a protected person, and who."""
        leaking, seen = 0, set()
        for (path, body), times in bodies.items():
            echo = parse_qs(urlsplit(path).query).get("q", [""])[0]
            if hits := self.found(body, echo):
                leaking += times
                seen |= hits
        return leaking, seen


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _readable(body: bytes | str, echo: str = "") -> str:
    """The body as lowercase text, JSON \\u escapes and HTML entities resolved, echo dropped."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    if text[:1] in ("{", "["):
        try:
            data = json.loads(text)
        except ValueError:
            return html.unescape(text).lower()
        if isinstance(data, dict) and echo:
            data = {
                key: value
                for key, value in data.items()
                if not (isinstance(value, str) and _words(value) == _words(echo))
            }
        return json.dumps(data, ensure_ascii=False).lower()
    return html.unescape(text).lower()


# --- step 1: data, imports, reindex ---------------------------------------------------------


def _environment(var_dir: Path) -> dict[str, str]:
    """Subprocess variables: the temporary SQLite database, embedded search, a module cache.

    Where PYTHONDONTWRITEBYTECODE is set, every start would recompile all modules (~5 s of CPU);
    a cache prefix in the temporary directory lets commands and workers start like an install.
    """
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "DEBUG")}
    env.pop("ELASTICSEARCH_URL", None)
    env |= {"VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "portal.settings"}
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        env["PYTHONPYCACHEPREFIX"] = str(var_dir.parent / "pycache")
    return env


def run_command(name: str, args: list[str], var_dir: Path, timeout: float) -> Batch:
    """Run `manage.py ARGS` as users do; wall and CPU (user+system) seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=_environment(var_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.strip() and "…" not in line]
    return Batch(name=name, wall=wall, cpu=cpu, output="; ".join(lines[-4:]))


def _timed(function) -> tuple[float, object]:
    started = time.perf_counter()
    value = function()
    return time.perf_counter() - started, value


def import_floor(path: Path) -> None:
    """Parse the bundle and bulk-insert the same rows without validation, diffing, tags or index."""
    from django.db import transaction

    from directory.models import Function, Organisation, Person, Position

    data = json.loads(path.read_text(encoding="utf-8"))
    with transaction.atomic():
        orgs = Organisation.objects.bulk_create(
            Organisation(key=row["id"], name=row["name"], kind=row["kind"])
            for row in data["organisations"]
        )
        functions = Function.objects.bulk_create(
            Function(key=row["id"], name=row["name"], sector=row["sector"])
            for row in data["functions"]
        )
        org_ids = {org.key: org.pk for org in orgs}
        function_ids = {function.key: function.pk for function in functions}
        people = Person.objects.bulk_create(
            (
                Person(
                    key=row["id"],
                    given_name=row["given_name"],
                    family_name=row["family_name"],
                    email=row["email"],
                    phone=row["phone"],
                    title=row["title"],
                    organisation_id=org_ids[row["organisation"]],
                    protected=row["protected"],
                    languages=row["languages"],
                )
                for row in data["people"]
            ),
            batch_size=500,
        )
        Position.objects.bulk_create(
            (
                Position(
                    person_id=person.pk,
                    function_id=function_ids[position["function"]],
                    organisation_id=org_ids[position["organisation"]],
                    area=position["area"],
                    age_groups=position["age_groups"],
                )
                for person, row in zip(people, data["people"], strict=True)
                for position in row["positions"]
            ),
            batch_size=500,
        )
        transaction.set_rollback(True)


def content_floor(directory: Path) -> None:
    """Read, parse and validate every Markdown file (front matter, Markdown → HTML), no writes."""
    from portal.importers.content import read_directory

    read_directory(directory)


def reindex_floor() -> None:
    """Build every search document from the database, without analysing or storing it."""
    from search import registry

    for _document in registry.all_documents():
        pass


# --- step 2: in-process engine floors -------------------------------------------------------


def engine_floors(queries: list[str], prefixes: list[str]) -> dict[str, list[float]]:
    """Latencies (ms) of the raw engine calls, and of the whole search service, per query.

    Each distinct query and prefix is timed once: the engine keeps its answers per index state
    (search/backends/embedded.py), and a floor is what answering costs, not what recalling does.
    """
    from search import query as query_analysis
    from search import service
    from search.params import SearchParams

    engine = service.get_engine()
    timings: dict[str, list[float]] = {"engine": [], "service": [], "suggest": []}
    for query in dict.fromkeys(queries):
        params = SearchParams(q=query)
        engine_query = query_analysis.analyse(params.q).engine_query
        timings["engine"].append(_timed(lambda q=engine_query: engine.search(q))[0] * 1000)
        timings["service"].append(_timed(lambda p=params: service.search(p))[0] * 1000)
    for prefix in dict.fromkeys(prefixes):
        timings["suggest"].append(_timed(lambda p=prefix: engine.suggest(p, size=8))[0] * 1000)
    return timings


def page_queries(paths: dict[str, str], user) -> dict[str, int]:
    """SQL queries per page kind, rendered in this process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=HOST, raise_request_exception=False)
    client.force_login(user)
    counts = {}
    for name, path in paths.items():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        counts[name] = len(captured) if response.status_code == 200 else -response.status_code
    return counts


# --- step 3: the server and the clients -----------------------------------------------------


def server_cpu(pid: int) -> float | None:
    """CPU seconds used so far by a process and its children (Linux /proc), else None."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if stat.parent.name == str(pid) or fields[1] == str(pid):
                total += (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, ValueError, IndexError):
        return None
    return total


def _children(pid: int) -> list[int]:
    """Ids of the direct children of a process (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[1] == str(pid):
            found.append(int(stat.parent.name))
    return sorted(found)


def process_memory(pid: int, role: str) -> dict | None:
    """RSS and, where /proc/<pid>/smaps_rollup is readable, PSS of a process, in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    rss = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    figures: dict = {"pid": pid, "role": role, "rss_mb": round(int(rss.group(1)) / 1024, 1)}
    try:
        pss = re.search(
            r"^Pss:\s+(\d+) kB", Path(f"/proc/{pid}/smaps_rollup").read_text(), re.MULTILINE
        )
    except OSError:
        pss = None
    if pss:
        figures["pss_mb"] = round(int(pss.group(1)) / 1024, 1)
    return figures


FRESH_WORKER_SEARCHES = 4


def fresh_worker_search(
    process: subprocess.Popen, port: int, probe: str, token: str
) -> float | None:
    """Replace every worker (SIGHUP) and time the first searches the new ones answer; the slowest.

    None when the server has no worker processes (runserver).
    """
    old = set(_children(process.pid))
    if not old:
        return None
    process.send_signal(signal.SIGHUP)
    deadline = time.monotonic() + 120
    while (current := set(_children(process.pid))) & old or len(current) < len(old):
        if time.monotonic() > deadline:
            raise RuntimeError("gunicorn did not replace its workers within 120 s")
        time.sleep(0.01)
    slowest = 0.0
    for _ in range(FRESH_WORKER_SEARCHES):
        seconds, (status, _body, _headers) = _timed(
            lambda: request(port, probe, headers={"Authorization": f"Bearer {token}"})
        )
        if status != 200:
            raise RuntimeError(f"a new worker answered the search with HTTP {status}")
        slowest = max(slowest, seconds)
    return slowest


def server_memory(master: int) -> list[dict]:
    """Memory of the server's master process and each of its workers."""
    found = [process_memory(master, "master")]
    found += [process_memory(pid, "worker") for pid in _children(master)]
    return [figures for figures in found if figures]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(
    var_dir: Path,
    port: int,
    options: argparse.Namespace,
    log,
    *,
    probe: str,
    token: str,
    cache: dict[str, str],
) -> tuple[subprocess.Popen, str, dict]:
    """Start gunicorn (or runserver) on 127.0.0.1:port and wait for the first search to answer.

    Returns (process, description, start-up figures); `probe` is a search path sent with the API
    token until it answers 200, retried while the port refuses connections. `cache` holds the
    server's CACHE_URL, if any (see `cache_server`).
    """
    import importlib.util

    workers, threads = options.workers, options.threads

    if importlib.util.find_spec("gunicorn") is not None:
        args = [
            "-m", "gunicorn", "portal.wsgi:application", "--bind", f"{HOST}:{port}",
            "--worker-class", "gthread", "--workers", str(workers), "--threads", str(threads),
            "--timeout", "120", "--log-level", "warning",
        ]  # fmt: skip
        description = f"gunicorn gthread, {workers} workers x {threads} threads"
    else:
        args = ["manage.py", "runserver", f"{HOST}:{port}", "--noreload"]
        description = "manage.py runserver --noreload (threaded; gunicorn not installed)"
    started = time.perf_counter()
    process = subprocess.Popen(  # noqa: S603 - our own server with fixed arguments
        [sys.executable, *args],
        cwd=BASE_DIR,
        env=_environment(var_dir) | cache,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    description += ", " + ("shared Redis cache" if cache else "local-memory cache per process")
    deadline = started + options.start_timeout
    headers = {"Authorization": f"Bearer {token}"}
    while (left := deadline - time.perf_counter()) > 0:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        sent = time.perf_counter()
        try:
            status, body, _headers = request(port, probe, headers=headers, timeout=left)
        except OSError:
            time.sleep(0.05)
            continue
        answered = time.perf_counter()
        if status == 200:
            again, _ = _timed(lambda: request(port, probe, headers=headers))
            return (
                process,
                description,
                {
                    "server_start_s": answered - started,
                    "server_first_search_s": answered - sent,
                    "second_search_s": again,
                    "first_body": body,
                },
            )
        if 400 <= status < 500:
            stop_server(process)
            raise RuntimeError(f"the start-up search answered HTTP {status}")
        time.sleep(0.05)
    stop_server(process)
    raise RuntimeError(f"no search answered within {options.start_timeout:.0f} s")


@contextmanager
def cache_server(options: argparse.Namespace, temp: Path, log):
    """The server's shared cache as {"CACHE_URL": …}: a throw-away redis-server on 127.0.0.1, as in
    production (README, CACHE_URL); {} (local memory per process) with `--cache local`."""
    if options.cache == "local":
        yield {}
        return
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - Debian's redis-server with fixed arguments
        [shutil.which("redis-server") or "redis-server", "--bind", HOST, "--port", str(port),
         "--save", "", "--appendonly", "no", "--dir", str(temp),
         "--maxmemory", "1gb", "--maxmemory-policy", "allkeys-lru"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection((HOST, port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("redis-server did not start (see the server log)") from None
                time.sleep(0.05)
        yield {"CACHE_URL": f"redis://{HOST}:{port}/0"}
    finally:
        stop_server(process)


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def request(
    port: int,
    path: str,
    *,
    method: str = "GET",
    body: str = "",
    headers: dict | None = None,
    timeout: float = 30,
) -> tuple[int, str, list[tuple[str, str]]]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read().decode("utf-8", "replace"), response.getheaders()
    finally:
        connection.close()


def _cookies(headers: list[tuple[str, str]]) -> dict[str, str]:
    jar = SimpleCookie()
    for name, value in headers:
        if name.lower() == "set-cookie":
            jar.load(value)
    return {key: morsel.value for key, morsel in jar.items()}


def sign_in(port: int, username: str, password: str) -> str:
    """Sign in through the login form; return the Cookie header of the session."""
    _status, page, headers = request(port, "/login/")
    cookies = _cookies(headers)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if token is None or "csrftoken" not in cookies:
        raise RuntimeError("login form without CSRF token")
    form = urlencode(
        {"username": username, "password": password, "csrfmiddlewaretoken": token.group(1)}
    )
    status, _body, headers = request(
        port,
        "/login/",
        method="POST",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
    )
    session = _cookies(headers).get("sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"login failed (HTTP {status})")
    return f"csrftoken={cookies['csrftoken']}; sessionid={session}"


def drive(
    port: int,
    paths: list[str],
    *,
    cookie: str,
    clients: int,
    seconds: float,
    limit: int,
    name: str,
    bodies: Counter | None = None,
) -> Load:
    """`clients` keep-alive connections fetch `paths` round-robin until time or count runs out.

    With `bodies`, every (path, response body) is counted there (for the leak check after it).
    """
    lock = threading.Lock()
    issued = [0]
    result = Load(name=name, latencies=[], seconds=0.0)
    deadline = time.perf_counter() + seconds

    def take() -> int | None:
        with lock:
            if issued[0] >= limit or time.perf_counter() >= deadline:
                return None
            issued[0] += 1
            return issued[0]

    def client() -> None:
        connection = http.client.HTTPConnection(HOST, port, timeout=60)
        mine: list[float] = []
        statuses: Counter = Counter()
        received: Counter = Counter()
        failures = 0
        while (ticket := take()) is not None:
            path = paths[ticket % len(paths)]
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Cookie": cookie})
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException):
                failures += 1
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
                continue
            mine.append((time.perf_counter() - started) * 1000)
            statuses[response.status] += 1
            if bodies is not None:
                received[path, body] += 1
            if response.will_close:
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=60)
        connection.close()
        with lock:
            result.latencies.extend(mine)
            result.statuses.update(statuses)
            result.failures += failures
            if bodies is not None:
                bodies.update(received)

    started = time.perf_counter()
    workers = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 120)
    result.seconds = time.perf_counter() - started
    return result


# --- workload -------------------------------------------------------------------------------


def workload(bundle: dict, guideline_urls: list[str]) -> dict[str, list[str]]:
    """Queries, prefixes and page paths drawn from the eval queries and the generated data.

    Ten protected people's names and their family names' prefixes are searched too: the answers
    must not mention them (the leak check).
    """
    import random

    rng = random.Random(7)  # noqa: S311 - deterministic workload, not secrets
    visible = [person for person in bundle["people"] if not person["protected"]]
    queries = [item["q"] for item in json.loads(EVAL_QUERIES.read_text(encoding="utf-8"))]
    for person in rng.sample(visible, min(30, len(visible))):
        queries.append(f"{person['given_name']} {person['family_name']}")
        queries.append(f"{person['family_name']} {person['positions'][0]['area']}")
    for org in rng.sample(bundle["organisations"], min(15, len(bundle["organisations"]))):
        queries.append(f"{rng.choice(bundle['functions'])['name']} {org['name']}")
    queries += [
        "orosanmälan förskola",
        "skolfranvaro gymnasiet",
        "våld i nära relationer",
        "samordnad individuell plan barnavårdscentralen",
        "vem kontaktar jag vid oro för ett barn",
        "suicidprevention unga",
        "hedersrelaterat våld",
        "familjehem placering",
    ]
    words = {
        word
        for phrase in [*(f"{p['given_name']} {p['family_name']}" for p in visible[:200])]
        + [org["name"] for org in bundle["organisations"][:50]]
        + [function["name"] for function in bundle["functions"]]
        + ["orosanmälan", "skolfrånvaro", "socialjouren", "kurator", "mottagning", "elevhälsa"]
        for word in phrase.split()
        if len(word) >= 2 and word.isalpha()
    }
    prefixes = sorted({word[:length].lower() for word in words for length in range(2, 7)})
    prefixes = rng.sample(prefixes, min(200, len(prefixes)))
    protected = [person for person in bundle["people"] if person["protected"]]
    for person in rng.sample(protected, min(10, len(protected))):
        queries.append(f"{person['given_name']} {person['family_name']}")
        prefixes.append(person["family_name"][: rng.randint(3, 6)].lower())
    return {
        "search": [f"/api/v1/search?q={quote(query)}" for query in queries],
        "search_terms": queries,
        "suggest": [f"/api/v1/suggest?q={quote(prefix)}" for prefix in prefixes],
        "suggest_terms": prefixes,
        "person page": [
            f"/katalog/personer/{p['id']}/" for p in rng.sample(visible, min(500, len(visible)))
        ],
        "function page": [f"/katalog/funktioner/{f['id']}/" for f in bundle["functions"]],
        "organisation page": [
            f"/katalog/organisationer/{org['id']}/" for org in bundle["organisations"]
        ],
        "guideline page": guideline_urls,
    }


def guideline_urls(limit: int = 300) -> list[str]:
    from portal.pages.content import GuidelinePage

    pages = GuidelinePage.objects.live().order_by("path")[:limit]
    return [url for url in (page.get_url() for page in pages) if url]


# --- report ---------------------------------------------------------------------------------


def _status(value: float, target: float | None) -> str:
    if target is None:
        return ""
    return "ok" if value <= target else "MISS"


def _ratio(value: float, floor: float | None) -> str:
    return f"{value / floor:.1f}x" if floor else "–"


def batch_rows(batches: list[Batch], scale: float = 1.0) -> list[list[str]]:
    """Table rows of the timed commands; targets in seconds grow with `scale` (data size)."""
    rows = []
    for batch in batches:
        target = TARGETS.get(batch.name)
        target = target * scale if target else None
        rows.append(
            [
                batch.name,
                f"{batch.wall:.1f}",
                f"{batch.cpu:.1f}",
                f"≤ {target:.0f}" if target else "–",
                _status(batch.wall, target),
                f"{batch.floor:.1f}" if batch.floor is not None else "–",
                f"{batch.floor_cpu:.1f}" if batch.floor_cpu is not None else "–",
                _ratio(batch.wall, batch.floor),
                _ratio(batch.cpu, batch.floor_cpu),
                batch.floor_note,
            ]
        )
    return rows


def load_rows(loads: list[Load]) -> list[list[str]]:
    rows = []
    for load in loads:
        p95 = percentile(load.latencies, 95)
        target = TARGETS.get(load.name)
        rows.append(
            [
                load.name,
                str(len(load.latencies)),
                f"{percentile(load.latencies, 50):.1f}",
                f"{p95:.1f}",
                f"{max(load.latencies, default=0):.1f}",
                f"{len(load.latencies) / max(load.seconds, 1e-9):.1f}",
                str(load.errors),
                f"≤ {target:.0f}" if target else "–",
                _status(p95, target) if load.latencies else "MISS",
                f"{load.floor:.1f}" if load.floor is not None else "–",
                _ratio(p95, load.floor),
                "" if load.queries is None else str(load.queries),
                "" if load.server_cpu is None else f"{load.server_cpu:.1f}",
                str(load.leaks),
                f"{load.load_start[0]:.2f}→{load.load_end[0]:.2f}" if load.load_end else "",
                load.floor_note,
            ]
        )
    return rows


BATCH_HEAD = [
    "figure", "wall s", "CPU s", "target s", "", "floor wall s", "floor CPU s", "ratio wall",
    "ratio CPU", "floor is",
]  # fmt: skip
LOAD_HEAD = [
    "figure", "n", "p50 ms", "p95 ms", "max ms", "req/s", "errors", "target p95", "",
    "floor p95 ms", "ratio", "SQL/page", "server CPU ms/req", "leaks", "load 1 min",
    "floor is",
]  # fmt: skip


def text_table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
    lines = [
        "  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [head, *rows]
    ]
    return "\n".join(lines)


def markdown_table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join(lines)


# --- results file ---------------------------------------------------------------------------

SCENARIO_KEYS = {
    "search": "search",
    "suggest": "suggest",
    "person page": "page_person",
    "function page": "page_function",
    "organisation page": "page_organisation",
    "guideline page": "page_guideline",
}
PAGE_RATIO_LIMIT = 4.0  # pages within 4x of the static file under the same load (issue 12)


@dataclass
class Measured:
    """Everything one run measured, for the results file."""

    sizes: dict
    server: str
    batches: list[Batch]
    loads: list[Load]
    startup: dict
    memory: list[dict]
    loads_at: dict
    began: datetime
    clients: int
    seconds: float
    requests: int
    index_load_s: float = 0.0
    other_errors: int = 0
    leaked: list[str] = field(default_factory=list)
    wall_s: float = 0.0


def _rounded(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def scenario_figures(load: Load) -> dict:
    """One load scenario as numbers."""
    p95 = percentile(load.latencies, 95)
    target = TARGETS.get(load.name)
    return {
        "n": len(load.latencies),
        "p50_ms": _rounded(percentile(load.latencies, 50)),
        "p95_ms": _rounded(p95),
        "max_ms": _rounded(max(load.latencies, default=0.0)),
        "requests_per_s": _rounded(len(load.latencies) / max(load.seconds, 1e-9)),
        "errors": load.errors,
        "statuses": {str(status): count for status, count in sorted(load.statuses.items())},
        "failures": load.failures,
        "leaks": load.leaks,
        "target_p95_ms": target,
        "met": None if target is None else bool(load.latencies) and p95 <= target,
        "floor_p95_ms": _rounded(load.floor),
        "ratio": _rounded(p95 / load.floor, 2) if load.floor else None,
        "floor_is": load.floor_note,
        "sql_queries": load.queries,
        "server_cpu_ms_per_request": _rounded(load.server_cpu),
        "load_average_start": load.load_start,
        "load_average_end": load.load_end,
    }


def target_checks(results: dict) -> dict:
    """Each target with its value and whether it is met."""
    scale = max(1.0, results["data"]["people"] / SIZES["people"])
    rules = [(f"{key}_p95_ms", "<=", TARGETS[name]) for name, key in SCENARIO_KEYS.items()]
    rules += [
        (f"{key}_ratio", "<=", PAGE_RATIO_LIMIT)
        for name, key in SCENARIO_KEYS.items()
        if name.endswith("page")
    ]
    rules += [
        ("first_request_s", "<=", 1.0),
        ("import_people_per_s", ">=", SIZES["people"] / TARGETS["import_directory"]),
        ("import_pages_per_s", ">=", 35.0),
        ("reindex_s", "<=", TARGETS["rebuild_search_index"] * scale),
        ("errors", "<=", 0),
        ("leaks", "<=", 0),
    ]
    checks = {}
    for key, sense, limit in rules:
        value = results.get(key)
        met = value is not None and (value <= limit if sense == "<=" else value >= limit)
        checks[key] = {"value": value, "target": f"{sense} {limit:g}", "met": met}
    return checks


def results_document(measured: Measured, relevance: dict | None) -> dict:
    """The results file: the issue 12 keys, per-scenario figures, targets met or missed."""
    loads = {load.name: load for load in measured.loads}
    batches = {batch.name: batch for batch in measured.batches}
    static = percentile(loads["static file"].latencies, 95) if "static file" in loads else None
    results: dict = {}
    for name, key in SCENARIO_KEYS.items():
        load = loads.get(name)
        p95 = percentile(load.latencies, 95) if load and load.latencies else None
        results[f"{key}_p95_ms"] = _rounded(p95)
        results[f"{key}_ratio"] = _rounded(p95 / load.floor, 2) if p95 and load.floor else None
    results["floor_search_p95_ms"] = _rounded(loads["search"].floor) if "search" in loads else None
    results["floor_suggest_p95_ms"] = (
        _rounded(loads["suggest"].floor) if "suggest" in loads else None
    )
    results["floor_static_p95_ms"] = _rounded(static)
    people = batches.get("import_directory")
    pages = batches.get("import_content")
    reindex = batches.get("rebuild_search_index")
    results |= {
        "import_people_per_s": _rounded(measured.sizes["people"] / people.wall) if people else None,
        "import_pages_per_s": _rounded(measured.sizes["pages"] / pages.wall) if pages else None,
        "import_directory_s": _rounded(people.wall) if people else None,
        "import_content_s": _rounded(pages.wall) if pages else None,
        "reindex_s": _rounded(reindex.wall) if reindex else None,
        "first_request_s": _rounded(measured.startup.get("first_request_s"), 3),
        "server_start_s": _rounded(measured.startup.get("server_start_s"), 2),
        "server_first_search_s": _rounded(measured.startup.get("server_first_search_s"), 2),
        "second_search_s": _rounded(measured.startup.get("second_search_s"), 3),
        "index_load_in_process_s": _rounded(measured.index_load_s),
        "rss_mb_per_process": max((p["rss_mb"] for p in measured.memory), default=None),
        "pss_mb_per_process": max((p.get("pss_mb", 0.0) for p in measured.memory), default=None)
        or None,
        "rss_mb_total": _rounded(sum(p["rss_mb"] for p in measured.memory)),
        "pss_mb_total": _rounded(sum(p.get("pss_mb", 0.0) for p in measured.memory)) or None,
        "processes": measured.memory,
        "errors": sum(load.errors for load in measured.loads) + measured.other_errors,
        "leaks": sum(load.leaks for load in measured.loads),
        "leaked": sorted(measured.leaked),
        "relevance": relevance,
        "scenarios": {load.name: scenario_figures(load) for load in measured.loads},
        "batches": {
            batch.name: {
                "wall_s": _rounded(batch.wall),
                "cpu_s": _rounded(batch.cpu),
                "floor_wall_s": _rounded(batch.floor),
                "floor_cpu_s": _rounded(batch.floor_cpu),
                "ratio_wall": _rounded(batch.wall / batch.floor, 1) if batch.floor else None,
                "floor_is": batch.floor_note,
            }
            for batch in measured.batches
        },
        "data": measured.sizes,
        "server": measured.server,
        "cpus": os.cpu_count(),
        "clients": measured.clients,
        "seconds_per_scenario": measured.seconds,
        "requests_per_scenario": measured.requests,
        "load_average": measured.loads_at,
        "started": measured.began.isoformat(timespec="seconds"),
        "wall_s": _rounded(measured.wall_s),
    }
    results["targets"] = target_checks(results)
    return results


def read_relevance(path: Path) -> dict | None:
    """The figures `benchmarks.relevance` wrote, or None when it has not run."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_results(path: Path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")


# --- main -----------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.performance", description=__doc__)
    parser.add_argument(
        "--county",
        action="store_true",
        help="county size (100,000 people / 10,000 pages / 1,000 organisations), "
        "results to var/bench/results-county.json",
    )
    parser.add_argument("--people", type=int)
    parser.add_argument("--organisations", type=int)
    parser.add_argument("--pages", type=int)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--seconds", type=float, default=20.0, help="per load scenario")
    parser.add_argument("--requests", type=int, default=3000, help="at most, per scenario")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--start-timeout", type=float, default=900.0, help="seconds for the server's first search"
    )
    parser.add_argument(
        "--cache",
        choices=("shared", "local"),
        default="shared" if shutil.which("redis-server") else "local",
        help="the server's cache: one redis-server shared by its processes, as in production "
        "(default where redis-server is installed), or local memory in each process",
    )
    parser.add_argument("--results", type=Path, help="the JSON results file")
    parser.add_argument(
        "--relevance",
        type=Path,
        default=RESULTS_DIR / "relevance.json",
        help="figures of benchmarks.relevance to merge in",
    )
    parser.add_argument("--markdown", type=Path, help="also write the results here")
    options = parser.parse_args(argv)
    preset = COUNTY if options.county else SIZES
    for key, value in preset.items():
        if getattr(options, key) is None:
            setattr(options, key, value)
    if options.results is None:
        name = "results-county.json" if options.county else "results.json"
        options.results = RESULTS_DIR / name
    return options


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="perf-bench-") as temp:
        return run(options, Path(temp))


def setup_django(var_dir: Path) -> None:
    """Point this process at the temporary database and start Django."""
    os.environ.update(_environment(var_dir))
    for key in ("DATABASE_URL", "ELASTICSEARCH_URL", "DEBUG"):
        os.environ.pop(key, None)
    sys.path.insert(0, str(BASE_DIR))
    os.chdir(BASE_DIR)
    import django

    django.setup()


def generate(options: argparse.Namespace, temp: Path) -> tuple[dict, Path, Path, dict]:
    """The directory bundle and the Markdown pages, written under `temp`, and their sizes."""
    from benchmarks.content import generate_content
    from directory.generate import generate_bundle

    bundle = generate_bundle(people=options.people, organisations=options.organisations)
    bundle_path = temp / "directory.json"
    bundle_path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    content_dir = temp / "content"
    generate_content(
        content_dir,
        pages=options.pages,
        organisations=[org["id"] for org in bundle["organisations"]],
        functions=[function["id"] for function in bundle["functions"]],
    )
    sizes = {
        "people": len(bundle["people"]),
        "protected_people": sum(1 for person in bundle["people"] if person["protected"]),
        "positions": sum(len(person["positions"]) for person in bundle["people"]),
        "organisations": len(bundle["organisations"]),
        "functions": len(bundle["functions"]),
        "contact_points": len(bundle["contact_points"]),
        "pages": options.pages,
        "bundle_mb": round(bundle_path.stat().st_size / 2**20, 1),
        "content_mb": round(sum(f.stat().st_size for f in content_dir.iterdir()) / 2**20, 1),
    }
    print("  generated " + ", ".join(f"{value} {key}" for key, value in sizes.items()), flush=True)
    return bundle, bundle_path, content_dir, sizes


def batch_figures(bundle_path: Path, content_dir: Path, var_dir: Path) -> list[Batch]:
    """Start-up, both imports and the full reindex, each with its floor."""
    run_command("start-up", ["version"], var_dir, 600)
    startup = run_command("start-up", ["version"], var_dir, 600)
    startup.floor_note = "Django start-up alone (`manage.py version`), part of every command"
    steps = [
        (
            "import_directory",
            [str(bundle_path)],
            lambda: import_floor(bundle_path),
            "json parse + bare bulk_create of the same rows",
        ),
        (
            "import_content",
            [str(content_dir)],
            lambda: content_floor(content_dir),
            "read + validate + Markdown→HTML, no writes",
        ),
        ("rebuild_search_index", [], reindex_floor, "build every document, no analysis/writes"),
    ]
    batches = [startup]
    for name, args, floor, note in steps:
        cpu = time.process_time()
        seconds, _ = _timed(floor)
        cpu = time.process_time() - cpu
        batch = run_command(name, [name, *args], var_dir, 3600)
        batch.floor, batch.floor_cpu, batch.floor_note = seconds, cpu, note
        batches.append(batch)
        print(f"  {name}: {batch.wall:.1f} s ({batch.output})", flush=True)
    return batches


def load_figures(
    options: argparse.Namespace, var_dir: Path, log_path: Path, work: dict, access: dict
) -> tuple[list[Load], str, dict, list[dict], set[str]]:
    """Start a fresh server, time its first search, drive every scenario, read its memory.

    The static file comes first, as the floor. Every other response (first search and warm-ups
    included) is leak-checked after its scenario. Returns the loads, the server's description,
    the start-up figures, the memory of its processes after the load and what leaked.
    """
    loads: list[Load] = []
    bodies: Counter = Counter()
    leaked: set[str] = set()
    port = free_port()
    with log_path.open("w") as log, cache_server(options, log_path.parent, log) as cache:
        process, server, startup = start_server(
            var_dir, port, options, log, probe=work["search"][0], token=access["token"], cache=cache
        )
        try:
            bodies[work["search"][0], startup.pop("first_body")] += 1
            startup["first_request_s"] = fresh_worker_search(
                process, port, work["search"][0], access["token"]
            )
            print(
                f"  server: {server} on {HOST}:{port}; first search answered "
                f"{startup['server_start_s']:.2f} s after the start (that search took "
                f"{startup['server_first_search_s']:.2f} s, the next "
                f"{startup['second_search_s']:.3f} s); new workers' first searches: at most "
                f"{startup['first_request_s'] or 0:.3f} s",
                flush=True,
            )
            cookie = sign_in(port, "bench", access["password"])
            common = {"cookie": cookie, "clients": options.clients}
            names = ["search", "suggest", *(name for name in TARGETS if name.endswith("page"))]
            scenarios = [("static file", ["/static/css/portal.css"])]
            scenarios += [(name, work[name]) for name in names]
            for name, paths in scenarios:
                checked = None if name == "static file" else bodies
                warm = drive(
                    port,
                    paths,
                    seconds=30,
                    limit=options.clients * 4,
                    name=name,
                    bodies=checked,
                    **common,
                )
                startup["warm_up_errors"] = startup.get("warm_up_errors", 0) + warm.errors
                load_start = load_numbers()
                cpu_before = server_cpu(process.pid)
                load = drive(
                    port,
                    paths,
                    seconds=options.seconds,
                    limit=options.requests,
                    name=name,
                    bodies=checked,
                    **common,
                )
                cpu_after = server_cpu(process.pid)
                load.load_start, load.load_end = load_start, load_numbers()
                if cpu_before is not None and cpu_after is not None and load.latencies:
                    load.server_cpu = (cpu_after - cpu_before) * 1000 / len(load.latencies)
                if checked is not None:
                    load.leaks, seen = access["detector"].count(bodies)
                    leaked |= seen
                loads.append(load)
                print(
                    f"  {name}: {len(load.latencies)} requests, "
                    f"p95 {percentile(load.latencies, 95):.1f} ms, {load.errors} errors, "
                    f"{load.leaks} leaks, load {load.load_start[0]:.2f}→{load.load_end[0]:.2f}",
                    flush=True,
                )
                bodies.clear()
            memory = server_memory(process.pid)
        finally:
            stop_server(process)
    return loads, server, startup, memory, leaked


def attach_floors(loads: list[Load], floors: dict[str, list[float]], sql: dict) -> None:
    """Static-file p95 for pages, in-process engine p95 for search and suggest."""
    static = percentile(loads[0].latencies, 95)
    for load in loads[1:]:
        load.floor, load.floor_note = static, "static file, same load"
        load.queries = sql.get(load.name)
        if load.name == "search":
            load.floor = percentile(floors["engine"], 95)
            load.floor_note = (
                "engine.search in-process, same terms (whole service in-process: "
                f"p95 {percentile(floors['service'], 95):.1f} ms)"
            )
        elif load.name == "suggest":
            load.floor = percentile(floors["suggest"], 95)
            load.floor_note = "engine.suggest in-process, same prefixes"


def run(options: argparse.Namespace, temp: Path) -> int:
    """The whole benchmark in `temp`; prints the tables, writes the results file, returns 0."""
    started = time.perf_counter()
    var_dir = temp / "var"
    var_dir.mkdir()
    setup_django(var_dir)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from portal.accounts.services import create_api_token
    from search import service

    began = datetime.now(UTC)
    loads_at = {"start": load_numbers()}
    print(f"Performance benchmark in {temp} (load average {load_average()}, {os.cpu_count()} CPUs)")
    seconds, _ = _timed(lambda: call_command("migrate", verbosity=0, interactive=False))
    print(f"  migrate: {seconds:.1f} s", flush=True)
    bundle, bundle_path, content_dir, sizes = generate(options, temp)
    batches = batch_figures(bundle_path, content_dir, var_dir)

    index_load, _ = _timed(lambda: service.get_engine().sync())
    print(f"  in-memory index load in this process: {index_load:.1f} s")
    work = workload(bundle, guideline_urls())
    floors = engine_floors(work["search_terms"], work["suggest_terms"])
    password = os.urandom(12).hex()
    user = get_user_model().objects.create_user(username="bench", password=password)
    _token, secret = create_api_token(user=user, name="bench", lifetime=None)
    sql = page_queries({name: work[name][0] for name in TARGETS if name.endswith("page")}, user)
    access = {
        "password": password,
        "token": secret,
        "detector": LeakDetector([person for person in bundle["people"] if person["protected"]]),
    }
    loads_at["load test"] = load_numbers()
    loads, server, startup, memory, leaked = load_figures(
        options, var_dir, temp / "server.log", work, access
    )
    loads_at["end"] = load_numbers()
    attach_floors(loads, floors, sql)
    measured = Measured(
        sizes=sizes,
        server=server,
        batches=batches,
        loads=loads,
        startup=startup,
        memory=memory,
        loads_at=loads_at,
        began=began,
        clients=options.clients,
        seconds=options.seconds,
        requests=options.requests,
        index_load_s=index_load,
        other_errors=startup.get("warm_up_errors", 0),
        leaked=sorted(leaked),
        wall_s=time.perf_counter() - started,
    )
    results = results_document(measured, read_relevance(options.relevance))
    write_results(options.results, results)
    report(options, measured, results, began)
    return 0


def report(options: argparse.Namespace, measured: Measured, results: dict, began) -> None:
    """Print the tables, start-up, memory and the targets missed; the Markdown file if asked."""
    summary = {
        "batch": batch_rows(measured.batches, max(1.0, options.people / SIZES["people"])),
        "load": load_rows(measured.loads),
        "server": measured.server,
        "loads_at": {
            name: " ".join(f"{value:.2f}" for value in values)
            for name, values in measured.loads_at.items()
        },
    }
    memory = "; ".join(
        f"{p['role']} {p['pid']}: RSS {p['rss_mb']:.0f} MB"
        + (f", PSS {p['pss_mb']:.0f} MB" if "pss_mb" in p else "")
        for p in measured.memory
    )
    misses = [key for key, check in results["targets"].items() if not check["met"]]
    relevance = results["relevance"]
    print(
        f"\n{text_table(BATCH_HEAD, summary['batch'])}\n\n"
        f"{options.clients} concurrent clients, {options.seconds:.0f} s or "
        f"{options.requests} requests per scenario; {measured.server}\n"
        f"{text_table(LOAD_HEAD, summary['load'])}\n\n"
        f"start-up: first search answered {results['server_start_s']} s after the server "
        f"process started (that search took {results['server_first_search_s']} s); a new "
        f"worker's first search: {results['first_request_s']} s\n"
        f"memory after the load: {memory}\n"
        f"errors: {results['errors']}; leaks: {results['leaks']} {results['leaked'] or ''}\n"
        "relevance: "
        + (
            f"s@1 {relevance['success@1']:.2f}, s@3 {relevance['success@3']:.2f}, "
            f"MRR {relevance['mrr']:.2f}, leaks {relevance['leaks']}"
            if relevance
            else f"none ({options.relevance} not found: run `make bench-relevance`)"
        )
        + "\nload average (1/5/15 min): "
        + "; ".join(f"{k}: {v}" for k, v in summary["loads_at"].items())
        + f"\nwall time {results['wall_s']:.0f} s; results written to {options.results}"
    )
    print(("MISS: " + ", ".join(misses)) if misses else "All targets met.")
    if options.markdown:
        write_markdown(options, summary, began, misses)


def write_markdown(options, summary: dict, began: datetime, misses: list[str]) -> None:
    command = "python -m benchmarks.performance " + " ".join(sys.argv[1:])
    lines = [
        "# Performance benchmark results (SPEC §6)",
        "",
        f"Run {began:%Y-%m-%d %H:%M} UTC on {os.cpu_count()} CPUs; command: `{command}` "
        "(from the checkout, `.venv/bin/python`; `make bench` runs it without arguments).",
        "",
        f"Data: {options.people} people, {options.organisations} organisations, "
        f"{options.pages} pages (guidelines and directives).",
        "",
        markdown_table(BATCH_HEAD, summary["batch"]),
        "",
        f"{options.clients} concurrent clients, {options.seconds:.0f} s or {options.requests} "
        f"requests per scenario; {summary['server']}.",
        "",
        markdown_table(LOAD_HEAD, summary["load"]),
        "",
        "Load average (1/5/15 min): "
        + "; ".join(f"{k}: {v}" for k, v in summary["loads_at"].items()),
        "",
        ("MISS: " + ", ".join(misses)) if misses else "All targets met.",
        "",
    ]
    options.markdown.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
