"""Run one search from the command line and print the API's JSON."""

import json

from django.core.management.base import BaseCommand, CommandError
from pydantic import ValidationError

from search import service
from search.api import search_json
from search.params import DEFAULT_LIMIT, SearchParams


class Command(BaseCommand):
    help = 'Search like GET /api/v1/search: manage.py search_query "kurator Norrby" --json'

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--kind", action="append", default=[], help="Only this kind.")
        parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
        parser.add_argument("--offset", type=int, default=0)
        parser.add_argument("--json", action="store_true", help="Print the API's JSON.")

    def handle(self, *args, **options):
        try:
            params = SearchParams(
                q=options["query"],
                kind=options["kind"],
                limit=options["limit"],
                offset=options["offset"],
            )
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}"
                for problem in error.errors()
            )
            raise CommandError(problems) from error
        results = service.search(params)
        if options["json"]:
            self.stdout.write(json.dumps(search_json(results), ensure_ascii=False, indent=1))
            return
        for rank, result in enumerate(results.results, start=1 + params.offset):
            self.stdout.write(f"{rank:>3}. [{result.kind}] {result.title} ({result.id})")
        self.stdout.write(f"{results.total} results")
