"""Dossiers that will miss a cut-off of 26/2026 Điều 5, on the intake queue and the round page.
The round opens on 01/06/2026: its Điều 5 round is round 2 of 2026 (proposals before 30/10/2026,
decision before 30/12/2026)."""

from datetime import date

from tests.integration.dossiers.test_commune_stage import (  # noqa: F401 (the fixture)
    assessments,
    filed_on,
    forward,
    kim_son_2026,
    on,
)

FILED = date(2026, 10, 5)


def queue_on(client, day: date) -> str:
    with on(day):
        return client.get("/dossiers/intake").text


def test_a_dossier_still_at_the_commune_nears_the_proposal_cut_off(kim_son_2026, login):  # noqa: F811
    dossier = filed_on(FILED, kim_son_2026)
    secretary = login(kim_son_2026.secretary)
    queue = queue_on(secretary, date(2026, 10, 20))
    assert dossier.receipt_code in queue
    assert "Còn 10 ngày đến hạn đề xuất 30/10/2026" in queue
    officer = login(kim_son_2026.commune_officer)
    assert "Còn 1 ngày đến hạn đề xuất 30/10/2026" in queue_on(officer, date(2026, 10, 29))


def test_on_the_cut_off_day_the_proposal_is_overdue(kim_son_2026, login):  # noqa: F811
    filed_on(FILED, kim_son_2026)
    secretary = login(kim_son_2026.secretary)
    assert "Quá hạn đề xuất 30/10/2026" in queue_on(secretary, date(2026, 10, 30))


def test_far_from_the_cut_off_there_is_no_badge(kim_son_2026, login):  # noqa: F811
    filed_on(date(2026, 8, 21), kim_son_2026)
    secretary = login(kim_son_2026.secretary)
    queue = queue_on(secretary, date(2026, 9, 29))  # 31 days before 30/10
    assert "đến hạn đề xuất" not in queue and "cut-off-badge" not in queue


def test_a_proposed_dossier_counts_down_to_the_decision(kim_son_2026, login):  # noqa: F811
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    forward(officer, dossier, date(2026, 10, 20), **assessments())
    secretary = login(kim_son_2026.secretary)
    queue = queue_on(secretary, date(2026, 12, 10))
    assert "Còn 20 ngày đến hạn quyết định 30/12/2026" in queue
    assert "đến hạn đề xuất" not in queue
    assert "Quá hạn quyết định 30/12/2026" in queue_on(secretary, date(2026, 12, 30))


def test_a_dossier_proposed_on_the_cut_off_day_is_flagged(kim_son_2026, login):  # noqa: F811
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    forward(officer, dossier, date(2026, 10, 30), late_reason="Chờ mẫu", **assessments())
    secretary = login(kim_son_2026.secretary)
    assert "Đề xuất sau hạn 30/10/2026" in queue_on(secretary, date(2026, 11, 2))


def test_the_round_page_lists_the_dossiers_at_risk(kim_son_2026, login):  # noqa: F811
    dossier = filed_on(FILED, kim_son_2026)
    secretary = login(kim_son_2026.secretary)
    with on(date(2026, 10, 25)):
        page = secretary.get(f"/rounds/{kim_son_2026.round.id}").text
    assert "Đợt 2 năm 2026: đề xuất trước 30/10/2026, quyết định trước 30/12/2026" in page
    assert "Hồ sơ chưa được tiếp nhận đang gần hoặc quá hạn" in page
    assert dossier.receipt_code in page and "Còn 5 ngày đến hạn đề xuất 30/10/2026" in page
    # The round's own dates (submissions to 31/12, scoring in January) pass the cut-offs.
    assert "Hạn nộp hồ sơ 31/12/2026 không trước hạn đề xuất 30/10/2026 của Điều 5." in page


def test_the_secretariats_home_counts_the_dossiers_at_risk(kim_son_2026, login):  # noqa: F811
    filed_on(FILED, kim_son_2026)
    secretary = login(kim_son_2026.secretary)
    with on(date(2026, 10, 25)):
        home = secretary.get("/").text
    assert "1 hồ sơ chưa được tiếp nhận đang gần hoặc quá hạn đề xuất, quyết định" in home
    with on(date(2026, 9, 1)):
        assert "cut-off-count" not in secretary.get("/").text
    officer = login(kim_son_2026.commune_officer)
    with on(date(2026, 10, 25)):
        assert "cut-off-count" not in officer.get("/").text


def test_the_dossier_page_shows_its_cut_off_to_staff_and_producer(kim_son_2026, login):  # noqa: F811
    dossier = filed_on(FILED, kim_son_2026)
    for user in (kim_son_2026.secretary, kim_son_2026.commune_officer, kim_son_2026.producer):
        client = login(user)
        with on(date(2026, 10, 20)):
            page = client.get(f"/dossiers/{dossier.id}").text
        assert "Còn 10 ngày đến hạn đề xuất 30/10/2026" in page
    with on(date(2026, 9, 20)):
        assert (
            "cut-off-badge" not in login(kim_son_2026.producer).get(f"/dossiers/{dossier.id}").text
        )
