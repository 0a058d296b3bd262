"""Portal test fixtures: organisation editors as the portal sets them up."""

import pytest

from portal.services import setup_organisation_editors
from tests.factories import UserFactory


@pytest.fixture
def make_editor():
    """Make a user in ORGANISATION's editor group; the `others` get editor groups of their own."""

    def make(organisation, *, others=(), **user_fields):
        user = UserFactory(**user_fields)
        user.groups.add(setup_organisation_editors(organisation))
        for other in others:
            setup_organisation_editors(other)
        return user

    return make
