"""What the demo loaders share: a report, upserting pages from their demo source, key lookups."""

import datetime
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.db import transaction
from wagtail.models import Page

from directory.models import Function, Organisation, Position
from portal.services import home_page
from search import indexing


@dataclass
class DemoReport:
    """What the loader created or updated, and what it had to skip."""

    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1


def publish(page: Page) -> None:
    page.save_revision().publish()


class PageLoader:
    """Upserts demo pages by slug and looks up directory records by key, collecting warnings."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.report = DemoReport()

    def load(self, data: dict) -> None:
        """Write the demo records of one file."""
        raise NotImplementedError

    def load_file(self, path: Path) -> DemoReport:
        """Load a YAML demo file in one transaction, once the site exists; return the report."""
        if home_page() is None:
            self.warn("no home page: run migrate and create the site first")
            return self.report
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        with indexing.batch(), transaction.atomic():
            self.load(data)
        return self.report

    def warn(self, message: str) -> None:
        self.report.warnings.append(message)

    def upsert(
        self, model, parent: Page, slug: str, values: dict, children: dict | None = None, *, source
    ):
        """Create or update a page from its demo source; unchanged sources are left alone."""
        checksum = hashlib.sha256(
            json.dumps([source, str(self.today)], default=str, sort_keys=True).encode()
        ).hexdigest()
        page = model.objects.filter(slug=slug).first()
        if page is not None and page.import_hash == checksum and page.live:
            self.report.count(f"{model._meta.model_name} unchanged")
            return page
        created = page is None
        page = page or model(slug=slug)
        page.import_hash = checksum
        for name, value in values.items():
            setattr(page, name, value)
        page.draft_title = page.title
        for name, items in (children or {}).items():
            setattr(page, name, items)
        if created:
            parent.add_child(instance=page)
        publish(page)
        self.report.count(f"{model._meta.model_name} {'created' if created else 'updated'}")
        return page

    def organisation(self, key: str | None) -> Organisation | None:
        found = Organisation.objects.filter(key=key).first() if key else None
        if key and found is None:
            self.warn(f"unknown organisation {key!r}")
        return found

    def function(self, key: str | None) -> Function | None:
        found = Function.objects.filter(key=key).first() if key else None
        if key and found is None:
            self.warn(f"unknown function {key!r}")
        return found

    def position(self, spec: dict) -> Position | None:
        positions = Position.objects.filter(
            function__key=spec.get("function"), organisation__key=spec.get("organisation")
        ).order_by("person__key")
        if spec.get("person"):
            positions = positions.filter(person__key=spec["person"])
        found = positions.first()
        if found is None:
            self.warn(f"no position for {spec}")
        return found

    def page(self, slug: str | None) -> Page | None:
        """The live page with this slug, content pages before index pages."""
        found = Page.objects.live().filter(slug=slug).order_by("-depth").first() if slug else None
        if slug and found is None:
            self.warn(f"unknown page {slug!r}")
        return found
