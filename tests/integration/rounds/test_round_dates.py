"""The round's days typed in any accepted form come back in the Vietnamese order."""

from tests.integration.rounds.test_rounds import round_form, the_round

DAY_ERROR = "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy."


def test_a_refused_round_form_shows_every_day_back_as_dd_mm_yyyy(client, signed_in):
    """Nothing typed is lost: days read in any accepted form come back in the Vietnamese order,
    the one wrong day as it was typed."""
    response = client.post(
        "/rounds/new",
        data=round_form(
            submission_opens_on="2024-03-01", submission_closes_on="30/4/2024", name=""
        ),
    )
    assert response.status_code == 200 and "Vui lòng nhập trường này." in response.text
    assert 'value="01/03/2024"' in response.text and 'value="30/04/2024"' in response.text
    response = client.post("/rounds/new", data=round_form(scoring_ends_on="31/02/2024"))
    assert DAY_ERROR in response.text and 'value="31/02/2024"' in response.text
    assert the_round() is None
