"""Run one search from the command line and print the API's JSON."""

import json

from django.core.management.base import BaseCommand, CommandError
from pydantic import ValidationError

from search import registry, service
from search.api import search_json
from search.context import SearchContext
from search.params import CONTEXTS, DEFAULT_LIMIT, SearchParams


class Command(BaseCommand):
    help = (
        'Search like GET /api/v1/search: manage.py search_query "kurator Norrby" --json; '
        "without --as nobody is searching (no context), --as PERSON_ID searches as that person"
    )

    def add_arguments(self, parser):
        parser.add_argument("query")
        parser.add_argument("--kind", action="append", default=[], help="Only this kind.")
        parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT)
        parser.add_argument("--offset", type=int, default=0)
        parser.add_argument("--json", action="store_true", help="Print the API's JSON.")
        parser.add_argument(
            "--exact", action="store_true", help="No spelling correction (the API's exact=true)."
        )
        parser.add_argument(
            "--context",
            choices=[name for name in CONTEXTS if name],
            help="none: rank the same for everyone (as the API's context=none).",
        )
        parser.add_argument(
            "--as",
            dest="person",
            metavar="PERSON_ID",
            help="Search in the context of the directory person with this import id.",
        )

    def handle(self, *args, **options):
        try:
            params = SearchParams(
                q=options["query"],
                kind=options["kind"],
                limit=options["limit"],
                offset=options["offset"],
                context=options["context"] or "",
            )
        except ValidationError as error:
            problems = "; ".join(
                f"{'.'.join(map(str, problem['loc']))}: {problem['msg']}"
                for problem in error.errors()
            )
            raise CommandError(problems) from error
        results = service.search_with_correction(
            params, context=self._context(params, options["person"]), exact=options["exact"]
        )
        if options["json"]:
            self.stdout.write(json.dumps(search_json(results), ensure_ascii=False, indent=1))
            return
        for rank, result in enumerate(results.results, start=1 + params.offset):
            self.stdout.write(f"{rank:>3}. [{result.kind}] {result.title} ({result.id})")
        self.stdout.write(f"{results.total} results")

    @staticmethod
    def _context(params: SearchParams, person: str | None) -> SearchContext | None:
        """The context to search in: none asked for or nobody given → None, else the person's."""
        if params.context == "none" or person is None:
            return None
        context = registry.context_for_person(person)
        if context is None:
            raise CommandError(
                f"--as {person}: no current person with this id whose context can be searched in "
                "(unknown, retired or not shown in the directory)."
            )
        return context
