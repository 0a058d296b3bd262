"""manage.py generate_directory OUT --people N --organisations M."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from directory.generate import generate_bundle


class Command(BaseCommand):
    help = "Write a deterministic synthetic directory bundle (JSON, SPEC §4.1) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("out", help="file to write")
        parser.add_argument("--people", type=int, default=20_000)
        parser.add_argument("--organisations", type=int, default=200)
        parser.add_argument("--functions", type=int, default=40)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        bundle = generate_bundle(
            people=options["people"],
            organisations=options["organisations"],
            functions=options["functions"],
            seed=options["seed"],
        )
        Path(options["out"]).write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
        counts = ", ".join(f"{len(records)} {name}" for name, records in bundle.items())
        self.stdout.write(f"Wrote {options['out']}: {counts}")
