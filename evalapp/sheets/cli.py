"""`flask sheets export|validate|template`: a criteria sheet out as XLSX or JSON, a filled file
checked with every problem at its row and column, a rulebook's blank template. Importing and
publishing come with the sheet library in the database."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from evalapp.rules import load_rulebook, load_sheet

from .jsonfile import export_json, import_json
from .layout import MAX_BYTES
from .xlsx import blank_template, export_sheet, import_sheet

sheets_cli = AppGroup("sheets", help="Criteria sheets: export, validate, blank XLSX template.")


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
    """Write SHEET of RULEBOOK as a workbook to fill in, or as the app's JSON."""
    book = rulebook_named(rulebook)
    try:
        criteria = load_sheet(book.code, sheet)
    except LookupError:
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
