"""Public pages of the rules in force: rulebooks, their star bands and procedure, criteria sheets."""

from flask import Blueprint, render_template, request

from evalapp.common.access import public
from evalapp.common.page_cache import cached_page
from evalapp.common.time import local_today
from evalapp.rulebooks.queries import rulebook_or_404, sheet_or_404
from evalapp.rulebooks.services import self_check
from evalapp.rulebooks.sheet_form import choices_from, field_name
from evalapp.rules import (
    list_rulebooks,
    load_rulebook,
    replaced_until,
    rulebook_for_date,
)
from evalapp.sheets import library

bp = Blueprint("rulebooks", __name__, url_prefix="/rulebooks")


def library_fingerprint(*args, **kwargs) -> tuple:
    """The rules change with a release (part of every ETag), the sheets when the library
    publishes a version (its stamp)."""
    return library.stamp()


@bp.route("/")
@public
@cached_page(library_fingerprint)
def index():
    rulebooks = [(book, library.published_sheets(book.code)) for book in list_rulebooks()]
    in_force = rulebook_for_date(local_today())
    return render_template("rulebooks/index.html", rulebooks=rulebooks, in_force=in_force)


@bp.route("/<code>")
@public
@cached_page(library_fingerprint)
def show(code: str):
    rulebook = rulebook_or_404(code)
    return render_template(
        "rulebooks/show.html",
        rulebook=rulebook,
        sheets=library.published_sheets(rulebook.code),
        sheet_codes=library.subgroup_sheet_codes(rulebook.code),
        versions=library.published(rulebook.code),
        replaced_until=replaced_until(rulebook),
        replaced=load_rulebook(rulebook.replaces) if rulebook.replaces else None,
    )


@bp.route("/<code>/sheets/<sheet_code>")
@public
@cached_page(library_fingerprint)
def sheet(code: str, sheet_code: str):
    rulebook = rulebook_or_404(code)
    criteria_sheet = sheet_or_404(rulebook, sheet_code)
    return render_template(
        "rulebooks/sheet.html",
        rulebook=rulebook,
        sheet=criteria_sheet,
        version=library.published_version(rulebook.code, sheet_code),
    )


@bp.route("/<code>/sheets/<sheet_code>/try")
@public
@cached_page(library_fingerprint)
def try_sheet(code: str, sheet_code: str):
    """Anyone can fill a sheet and see the total, the star class and the gap to the next star."""
    rulebook = rulebook_or_404(code)
    criteria_sheet = sheet_or_404(rulebook, sheet_code)
    choices = choices_from(request.args, criteria_sheet)
    outcome = self_check(rulebook, criteria_sheet, choices) if any(choices.values()) else None
    return render_template(
        "rulebooks/try_sheet.html",
        rulebook=rulebook,
        sheet=criteria_sheet,
        choices=choices,
        outcome=outcome,
        field_name=field_name,
    )
