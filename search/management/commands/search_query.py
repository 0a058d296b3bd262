"""Run one search from the command line and print the API's JSON."""

import json

from django.core.management.base import BaseCommand

from search import service


class Command(BaseCommand):
    help = 'Search like GET /api/v1/search: manage.py search_query "kurator Norrby" --json'

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--kind", action="append", default=[], help="Only this kind.")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--offset", type=int, default=0)
        parser.add_argument("--json", action="store_true", help="Print the API's JSON.")

    def handle(self, *args, **options):
        results = service.search(
            options["query"],
            kinds=options["kind"],
            limit=options["limit"],
            offset=options["offset"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(results.to_json(), ensure_ascii=False, indent=1))
            return
        for rank, result in enumerate(results.results, start=1 + options["offset"]):
            self.stdout.write(f"{rank:>3}. [{result['kind']}] {result['title']} ({result['id']})")
        self.stdout.write(f"{results.total} results")
