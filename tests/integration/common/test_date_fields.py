"""The one day field and the one day-and-time field of every form: typed dd/mm/yyyy (or d/m/yyyy,
or ISO from an older client), shown back as dd/mm/yyyy, refused in Vietnamese otherwise."""

from datetime import date, datetime

import pytest
from werkzeug.datastructures import MultiDict

from evalapp.common.forms import Form, day_field, day_time_field

DAY_ERROR = "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy."
MOMENT_ERROR = "Thời điểm không hợp lệ; hãy nhập theo dạng dd/mm/yyyy HH:MM."


class DatesForm(Form):
    class Meta:
        csrf = False

    day = day_field("Ngày")
    moment = day_time_field("Thời điểm", needed=False)


def posted(app, **values) -> DatesForm:
    with app.test_request_context(method="POST", data=values):
        form = DatesForm(MultiDict(values))
        form.validate()
        return form


@pytest.mark.parametrize("typed", ["05/03/2026", "5/3/2026", "2026-03-05", " 05/03/2026 "])
def test_a_day_is_read_in_the_vietnamese_order_or_iso_and_shown_as_dd_mm_yyyy(app, typed):
    form = posted(app, day=typed)
    assert form.day.data == date(2026, 3, 5) and not form.day.errors
    assert 'value="05/03/2026"' in form.day()


@pytest.mark.parametrize("typed", ["31/02/2026", "03/05/26", "2026/03/05", "12.03.2026", "mai"])
def test_text_that_is_no_day_is_refused_in_vietnamese_and_kept_as_typed(app, typed):
    form = posted(app, day=typed)
    assert form.day.errors == [DAY_ERROR]
    assert f'value="{typed}"' in form.day()


@pytest.mark.parametrize("typed", ["20/05/2026 08:30", "20/5/2026 8:30", "2026-05-20T08:30"])
def test_a_moment_is_read_in_24_hours_and_shown_as_dd_mm_yyyy_hh_mm(app, typed):
    form = posted(app, day="01/01/2026", moment=typed)
    assert form.moment.data == datetime(2026, 5, 20, 8, 30) and not form.moment.errors
    assert 'value="20/05/2026 08:30"' in form.moment()


@pytest.mark.parametrize("typed", ["20/05/2026 8:30 PM", "20/05/2026 24:00", "20/05/2026"])
def test_a_moment_not_in_24_hours_is_refused_in_vietnamese(app, typed):
    assert posted(app, day="01/01/2026", moment=typed).moment.errors == [MOMENT_ERROR]


def test_the_fields_are_text_boxes_marked_for_the_calendar(app):
    form = posted(app, day="")
    assert form.day.errors == ["Vui lòng nhập trường này."]
    assert 'type="text"' in form.day() and "data-date-field" in form.day()
    assert 'placeholder="dd/mm/yyyy"' in form.day()
    assert "data-date-time-field" in form.moment() and 'placeholder="dd/mm/yyyy HH:MM"' in (
        form.moment()
    )
