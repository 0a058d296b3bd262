"""`make bench`: relevance of our search on ../shared/eval beside a plain full-text baseline.

Imports the public collection into a fresh temporary SQLite database, sends every query of
queries.json to `search.service.search` and to the baseline, and prints success@1, success@3 and
MRR overall and per category, plus the protected-identity leak count for protected.json.

The baseline is what Wagtail's database backend does on SQLite: an FTS5 table over the same
documents (title weighted 10, all other text 1, unicode61 tokens, no folding, stemming, synonyms or
intent), each query word OR-ed, ranked by bm25.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

EVAL_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
TOP = 10


def load_collection(path: Path = EVAL_DIR) -> None:
    """Import the collection's directory bundle and content with the project's importers."""
    from directory.services import import_directory
    from portal.importers.content import import_content

    import_directory(path=path / "directory.json")
    import_content(directory=path / "content")


def score(queries: list[dict], search: Callable[[str], list[tuple[str, str]]]) -> dict:
    """success@1, success@3 and MRR overall and per category, with the failing queries."""
    by_category: dict[str, list[float]] = defaultdict(list)
    rows = []
    for query in queries:
        found = search(query["q"])[:TOP]
        expected = {(item["kind"], item["id"]) for item in query["expect"]}
        rank = next((n for n, pair in enumerate(found, 1) if pair in expected), None)
        rows.append((query, rank))
        by_category[query["category"]].append(rank or 0)
    return {
        "overall": _metrics([rank or 0 for _, rank in rows]),
        "categories": {name: _metrics(ranks) for name, ranks in sorted(by_category.items())},
        "misses": [(query["q"], rank) for query, rank in rows if rank != 1],
    }


def _metrics(ranks: list[int]) -> dict[str, float]:
    count = max(len(ranks), 1)
    return {
        "success@1": sum(1 for rank in ranks if rank == 1) / count,
        "success@3": sum(1 for rank in ranks if 1 <= rank <= 3) / count,
        "mrr": sum(1 / rank for rank in ranks if rank) / count,
        "n": len(ranks),
    }


def ours(query: str) -> list[tuple[str, str]]:
    from search import service
    from search.params import SearchParams

    return [(hit.kind, hit.id) for hit in service.search(SearchParams(q=query, limit=TOP)).results]


class Baseline:
    """Plain SQLite FTS5 over each record's own fields: no query understanding, no enrichment."""

    def __init__(self):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(kind UNINDEXED, key UNINDEXED, title, body)"
        )
        self.db.executemany("INSERT INTO docs VALUES (?, ?, ?, ?)", list(_baseline_rows()))

    def __call__(self, query: str) -> list[tuple[str, str]]:
        terms = [f'"{word}"' for word in re.findall(r"\w+", query.lower())]
        if not terms:
            return []
        sql = (
            "SELECT kind, key FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, 0, 10, 1) LIMIT ?"
        )
        return list(self.db.execute(sql, (" OR ".join(terms), TOP)))


def _baseline_rows():
    """(kind, id, title, text) of every record as Wagtail would index its model fields."""
    from directory.models import ContactPoint, Function, Organisation, Person
    from portal import search_documents
    from search.documents import plain

    for org in Organisation.objects.current():
        yield "organisation", org.key, org.name, org.address
    for function in Function.objects.current():
        text = " ".join(
            [function.summary, function.mandate, function.responsibilities, function.contact_when]
        )
        yield "function", function.key, function.name, text
    for point in ContactPoint.objects.current():
        yield "contact_point", point.key, point.name, f"{point.purpose} {point.hours}"
    for person in Person.objects.visible():
        yield "person", person.key, person.full_name, person.title
    for page in search_documents.live_pages():
        kind = search_documents.page_kind(page)
        body = plain(getattr(page, "body", ""))
        yield kind, page.slug, page.title, f"{getattr(page, 'summary', '')} {body}"


def leaks(queries: list[str], protected: list[dict]) -> int:
    """Responses (search JSON or suggestions) that mention a protected person."""
    from search import service
    from search.api import search_json
    from search.params import SearchParams

    needles = [
        value.lower()
        for person in protected
        for value in (f'"{person["id"]}"', person["name"], person["email"], person["phone"])
    ]
    count = 0
    for query in queries:
        found = search_json(service.search(SearchParams(q=query, limit=50)))
        payloads = (found["results"], found["facets"], found["answer"], service.suggest(query))
        for payload in payloads:
            text = json.dumps(payload, ensure_ascii=False).lower()
            count += any(needle in text for needle in needles)
    return count


def report(path: Path = EVAL_DIR, out=sys.stdout) -> dict:
    """Score our engine and the baseline on the loaded collection and print the table."""
    queries = json.loads((path / "queries.json").read_text(encoding="utf-8"))
    protected = json.loads((path / "protected.json").read_text(encoding="utf-8"))
    started = time.perf_counter()
    mine = score(queries, ours)
    per_query_ms = (time.perf_counter() - started) / max(len(queries), 1) * 1000
    base = score(queries, Baseline())
    leak_queries = [*protected["leak_queries"], *(query["q"] for query in queries)]
    leak_count = leaks(leak_queries, protected["people"])
    line = "{:<22}{:>5} {:>7} {:>7} {:>7}   {:>7} {:>7} {:>7}"
    out.write(line.format("", "n", "s@1", "s@3", "MRR", "base@1", "base@3", "bMRR") + "\n")
    rows = [("overall", mine["overall"], base["overall"])]
    rows += [
        (name, mine["categories"][name], base["categories"][name]) for name in mine["categories"]
    ]
    for name, m, b in rows:
        out.write(
            line.format(
                name,
                m["n"],
                *(f"{m[key]:.2f}" for key in ("success@1", "success@3", "mrr")),
                *(f"{b[key]:.2f}" for key in ("success@1", "success@3", "mrr")),
            )
            + "\n"
        )
    ratio = mine["overall"]["success@3"] / max(base["overall"]["success@3"], 1e-9)
    out.write(
        f"\nsuccess@3 vs baseline: {ratio:.2f}x   mean search time {per_query_ms:.1f} ms/query\n"
    )
    out.write(f"protected-identity leaks: {leak_count} ({len(leak_queries)} queries)\n")
    for query, rank in mine["misses"]:
        out.write(f"  not first: {query!r} (rank {rank})\n")
    return {"ours": mine, "baseline": base, "leaks": leak_count, "ratio": ratio}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-") as var_dir:
        os.environ["VAR_DIR"] = var_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("ELASTICSEARCH_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        print(f"Importing {EVAL_DIR} …", flush=True)
        load_collection()
        report()


if __name__ == "__main__":
    main()
