"""Build the demo on an empty database: the 1048 years replayed (`demo.history`), then today's
round under 26/2026 up to its open session (`demo.today`), on the same replayed clock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update

from evalapp.auth import services as accounts
from evalapp.auth.models import User
from evalapp.common import mail
from evalapp.common.time import utcnow
from evalapp.demo import dossiers as demo_dossiers
from evalapp.demo import history, ministry, oversight, today, written
from evalapp.demo.clock import VIETNAM, one_password_hash, replay
from evalapp.demo.data import DEMO_PASSWORD, PEOPLE, UNITS
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.units import services as units
from evalapp.units.models import UnitLevel
from evalapp.units.official import official_named


class DemoRefused(RuntimeError):
    pass


def database_is_empty() -> bool:
    return db.session.scalar(select(func.count(User.id))) == 0


def load_demo() -> dict:
    """Create the demo on an empty database, every step under the demo clock: the 1048 years
    (from August 2021), then today's provincial round under 26/2026 from its opening two months
    ago to its session open now; refuse on a database that already has users."""
    if not database_is_empty():
        raise DemoRefused("the database already has users; the demo loads only into an empty one")
    now = utcnow()
    with one_password_hash(), replay(datetime(2021, 7, 26, 8, 0)) as clock:
        created_units = load_units()
        users = load_users(created_units)
        organisations = demo_dossiers.load_organisations(created_units, users)
        certificates = history.year_2021(clock, created_units, users, organisations)
        history.kim_son_2022(clock, created_units, users, organisations)
        tray = written.filed_2023(clock, created_units, users, organisations)
        history.revocation_2023(clock, users, certificates)
        tray = written.certified_2023(clock, users, tray)
        history.reminders_2024(clock)
        history.communes_2025(clock, created_units, users, organisations)
        written.re_evaluated_2026(clock, created_units, users, tray, in_vietnam(now))
        ministry.decided_round_2026(clock, created_units, users, organisations, in_vietnam(now))
        settle_the_past()
        today.round_2026(clock, created_units, users, organisations, in_vietnam(now))
        oversight.inspect_and_revoke(users, in_vietnam(now).date())
        demo_dossiers.pending_organisation(created_units)
        if clock.moment >= now:
            raise DemoRefused("the replay ran past the present; load the demo again")
    return {"units": created_units, "users": users, "organisations": organisations}


def in_vietnam(moment: datetime) -> datetime:
    """The naive Vietnam time the demo clock reads (`demo.clock.in_utc` the other way)."""
    return (moment + VIETNAM).replace(tzinfo=None)


def settle_the_past() -> None:
    """The replayed years' e-mails went out back then: drop them from the queue rather than send
    them today, and count their in-app notifications as read when they arrived."""
    db.session.info.pop(mail.QUEUE_KEY, None)
    db.session.flush()
    db.session.execute(
        update(Notification)
        .where(Notification.read_at.is_(None))
        .values(read_at=Notification.created_at)
    )


def demo_official_code(spec, parent) -> str:
    """A demo province or commune that is a real one today gets its real official code (so
    its 26/2026 dossiers get real product codes); one that is not (merged on 01/07/2025, like
    Thái Bình) gets none. The demo's own unit codes stay as they are."""
    level = UnitLevel(spec.level)
    if level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        return ""
    province = parent.province() if parent is not None else None
    province_code = province.official_code if province is not None else None
    if level is UnitLevel.COMMUNE and province_code is None:
        return ""
    official = official_named(level, spec.name, province_code)
    return official.code if official else ""


def load_units() -> dict:
    created_units = {}
    for spec in UNITS:
        parent = created_units.get(spec.parent)
        unit = units.save_unit(
            None,
            code=spec.code,
            name=spec.name,
            level=UnitLevel(spec.level),
            parent=parent,
            is_demo=True,
            official_code=demo_official_code(spec, parent),
        )
        for office_name in spec.offices:
            units.save_office(None, unit=unit, name=office_name, is_demo=True)
        created_units[spec.key] = unit
    return created_units


def load_users(created_units: dict) -> dict[str, User]:
    users = {}
    for person in PEOPLE:
        unit = created_units.get(person.unit)
        office = (
            unit.offices[person.office] if unit is not None and person.office is not None else None
        )
        users[person.login] = accounts.create_user(
            person.email,
            person.full_name,
            DEMO_PASSWORD,
            person.roles,
            unit=unit,
            office=office,
            is_demo=True,
        )
        users[person.login].email_verified_at = utcnow()
    return users


def demo_logins() -> list[tuple[str, str, str]]:
    return [(person.email, DEMO_PASSWORD, person.note) for person in PEOPLE]
