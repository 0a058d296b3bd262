"""`make bench`: relevance of our search on ../shared/eval beside a plain full-text baseline.

Imports the public collection into a fresh temporary SQLite database, sends every query of
queries.json to `search.service.search` and to the baseline, and prints success@1, success@3 and
MRR overall and per category, plus the protected-identity leak count for protected.json.

Then the county (SPEC §5.2, benchmarks/county.py): the public area cloned into eight
municipalities, imported by a child process into its own fresh temporary database (Lekeby keeps
its ids, so queries.json's expectations hold). Every query is searched with no context and as a
Lekeby social worker (`search.registry.context_for_person(SEARCHER)`), on the public collection
and on the county; queries whose expected records have clones in other municipalities are
"ambiguous". Each run also counts answer cards shown and wrong: a card is
wrong when it names another municipality's record, or is a person while no expected record is
one, or is of an expected kind but not an expected record.

The baseline is what Wagtail's database backend does on SQLite: an FTS5 table over the same
documents (title weighted 10, all other text 1, unicode61 tokens, no folding, stemming, synonyms or
intent), each query word OR-ed, ranked by bm25.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
EVAL_DIR = BASE_DIR.parent / "shared" / "eval"
FIGURES = BASE_DIR / "var" / "bench" / "relevance.json"
TOP = 10
SEARCHER = "p065"  # Annika Öberg, socialsekreterare at Lekeby's Utredningsenheten barn och unga


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


@dataclass(frozen=True)
class Outcome:
    """One query searched: the rank of its first expected record and the answer card shown."""

    query: dict
    rank: int | None
    card: tuple[str, str] | None

    @property
    def expected(self) -> set[tuple[str, str]]:
        return {(item["kind"], item["id"]) for item in self.query["expect"]}


def run(queries: list[dict], context) -> list[Outcome]:
    """Search every query with this context (None: none) and keep rank and card."""
    from search import service
    from search.params import SearchParams

    outcomes = []
    for query in queries:
        found = service.search(SearchParams(q=query["q"], limit=TOP), context=context)
        pairs = [(hit.kind, hit.id) for hit in found.results[:TOP]]
        expected = {(item["kind"], item["id"]) for item in query["expect"]}
        rank = next((n for n, pair in enumerate(pairs, 1) if pair in expected), None)
        card = (found.answer.kind, found.answer.id) if found.answer else None
        outcomes.append(Outcome(query=query, rank=rank, card=card))
    return outcomes


def wrong_card(outcome: Outcome, home: dict[tuple[str, str], str | None], own: str) -> bool:
    """Another municipality's record, a person nobody asked for, or the wrong one of its kind."""
    if outcome.card is None:
        return False
    kind, _ = outcome.card
    expected_kinds = {expected_kind for expected_kind, _ in outcome.expected}
    return (
        home.get(outcome.card) not in (None, own)
        or (kind == "person" and "person" not in expected_kinds)
        or (kind in expected_kinds and outcome.card not in outcome.expected)
    )


def summary(outcomes: list[Outcome], home: dict, own: str) -> dict:
    """success@1/@3, MRR, cards shown and wrong of a run."""
    figures = _metrics([outcome.rank or 0 for outcome in outcomes])
    figures["cards"] = sum(1 for outcome in outcomes if outcome.card)
    figures["wrong"] = sum(1 for outcome in outcomes if wrong_card(outcome, home, own))
    return figures


def ambiguous_queries(queries: list[dict], county) -> set[str]:
    """The queries whose expected records have clones in other municipalities."""
    return {
        query["q"]
        for query in queries
        if any((item["kind"], item["id"]) in county.clones for item in query["expect"])
    }


def county_report(runs: dict[str, list[Outcome]], county, out=sys.stdout) -> dict:
    """The before/after table: public and county, without and with the searcher's context."""
    from benchmarks.county import LEKEBY

    ambiguous = ambiguous_queries(
        [outcome.query for outcome in runs["county, context=none"]], county
    )
    clear = sorted({o.query["q"] for o in runs["county, context=none"]} - ambiguous)
    out.write(f"not ambiguous (their records are shared or Lekeby's alone): {clear}\n")
    line = "{:<32}{:>5} {:>6} {:>6} {:>6} {:>6} {:>6}"
    out.write("\n" + line.format("", "n", "s@1", "s@3", "MRR", "cards", "wrong") + "\n")
    figures = {}
    for name, outcomes in runs.items():
        subsets = [("", outcomes)]
        if name.startswith("county"):
            subsets.append((" ambiguous", [o for o in outcomes if o.query["q"] in ambiguous]))
        for label, chosen in subsets:
            found = summary(chosen, county.home, LEKEBY)
            figures[name + label] = found
            values = (f"{found[key]:.2f}" for key in ("success@1", "success@3", "mrr"))
            out.write(
                line.format(name + label, found["n"], *values, found["cards"], found["wrong"])
                + "\n"
            )
    for name, outcomes in runs.items():
        for outcome in outcomes:
            wrong = wrong_card(outcome, county.home, LEKEBY)
            if outcome.rank != 1 or wrong:
                card = "/".join(outcome.card) if outcome.card else "no card"
                flag = " WRONG" if wrong else ""
                out.write(
                    f"  {name}: {outcome.query['q']!r} rank {outcome.rank}, card {card}{flag}\n"
                )
    return {"figures": figures, "ambiguous": sorted(ambiguous)}


def load_county(directory: Path):
    """Write the cloned county under `directory` and import it with the project's importers."""
    from benchmarks.county import build_county
    from directory.services import import_directory
    from portal.importers.content import import_content

    county = build_county(EVAL_DIR)
    bundle_path, content_dir = county.write(directory)
    import_directory(path=bundle_path, progress=False)
    import_content(directory=content_dir)
    return county


def county_runs(queries: list[dict], var_dir: Path) -> dict:
    """Import the county into this process's fresh database and search it both ways."""
    from search.registry import context_for_person

    started = time.perf_counter()
    county = load_county(var_dir / "county")
    imported = time.perf_counter() - started
    context = context_for_person(SEARCHER)
    runs = {
        "county, context=none": run(queries, None),
        f"county, as {SEARCHER}": run(queries, context),
    }
    protected = [
        {
            "id": person["id"],
            "name": f"{person['given_name']} {person['family_name']}",
            "email": person["email"],
            "phone": person["phone"],
        }
        for person in county.bundle["people"]
        if person["protected"]
    ]
    public = json.loads((EVAL_DIR / "protected.json").read_text(encoding="utf-8"))
    leak_queries = [
        *public["leak_queries"],
        *(person["name"] for person in protected),
        *(query["q"] for query in queries),
    ]
    return {
        "imported": imported,
        "context": _described(context),
        "leaks": leaks(leak_queries, protected),
        "leak_queries": len(leak_queries),
        "protected": len(protected),
        "runs": {
            name: [asdict(outcome) for outcome in outcomes] for name, outcomes in runs.items()
        },
    }


def _described(context) -> str:
    if context is None:
        return "None (no context provider knows them: 'as' equals context=none)"
    return repr(context)


def start_county(found: Path) -> subprocess.Popen:
    """The county's runs in a child process with its own fresh database, writing `found`."""
    command = [sys.executable, "-m", "benchmarks.relevance", "--county", str(found)]
    return subprocess.Popen(command)  # noqa: S603 - this interpreter, this module


def compare(queries: list[dict], child: subprocess.Popen, found: Path) -> dict:
    """Public here and the county from the child process, both ways; print the table."""
    from benchmarks.county import build_county
    from search.registry import context_for_person

    context = context_for_person(SEARCHER)
    runs = {
        "public, context=none": run(queries, None),
        f"public, as {SEARCHER}": run(queries, context),
    }
    if child.wait() != 0:
        raise SystemExit(f"the county run failed (exit status {child.returncode})")
    county_found = json.loads(found.read_text(encoding="utf-8"))
    for name, outcomes in county_found["runs"].items():
        runs[name] = [
            Outcome(query=o["query"], rank=o["rank"], card=tuple(o["card"]) if o["card"] else None)
            for o in outcomes
        ]
    county = build_county(EVAL_DIR)
    sizes = ", ".join(f"{len(records)} {name}" for name, records in county.bundle.items())
    print(
        f"\nCounty: 8 municipalities ({sizes}, {len(county.content)} pages), imported in "
        f"{county_found['imported']:.0f} s into a fresh database\n"
        f"protected-identity leaks in the county: {county_found['leaks']} "
        f"({county_found['protected']} protected people, {county_found['leak_queries']} queries)\n"
        f"searcher {SEARCHER}: public {_described(context)}; county {county_found['context']}"
    )
    found = county_report(runs, county)
    found["leaks"] = county_found["leaks"]
    found["imported_s"] = county_found["imported"]
    return found


def figures(public: dict, county: dict) -> dict:
    """The relevance figures the performance benchmark files under `relevance`."""
    return {
        **{key: public["ours"]["overall"][key] for key in ("success@1", "success@3", "mrr", "n")},
        "baseline": public["baseline"]["overall"],
        "success@3_vs_baseline": public["ratio"],
        "leaks": public["leaks"],
        "categories": public["ours"]["categories"],
        "not_first": [{"q": query, "rank": rank} for query, rank in public["ours"]["misses"]],
        "county": {
            "figures": county["figures"],
            "ambiguous": len(county["ambiguous"]),
            "leaks": county["leaks"],
            "imported_s": county["imported_s"],
        },
    }


def write_figures(found: dict, path: Path = FIGURES) -> None:
    """Write the figures as JSON for `benchmarks.performance` to merge into its results."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(found, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"relevance figures written to {path}")


def main() -> None:
    """The public report and the county comparison; with `--county FILE`, the county's runs only.

    The county's child process starts first and works beside the public run.
    """
    county_out = Path(sys.argv[2]) if sys.argv[1:2] == ["--county"] else None
    with tempfile.TemporaryDirectory(prefix="bench-") as var_dir:
        os.environ["VAR_DIR"] = var_dir
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("ELASTICSEARCH_URL", None)
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
        child = None if county_out else start_county(Path(var_dir) / "county.json")
        import django
        from django.core.management import call_command

        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        queries = json.loads((EVAL_DIR / "queries.json").read_text(encoding="utf-8"))
        if county_out is not None:
            found = county_runs(queries, Path(var_dir))
            county_out.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
            return
        try:
            print(f"Importing {EVAL_DIR} …", flush=True)
            load_collection()
            public = report()
            write_figures(figures(public, compare(queries, child, Path(var_dir) / "county.json")))
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()


if __name__ == "__main__":
    main()
