"""Read rulebooks from JSON (the format is in `data/README.md`), and the shipped data.

Shipped files live in `data/rulebooks/<code>/`; sheets are discovered by listing `sheets/`
(they are read by `reading.py`). A sheet file that cannot be used (unreadable, invalid, reusing
another file's code, claiming a subgroup served by another sheet) is left out and reported — it
never takes its rulebook's other sheets or pages down (issue 15).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from functools import cache
from pathlib import Path
from types import MappingProxyType

from .model import (
    CertificateRules,
    Checklist,
    Correction,
    CouncilRules,
    CriteriaSheet,
    DossierItem,
    EvaluationLevel,
    Family,
    Irregularity,
    MinimumCondition,
    PartSpec,
    PreReviewItem,
    ProductGroup,
    RegistrationType,
    RevocationAuthority,
    RevocationGround,
    RevocationRules,
    RoundCutOffRule,
    Rulebook,
    StarBand,
    StarMinima,
    StarMinimaRule,
    Subgroup,
    Text,
    Transition,
)
from .reading import (
    FRAGMENT_PREFIX,
    DataFormatError,
    _date,
    _decimal,
    _guarded,
    _opt_date,
    _opt_decimal,
    _opt_text,
    _text,
    apply_corrections,
    build_sheet,
    inline_fragments,
    parse_sheet,
    read_fragments,
    read_json,
    read_sheet_file,
)
from .validation import SheetInvalid

__all__ = [
    "DATA_DIR",
    "DataFormatError",
    "SheetFileProblem",
    "SheetUnavailable",
    "apply_corrections",
    "build_sheet",
    "clear_caches",
    "list_rulebooks",
    "list_sheets",
    "load_rulebook",
    "load_sheet",
    "parse_rulebook",
    "parse_sheet",
    "read_fragments",
    "read_json",
    "read_rulebook_file",
    "read_sheet_file",
    "rulebook_for_date",
    "sheet_code_for",
    "sheet_file_problems",
    "sheet_for_subgroup",
    "shipped_sheet_data",
    "subgroup_sheet_codes",
]

DATA_DIR = Path(__file__).resolve().parent / "data" / "rulebooks"

logger = logging.getLogger(__name__)


# --- rulebooks -----------------------------------------------------------------------


def _band(data: Mapping) -> StarBand:
    return StarBand(int(data["stars"]), _decimal(data["min"]), _opt_decimal(data.get("max")))


def _minimum(data: Mapping) -> MinimumCondition:
    return MinimumCondition(
        stars=int(data["stars"]),
        criterion=str(data["criterion"]),
        min_points=_decimal(data["min_points"]),
        sheets=tuple(data.get("sheets", [])),
        note=_opt_text(data.get("note")),
    )


def _revocation(data: Mapping | None) -> RevocationRules | None:
    if data is None:
        return None
    return RevocationRules(
        reference=str(data["reference"]),
        grounds=tuple(
            RevocationGround(
                str(g["code"]),
                str(g["point"]),
                _text(g["text"]),
                bool(g.get("commune_confirmation", False)),
            )
            for g in data["grounds"]
        ),
        authorities=tuple(
            RevocationAuthority(str(a["level"]), str(a["point"]), _text(a["title"]))
            for a in data["authorities"]
        ),
        days=int(data["days"]),
        grounds_article=str(data["grounds_article"]),
        level_article=str(data["level_article"]),
        deadline_article=str(data["deadline_article"]),
    )


def _certificate(data: Mapping) -> CertificateRules:
    fields = {key: value for key, value in data.items() if key != "revocation"}
    return CertificateRules(**fields, revocation=_revocation(data.get("revocation")))


def _eval_level(data: Mapping) -> EvaluationLevel:
    return EvaluationLevel(
        code=str(data["code"]),
        name=_text(data["name"]),
        recognises=tuple(int(s) for s in data.get("recognises", [])),
        scores=bool(data.get("scores", True)),
        forward_to=data.get("forward_to"),
        forward_min=_opt_decimal(data.get("forward_min")),
        pre_review=tuple(
            PreReviewItem(str(i["code"]), _text(i["name"])) for i in data.get("pre_review", [])
        ),
        pre_review_working_days=(
            None
            if data.get("pre_review_working_days") is None
            else int(data["pre_review_working_days"])
        ),
        pre_review_report=data.get("pre_review_report"),
        rounds=tuple(_round_cut_off(r) for r in data.get("rounds", [])),
        rounds_article=str(data.get("rounds_article", "")),
    )


def _month_day(text: str) -> tuple[int, int]:
    """A month and day such as "04-30" → (4, 30), checked to exist in every year (29/02 is refused)."""
    try:
        month, day = (int(part) for part in str(text).split("-"))
        date(2027, month, day)
    except ValueError as error:
        raise DataFormatError(f"not a month-day: {text!r}") from error
    return month, day


def _round_cut_off(data: Mapping) -> RoundCutOffRule:
    return RoundCutOffRule(
        number=int(data["number"]),
        proposals_before=_month_day(data["proposals_before"]),
        decided_before=_month_day(data["decided_before"]),
        next_year=bool(data.get("next_year", False)),
    )


def _council(data: Mapping) -> CouncilRules:
    if data.get("rounding", "half_up") != "half_up":
        raise DataFormatError(f"unsupported rounding {data['rounding']!r}")
    return CouncilRules(
        max_spread=_decimal(data["max_spread"]),
        quorum=Fraction(str(data["quorum"])),
        chair_required=bool(data.get("chair_required", True)),
        decimals=int(data.get("decimals", 2)),
        dossier_lead_working_days=int(data.get("dossier_lead_working_days", 1)),
        members_see_result=bool(data.get("members_see_result", False)),
        re_evaluation_in_writing=bool(data.get("re_evaluation_in_writing", False)),
        re_evaluation_days=(
            None if data.get("re_evaluation_days") is None else int(data["re_evaluation_days"])
        ),
    )


def _dossier_item(data: Mapping, required: bool) -> DossierItem:
    return DossierItem(
        code=str(data["code"]),
        name=_text(data["name"]),
        required=required,
        formats=tuple(data["formats"]),
        max_size_mb=int(data["max_size_mb"]),
        exempt_groups=tuple(data.get("exempt_groups", [])),
    )


def _checklists(data: Mapping) -> tuple[Checklist, ...]:
    items = {str(item["code"]): item for item in data.get("items", [])}
    return tuple(
        Checklist(
            registration_type=RegistrationType(kind),
            items=tuple(_dossier_item(items[c], True) for c in lists.get("required", []))
            + tuple(_dossier_item(items[c], False) for c in lists.get("optional", [])),
        )
        for kind, lists in data.get("checklists", {}).items()
    )


def _family(data: Mapping | None) -> Family | None:
    return None if data is None else Family(str(data["code"]), _text(data["name"]))


def _subgroup(data: Mapping) -> Subgroup:
    return Subgroup(
        str(data["code"]),
        _text(data["name"]),
        data.get("sheet"),
        family=_family(data.get("family")),
        lead_ministry=_opt_text(data.get("lead_ministry")),
    )


def _group(data: Mapping) -> ProductGroup:
    subgroups = tuple(_subgroup(s) for s in data.get("subgroups", []))
    return ProductGroup(str(data["code"]), _text(data["name"]), subgroups)


def _star_minima(data: Mapping | None) -> StarMinima | None:
    if data is None:
        return None
    return StarMinima(StarMinimaRule(data["rule"]), _text(data["note"]))


def _transition(data: Mapping | None) -> Transition | None:
    if data is None:
        return None
    return Transition(
        replaced_after_days=int(data["replaced_after_days"]),
        note=_text(data["note"]),
        filed_before=_date(data["filed_before"]),
        finish_within_days=MappingProxyType(
            {RegistrationType(k).value: int(v) for k, v in data["finish_within_days"].items()}
        ),
    )


def _correction(data: Mapping | None) -> Correction | None:
    if data is None:
        return None
    return Correction(
        int(data["option"]), _decimal(data["printed_points"]), _decimal(data["points"])
    )


def _irregularity(data: Mapping) -> Irregularity:
    return Irregularity(
        sheet=str(data["sheet"]),
        criterion=None if data.get("criterion") is None else str(data["criterion"]),
        kind=str(data["kind"]),
        text_says=_text(data["text_says"]),
        app_does=_text(data["app_does"]),
        correction=_correction(data.get("correction")),
    )


def _build_rulebook(data: Mapping) -> Rulebook:
    return Rulebook(
        code=str(data["code"]),
        reference=str(data["reference"]),
        title=_text(data["title"]),
        issued=_date(data["issued"]),
        applies_from=_date(data["applies_from"]),
        applies_until=_opt_date(data.get("applies_until")),
        replaces=data.get("replaces"),
        parts=tuple(
            PartSpec(str(p["code"]), _text(p["name"]), _decimal(p["maximum"]))
            for p in data["parts"]
        ),
        star_bands=tuple(sorted((_band(b) for b in data["star_bands"]), key=lambda b: b.minimum)),
        minimum_conditions=tuple(_minimum(c) for c in data.get("minimum_conditions", [])),
        levels=tuple(_eval_level(level) for level in data.get("levels", [])),
        council=_council(data["council"]),
        certificate=_certificate(data.get("certificate", {})),
        checklists=_checklists(data.get("dossier", {})),
        groups=tuple(_group(g) for g in data.get("groups", [])),
        star_minima=_star_minima(data.get("star_minima")),
        transition=_transition(data.get("transition")),
        irregularities=tuple(_irregularity(i) for i in data.get("irregularities", [])),
    )


def parse_rulebook(data: Mapping) -> Rulebook:
    """Build a rulebook from a dict (raises `DataFormatError`)."""
    code = data.get("code", "?") if isinstance(data, Mapping) else "?"
    return _guarded(f"rulebook {code}", _build_rulebook, data)


def read_rulebook_file(path: Path | str) -> Rulebook:
    return parse_rulebook(read_json(Path(path)))


# --- the shipped data --------------------------------------------------------------


def _rulebook_dir(code: str) -> Path:
    folder = DATA_DIR / code
    if not (folder / "rulebook.json").is_file():
        raise LookupError(f"no rulebook {code!r}")
    return folder


IRREGULARITIES_FILE = "irregularities.json"


@cache
def load_rulebook(code: str) -> Rulebook:
    """The shipped rulebook `code` (e.g. "148-2023"); raises `LookupError` if unknown.

    The list of irregularities of the official text, when the folder has one, is read from
    `irregularities.json` beside `rulebook.json` (it is written by the sheet converter)."""
    folder = _rulebook_dir(code)
    data = dict(read_json(folder / "rulebook.json"))
    if (folder / IRREGULARITIES_FILE).is_file():
        data["irregularities"] = read_json(folder / IRREGULARITIES_FILE)
    return parse_rulebook(data)


def list_rulebooks() -> tuple[Rulebook, ...]:
    """All shipped rulebooks, oldest first."""
    codes = (p.parent.name for p in DATA_DIR.glob("*/rulebook.json"))
    return tuple(sorted((load_rulebook(c) for c in codes), key=lambda r: r.applies_from))


def rulebook_for_date(day: date) -> Rulebook:
    """The rulebook in force on `day`; raises `LookupError` before the first one."""
    for rulebook in reversed(list_rulebooks()):
        if rulebook.applies_on(day):
            return rulebook
    raise LookupError(f"no rulebook in force on {day.isoformat()}")


class SheetUnavailable(LookupError):
    """A sheet a dossier or result names whose file is not usable (see `sheet_file_problems`)."""

    def __init__(self, rulebook_code: str, sheet_code: str):
        self.rulebook_code = rulebook_code
        self.sheet_code = sheet_code
        super().__init__(f"no usable sheet {sheet_code!r} in rulebook {rulebook_code!r}")


@dataclass(frozen=True)
class SheetFileProblem:
    """A file of a rulebook's `sheets/` folder that was left out, and every reason why."""

    rulebook: str
    file: str
    messages: tuple[Text, ...]


@dataclass(frozen=True)
class _Shelf:
    sheets: tuple[CriteriaSheet, ...]
    problems: tuple[SheetFileProblem, ...]
    # Each usable sheet's file content with its fragments inlined (what the library stores).
    data: tuple[Mapping, ...] = ()


def _unreadable(error: Exception) -> tuple[Text, ...]:
    return (Text(f"Tệp không đọc được: {error}", f"The file cannot be read: {error}"),)


def _conflicts(sheet: CriteriaSheet, kept: dict, rulebook: Rulebook) -> tuple[Text, ...]:
    """Why a valid sheet still cannot join the sheets already kept (`kept`: code → (file,
    sheet)): the same code, or a subgroup the rulebook or a kept sheet gives another sheet."""
    messages = []
    if sheet.code in kept:
        other = kept[sheet.code][0]
        messages.append(
            Text(
                f"Mã phiếu {sheet.code} trùng với tệp {other}",
                f"Sheet code {sheet.code} is already used by the file {other}",
            )
        )
    for code in sheet.subgroups:
        named = rulebook.subgroup(code)
        owner = named.sheet if named is not None and named.sheet else None
        owner = owner or next((c for c, (_, s) in kept.items() if code in s.subgroups), None)
        if owner is not None and owner != sheet.code:
            messages.append(
                Text(
                    f"Nhóm sản phẩm {code} đã dùng phiếu {owner}",
                    f"Subgroup {code} is already served by the sheet {owner}",
                )
            )
    return tuple(messages)


@cache
def _shelf(rulebook_code: str) -> _Shelf:
    rulebook = load_rulebook(rulebook_code)
    folder = _rulebook_dir(rulebook_code) / "sheets"
    problems: list[SheetFileProblem] = []
    try:
        fragments = read_fragments(folder)
    except (OSError, ValueError, KeyError, TypeError) as error:
        fragments = {}
        problems.append(
            SheetFileProblem(rulebook_code, f"{FRAGMENT_PREFIX}*.json", _unreadable(error))
        )
    kept: dict[str, tuple[str, CriteriaSheet]] = {}
    raw: dict[str, Mapping] = {}
    paths = sorted(p for p in folder.glob("*.json") if not p.name.startswith(FRAGMENT_PREFIX))
    for path in paths:
        try:
            data = inline_fragments(read_json(path), fragments)
            sheet = parse_sheet(data, rulebook)
        except SheetInvalid as invalid:
            messages = tuple(Text(p.message_vi, p.message_en) for p in invalid.problems)
        except (OSError, ValueError) as error:  # DataFormatError and bad JSON are ValueErrors
            messages = _unreadable(error)
        else:
            messages = _conflicts(sheet, kept, rulebook)
            if not messages:
                kept[sheet.code], raw[sheet.code] = (path.name, sheet), data
                continue
        problems.append(SheetFileProblem(rulebook_code, path.name, messages))
    for problem in problems:
        logger.error(
            "sheet file %s/sheets/%s left out: %s",
            problem.rulebook,
            problem.file,
            "; ".join(message.vi for message in problem.messages),
        )
    return _Shelf(tuple(sheet for _, sheet in kept.values()), tuple(problems), tuple(raw.values()))


def shipped_sheet_data(rulebook_code: str) -> tuple[Mapping, ...]:
    """The raw data of each usable shipped sheet, fragments inlined, in the order of
    `list_sheets` (the sheet library seeds its published versions from it)."""
    return _shelf(rulebook_code).data


def list_sheets(rulebook_code: str) -> tuple[CriteriaSheet, ...]:
    """The usable sheets shipped with a rulebook (files of `sheets/`, minus fragments and the
    files `sheet_file_problems` reports)."""
    return _shelf(rulebook_code).sheets


def sheet_file_problems(rulebook_code: str | None = None) -> tuple[SheetFileProblem, ...]:
    """The sheet files left out, of one rulebook or of all."""
    codes = [rulebook_code] if rulebook_code else [book.code for book in list_rulebooks()]
    return tuple(problem for code in codes for problem in _shelf(code).problems)


def load_sheet(rulebook_code: str, sheet_code: str) -> CriteriaSheet:
    """One shipped sheet by code; raises `SheetUnavailable` (a `LookupError`) if absent."""
    for sheet in list_sheets(rulebook_code):
        if sheet.code == sheet_code:
            return sheet
    raise SheetUnavailable(rulebook_code, sheet_code)


def clear_caches() -> None:
    """Forget loaded rulebooks and sheets (after files were added to the data folder)."""
    load_rulebook.cache_clear()
    _shelf.cache_clear()


def serving(rulebook: Rulebook, offered: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    """Subgroup code → the code of the usable sheet that serves it, among `offered` (sheet code
    → the subgroups the sheet lists): the one `rulebook.json` names, else a sheet listing it."""
    codes = {code: sheet for sheet, subgroups in offered.items() for code in subgroups}
    for group in rulebook.groups:
        for subgroup in group.subgroups:
            if subgroup.sheet in offered:
                codes[subgroup.code] = subgroup.sheet
    return codes


def named_sheet(rulebook: Rulebook, subgroup_code: str, served: Mapping[str, str]) -> str | None:
    """The code of the sheet a subgroup is scored on — the one the rulebook names even when it
    is not usable now (the dossier keeps it and is scored once it is), else the usable sheet
    `served` gives it — or None when it has none."""
    subgroup = rulebook.subgroup(subgroup_code)
    if subgroup is None:
        raise LookupError(f"no subgroup {subgroup_code!r} in rulebook {rulebook.code!r}")
    return subgroup.sheet or served.get(subgroup_code)


def subgroup_sheet_codes(rulebook_code: str) -> dict[str, str]:
    """`serving` among the usable shipped sheets."""
    offered = {sheet.code: sheet.subgroups for sheet in list_sheets(rulebook_code)}
    return serving(load_rulebook(rulebook_code), offered)


def sheet_code_for(rulebook_code: str, subgroup_code: str) -> str | None:
    """`named_sheet` among the usable shipped sheets."""
    rulebook = load_rulebook(rulebook_code)
    return named_sheet(rulebook, subgroup_code, subgroup_sheet_codes(rulebook_code))


def sheet_for_subgroup(rulebook_code: str, subgroup_code: str) -> CriteriaSheet | None:
    """The usable sheet a subgroup is scored on, or None when it has none yet."""
    code = sheet_code_for(rulebook_code, subgroup_code)
    return None if code is None else load_sheet(rulebook_code, code)
