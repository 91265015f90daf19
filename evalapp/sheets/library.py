"""Which criteria sheets the application scores on: the published versions of the library, and
the exact version a dossier or a result was made on.

Every worker and the job worker see a version published anywhere on their next request or job:
each one reads the library's stamp (how many versions, and when one last changed state) once per
application context and reloads the list of published versions when it moved. A version's
content never changes, so its parsed sheet is kept per process by digest."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime

from flask import g
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from evalapp.extensions import db
from evalapp.rules import CriteriaSheet, SheetUnavailable, load_rulebook, parse_sheet
from evalapp.rules.loader import DataFormatError, named_sheet, serving
from evalapp.rules.validation import SheetInvalid
from evalapp.sheets.models import SheetVersion, VersionState
from evalapp.sheets.shipped import sync_shipped

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Published:
    """A published version, without its data."""

    id: int
    rulebook_code: str
    code: str
    number: int
    digest: str
    subgroups: tuple[str, ...]
    name: str
    published_at: datetime | None


@dataclass(frozen=True)
class _Snapshot:
    stamp: tuple
    published: dict[str, tuple[Published, ...]]


_lock = threading.Lock()
_snapshot: _Snapshot | None = None
_parsed: dict[str, CriteriaSheet] = {}  # digest → sheet


def _read_stamp() -> tuple:
    count, changed = db.session.execute(
        select(func.count(SheetVersion.id), func.max(SheetVersion.changed_at))
    ).one()
    return count, changed


def _synced_stamp() -> tuple:
    """The stamp, after adding any shipped sheet the library lacks (in its own transaction: a
    read-only page must not roll the seeding back)."""
    try:
        with db.engine.begin() as connection:
            added = sync_shipped(connection)
    except IntegrityError:  # another worker added the same version at the same moment
        added = 1
    if added:
        logger.info("sheet library: %d shipped sheet version(s) added", added)
    return _read_stamp()


def _current() -> _Snapshot:
    global _snapshot
    stamp = g.get("sheet_library_stamp")
    if stamp is None:
        stamp = _read_stamp()
        snapshot = _snapshot
        if snapshot is None or snapshot.stamp != stamp:
            stamp = _synced_stamp()
        g.sheet_library_stamp = stamp
    snapshot = _snapshot
    if snapshot is not None and snapshot.stamp == stamp:
        return snapshot
    rows = db.session.execute(
        select(
            SheetVersion.id,
            SheetVersion.rulebook_code,
            SheetVersion.code,
            SheetVersion.number,
            SheetVersion.digest,
            SheetVersion.subgroups,
            SheetVersion.name,
            SheetVersion.published_at,
        )
        .where(SheetVersion.state == VersionState.PUBLISHED)
        .order_by(SheetVersion.rulebook_code, SheetVersion.code)
    ).all()
    published: dict[str, list[Published]] = {}
    for row in rows:
        published.setdefault(row.rulebook_code, []).append(
            Published(
                row.id,
                row.rulebook_code,
                row.code,
                row.number,
                row.digest,
                tuple(row.subgroups or ()),
                row.name,
                row.published_at,
            )
        )
    _parse_new([p for items in published.values() for p in items])
    with _lock:
        _snapshot = _Snapshot(stamp, {code: tuple(items) for code, items in published.items()})
        return _snapshot


def _parse_new(versions: list[Published]) -> None:
    """Parse, in one query, the published versions this process has not read yet, so a page
    never waits on a sheet's data; one that cannot be read is logged and left to `_parse`."""
    new = {p.id: p for p in versions if p.digest not in _parsed}
    if not new:
        return
    rows = db.session.execute(
        select(SheetVersion.id, SheetVersion.data).where(SheetVersion.id.in_(new))
    ).all()
    for row in rows:
        version = new[row.id]
        try:
            sheet = parse_sheet(row.data, load_rulebook(version.rulebook_code))
        except (DataFormatError, SheetInvalid, LookupError) as error:
            logger.error("sheet version %s cannot be read: %s", row.id, error)
            continue
        with _lock:
            _parsed[version.digest] = sheet


def restart() -> None:
    """Forget everything this process read, as a new process would (tests, a new release)."""
    global _snapshot
    with _lock:
        _snapshot = None
        _parsed.clear()
    forget()


def forget() -> None:
    """Drop this context's stamp (after publishing, the same request sees the change)."""
    g.pop("sheet_library_stamp", None)


def _parse(version_id: int, rulebook_code: str, digest: str) -> CriteriaSheet:
    sheet = _parsed.get(digest)
    if sheet is not None:
        return sheet
    data = db.session.scalar(select(SheetVersion.data).where(SheetVersion.id == version_id))
    if data is None:
        raise SheetUnavailable(rulebook_code, f"#{version_id}")
    try:
        sheet = parse_sheet(data, load_rulebook(rulebook_code))
    except (DataFormatError, SheetInvalid, LookupError) as error:
        logger.error("sheet version %s cannot be read: %s", version_id, error)
        raise SheetUnavailable(rulebook_code, str(data.get("code", version_id))) from error
    with _lock:
        _parsed[digest] = sheet
    return sheet


def stamp() -> tuple:
    """How many versions, and when one last changed state: moves whenever one is published."""
    return _current().stamp


def published(rulebook_code: str) -> tuple[Published, ...]:
    return _current().published.get(rulebook_code, ())


def published_version(rulebook_code: str, code: str) -> Published | None:
    return next((p for p in published(rulebook_code) if p.code == code), None)


def published_sheets(rulebook_code: str) -> tuple[CriteriaSheet, ...]:
    """The sheets in use for a rulebook, by code; a version that cannot be read is left out
    (and logged), never taking the others down."""
    sheets = []
    for version in published(rulebook_code):
        try:
            sheets.append(_parse(version.id, rulebook_code, version.digest))
        except SheetUnavailable:
            continue
    return tuple(sheets)


def current_sheet(rulebook_code: str, code: str) -> CriteriaSheet:
    """The published version of a sheet; raises `SheetUnavailable`."""
    version = published_version(rulebook_code, code)
    if version is None:
        raise SheetUnavailable(rulebook_code, code)
    return _parse(version.id, rulebook_code, version.digest)


def version_sheet(version: SheetVersion) -> CriteriaSheet:
    """The sheet of one version, whatever its state (a dossier keeps a retired one)."""
    return _parse(version.id, version.rulebook_code, version.digest)


def subgroup_sheet_codes(rulebook_code: str) -> dict[str, str]:
    """Subgroup → the code of the published sheet serving it (`rules.loader.serving`)."""
    offered = {p.code: p.subgroups for p in published(rulebook_code)}
    return serving(load_rulebook(rulebook_code), offered)


def sheet_code_for(rulebook_code: str, subgroup_code: str) -> str | None:
    """The code of the sheet a subgroup is scored on (`rules.loader.named_sheet`), among the
    published versions."""
    rulebook = load_rulebook(rulebook_code)
    return named_sheet(rulebook, subgroup_code, subgroup_sheet_codes(rulebook_code))


def pinned_version_id(rulebook_code: str, code: str | None) -> int | None:
    """The version a dossier created now is scored on: the published one of its sheet."""
    if not code:
        return None
    version = published_version(rulebook_code, code)
    return None if version is None else version.id


def sheet_by_version_or_code(
    rulebook_code: str, code: str | None, version_id: int | None
) -> CriteriaSheet | None:
    """A dossier's or result's sheet: its pinned version, else (a record older than the
    library, or a sheet not in it yet) the published version of its code; None without a code.
    Raises `SheetUnavailable` when neither can be read."""
    if version_id is not None:
        found = next((p for p in published(rulebook_code) if p.id == version_id), None)
        if found is not None:  # the usual case, answered from the snapshot
            return _parse(found.id, rulebook_code, found.digest)
        row = db.session.execute(
            select(SheetVersion.rulebook_code, SheetVersion.digest).where(
                SheetVersion.id == version_id
            )
        ).first()
        if row is not None:
            return _parse(version_id, row.rulebook_code, row.digest)
    if not code:
        return None
    return current_sheet(rulebook_code, code)
