"""The criteria sheets as the administrator sees them: each rulebook's usable sheets and the
sheet files left out, with every reason (issue 15: a broken file is reported here and logged,
and every other sheet and page keeps working)."""

from flask import render_template

from evalapp.admin.views.blueprint import admin_only, bp
from evalapp.rules import list_rulebooks, list_sheets, sheet_file_problems, subgroup_sheet_codes


@bp.route("/sheets")
@admin_only
def sheets():
    shelves = [
        (
            book,
            list_sheets(book.code),
            sheet_file_problems(book.code),
            subgroup_sheet_codes(book.code),
        )
        for book in reversed(list_rulebooks())
    ]
    return render_template("admin/sheets.html", shelves=shelves)
