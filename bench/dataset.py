"""One province's five years and the national registry, by bulk inserts (issue 17, item 5).

    .venv/bin/python bench/dataset.py --scale 0.1 --database-url postgresql://…/evalapp_x

The database must exist and be migrated (`flask db upgrade`; `bench/load.py` does both). Rows
go through SQLAlchemy Core `insert()` on the models' own tables with explicit ids, and every
figure comes from the application's code: members' choices are scored by `rules.score_sheet` on
the sheet the dossier is pinned to, results are `rules.aggregate` + `results.freezing.figures`
(what finalising stores), certificates are signed with `certificates.signing.sign`. Sessions are
inserted open and closed after their sheets (the trigger refuses sheets in closed sessions);
then the sequences are reset and the tables analysed. Prints the manifest (JSON) the page and
load benchmarks read: ids, e-mails and the password of the people they log in as.

At scale 1.0: central, 34 provinces, 680 communes; Thanh Hóa with 10 rounds × 150 dossiers
(56 sessions of about 21 dossiers, one closed session of 150, one open session of 150 with
signed and draft sheets), councils of 9–12 scorers, 120 dossiers waiting in an open intake round;
the other 33 provinces carry the certificate chain only (about 30,000 certificates in all, 60 %
valid); four of them hold an open session of 40 dossiers × 10 members, so 50 members score.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

PASSWORD = "Bench-mat-khau-2026"
RULEBOOK = "1048-2019"
HOME = "Thanh Hóa"
LOAD_PROVINCES = ("Nghệ An", "Ninh Bình", "Phú Thọ", "Hà Tĩnh")
PROVINCES = (
    "Hà Nội",
    "Huế",
    "Lai Châu",
    "Điện Biên",
    "Sơn La",
    "Lạng Sơn",
    "Quảng Ninh",
    "Thanh Hóa",
    "Nghệ An",
    "Hà Tĩnh",
    "Cao Bằng",
    "Tuyên Quang",
    "Lào Cai",
    "Thái Nguyên",
    "Phú Thọ",
    "Bắc Ninh",
    "Hưng Yên",
    "Hải Phòng",
    "Ninh Bình",
    "Quảng Trị",
    "Đà Nẵng",
    "Quảng Ngãi",
    "Gia Lai",
    "Khánh Hòa",
    "Lâm Đồng",
    "Đắk Lắk",
    "Hồ Chí Minh",
    "Đồng Nai",
    "Tây Ninh",
    "Cần Thơ",
    "Vĩnh Long",
    "Đồng Tháp",
    "Cà Mau",
    "An Giang",
)
CITIES = {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"}
GOODS = (
    "Giỏ cói",
    "Chiếu cói",
    "Mật ong hoa nhãn",
    "Chè búp",
    "Nước mắm",
    "Gạo tám thơm",
    "Nem chua",
    "Bánh gai",
    "Cam đường",
    "Bưởi da xanh",
    "Mắm tôm",
    "Rượu men lá",
    "Miến dong",
    "Dầu lạc",
    "Tinh dầu sả",
    "Bánh đa",
    "Hộp mây tre",
    "Nón lá",
    "Thảm cói",
    "Trà hoa vàng",
    "Cà phê rang xay",
    "Tương bần",
    "Măng khô",
    "Mứt gừng",
)
VILLAGES = ("Nga Sơn", "Hoằng Hóa", "Quảng Xương", "Đông Sơn", "Yên Định", "Thọ Xuân", "Bá Thước")
FORMS = ("Hợp tác xã", "Công ty TNHH", "Tổ hợp tác", "Hộ kinh doanh", "Công ty cổ phần")
COMMUNES_PER_PROVINCE = 20
BATCH = 5000


def scaled(value: float, scale: float, least: int = 1) -> int:
    return max(least, round(value * scale))


class Rows:
    """Rows waiting for their table, with explicit ids from a counter per table."""

    def __init__(self, connection) -> None:
        self.connection = connection
        self.next_id: dict[str, int] = defaultdict(lambda: 1)
        self.pending: dict[str, list[dict]] = defaultdict(list)
        self.tables: dict[str, sa.Table] = {}
        self.counts: dict[str, int] = defaultdict(int)

    def add(self, table: sa.Table, **values) -> int:
        if "id" in table.c and "id" not in values:
            values["id"] = self.next_id[table.name]
            self.next_id[table.name] += 1
        self.tables[table.name] = table
        self.pending[table.name].append(values)
        self.counts[table.name] += 1
        return values.get("id")

    def flush(self, *names: str) -> None:
        """Insert the pending rows of `names` (in that order), in batches of identical keys."""
        for name in names:
            rows, self.pending[name] = self.pending[name], []
            by_keys: dict[tuple, list[dict]] = defaultdict(list)
            for row in rows:
                by_keys[tuple(sorted(row))].append(row)
            for same in by_keys.values():
                for start in range(0, len(same), BATCH):
                    self.connection.execute(
                        sa.insert(self.tables[name]), same[start : start + BATCH]
                    )


def utc(day: date, hour: int = 8) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def split(total: int, parts: int) -> list[int]:
    parts = max(1, min(parts, total))
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


# Insert order (foreign keys); rows of one table wait until their parents are in.
TABLE_ORDER = (
    "users",
    "role_grants",
    "organisations",
    "products",
    "evaluation_rounds",
    "councils",
    "council_members",
    "council_sessions",
    "attendance",
    "dossiers",
    "agenda_items",
    "conflict_declarations",
    "score_sheets",
    "result_decisions",
    "final_results",
    "certificates",
)
# Issue years of the other provinces' certificates and their weights: 1048/2019 certificates
# last 36 months, so about 60 % of them are still valid.
YEARS = {2019: 6, 2020: 7, 2021: 8, 2022: 9, 2023: 10, 2024: 20, 2025: 22, 2026: 18}


@dataclass
class Dossier:
    id: int
    product: int
    organisation: int
    name: str
    code: str
    group: str


class Builder:
    def __init__(self, app, scale: float, seed: int = 17) -> None:
        from evalapp.certificates import signing
        from evalapp.rules import load_rulebook
        from evalapp.sheets import library

        self.m, self.scale = model_names(), scale
        self.random = random.Random(seed)
        self.rulebook = load_rulebook(RULEBOOK)
        self.key = signing.load_signing_key()
        self.versions = {p.code: p for p in library.published(RULEBOOK)}
        self.sheets = {
            code: library.sheet_by_version_or_code(RULEBOOK, code, p.id)
            for code, p in self.versions.items()
        }
        self.codes = sorted(self.versions)
        self.password_hash = generate_password_hash(
            PASSWORD, method=app.config["PASSWORD_HASH_METHOD"]
        )
        self.today = date.today()
        self.manifest: dict = {"scale": scale, "password": PASSWORD, "members": [], "staff": []}
        self.counter = 0
        self.templates: list[dict] = []  # frozen figures reused for results without sheets
        self.unit_name: dict[int, str] = {}
        self.unit_code: dict[int, str] = {}
        self.org_facts: dict[int, tuple[str, str]] = {}
        self.sequences: dict[tuple[int, int], int] = defaultdict(int)
        self.to_close: list[tuple[int, datetime]] = []
        self.public_ids: list[str] = []
        self.user_email: dict[int, str] = {}
        self.seat_email: dict[int, str] = {}
        self.round_unit: dict[int, int] = {}

    def table(self, model) -> sa.Table:
        return model.__table__

    def build(self, rows: Rows) -> dict:
        self.units(rows)
        self.home_province(rows)
        for name in LOAD_PROVINCES:
            self.load_province(rows, name)
        self.registry(rows)
        self.finish(rows)
        return self.manifest

    # --- units, people, producers -----------------------------------------------------------

    def units(self, rows: Rows) -> None:
        from evalapp.common.text import fold

        m, table = self.m, self.table(self.m.AdministrativeUnit)

        def unit(code, name, level, parent, official=None, division=None) -> int:
            unit_id = rows.add(
                table,
                code=code,
                name=name,
                level=level,
                parent_id=parent,
                official_code=official,
                division_type=division,
                search_name=fold(name),
            )
            self.unit_name[unit_id], self.unit_code[unit_id] = name, code
            return unit_id

        self.central = unit("TW", "Trung ương", m.UnitLevel.CENTRAL, None)
        rows.flush("administrative_units")
        self.provinces: dict[str, int] = {}
        for number, name in enumerate(PROVINCES, start=1):
            city = name in CITIES
            self.provinces[name] = unit(
                f"P{number:02d}",
                ("Thành phố " if city else "Tỉnh ") + name,
                m.UnitLevel.PROVINCE,
                self.central,
                f"{number:02d}",
                m.DivisionType.CENTRAL_CITY if city else m.DivisionType.PROVINCE,
            )
        rows.flush("administrative_units")
        self.communes: dict[str, list[int]] = {}
        for number, name in enumerate(PROVINCES, start=1):
            self.communes[name] = [
                unit(
                    f"P{number:02d}-X{c:02d}",
                    f"Xã {VILLAGES[c % len(VILLAGES)]} {c}",
                    m.UnitLevel.COMMUNE,
                    self.provinces[name],
                    f"{number:02d}{c:03d}",
                    m.DivisionType.COMMUNE,
                )
                for c in range(1, COMMUNES_PER_PROVINCE + 1)
            ]
        rows.flush("administrative_units")

    def user(self, rows: Rows, email: str, name: str, role, unit_id=None) -> int:
        user_id = rows.add(
            self.table(self.m.User),
            email=email,
            full_name=name,
            password_hash=self.password_hash,
            unit_id=unit_id,
            email_verified_at=utc(self.today - timedelta(days=400)),
        )
        rows.add(self.table(self.m.RoleGrant), user_id=user_id, role=role)
        self.user_email[user_id] = email
        return user_id

    def organisation(self, rows: Rows, province: str) -> int:
        m = self.m
        self.counter += 1
        commune = self.random.choice(self.communes[province])
        name = f"{self.random.choice(FORMS)} {self.random.choice(VILLAGES)} số {self.counter}"
        street = f"Thôn {self.counter % 17 + 1}"
        organisation = rows.add(
            self.table(m.Organisation),
            name=name,
            legal_form=self.random.choice(list(m.LegalForm)),
            tax_code=f"{2800000000 + self.counter}",
            address=street,
            province_id=self.provinces[province],
            commune_id=commune,
            representative_name="Lê Thị Đại Diện",
            phone="0912345678",
            email=f"chuthe{self.counter}@vi-du.vn",
            state=m.OrganisationState.VERIFIED,
            verified_at=utc(self.today - timedelta(days=900)),
        )
        address = ", ".join(
            (street, self.unit_name[commune], self.unit_name[self.provinces[province]])
        )
        self.org_facts[organisation] = (name, address)
        return organisation

    def dossier(self, rows, round_id, province, state, day, organisation=None) -> Dossier:
        m = self.m
        organisation = organisation or self.organisation(rows, province)
        code = self.random.choice(self.codes)
        subgroups = self.versions[code].subgroups or ("5.01",)
        subgroup = subgroups[0]
        group = subgroup.split(".")[0]
        self.counter += 1
        name = f"{self.random.choice(GOODS)} {self.random.choice(VILLAGES)} {self.counter}"
        product = rows.add(
            self.table(m.Product),
            organisation_id=organisation,
            name=name,
            rulebook_code=RULEBOOK,
            group_code=group,
            subgroup_code=subgroup,
            created_at=utc(day - timedelta(days=90)),
        )
        dossier = rows.add(
            self.table(m.Dossier),
            product_id=product,
            organisation_id=organisation,
            round_id=round_id,
            registration_type=m.RegistrationType.FIRST_TIME,
            group_code=group,
            class_code=subgroup,
            sheet_code=code,
            sheet_version_id=self.versions[code].id,
            state=state,
            current_unit_id=self.provinces[province],
            receipt_code=f"HS-{self.counter:07d}",
            submitted_at=utc(day - timedelta(days=30)),
            created_at=utc(day - timedelta(days=60)),
            updated_at=utc(day),
        )
        return Dossier(dossier, product, organisation, name, code, group)

    # --- councils and sessions --------------------------------------------------------------

    def round(self, rows, unit, name, year, day, open_=False) -> int:
        m = self.m
        return rows.add(
            self.table(m.EvaluationRound),
            unit_id=unit,
            name=name,
            year=year,
            rulebook_code=RULEBOOK,
            level_code="province",
            submission_opens_on=day - timedelta(days=60),
            submission_closes_on=day - timedelta(days=20),
            scoring_starts_on=day,
            scoring_ends_on=day + timedelta(days=30),
            state=m.RoundState.OPEN if open_ else m.RoundState.CLOSED,
        )

    def council(self, rows, round_id, province, people: list[int], secretary: int) -> list[int]:
        """The council of a round; its scoring seats (the first of `people` chairs)."""
        m = self.m
        council = rows.add(
            self.table(m.Council),
            round_id=round_id,
            name=f"Hội đồng OCOP {province}",
            decision_number=f"{round_id}/QĐ-HĐ",
            decision_date=self.today - timedelta(days=400),
        )
        positions = [m.Position.CHAIR, m.Position.VICE_CHAIR]
        positions = (positions + [m.Position.MEMBER] * len(people))[: len(people)]
        seats = []
        for number, (user_id, position) in enumerate(zip(people, positions, strict=True), start=1):
            seat = rows.add(
                self.table(m.CouncilMember),
                council_id=council,
                user_id=user_id,
                position=position,
                number=number,
            )
            self.seat_email[seat] = self.user_email[user_id]
            seats.append(seat)
        rows.add(
            self.table(m.CouncilMember),
            council_id=council,
            user_id=secretary,
            position=m.Position.SECRETARY,
            number=len(people) + 1,
        )
        self.council_of_round = council
        return seats

    def session(self, rows, title, starts, seats, dossiers: list[Dossier]) -> tuple[int, list]:
        """An open session (closed after its sheets are in) with everyone present and cleared."""
        m = self.m
        session = rows.add(
            self.table(m.CouncilSession),
            council_id=self.council_of_round,
            title=title,
            starts_at=starts,
            place="Hội trường Sở Nông nghiệp và Môi trường",
            state=m.SessionState.OPEN,
            opened_at=starts,
        )
        for seat in seats:
            rows.add(
                self.table(m.Attendance),
                session_id=session,
                member_id=seat,
                present=True,
                recorded_at=starts,
            )
        items = []
        for position, dossier in enumerate(dossiers, start=1):
            item = rows.add(
                self.table(m.AgendaItem),
                session_id=session,
                dossier_id=dossier.id,
                position=position,
                added_at=starts,
            )
            for seat in seats:
                rows.add(
                    self.table(m.ConflictDeclaration),
                    item_id=item,
                    member_id=seat,
                    has_conflict=False,
                    declared_at=starts,
                )
            items.append((item, dossier))
        return session, items

    # --- sheets, results, certificates ------------------------------------------------------

    def choices(self, code: str, quality: float) -> dict[str, str]:
        """A complete sheet around `quality` (0–1): no knock-out, no stop."""
        picked = {}
        for leaf in self.sheets[code].leaves:
            case = leaf.levels[0].case
            levels = sorted(
                (lv for lv in leaf.levels if not (lv.stop or lv.knockout) and lv.case == case),
                key=lambda lv: lv.points,
            )
            at = round(self.random.gauss(quality, 0.2) * (len(levels) - 1))
            picked[leaf.code] = levels[min(len(levels) - 1, max(0, at))].code
        return picked

    def sheet(self, rows, item, seat, code, signed: bool, day, quality) -> tuple[int, dict]:
        """A member's sheet; a signed one carries the total signing writes (`sign_sheet`)."""
        from evalapp.rules import score_sheet

        m = self.m
        choices = self.choices(code, quality)
        total = score_sheet(self.sheets[code], choices).total if signed else None
        sheet = rows.add(
            self.table(m.ScoreSheet),
            item_id=item,
            member_id=seat,
            scoring_round=1,
            state=m.SheetState.SIGNED if signed else m.SheetState.DRAFT,
            choices=choices,
            comments={},
            overall_comment="",
            updated_at=utc(day),
            signed_at=utc(day) if signed else None,
            total=total,
            version=2,
        )
        return sheet, choices

    def frozen(self, code: str, sheets: list[tuple[int, int, dict]]) -> dict:
        """What finalising stores, from `(sheet_id, member_number, choices)`."""
        from evalapp.results import freezing
        from evalapp.rules import aggregate, score_sheet

        criteria = self.sheets[code]
        scored = [(sid, number, score_sheet(criteria, choices)) for sid, number, choices in sheets]
        product = aggregate(self.rulebook, criteria, [score for *_, score in scored])
        return freezing.figures(product, criteria, self.rulebook, scored)

    def decision(self, rows, round_id, unit, signed_on) -> int:
        m = self.m
        return rows.add(
            self.table(m.ResultDecision),
            round_id=round_id,
            unit_id=unit,
            state=m.DecisionState.ISSUED,
            number=f"{round_id}/QĐ-UBND",
            signed_on=signed_on,
            issuing_body=f"ỦY BAN NHÂN DÂN {self.unit_name[unit].upper()}",
            place=self.unit_name[unit].split(" ", 1)[-1],
            signer_name="Nguyễn Văn Ký",
            signer_title="Phó Chủ tịch",
            issued_at=utc(signed_on),
        )

    def result(self, rows, item, dossier: Dossier, round_id, decision, figures, signed_on):
        m = self.m
        values = {**figures, "score": Decimal(figures["score"])}
        result = rows.add(
            self.table(m.FinalResult),
            item_id=item,
            dossier_id=dossier.id,
            round_id=round_id,
            state=m.ResultState.FINALISED,
            sheet_version_id=self.versions[dossier.code].id,
            level_code="province",
            scoring_round=1,
            conclusion="Hội đồng thống nhất kết quả.",
            finalised_at=utc(signed_on - timedelta(days=20)),
            decision_id=decision,
            published_at=utc(signed_on),
            **values,
        )
        if figures["earns_certificate"]:
            self.certificate(rows, result, decision, round_id, dossier, figures["stars"], signed_on)

    def certificate(self, rows, result, decision, round_id, dossier: Dossier, stars, issued_on):
        from evalapp.certificates import signing
        from evalapp.certificates.services import certificate_number, group_name_vi, new_public_id
        from evalapp.rules import certificate_expiry

        unit = self.round_unit[round_id]
        self.sequences[(unit, issued_on.year)] += 1
        sequence = self.sequences[(unit, issued_on.year)]
        producer, address = self.org_facts[dossier.organisation]
        facts = {
            "public_id": new_public_id(),
            "number": certificate_number(self.unit_code[unit], issued_on.year, sequence),
            "product_name": dossier.name,
            "producer_name": producer,
            "producer_address": address,
            "stars": stars,
            "issuing_body": f"ỦY BAN NHÂN DÂN {self.unit_name[unit].upper()}",
            "decision_number": f"{round_id}/QĐ-UBND",
            "decision_date": issued_on,
            "issued_on": issued_on,
            "expires_on": certificate_expiry(issued_on, self.rulebook.certificate),
            "rulebook_code": RULEBOOK,
            "group_code": dossier.group,
            "group_name": group_name_vi(self.rulebook, dossier.group),
            "province_name": self.unit_name[unit],
            "signer_name": "Nguyễn Văn Ký",
            "signer_title": "Phó Chủ tịch",
            "facts_version": signing.CURRENT_VERSION,
            "printed_expires_on": None,
        }
        signature = signing.sign(signing.facts_of(SimpleNamespace(**facts)), self.key)
        revoked = self.random.random() < 0.005
        rows.add(
            self.table(self.m.Certificate),
            unit_id=unit,
            year=issued_on.year,
            sequence=sequence,
            result_id=result,
            decision_id=decision,
            dossier_id=dossier.id,
            product_id=dossier.product,
            organisation_id=dossier.organisation,
            signature=signature,
            key_id=self.key.key_id,
            issued_at=utc(issued_on),
            revoked_on=issued_on + timedelta(days=200) if revoked else None,
            revoked_reason="Chủ thể ngừng sản xuất sản phẩm." if revoked else "",
            **facts,
        )
        self.public_ids.append(facts["public_id"])

    # --- the home province: five years, fully modelled ------------------------------------------

    def home_province(self, rows: Rows) -> None:
        m, province = self.m, HOME
        unit = self.provinces[province]
        secretaries = self.staff(rows, "thanhhoa", unit)
        people = [
            self.user(
                rows,
                f"thanhvien{n}.thanhhoa@vi-du.vn",
                f"Thành viên Hội đồng {n}",
                m.Role.COUNCIL_CHAIR if n == 1 else m.Role.COUNCIL_MEMBER,
                unit,
            )
            for n in range(1, 13)
        ]
        rows.flush("users", "role_grants")
        home = self.manifest["home"] = {"secretary": secretaries[0], "decisions": []}
        home["chair"] = "thanhvien1.thanhhoa@vi-du.vn"
        per_round = scaled(150, self.scale, 7)
        for r in range(10):
            year, half = 2022 + r // 2, r % 2
            day = min(date(year, 4 + 6 * half, 10), self.today - timedelta(days=40 - 3 * r))
            live = r == 9
            round_id = self.round(
                rows,
                unit,
                f"Đợt đánh giá OCOP {province} đợt {half + 1}/{year}",
                year,
                day,
                open_=live,
            )
            self.round_unit[round_id] = unit
            scorers = 10 if live else self.random.randint(9, 12)
            seats = self.council(rows, round_id, province, people[:scorers], self.secretary_id)
            state = m.DossierState.ACCEPTED if live else m.DossierState.PUBLISHED
            dossiers = [
                self.dossier(rows, round_id, province, state, day) for _ in range(per_round)
            ]
            sizes = [per_round] if r >= 8 else split(per_round, 7)
            signed_on = day + timedelta(days=25)
            decision = None if live else self.decision(rows, round_id, unit, signed_on)
            start = 0
            for number, size in enumerate(sizes, start=1):
                starts = utc(day + timedelta(days=number))
                title = f"Phiên họp số {number}, đợt {half + 1}/{year}"
                session, items = self.session(
                    rows, title, starts, seats, dossiers[start : start + size]
                )
                start += size
                if live:
                    self.live_session(rows, session, seats, items, day, home)
                    continue
                for item, dossier in items:
                    quality = self.random.uniform(0.35, 0.95)
                    sheets = []
                    for number, seat in enumerate(seats, start=1):
                        sheet, choices = self.sheet(
                            rows, item, seat, dossier.code, True, day, quality
                        )
                        sheets.append((sheet, number, choices))
                    figures = self.frozen(dossier.code, sheets)
                    if len(self.templates) < 60:
                        self.templates.append({**figures, "sheets": []})
                    self.result(rows, item, dossier, round_id, decision, figures, signed_on)
                self.to_close.append((session, utc(day + timedelta(days=number, hours=4))))
                home.setdefault("small_session", session)
                if r == 8:
                    home["closed_session"], home["closed_item"] = session, items[0][0]
            if decision:
                home["decisions"].append(decision)
            rows.flush(*TABLE_ORDER)
        home["big_decision"] = home["decisions"][-1]
        self.intake_round(rows, unit, province)

    def staff(self, rows, slug: str, unit: int) -> list[str]:
        """Four secretaries of the province's OCOP office (the staff of the mixed load)."""
        emails = [f"thuky{n}.{slug}@vi-du.vn" for n in range(1, 5)]
        ids = [
            self.user(rows, e, f"Thư ký {n}", self.m.Role.SECRETARY, unit)
            for n, e in enumerate(emails, start=1)
        ]
        self.secretary_id = ids[0]
        self.manifest["staff"].extend(emails)
        return emails

    def members(self, rows, slug: str, province: str, unit: int, count: int) -> list[int]:
        """`count` council members of the province, the first its chair (in the database)."""
        people = [
            self.user(
                rows,
                f"thanhvien{n}.{slug}@vi-du.vn",
                f"Thành viên {n} {province}",
                self.m.Role.COUNCIL_CHAIR if n == 1 else self.m.Role.COUNCIL_MEMBER,
                unit,
            )
            for n in range(1, count + 1)
        ]
        rows.flush("users", "role_grants")
        return people

    def live_session(self, rows, session, seats, items, day, manifest) -> None:
        """The open session: most dossiers signed by every member, a few with drafts, the last
        ones not opened yet; each member gets one of those to save during the load."""
        count = len(items)
        free = min(count - 1, math.ceil(count * 0.85))
        for index, (item, dossier) in enumerate(items[:free]):
            quality = self.random.uniform(0.35, 0.95)
            for number, seat in enumerate(seats, start=1):
                signed = index < 0.6 * count or number > 3
                self.sheet(rows, item, seat, dossier.code, signed, day, quality)
        untouched = [item for item, _ in items[free:]]
        manifest.setdefault("open_session", session)
        manifest.setdefault("live_item", items[0][0])
        manifest.setdefault("member_item", untouched[0])
        code_of = {item: dossier.code for item, dossier in items}
        for n, seat in enumerate(seats):
            item = untouched[n % len(untouched)]
            self.sheet(rows, item, seat, code_of[item], False, day, 0.6)
            choices = [self.choices(code_of[item], 0.8), self.choices(code_of[item], 0.45)]
            self.manifest["members"].append(
                {"email": self.seat_email[seat], "item": item, "choices": choices}
            )

    def intake_round(self, rows, unit, province) -> None:
        m = self.m
        day = self.today - timedelta(days=5)
        round_id = self.round(
            rows,
            unit,
            f"Đợt đánh giá OCOP {province} đợt 1/{day.year + 1}",
            day.year + 1,
            day + timedelta(days=60),
            open_=True,
        )
        for n in range(scaled(120, self.scale, 12)):
            state = m.DossierState.SUBMITTED if n % 3 else m.DossierState.RECEIVED
            self.dossier(rows, round_id, province, state, day - timedelta(days=n % 20))
        rows.flush(*TABLE_ORDER)

    # --- the other provinces -------------------------------------------------------------------

    def load_province(self, rows: Rows, province: str) -> None:
        """An open session of 40 dossiers × 10 members: more members scoring at once."""
        m = self.m
        unit = self.provinces[province]
        slug = fold_slug(province)
        self.staff(rows, slug, unit)
        people = self.members(rows, slug, province, unit, 10)
        day = self.today - timedelta(days=2)
        round_id = self.round(
            rows, unit, f"Đợt đánh giá OCOP {province} đợt 2/{day.year}", day.year, day, open_=True
        )
        self.round_unit[round_id] = unit
        seats = self.council(rows, round_id, province, people, self.secretary_id)
        dossiers = [
            self.dossier(rows, round_id, province, m.DossierState.ACCEPTED, day)
            for _ in range(scaled(40, self.scale, 4))
        ]
        session, items = self.session(rows, f"Phiên họp {province}", utc(day), seats, dossiers)
        self.live_session(rows, session, seats, items, day, self.manifest.setdefault(slug, {}))
        rows.flush(*TABLE_ORDER)

    def registry(self, rows: Rows) -> None:
        """Every other province's certificates, with their chain (round, council, closed
        session, agenda item, frozen result without sheets, issued decision) and no sheets."""
        m = self.m
        earning = [t for t in self.templates if t["earns_certificate"]]
        others = [p for p in PROVINCES if p != HOME]
        wanted = max(0, scaled(30000, self.scale) - len(self.public_ids))
        per_province = wanted / len(others)
        total_weight = sum(YEARS.values())
        for province in others:
            unit = self.provinces[province]
            secretary = self.user(
                rows,
                f"vanphong.{fold_slug(province)}@vi-du.vn",
                f"Văn phòng OCOP {province}",
                m.Role.SECRETARY,
                unit,
            )
            rows.flush("users", "role_grants")
            for year, weight in YEARS.items():
                count = round(per_province * weight / total_weight)
                day = min(date(year, 6, 15), self.today - timedelta(days=60))
                if count == 0:
                    continue
                round_id = self.round(
                    rows, unit, f"Đợt đánh giá OCOP {province} năm {year}", year, day
                )
                self.round_unit[round_id] = unit
                self.council(rows, round_id, province, [], secretary)
                signed_on = day + timedelta(days=25)
                decision = self.decision(rows, round_id, unit, signed_on)
                organisation = None
                dossiers = []
                for n in range(count):
                    organisation = self.organisation(rows, province) if n % 2 == 0 else organisation
                    dossiers.append(
                        self.dossier(
                            rows, round_id, province, m.DossierState.PUBLISHED, day, organisation
                        )
                    )
                session, items = self.session(rows, f"Phiên họp năm {year}", utc(day), [], dossiers)
                for item, dossier in items:
                    figures = dict(self.random.choice(earning), sheet_code=dossier.code)
                    self.result(rows, item, dossier, round_id, decision, figures, signed_on)
                self.to_close.append((session, utc(day, 16)))
            rows.flush(*TABLE_ORDER)

    def finish(self, rows: Rows) -> None:
        """Counters, sessions closed, sequences past the explicit ids, statistics."""
        m, connection = self.m, rows.connection
        for (unit, year), last in self.sequences.items():
            rows.add(self.table(m.CertificateCounter), unit_id=unit, year=year, last=last)
        rows.flush("certificate_counters")
        sessions = self.table(m.CouncilSession)
        connection.execute(
            sa.update(sessions)
            .where(sessions.c.id == sa.bindparam("session_id"))
            .values(state=m.SessionState.CLOSED, closed_at=sa.bindparam("closed")),
            [{"session_id": s, "closed": at} for s, at in self.to_close],
        )
        if connection.dialect.name == "postgresql":
            for name in rows.tables:
                if "id" in rows.tables[name].c and name in rows.next_id:
                    connection.execute(
                        sa.text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), {rows.next_id[name]})"
                        )
                    )
        self.manifest["certificates"] = len(self.public_ids)
        self.manifest["public_ids"] = self.random.sample(
            self.public_ids, min(300, len(self.public_ids))
        )
        self.manifest["rows"] = dict(rows.counts)


def model_names() -> SimpleNamespace:
    """The models and enums the builder writes, under one name."""
    from evalapp import models
    from evalapp.auth.models import Role
    from evalapp.councils.models import Position, SessionState
    from evalapp.dossiers.models import DossierState, RegistrationType
    from evalapp.producers.models import LegalForm, OrganisationState
    from evalapp.results.models import DecisionState, ResultState
    from evalapp.rounds.models import RoundState
    from evalapp.scoring.models import SheetState
    from evalapp.units.models import DivisionType, UnitLevel

    names = {name: getattr(models, name) for name in dir(models) if not name.startswith("_")}
    return SimpleNamespace(
        **names,
        Role=Role,
        Position=Position,
        SessionState=SessionState,
        DossierState=DossierState,
        RegistrationType=RegistrationType,
        LegalForm=LegalForm,
        OrganisationState=OrganisationState,
        DecisionState=DecisionState,
        ResultState=ResultState,
        RoundState=RoundState,
        SheetState=SheetState,
        DivisionType=DivisionType,
        UnitLevel=UnitLevel,
    )


def fold_slug(name: str) -> str:
    from evalapp.common.text import fold

    return fold(name).replace(" ", "")


def build(app, scale: float) -> dict:
    """Fill the (migrated, empty) database of `app`; the manifest."""
    from evalapp.extensions import db

    with app.app_context():
        builder = Builder(app, scale)
        with db.engine.begin() as connection:
            manifest = builder.build(Rows(connection))
        if db.engine.dialect.name == "postgresql":
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.execute(sa.text("ANALYZE"))
        db.session.remove()
    return manifest


def bench_app(url: str, key_path: str, **overrides):
    """The application the builder (and the smoke test) runs in: the production password hash
    and the bench's signing key, which the bench's server is given too."""
    from config import Config, TestConfig, database_url
    from evalapp import create_app

    settings = {
        "SQLALCHEMY_DATABASE_URI": database_url(url),
        "CERTIFICATE_SIGNING_KEY": key_path,
        "CERTIFICATE_SIGNING_KEY_CREATE": True,
        "PASSWORD_HASH_METHOD": Config.PASSWORD_HASH_METHOD,
        **overrides,
    }
    return create_app(TestConfig, **settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--database-url", required=True)
    parser.add_argument(
        "--key", required=True, help="the signing key's PEM file (created if missing)"
    )
    parser.add_argument("--manifest", help="write the manifest here (default: stdout)")
    args = parser.parse_args()
    started = time.monotonic()
    manifest = build(bench_app(args.database_url, args.key), args.scale)
    manifest["seconds"] = round(time.monotonic() - started, 1)
    text = json.dumps(manifest, ensure_ascii=False, indent=1)
    if args.manifest:
        Path(args.manifest).write_text(text)
    else:
        print(text)


if __name__ == "__main__":
    main()
