"""A tiny directory for the search API, page and analytics tests."""

from types import SimpleNamespace

from directory.models import Organisation
from search import indexing
from tests.factories import (
    ContactPointFactory,
    FunctionFactory,
    OrganisationFactory,
    PersonFactory,
    PositionFactory,
)

PROTECTED_NAME = "Zelda Hemligsson"


def build() -> SimpleNamespace:
    """Two units, two functions, three people (one protected) and an on-call contact point."""
    with indexing.batch():
        return _records()


def _records() -> SimpleNamespace:
    kommun = OrganisationFactory(
        key="ui-lek", name="Lekeby kommun", kind=Organisation.Kind.MUNICIPALITY
    )
    school = OrganisationFactory(
        key="ui-fjallby", name="Fjällby skola", kind=Organisation.Kind.SCHOOL, parent=kommun
    )
    social = OrganisationFactory(
        key="ui-soc",
        name="Socialförvaltningen",
        kind=Organisation.Kind.ADMINISTRATION,
        parent=kommun,
    )
    kurator = FunctionFactory(
        key="ui-kurator",
        name="Skolkurator",
        synonyms=["kurator"],
        mandate="Skolkuratorn ger psykosocialt stöd till elever.",
    )
    socsek = FunctionFactory(
        key="ui-socsek",
        name="Socialsekreterare barn och unga",
        mandate="Tar emot orosanmälningar och utreder barns behov av stöd.",
    )
    karin = PersonFactory(
        key="ui-p1", given_name="Karin", family_name="Lindqvist", organisation=school
    )
    PositionFactory(person=karin, function=kurator, organisation=school, area="Fjällby skola")
    omar = PersonFactory(
        key="ui-p2", given_name="Omar", family_name="Berglund", organisation=social
    )
    PositionFactory(person=omar, function=socsek, organisation=social)
    hidden = PersonFactory(
        key="ui-p3",
        given_name="Zelda",
        family_name="Hemligsson",
        email="zelda.hemligsson@lekeby.test",
        phone="070-999 99 99",
        organisation=school,
        protected=True,
    )
    PositionFactory(person=hidden, function=kurator, organisation=school, area="Fjällby skola")
    jour = ContactPointFactory(
        key="ui-socjour",
        name="Socialjouren",
        organisation=social,
        purpose="Akuta ärenden om barn utanför kontorstid.",
        phone="0980-123 45",
        email="socialjouren@lekeby.test",
        hours="Vardagar 16–08, helger dygnet runt",
        topics=["akut", "oro för barn"],
    )
    return SimpleNamespace(
        kommun=kommun,
        school=school,
        social=social,
        kurator=kurator,
        socsek=socsek,
        karin=karin,
        omar=omar,
        hidden=hidden,
        jour=jour,
    )
