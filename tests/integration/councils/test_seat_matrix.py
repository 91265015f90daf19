"""The seat policy through the pages: who (secretariat, chair, vice-chair, member) × who declared
a conflict (nobody, the chair, the member) × the session's state (open with every sheet signed,
closed, finalised) × each page or document that shows a member's sheet or the dossier's figures.

The expectations are written out here from DESIGN §3, not asked of `councils.seats`: members see
only their own sheet; the acting chair (the vice-chair when the chair is conflicted) and the
secretariat see the aggregate; nobody conflicted sees any figure of the dossier, on a page, in the
minutes or in the score table; members see a finalised result only when the rulebook allows it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest

from evalapp.extensions import db
from evalapp.rules import load_rulebook
from tests.integration.results.conftest import close
from tests.integration.scoring.conftest import meeting  # noqa: F401 - fixture

PEOPLE = ("secretary", "chair", "vice", "member")
SCORING = {"chair", "vice", "member"}
CONFLICTS = (None, "chair", "member")
STATES = ("open", "closed", "finalised")
FIGURE = "72,00"  # every sheet signs Hiếu Lâm's 72 points


@dataclass(frozen=True)
class Case:
    conflict: str | None
    state: str
    members_see_result: bool = False

    @property
    def acting(self) -> str:
        return "vice" if self.conflict == "chair" else "chair"

    def conflicted(self, person: str) -> bool:
        return self.conflict == person

    def sees_sheet_page(self, person: str) -> bool:
        return person in SCORING and not self.conflicted(person)

    def sees_aggregate(self, person: str) -> bool:
        return person in {"secretary", self.acting}

    def sees_result(self, person: str) -> bool:
        cleared_member = person in SCORING and not self.conflicted(person)
        finalised_for_members = self.state == "finalised" and self.members_see_result
        return self.sees_aggregate(person) or (finalised_for_members and cleared_member)

    def opens_session_results(self, person: str) -> bool:
        return person in {"secretary", "chair", "vice"}

    def reads_whole_record(self, person: str) -> bool:
        """The minutes, the score table, the result decisions."""
        return person == "secretary" or (person == "chair" and not self.conflicted("chair"))


CASES = [Case(conflict, state) for conflict in CONFLICTS for state in STATES] + [
    Case(conflict, "finalised", members_see_result=True) for conflict in CONFLICTS
]


def case_id(case: Case) -> str:
    who = f"{case.conflict}-conflicted" if case.conflict else "no-conflict"
    return f"{who}-{case.state}" + ("-members-see" if case.members_see_result else "")


def person_of(meeting, person: str):  # noqa: F811
    seats = {
        "secretary": meeting.secretary,
        "chair": meeting.chair,
        "vice": meeting.vice,
        "member": meeting.members[2],
    }
    return seats[person]


def prepare(meeting, case: Case):  # noqa: F811
    """Conflicts declared, every cleared member signed, then the session closed and finalised
    as the case says."""
    from evalapp.results import services as results

    if case.conflict:
        declaration = meeting.item.declaration_of(person_of(meeting, case.conflict))
        declaration.has_conflict, declaration.reason = True, "Người thân của chủ thể"
        db.session.commit()
    for member in meeting.members:
        if not meeting.item.declaration_of(member).has_conflict:
            from tests.integration.scoring.conftest import signed_sheet

            signed_sheet(meeting.item, member)
    if case.state in {"closed", "finalised"}:
        close(meeting)
    if case.state == "finalised":
        acting = person_of(meeting, case.acting).user
        results.finalise_result(meeting.item, "Hội đồng thống nhất.", {}, acting)
        db.session.commit()


@pytest.fixture
def rulebook_flag(monkeypatch):
    def set_flag(value: bool) -> None:
        def with_flag(code):
            rulebook = load_rulebook(code)
            council = dataclasses.replace(rulebook.council, members_see_result=value)
            return dataclasses.replace(rulebook, council=council)

        monkeypatch.setattr("evalapp.councils.seats.load_rulebook", with_flag)

    return set_flag


def observed(client, meeting, case: Case) -> dict[str, object]:  # noqa: F811
    """What one signed-in person meets on each page: the status, and whether the figure shows."""
    item, session = meeting.item, meeting.session
    pages = {
        "sheet page": f"/scoring/items/{item.id}",
        "result page": f"/results/items/{item.id}",
        "scoring result page": f"/scoring/items/{item.id}/result",
        "session results": f"/results/sessions/{session.id}",
        "result decisions": f"/reports/rounds/{meeting.council.round.id}/decisions",
    }
    if case.state != "open":
        pages["minutes PDF"] = f"/reports/sessions/{session.id}/minutes.pdf"
        pages["score XLSX"] = f"/reports/sessions/{session.id}/scores.xlsx"
    seen = {}
    for name, url in pages.items():
        response = client.get(url, follow_redirects=name == "scoring result page")
        seen[name] = response.status_code
        if name in {"result page", "session results"} and response.status_code == 200:
            seen[f"{name} figure"] = FIGURE in response.get_data(as_text=True)
    return seen


def expected(case: Case, person: str) -> dict[str, object]:
    def status(allowed: bool) -> int:
        return 200 if allowed else 403

    wanted = {
        "sheet page": status(case.sees_sheet_page(person)),
        "result page": status(case.sees_result(person)),
        "scoring result page": status(case.sees_aggregate(person)),
        "session results": status(case.opens_session_results(person)),
        "result decisions": status(case.reads_whole_record(person)),
    }
    if case.sees_result(person):
        wanted["result page figure"] = True
    if case.opens_session_results(person):
        wanted["session results figure"] = case.sees_result(person)
    if case.state != "open":
        wanted["minutes PDF"] = status(case.reads_whole_record(person))
        wanted["score XLSX"] = status(case.reads_whole_record(person))
    return wanted


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_who_sees_what_of_a_dossier(meeting, client, auth, rulebook_flag, case):  # noqa: F811
    rulebook_flag(case.members_see_result)
    prepare(meeting, case)
    wrong = {}
    for person in PEOPLE:
        auth.login(person_of(meeting, person).user)
        seen, wanted = observed(client, meeting, case), expected(case, person)
        auth.logout()
        if seen != wanted:
            wrong[person] = {k: (seen.get(k), v) for k, v in wanted.items() if seen.get(k) != v}
            wrong[person].update({k: (v, None) for k, v in seen.items() if k not in wanted})
    assert not wrong, f"(seen, expected) per person: {wrong}"


def test_a_member_sees_only_their_own_sheet(meeting, client, auth):  # noqa: F811
    """The sheet page is the member's own: another member's levels or total never show."""
    from tests.integration.scoring.conftest import signed_sheet, with_changes

    signed_sheet(meeting.item, meeting.members[3], with_changes(**{"6.5": "1"}))
    auth.login(meeting.members[2].user)
    page = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert meeting.members[3].user.full_name not in page
    assert "70,00" not in page and "70 điểm" not in page
