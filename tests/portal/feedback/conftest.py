"""Feedback fixtures: one target of each kind, owned by one organisation."""

from dataclasses import dataclass

import pytest
from django.db.models import Model

from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    GuidelinePageFactory,
    OrganisationFactory,
    PersonFactory,
)


@dataclass
class Targets:
    owner: Model
    page: Model
    function: Model
    contact_point: Model
    person: Model

    def post_data(self, target_kind: str, **data) -> dict:
        """The form data the feedback component posts for a target of `target_kind`."""
        record = self.owner if target_kind == "organisation" else getattr(self, target_kind)
        key = record.pk if target_kind == "page" else record.key
        return {"target_kind": target_kind, "target_key": str(key), **data}


@pytest.fixture
def targets() -> Targets:
    owner = OrganisationFactory(name="Socialtjänsten Lekeby")
    return Targets(
        owner=owner,
        page=GuidelinePageFactory(title="Orosanmälan", owner_organisation=owner),
        function=FunctionFactory(name="Skolkurator", owner_organisation=owner),
        contact_point=ContactPointFactory(name="Socialjouren", organisation=owner),
        person=PersonFactory(given_name="Anna", family_name="Berg", organisation=owner),
    )
