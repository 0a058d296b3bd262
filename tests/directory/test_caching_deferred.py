"""caching.deferred(): bulk writes bump each scope once, at the end, and never when they fail."""

import pytest

from directory import caching
from directory.models import CacheGeneration

pytestmark = pytest.mark.django_db


def token(scope: str) -> str | None:
    return CacheGeneration.objects.filter(scope=scope).values_list("token", flat=True).first()


def test_bumps_inside_the_block_become_one_bump_per_scope_at_its_end():
    with caching.deferred():
        caching.bump(caching.CONTENT)
        caching.bump(caching.CONTENT, caching.DIRECTORY)
        assert token(caching.CONTENT) is None
    assert token(caching.CONTENT) is not None
    assert token(caching.DIRECTORY) is not None


def test_a_discarded_or_failed_block_bumps_nothing():
    with caching.deferred(discard=True):
        caching.bump(caching.CONTENT)
    with pytest.raises(RuntimeError), caching.deferred():
        caching.bump(caching.CONTENT)
        raise RuntimeError("import failed")
    assert token(caching.CONTENT) is None
    caching.bump(caching.CONTENT)
    assert token(caching.CONTENT) is not None
