"""The app-neutral document contract."""

from search import documents


def test_plain_text_strips_html_from_nested_values():
    value = [{"type": "text", "value": "<p>Ring <b>socialjouren</b> &amp; BUP</p>"}]
    assert documents.plain(value) == "Ring socialjouren & BUP"


def test_a_new_document_has_every_contract_field_and_its_kind_prior():
    document = documents.new_document("meeting", "m1", "Möte", "/m1/", summary="Kort")

    assert document["uid"] == "meeting:m1"
    assert document["summary"] == "Kort"
    assert document["names"] == [] and document["contact"] == {}
    assert document["prior"] == documents.KIND_PRIORS["meeting"] < 1
