"""One selector says who is asking: person, organisation, administration, body, areas."""

import datetime

import pytest

from directory.models import Organisation
from portal.accounts import selectors
from portal.accounts.models import BodyChoice, SignInRefusal
from tests.factories import OrganisationFactory, PersonFactory, PositionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    body = OrganisationFactory(name="Ekeså kommun", kind=Organisation.Kind.MUNICIPALITY)
    administration = OrganisationFactory(
        name="Socialförvaltningen", kind=Organisation.Kind.ADMINISTRATION, parent=body
    )
    department = OrganisationFactory(
        name="Barn och unga", kind=Organisation.Kind.DEPARTMENT, parent=administration
    )
    unit = OrganisationFactory(name="Mottagningen", parent=department)
    return body, administration, unit


def test_a_linked_person_gives_organisation_administration_body_and_areas(tree):
    body, administration, unit = tree
    user = UserFactory()
    person = PersonFactory(organisation=unit, user=user)
    PositionFactory(person=person, area="Åsen")
    PositionFactory(person=person, area="Åsen")
    PositionFactory(person=person, area="", end=datetime.date(2000, 1, 1))
    context = selectors.user_context(user=user)
    assert context.person == person
    assert (context.organisation, context.administration, context.body) == (
        unit,
        administration,
        body,
    )
    assert len(context.positions) == 2
    assert context.areas == ("Åsen",)
    assert context.chosen_body is None


def test_a_user_without_a_person_has_the_body_they_chose(tree):
    body, _, _ = tree
    user = UserFactory()
    assert selectors.user_context(user=user).body is None
    BodyChoice.objects.create(user=user, organisation=body)
    context = selectors.user_context(user=user)
    assert (context.person, context.body, context.chosen_body) == (None, body, body)
    assert context.positions == ()


def test_a_retired_person_is_not_the_users_context(tree):
    user = UserFactory()
    PersonFactory(organisation=tree[2], user=user, retired_at=datetime.datetime.now(datetime.UTC))
    assert selectors.user_context(user=user).person is None


def test_the_anonymous_user_has_an_empty_context():
    from django.contrib.auth.models import AnonymousUser

    context = selectors.user_context(user=AnonymousUser())
    assert context == selectors.UserContext(None, None, None, None, (), (), None)


def test_the_onboarding_and_governance_copies_use_the_one_person_lookup():
    from directory import selectors as directory_selectors
    from portal.governance import selectors as governance
    from portal.onboarding import selectors as onboarding

    assert governance.person_for_user is directory_selectors.person_for_user
    assert onboarding.person_for_user is directory_selectors.person_for_user


@pytest.mark.parametrize(
    ("email", "verified", "reason"),
    [
        ("", True, SignInRefusal.Reason.MISSING_EMAIL),
        ("a@ekesa.test", False, SignInRefusal.Reason.UNVERIFIED_EMAIL),
        ("a@ekesa.test", "true", SignInRefusal.Reason.UNVERIFIED_EMAIL),
        ("a@ekesa.test.evil", True, SignInRefusal.Reason.OUTSIDE_DOMAINS),
    ],
)
def test_first_sign_in_rules(email, verified, reason):
    with pytest.raises(selectors.SignInRefused) as refused:
        selectors.first_sign_in(email=email, email_verified=verified, email_domains=["ekesa.test"])
    assert refused.value.reason == reason


def test_two_accounts_with_the_same_email_are_ambiguous():
    UserFactory(email="a@ekesa.test")
    UserFactory(email="A@EKESA.test")
    with pytest.raises(selectors.SignInRefused) as refused:
        selectors.first_sign_in(
            email="a@ekesa.test", email_verified=True, email_domains=["ekesa.test"]
        )
    assert refused.value.reason == SignInRefusal.Reason.AMBIGUOUS


def test_a_person_linked_to_a_staff_account_is_never_linked_again(tree):
    PersonFactory(organisation=tree[2], email="chef@ekesa.test", user=UserFactory(is_staff=True))
    with pytest.raises(selectors.SignInRefused) as refused:
        selectors.first_sign_in(
            email="chef@ekesa.test", email_verified=True, email_domains=["ekesa.test"]
        )
    assert refused.value.reason == SignInRefusal.Reason.PRIVILEGED_ACCOUNT
