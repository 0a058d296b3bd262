"""The answer card ("Vem du ska kontakta", SPEC §5.3): one record only when the query says which.

Rules, in order, over the reranked candidates (best first):
1. An abbreviation (a one-word query the glossary defines as one) → the glossary definition, with
   the intake line (the best contact point among the candidates) when there is one.
2. A **person** only when the query pins one position: the query is the name of exactly one
   candidate (two words of it may come with a place or words like "telefon"), or it is a role
   plus a place and the first candidate, well ahead of the second, holds that role there.
3. A role without a place (or a place with several holders) → the **function**, with its holders
   among the candidates grouped by place, only in the searcher's municipalities (no list without a
   context), each group a "which school/unit?" choice.
   A role at a place whose holder is not clearly first gets no card (never the function).
4. A topic → the **contact point** ranked first (or near the top when the query asks who to
   contact or for contact details, or under a guideline when it is the searcher's municipality's
   own): the searcher's intake line. A query for contact details ("nummer", "telefon") asks for
   a line before a function. A query asking for a kind of document ("direktiv", "rutin") gets a
   contact point only when one is first, never a person.

"Never another municipality's": a candidate matching the context's `elsewhere` boost (its `serves`
names municipalities, none of them the searcher's) is never the card nor a holder.

"Unsure" (no card): two people share the queried name; for a role at a place the first candidate
is not `LEAD` ahead of the second (several holders there: the function card lists them instead);
another function has as many of the typed words in its name or roles and at least `RIVAL` of the
best function's score; the first candidate is some other kind (a guideline, a directive…) than the
rule's; or, without a context, a rival of the same kind within `CLOSE` of its score serves other
municipalities (the query could mean either).
"""

from __future__ import annotations

from search import registry
from search.analysis.analyzer import query_words, word_slot
from search.analysis.normalise import words
from search.backends.base import Hit
from search.context import SearchContext
from search.query import Analysed
from search.ranking import hit_terms, matched_groups, query_groups
from search.results import Answer, Holder, HolderGroup, answer

TOP = 5
NEAR_TOP = 3
CLOSE = 0.9
LEAD = 0.8
RIVAL = 0.75
INTAKE_DEPTH = 10
MAX_HOLDER_GROUPS = 30
MAX_GROUP_PEOPLE = 10

Ranked = list[tuple[float, Hit]]


def select_answer(
    ranked: Ranked, analysed: Analysed, context: SearchContext | None
) -> Answer | None:
    """The answer card for a reranked candidate list, or None when no rule is sure of one."""
    elsewhere = [boost for boost in (context.boosts() if context else ()) if boost.elsewhere]
    candidates = [
        (score, hit)
        for score, hit in ranked
        if not any(boost.matches(hit.document) for boost in elsewhere)
    ]
    glossary = _glossary_answer(candidates, analysed, context)
    if glossary is not None or not candidates:
        return glossary
    groups = query_groups(analysed)
    matched = [(score, hit, matched_groups(hit, groups)) for score, hit in candidates]
    named = [hit for _, hit, fields in matched if _is_person(hit) and _named(fields)]
    if named:
        return answer(named[0].document, reason="person") if len(named) == 1 else None
    at_place = [
        (score, hit) for score, hit, fields in matched if _is_person(hit) and _role_at_place(fields)
    ]
    if at_place and at_place[0][1] is candidates[0][1] and _clear_lead(candidates):
        if _ambiguous(at_place[0][1], at_place[0][0], candidates, context):
            return None
        return answer(at_place[0][1].document, reason="person")
    if analysed.intent.kinds:
        return _contact_point_answer(candidates, analysed, context)
    if analysed.intent.contact_details:
        line = _contact_point_answer(candidates, analysed, context)
        if line is not None:
            return line
    near = [hit for score, hit in at_place if score >= CLOSE * at_place[0][0]]
    if len(near) < 2 and _role_at_place_near_top(matched):
        return None
    function = _function_answer(matched, analysed, context, near)
    if function is not None or _top_is_function(candidates):
        return function
    return _contact_point_answer(candidates, analysed, context)


def _clear_lead(candidates: Ranked) -> bool:
    """Whether the first candidate is well ahead of the second (else the top disagrees: unsure)."""
    return len(candidates) == 1 or candidates[1][0] < LEAD * candidates[0][0]


def _is_person(hit: Hit) -> bool:
    return hit.document.get("kind") == "person"


def _named(fields: list[set[str]]) -> bool:
    """Every query group is in the name, or two are and the rest are a place or other words."""
    in_name = sum(1 for matched in fields if "names" in matched)
    rest_ok = all("names" in matched or matched <= {"places"} for matched in fields)
    return bool(fields) and (in_name == len(fields) or (in_name >= 2 and rest_ok))


def _role_at_place(fields: list[set[str]]) -> bool:
    """Every query group is the role or a place, and there is at least one of each."""
    roles = [matched for matched in fields if "roles" in matched]
    places = [matched for matched in fields if "places" in matched and "roles" not in matched]
    return bool(roles) and bool(places) and len(roles) + len(places) == len(fields)


def _role_at_place_near_top(matched: list[tuple[float, Hit, list[set[str]]]]) -> bool:
    """Whether a person near the top holds the queried role at the queried place."""
    return any(_is_person(hit) and _role_at_place(fields) for _, hit, fields in matched[:TOP])


def _spelt_words(hit: Hit, analysed: Analysed) -> int:
    """How many of the words the user typed (not their synonyms) are in the hit's name or roles."""
    fields = hit_terms(hit)
    named = fields.get("names", frozenset()) | fields.get("roles", frozenset())
    typed = [
        word
        for word in query_words(analysed.engine_query.text)
        if word not in analysed.intent.dropped
    ]
    return sum(1 for word in typed if not named.isdisjoint(word_slot(word)))


def _top_is_function(candidates: Ranked) -> bool:
    return candidates[0][1].document.get("kind") == "function"


def _function_answer(
    matched: list[tuple[float, Hit, list[set[str]]]],
    analysed: Analysed,
    context: SearchContext | None,
    near: list[Hit],
) -> Answer | None:
    """The function a role query names, with its holders by place.

    With `near` (two or more people hold the role at the named place) it is their shared function,
    listing them; otherwise a function matching a query word that is first (or near the top for a
    who/what question) and has no about-as-good rival function.
    """
    if len(near) > 1:
        shared = set.intersection(*(set(hit.document.get("function") or ()) for hit in near))
        for _, hit, _ in matched:
            if hit.document.get("kind") == "function" and hit.document["id"] in shared:
                holders = _holder_groups(hit.document, near) if context else ()
                return answer(hit.document, reason="function", holders=holders)
    intent = analysed.intent
    depth = NEAR_TOP if intent.function or intent.who else 1
    functions = [
        (score, hit)
        for score, hit, fields in matched[:TOP]
        if hit.document.get("kind") == "function"
        and any(matched_fields & {"names", "roles"} for matched_fields in fields)
    ]
    if not functions or functions[0][1] not in [hit for _, hit, _ in matched[:depth]]:
        return None
    score, best = functions[0]
    spelt = _spelt_words(best, analysed)
    if any(
        other_score >= RIVAL * score and _spelt_words(other, analysed) >= spelt
        for other_score, other in functions[1:]
    ):
        return None
    people = [hit for _, hit, _ in matched if _is_person(hit)]
    holders = _holder_groups(best.document, people) if context else ()
    return answer(best.document, reason="function", holders=holders)


def _holder_groups(function: dict, people: list[Hit]) -> tuple[HolderGroup, ...]:
    """Holders of the function among the candidates, grouped by the unit of their position.

    At most MAX_GROUP_PEOPLE per group: the group's "role + place" search lists them all.
    """
    key, name = function["id"], function["title"]
    groups: dict[str, list[Holder]] = {}
    for hit in people:
        document = hit.document
        if key not in (document.get("function") or ()):
            continue
        holder = Holder(
            id=document["id"],
            title=document["title"],
            url=document["url"],
            phone=(document.get("contact") or {}).get("phone", ""),
        )
        places = [
            card.get("organisation") or card.get("area") or ""
            for card in document.get("positions") or ()
            if card.get("function") == name
        ]
        for place in dict.fromkeys(places or [""]):
            groups.setdefault(place, []).append(holder)
    return tuple(
        HolderGroup(
            place=place, people=tuple(held[:MAX_GROUP_PEOPLE]), query=f"{name} {place}".strip()
        )
        for place, held in sorted(groups.items())[:MAX_HOLDER_GROUPS]
    )


def _contact_point_answer(
    candidates: Ranked, analysed: Analysed, context: SearchContext | None
) -> Answer | None:
    """The intake line a topic query leads to: a contact point first, or near the top for who.

    Under a guideline (a routine for the topic), the searcher's own municipality's contact point
    near the top is the line to call.
    """
    intent = analysed.intent
    under_guideline = bool(candidates) and candidates[0][1].document.get("kind") == "guideline"
    depth = NEAR_TOP if intent.who or intent.contact_details or under_guideline else 1
    for position, (score, hit) in enumerate(candidates[:depth]):
        if hit.document.get("kind") == "contact_point":
            if position and not (intent.who or intent.contact_details or _own(hit, context)):
                return None
            if _ambiguous(hit, score, candidates, context):
                return None
            return answer(hit.document, reason="contact_point")
        if position == 0 and hit.document.get("kind") in intent.kinds:
            return None
    return None


def _own(hit: Hit, context: SearchContext | None) -> bool:
    """Whether a record is for one of the searcher's own municipalities."""
    serves = hit.document.get("serves") or ()
    return bool(context) and not set(serves).isdisjoint(context.municipalities)


def _ambiguous(hit: Hit, score: float, candidates: Ranked, context: SearchContext | None) -> bool:
    """Without a context: an about-as-good record of the same kind serves other municipalities."""
    if context:
        return False
    serves = set(hit.document.get("serves") or ())
    kind = hit.document.get("kind")
    return any(
        other.document.get("kind") == kind
        and other.uid != hit.uid
        and other_score >= CLOSE * score
        and set(other.document.get("serves") or ()) != serves
        for other_score, other in candidates[:TOP]
    )


def _glossary_answer(
    candidates: Ranked, analysed: Analysed, context: SearchContext | None
) -> Answer | None:
    """A one-word abbreviation: its definition, with the best contact point as intake line."""
    if len(words(analysed.engine_query.text)) != 1 or len(analysed.groups) != 1:
        return None
    entry = registry.abbreviation(analysed.engine_query.text)
    if entry is None:
        return None
    intake = None
    for score, hit in candidates[:INTAKE_DEPTH]:
        if hit.document.get("kind") == "contact_point":
            if not _ambiguous(hit, score, candidates, context):
                intake = answer(hit.document, reason="contact_point")
            break
    title = f"{entry.term} – {entry.expansion}" if entry.expansion else entry.term
    return Answer(
        kind="glossary",
        id=entry.slug,
        title=title,
        url=entry.url,
        reason="glossary",
        definition=entry.definition,
        intake=intake,
    )
