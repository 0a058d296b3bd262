"""What each app exposes to search, registered from its `AppConfig.ready()`.

Search knows no app: `directory` and `portal` register, per model, how a record becomes documents
(in bulk), its uid (also after deletion) and the records whose documents embed it; a source of
every document for rebuilds; synonym providers (the glossary); readable labels for the keys in
facet fields (organisation and function names); and where the directory's personal data is, so
search analytics can keep it out of its statistics; and who is searching (a `SearchContext` for a
signed-in user or a directory person, SPEC §5.3); and the glossary's abbreviations for the answer
card.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from search.context import SearchContext

Builder = Callable[[list, dict], Iterable[dict | None]]


@dataclass(frozen=True)
class Searchable:
    """How records of one model reach the index.

    `build(records, shared)` yields the document of each record (None when it must not be found);
    `shared` is one dict per batch for lookups its builders share. A model without `build` has no
    documents of its own, only `dependents` (records whose documents embed it). `saves`: ordinary
    saves and deletes reindex (pages are indexed by their app when published instead).
    """

    model: type
    uid: Callable[[object], str | None] | None = None
    build: Builder | None = None
    dependents: Callable[[object], list] | None = None
    saves: bool = True


@dataclass(frozen=True)
class PersonalData:
    """Where the directory keeps people: rows (key, given name, family name, e-mail, phone)."""

    model: type
    rows: Callable[[], Iterable[tuple[str, str, str, str, str]]]
    signature: Callable[[], object]


_searchables: dict[type, Searchable] = {}
_lookups: dict[type, Searchable | None] = {}
_sources: list[Callable[[], Iterator[dict]]] = []
_synonym_providers: list[Callable[[], object]] = []
_personal: list[PersonalData] = []
_facet_labels: dict[str, Callable[[list[str]], dict[str, str]]] = {}
_watchers: list[Callable[[type], None]] = []
_context_providers: list[ContextProvider] = []
_glossaries: list[Callable[[str], GlossaryEntry | None]] = []


@dataclass(frozen=True)
class ContextProvider:
    """How an app says who is searching: for a signed-in user, or as a directory person's key."""

    for_user: Callable[[object], SearchContext | None]
    for_person: Callable[[str], SearchContext | None]


@dataclass(frozen=True)
class GlossaryEntry:
    """An abbreviation as the glossary defines it, and the page (slug, url) it is on."""

    term: str
    expansion: str
    definition: str
    slug: str
    url: str


def register(
    model: type,
    *,
    uid: Callable[[object], str | None] | None = None,
    build: Builder | None = None,
    dependents: Callable[[object], list] | None = None,
    saves: bool = True,
) -> None:
    """Declare how records of `model` (and its subclasses) are indexed."""
    _searchables[model] = Searchable(
        model=model, uid=uid, build=build, dependents=dependents, saves=saves
    )
    _lookups.clear()
    if saves:
        _notify(model)


def register_source(source: Callable[[], Iterator[dict]]) -> None:
    """Add a source of every document of an app, read in bulk by a full rebuild."""
    if source not in _sources:
        _sources.append(source)


def register_synonyms(provider: Callable[[], object]) -> None:
    """Add a synonym provider: a mapping term → other words, or a list of groups or rules."""
    if provider not in _synonym_providers:
        _synonym_providers.append(provider)


def register_personal_data(data: PersonalData) -> None:
    """Declare the people whose names, ids and numbers search statistics must never keep."""
    if data not in _personal:
        _personal.append(data)
        _notify(data.model)


def register_facet_labels(field: str, labels: Callable[[list[str]], dict[str, str]]) -> None:
    """Declare how the keys of a facet field (e.g. "organisation") become readable names."""
    _facet_labels[field] = labels


def facet_labels(shown: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """Readable names of the shown keys per facet field, one lookup per label source.

    Fields that share a source (function and audience both name functions) are looked up
    together; keys without a name, and fields nobody labels, are left out.
    """
    wanted: dict[Callable[[list[str]], dict[str, str]], set[str]] = {}
    for field, keys in shown.items():
        if field in _facet_labels and keys:
            wanted.setdefault(_facet_labels[field], set()).update(keys)
    found = {labels: labels(sorted(keys)) for labels, keys in wanted.items()}
    return {
        field: {key: found[labels][key] for key in shown.get(field, ()) if key in found[labels]}
        for field, labels in _facet_labels.items()
        if labels in found
    }


def register_context(provider: ContextProvider) -> None:
    """Declare how a user or a person becomes a search context."""
    if provider not in _context_providers:
        _context_providers.append(provider)


def context_for_user(user) -> SearchContext | None:
    """The search context of a signed-in user, from the first provider that knows them."""
    return next(filter(None, (provider.for_user(user) for provider in _context_providers)), None)


def context_for_person(key: str) -> SearchContext | None:
    """The search context of the directory person with this key (as if they searched)."""
    return next(filter(None, (provider.for_person(key) for provider in _context_providers)), None)


def register_glossary(lookup: Callable[[str], GlossaryEntry | None]) -> None:
    """Declare how a word becomes the glossary entry of the abbreviation it is (or None)."""
    if lookup not in _glossaries:
        _glossaries.append(lookup)


def abbreviation(word: str) -> GlossaryEntry | None:
    """The glossary entry of the abbreviation `word`, from the first lookup that knows it."""
    return next(filter(None, (lookup(word) for lookup in _glossaries)), None)


def watch(callback: Callable[[type], None]) -> None:
    """Call `callback(model)` for each model whose saves concern search, now and when registered."""
    _watchers.append(callback)
    for model in watched_models():
        callback(model)


def watched_models() -> list[type]:
    """Models whose saves and deletes search must hear of: indexed on save, or personal data."""
    models = [found.model for found in _searchables.values() if found.saves]
    return list(dict.fromkeys([*models, *(data.model for data in _personal)]))


def _notify(model: type) -> None:
    for callback in _watchers:
        callback(model)


def searchables() -> list[Searchable]:
    return list(_searchables.values())


def searchable(instance_or_model) -> Searchable | None:
    """The registration of a record's model, or of its nearest registered base class."""
    model = instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
    if model not in _lookups:
        _lookups[model] = next(
            (_searchables[cls] for cls in model.__mro__ if cls in _searchables), None
        )
    return _lookups[model]


def uid_for(instance) -> str | None:
    """The uid an instance is (or would be) indexed under."""
    found = searchable(instance)
    return found.uid(instance) if found is not None and found.uid is not None else None


def build(instances: list, shared: dict | None = None) -> Iterator[dict]:
    """The documents of records of one registered model (records that must not be found: none)."""
    if not instances:
        return
    found = searchable(instances[0])
    if found is None or found.build is None:
        return
    for document in found.build(instances, {} if shared is None else shared):
        if document is not None:
            yield document


def document_for(instance) -> dict | None:
    """The document of one record, or None when it must not be found."""
    return next(build([instance]), None)


def dependents(instance) -> list:
    """Other records whose documents embed this one."""
    found = searchable(instance)
    return found.dependents(instance) if found is not None and found.dependents else []


def all_documents() -> Iterator[dict]:
    """Every searchable document of every app, in bulk."""
    for source in _sources:
        yield from source()


def synonym_sources() -> list[object]:
    """What each synonym provider returns, in registration order."""
    return [provider() for provider in _synonym_providers]


def personal_data() -> list[PersonalData]:
    return list(_personal)
