"""vCard 3.0 export for people and contact points."""

import vobject

from directory.models import ContactPoint, Person


def person_vcard(*, person: Person) -> str:
    """A vCard for a visible person (callers must never pass a protected one)."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=person.family_name, given=person.given_name)
    card.add("fn").value = person.full_name
    if person.title:
        card.add("title").value = person.title
    card.add("org").value = [person.organisation.name]
    _add_contact(card, email=person.email, phone=person.phone)
    return card.serialize()


def contact_point_vcard(*, contact_point: ContactPoint) -> str:
    """A vCard for a functional entry such as an intake line."""
    card = vobject.vCard()
    card.add("n").value = vobject.vcard.Name(family=contact_point.name)
    card.add("fn").value = contact_point.name
    card.add("org").value = [contact_point.organisation.name]
    if contact_point.hours:
        card.add("note").value = contact_point.hours
    _add_contact(card, email=contact_point.email, phone=contact_point.phone)
    return card.serialize()


def _add_contact(card, *, email: str, phone: str) -> None:
    if email:
        entry = card.add("email")
        entry.value = email
        entry.type_param = "WORK"
    if phone:
        entry = card.add("tel")
        entry.value = phone
        entry.type_param = "WORK"
