"""`flask sheets export|validate|template|import|publish|list`: a criteria sheet out as XLSX or
JSON, a filled file checked with every problem at its row and column, a rulebook's blank template;
a file imported into the library as a draft, a draft published, the library listed."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from evalapp.extensions import db
from evalapp.rules import SheetUnavailable, load_rulebook

from . import library, services
from .jsonfile import export_json, import_json
from .layout import MAX_BYTES
from .models import SheetVersion
from .xlsx import blank_template, export_sheet, import_sheet

sheets_cli = AppGroup(
    "sheets", help="Criteria sheets: export, validate, blank XLSX template, import, publish."
)


def rulebook_named(code: str):
    try:
        return load_rulebook(code)
    except LookupError:
        raise click.ClickException(f"no rulebook {code!r}") from None


@sheets_cli.command("export")
@click.argument("rulebook")
@click.argument("sheet")
@click.option("--format", "fmt", type=click.Choice(["xlsx", "json"]), default="xlsx")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def export(rulebook: str, sheet: str, fmt: str, output: Path) -> None:
    """Write the version in use of SHEET of RULEBOOK as a workbook to fill in, or as JSON."""
    book = rulebook_named(rulebook)
    try:
        criteria = library.current_sheet(book.code, sheet)
    except SheetUnavailable:
        raise click.ClickException(f"no sheet {sheet!r} in rulebook {rulebook!r}") from None
    data = export_sheet(criteria, book) if fmt == "xlsx" else export_json(criteria, book)
    output.write_bytes(data)
    click.echo(f"{criteria.code} ({len(criteria.leaves)} criteria) written to {output}")


@sheets_cli.command("template")
@click.argument("rulebook")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
def template(rulebook: str, output: Path) -> None:
    """Write RULEBOOK's blank sheet workbook, to fill in by hand."""
    output.write_bytes(blank_template(rulebook_named(rulebook)))
    click.echo(f"blank template of {rulebook} written to {output}")


@sheets_cli.command("validate")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rulebook", "rulebook", required=True, help="Code of the rulebook, e.g. 26-2026.")
@click.option(
    "--lang", type=click.Choice(["vi", "en"]), default="vi", help="Language of the problems."
)
def validate(file: Path, rulebook: str, lang: str) -> None:
    """Check an XLSX or JSON sheet FILE: print every problem (exit status 1 when any)."""
    book = rulebook_named(rulebook)
    with file.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    is_json = file.suffix.lower() == ".json" or data.lstrip()[:1] == b"{"
    outcome = import_json(data, book) if is_json else import_sheet(data, book)
    for problem in outcome.problems:
        click.echo(problem.message(lang))
    if not outcome.ok:
        count = len(outcome.problems)
        raise click.ClickException(
            f"{count} problem(s): nothing can be imported until they are fixed"
        )
    sheet = outcome.sheet
    click.echo(f"OK: {sheet.code} ({len(sheet.leaves)} criteria) is a valid sheet of {book.code}")


@sheets_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rulebook", "rulebook", required=True, help="Code of the rulebook, e.g. 26-2026.")
@click.option("--legal-basis", default="", help="Number and date of the text issuing the sheet.")
def import_command(file: Path, rulebook: str, legal_basis: str) -> None:
    """Import an XLSX or JSON sheet FILE into the library as a draft (nothing when it has a
    problem: each is printed, exit status 1)."""
    from .uploads import read_sheet_upload

    book = rulebook_named(rulebook)
    with file.open("rb") as handle:
        checked = read_sheet_upload(handle.read(MAX_BYTES + 1), book)
    for problem in checked.problems:
        click.echo(problem)
    if checked.problems:
        raise click.ClickException(f"{len(checked.problems)} problem(s): nothing was imported")
    version = services.add_draft(book, checked, None, file_name=file.name, legal_basis=legal_basis)
    db.session.commit()
    click.echo(f"draft {version.code} version {version.number} imported (id {version.id})")


@sheets_cli.command("publish")
@click.argument("version_id", type=int)
def publish_command(version_id: int) -> None:
    """Publish the draft VERSION_ID (the version it replaces is retired)."""
    version = db.session.get(SheetVersion, version_id)
    if version is None:
        raise click.ClickException(f"no sheet version {version_id}")
    try:
        replaced = services.publish(version, load_rulebook(version.rulebook_code), None)
    except services.LibraryError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    note = f"; version {replaced.number} retired" if replaced is not None else ""
    click.echo(f"{version.code} version {version.number} published{note}")


@sheets_cli.command("list")
@click.option("--rulebook", "rulebook", default=None, help="Only this rulebook.")
def list_command(rulebook: str | None) -> None:
    """Every version in the library: id, rulebook, code, number, state, source."""
    query = db.select(SheetVersion).order_by(
        SheetVersion.rulebook_code, SheetVersion.code, SheetVersion.number
    )
    if rulebook:
        query = query.where(SheetVersion.rulebook_code == rulebook)
    for version in db.session.scalars(query):
        click.echo(
            f"{version.id}\t{version.rulebook_code}\t{version.code}\tv{version.number}\t"
            f"{version.state.value}\t{version.source.value}"
        )
