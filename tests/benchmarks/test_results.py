"""The results file of the performance benchmark and its leak counter."""

import json
import os
from collections import Counter
from datetime import UTC, datetime

from benchmarks.performance import (
    Batch,
    LeakDetector,
    Load,
    Measured,
    parse_args,
    process_memory,
    results_document,
    write_results,
)

REQUIRED = [
    "search_p95_ms",
    "suggest_p95_ms",
    "page_person_p95_ms",
    "page_function_p95_ms",
    "page_organisation_p95_ms",
    "page_guideline_p95_ms",
    "floor_search_p95_ms",
    "floor_static_p95_ms",
    "import_people_per_s",
    "import_pages_per_s",
    "reindex_s",
    "first_request_s",
    "rss_mb_per_process",
    "errors",
    "leaks",
]
PROTECTED = [
    {
        "id": "gp000097",
        "given_name": "Anna",
        "family_name": "Lejonhufvud",
        "email": "person97@genby.test",
    }
]


def test_a_body_naming_a_protected_person_counts_as_a_leak():
    detector = LeakDetector(PROTECTED)
    bodies = Counter(
        {
            ("/katalog/personer/gp1/", b"<li>Anna Lejonhufvud, handl\xc3\xa4ggare</li>"): 3,
            ("/api/v1/search?q=x", b'{"results": [{"title": "Lejonhufvud, Anna"}]}'): 1,
            ("/katalog/personer/gp2/", b"<p>Anna Berg och Erik Lejonhufvud</p>"): 5,
        }
    )

    count, who = detector.count(bodies)

    assert count == 4
    assert who == {"anna lejonhufvud", "lejonhufvud anna"}


def test_a_search_answer_repeating_the_query_is_no_leak_but_a_result_is():
    detector = LeakDetector(PROTECTED)
    path = "/api/v1/search?q=Anna%20Lejonhufvud"
    echo = b'{"query": "anna  lejonhufvud", "total": 0, "results": []}'
    found = b'{"query": "Anna Lejonhufvud", "results": [{"title": "Anna Lejonhufvud"}]}'
    corrected = b'{"query": "Anna Lejonhufvud", "corrected_from": "Ana Lejonhufvud"}'

    assert detector.count(Counter({(path, echo): 2})) == (0, set())
    assert detector.count(Counter({(path, found): 1}))[0] == 1
    assert detector.count(Counter({("/api/v1/search?q=Ana%20Lejonhufvud", corrected): 1}))[0] == 1


def test_ids_e_mails_and_escaped_names_are_found():
    detector = LeakDetector(PROTECTED)

    assert detector.found(b'{"name": "Anna Lejonhufvud"}'.replace(b"A", b"\\u0041"))
    assert detector.found(b'<a href="/katalog/personer/gp000097/">') == {"gp000097"}
    assert detector.found(b"mailto:Person97@genby.test") == {"person97@genby.test"}
    assert detector.found(b"<p>Anna&nbsp;Lejonhufvud</p>") == {"anna lejonhufvud"}
    assert not detector.found(b'<a href="/katalog/personer/gp0000971/">person970@genby.test')


def _load(name: str, latencies: list[float], floor: float | None = None, **fields) -> Load:
    return Load(name=name, latencies=latencies, seconds=2.0, floor=floor, **fields)


def _measured() -> Measured:
    pages = ["person page", "function page", "organisation page", "guideline page"]
    loads = [
        _load("static file", [5.0, 6.0]),
        _load("search", [100.0, 120.0], floor=10.0, statuses=Counter({200: 1, 500: 1})),
        _load("suggest", [30.0, 70.0], floor=2.0, leaks=1),
        *(_load(name, [50.0, 60.0], floor=6.0) for name in pages),
    ]
    loads[1].load_start, loads[1].load_end = [1.5, 1.0, 0.5], [2.0, 1.1, 0.6]
    return Measured(
        sizes={"people": 1000, "pages": 100, "organisations": 10},
        server="gunicorn gthread, 2 workers x 4 threads",
        batches=[
            Batch(name="import_directory", wall=4.0, cpu=3.0, floor=1.0, floor_cpu=1.0),
            Batch(name="import_content", wall=2.0, cpu=2.0),
            Batch(name="rebuild_search_index", wall=3.0, cpu=2.5),
        ],
        loads=loads,
        startup={
            "server_start_s": 3.2,
            "server_first_search_s": 2.4,
            "second_search_s": 0.02,
            "first_request_s": 0.4,
        },
        memory=[
            {"pid": 1, "role": "master", "rss_mb": 90.0, "pss_mb": 40.0},
            {"pid": 2, "role": "worker", "rss_mb": 300.0, "pss_mb": 180.0},
        ],
        loads_at={"start": [1.0, 1.0, 1.0]},
        began=datetime(2026, 1, 1, tzinfo=UTC),
        clients=8,
        seconds=2.0,
        requests=60,
        other_errors=2,
    )


def test_results_have_every_key_as_a_number_and_relevance_nested(tmp_path):
    relevance = {"success@1": 0.9, "success@3": 1.0, "mrr": 0.95, "leaks": 0}
    path = tmp_path / "bench" / "results.json"

    write_results(path, results_document(_measured(), relevance))

    results = json.loads(path.read_text())
    for key in REQUIRED:
        assert isinstance(results[key], int | float), key
    assert results["relevance"] == relevance
    assert results["search_p95_ms"] == 120.0
    assert results["search_ratio"] == 12.0
    assert results["floor_static_p95_ms"] == 6.0
    assert results["import_people_per_s"] == 250.0
    assert results["import_pages_per_s"] == 50.0
    assert (results["rss_mb_per_process"], results["pss_mb_per_process"]) == (300.0, 180.0)
    assert results["errors"] == 3
    assert results["leaks"] == 1
    assert results["scenarios"]["search"]["load_average_end"] == [2.0, 1.1, 0.6]
    assert results["scenarios"]["search"]["statuses"] == {"200": 1, "500": 1}


def test_targets_say_met_or_missed():
    targets = results_document(_measured(), None)["targets"]

    assert targets["page_person_p95_ms"]["met"] is True
    assert targets["suggest_p95_ms"]["met"] is False
    assert targets["page_person_ratio"] == {"value": 10.0, "target": "<= 4", "met": False}
    assert targets["first_request_s"]["met"] is True
    assert targets["import_pages_per_s"]["met"] is True
    assert targets["leaks"]["met"] is False


def test_the_county_preset_sizes_and_results_file():
    county = parse_args(["--county"])
    default = parse_args([])
    smaller = parse_args(["--county", "--people", "40000", "--results", "out/x.json"])

    assert (county.people, county.pages, county.organisations) == (100_000, 10_000, 1_000)
    assert county.results.name == "results-county.json"
    assert (default.people, default.results.name) == (20_000, "results.json")
    assert default.results.parent == county.results.parent
    assert default.results.parent.parts[-2:] == ("var", "bench")
    assert (smaller.people, smaller.pages, str(smaller.results)) == (40_000, 10_000, "out/x.json")


def test_process_memory_reads_proc():
    figures = process_memory(os.getpid(), "worker")

    assert figures["rss_mb"] > 1
    assert figures["role"] == "worker"
