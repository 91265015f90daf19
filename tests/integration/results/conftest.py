"""A closed district session on "Giỏ đay Hiếu Lâm" with every sheet signed, ready to finalise."""

import pytest

from evalapp.councils import services as councils
from evalapp.extensions import db
from tests.integration.scoring.conftest import (  # noqa: F401
    meeting,
    meeting26,
    signed_sheet,
    with_changes,
)


def sign_all(meeting, choices_by_member=None):  # noqa: F811
    """Every scoring member signs (72 points each unless `choices_by_member[i]` says otherwise)."""
    choices_by_member = choices_by_member or {}
    for index, member in enumerate(meeting.members):
        signed_sheet(meeting.item, member, choices_by_member.get(index))


def close(meeting):  # noqa: F811
    councils.close_session(meeting.session, meeting.secretary.user)
    db.session.commit()


@pytest.fixture
def scored(meeting):  # noqa: F811
    """The meeting with four signed sheets (72, 74, 70, 72) and the session closed."""
    sign_all(
        meeting,
        {1: with_changes(**{"4.3": "4", "1.6": "2"}), 2: with_changes(**{"6.5": "1"})},
    )
    close(meeting)
    return meeting
