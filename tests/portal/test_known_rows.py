"""known_rows: inside a bulk write each foreign-key target is looked up once; bad values still fail."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Organisation
from portal.importers import known_rows
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def queries_to_validate(organisation: Organisation) -> int:
    with CaptureQueriesContext(connection) as queries:
        organisation.full_clean()
    return len(queries)


def unit_under(parent: Organisation, key: str) -> Organisation:
    return OrganisationFactory.build(key=key, parent=parent)


def test_a_target_found_once_is_not_looked_up_again_in_the_block():
    region = OrganisationFactory(key="reg")
    with known_rows.remembered():
        first = queries_to_validate(unit_under(region, "reg-a"))
        second = queries_to_validate(unit_under(region, "reg-b"))
    assert second == first - 1


def test_outside_the_block_every_validation_looks_the_target_up():
    region = OrganisationFactory(key="reg")
    with known_rows.remembered():
        queries_to_validate(unit_under(region, "reg-a"))
    first = queries_to_validate(unit_under(region, "reg-b"))
    second = queries_to_validate(unit_under(region, "reg-c"))
    assert second == first


def test_a_row_created_in_the_block_is_known_without_a_lookup():
    with known_rows.remembered():
        region = OrganisationFactory(key="reg")
        created = queries_to_validate(unit_under(region, "reg-a"))
    looked_up = queries_to_validate(unit_under(region, "reg-b"))
    assert created == looked_up - 1


def test_a_missing_target_is_refused_with_the_field_named():
    region = OrganisationFactory(key="reg")
    with known_rows.remembered():
        queries_to_validate(unit_under(region, "reg-a"))
        orphan = OrganisationFactory.build(key="reg-b", parent_id=region.pk + 1000)
        with pytest.raises(ValidationError) as refused:
            orphan.full_clean()
    assert "parent" in refused.value.message_dict


def test_a_row_deleted_in_the_block_is_refused_again():
    region = OrganisationFactory(key="reg")
    with known_rows.remembered():
        queries_to_validate(unit_under(region, "reg-a"))
        Organisation.objects.get(pk=region.pk).delete()
        with pytest.raises(ValidationError) as refused:
            unit_under(region, "reg-b").full_clean()
    assert "parent" in refused.value.message_dict
