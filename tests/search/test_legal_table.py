"""One table of laws: search, the content importer and page blocks recognise and cite the same laws."""

import pytest

from portal import blocks
from portal.importers.markdown import legal_references
from search.analysis import legal

WRITTEN = [(key, spelling) for key, law in legal.LAWS.items() for spelling in law.spellings]


@pytest.mark.parametrize(("key", "spelling"), WRITTEN)
def test_every_spelling_is_recognised_by_search_and_the_importer(key, spelling):
    text = f"Se 14 kap. 1 § {spelling} om detta."

    assert legal.tokens(text) == [f"{key}_14_1"]
    law = legal.LAWS[key]
    (reference,) = legal_references(text)
    assert (reference["law"], reference["name"], reference["sfs"]) == law[:3]
    assert reference["citation"] == f"14 kap. 1 § {law.abbreviation}"


def test_page_blocks_cite_from_the_same_table():
    assert blocks.LAWS.items() <= legal.citations().items()
    assert blocks.cite("sol-2001", "14", "1") == "14 kap. 1 § SoL (2001:453)"
    assert blocks.REPEALED_LAWS == {"sol-2001": "sol"}


def test_a_repealed_numbering_is_recognised_by_its_sfs_number():
    (reference,) = legal_references("14 kap. 1 § socialtjänstlagen (2001:453)")
    assert reference["sfs"] == "2001:453"
    assert legal.tokens("14 kap. 1 § socialtjänstlagen (2001:453)") == ["sol_14_1"]
