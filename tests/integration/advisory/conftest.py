from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO

import pytest
from werkzeug.datastructures import FileStorage

from evalapp.auth.models import Role
from evalapp.common.time import local_today
from evalapp.councils.models import CouncilMember, Position
from evalapp.dossiers.rules import checklist_items
from evalapp.extensions import db
from tests.factories import make_producer, make_unit, make_user
from tests.integration.dossiers.conftest import login, pdf_bytes  # noqa: F401
from tests.integration.producers.helpers import png_bytes
from tests.integration.scoring.conftest import meeting26  # noqa: F401


@dataclass
class Group:
    meeting: object
    council: object
    dossier: object
    adviser: object  # CouncilMember, assigned in tests that need it
    other_adviser: object  # CouncilMember, never assigned
    secretary: object  # User
    chair: object  # User
    member: object  # User (a scoring member cleared for the dossier)
    producer: object
    outsider: object  # a secretary of another province


@pytest.fixture
def group(meeting26):  # noqa: F811
    """The 26/2026 provincial council of `meeting26` with two advisory seats, the dossier's
    producer, and a secretary of another province."""
    council = meeting26.council
    unit = council.round.unit
    seats = []
    for name in ("Đỗ Thị Hằng", "Lê Văn Khảo"):
        user = make_user(Role.ADVISORY_MEMBER, unit=unit, full_name=name)
        seat = CouncilMember(user=user, position=Position.ADVISORY, number=len(council.members) + 1)
        council.members.append(seat)
        seats.append(seat)
    producer = make_producer(meeting26.item.dossier.organisation)
    outsider = make_user(Role.SECRETARY, unit=make_unit("Tỉnh Khác", code="TK"))
    db.session.commit()
    return Group(
        meeting26,
        council,
        meeting26.item.dossier,
        seats[0],
        seats[1],
        meeting26.secretary.user,
        meeting26.chair.user,
        meeting26.members[2].user,
        producer,
        outsider,
    )


@pytest.fixture
def assigned(group, login):  # noqa: F811
    """The first adviser assigned the dossier by the secretary (through the page)."""
    response = login(group.secretary).post(
        f"/advisory/councils/{group.council.id}/assignments",
        data={"dossier": group.dossier.id, "member": group.adviser.id},
    )
    assert response.status_code == 302, response.text
    return group


def photo(name: str = "Xưởng đan.png") -> FileStorage:
    return FileStorage(BytesIO(png_bytes((40, 30))), filename=name, content_type="image/png")


def lab_pdf(name: str = "Phiếu kết quả kiểm nghiệm.pdf") -> FileStorage:
    return FileStorage(BytesIO(pdf_bytes()), filename=name, content_type="application/pdf")


def day(offset: int = 0) -> str:
    return (local_today() + timedelta(days=offset)).strftime("%d/%m/%Y")


def all_met(dossier) -> dict:
    data = {}
    for item in checklist_items(dossier):
        data[f"finding-{item.code}"] = "met"
        data[f"comment-{item.code}"] = ""
    return data


def visit_data(**changes) -> dict:
    data = {
        "visited_on": day(-1),
        "place": "Xưởng sản xuất, xóm 3, xã Kim Sơn",
        "present": "Đỗ Thị Hằng (Tổ tư vấn)\nNguyễn Thị Đại Diện (chủ thể)",
        "criterion-0": "1.1",
        "finding-0": "Nguyên liệu cói lấy tại địa phương, có sổ ghi chép.",
        "note": "Cơ sở sạch sẽ, quy trình rõ ràng.",
    }
    data.update(changes)
    return data
