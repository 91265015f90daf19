from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.integration.roles import SIGNED_IN

EXPECTED = {
    "notifications.index": SIGNED_IN,
    "notifications.open_notification": SIGNED_IN,
    "notifications.read_all": SIGNED_IN,
}


def world_params(world) -> dict:
    notification = Notification(user_id=world.users[Role.PRODUCER].id, subject="Thử", link="/")
    db.session.add(notification)
    db.session.flush()
    return {"notification_id": notification.id}


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
