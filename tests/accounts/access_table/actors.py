"""The people who may ask for Sanne's data, what marks an answer as hers, and the usual
expectations of a row."""

from enum import StrEnum


class Actor(StrEnum):
    VISITOR = "visitor"
    MEMBER = "member"  # Sanne, whose data it is
    OTHER_MEMBER = "other member"
    TRAINER = "trainer without a link"
    BOOKED_TRAINER = "trainer with a booking"  # Sanne booked an intake with them
    CONSENTED_TRAINER = "trainer with consent"  # Sanne consented (after an intake)
    ADMIN = "admin"


# Whoever is not Sanne and not a visitor: on member pages they all get their own data.
OTHERS = (
    Actor.OTHER_MEMBER,
    Actor.TRAINER,
    Actor.BOOKED_TRAINER,
    Actor.CONSENTED_TRAINER,
    Actor.ADMIN,
)
# The actors a rule lets reach some of Sanne's data (the log may gain entries by them).
LINKED = (Actor.BOOKED_TRAINER, Actor.CONSENTED_TRAINER)


LOGIN = "login"  # a page sends a visitor to the login page (302 to accounts:login)


class Marker(StrEnum):
    EMAIL = "e-mail"
    NAME = "first name"
    FEED = "feed token"
    CHECK = "check link"
    SESSION = "session key"
    REASON = "booking reason"


# What a booking shares with its trainer: the first name and the reason (and the level).
BOOKING_SHARES = frozenset({Marker.NAME, Marker.REASON})
# What consent shares: her health data; her feed token and account stay hers.
CONSENT_SHARES = frozenset({Marker.EMAIL, Marker.NAME, Marker.REASON, Marker.SESSION})


def everyone(status: int | str) -> dict[Actor, int | str]:
    return dict.fromkeys(Actor, status)


def members_only(member: int, others: int, visitor: int | str = LOGIN) -> dict[Actor, int | str]:
    """Sanne gets ``member``; every other logged-in actor (another member, the trainers,
    the admin) gets ``others`` (their own, empty data or a refusal); a visitor is sent
    to log in (API: 401)."""
    return {Actor.VISITOR: visitor, Actor.MEMBER: member, **dict.fromkeys(OTHERS, others)}
