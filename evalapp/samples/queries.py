"""Reads for the sample pages and for the dossier pages that show a count ("3/5 mẫu")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.samples.models import Sample, SampleMove
from evalapp.samples.rules import expected_samples


@dataclass(frozen=True)
class SampleCount:
    recorded: int
    expected: int

    @property
    def complete(self) -> bool:
        return self.recorded == self.expected


def sample_counts(dossiers: Iterable[Dossier]) -> dict[int, SampleCount]:
    """{dossier id: recorded and expected samples} for the dossiers whose rulebook asks for a
    number of samples, in one query (a template global: the intake queue and the dossier page)."""
    expectations = {d.id: expected_samples(d) for d in dossiers}
    expectations = {key: value for key, value in expectations.items() if value is not None}
    if not expectations:
        return {}
    recorded = dict(
        db.session.execute(
            select(Sample.dossier_id, func.count(Sample.id))
            .where(Sample.dossier_id.in_(expectations))
            .group_by(Sample.dossier_id)
        ).all()
    )
    return {
        key: SampleCount(recorded.get(key, 0), value.count) for key, value in expectations.items()
    }


def samples_of(dossier: Dossier) -> list[Sample]:
    return list(
        db.session.scalars(
            select(Sample)
            .where(Sample.dossier_id == dossier.id)
            .options(
                selectinload(Sample.moves).selectinload(SampleMove.recorded_by),
                selectinload(Sample.receipt),
            )
            .order_by(Sample.number)
        )
    )


def sample_by_code(code: str) -> Sample | None:
    return db.session.scalar(
        select(Sample)
        .where(Sample.label_code == code.strip().upper())
        .options(selectinload(Sample.moves).selectinload(SampleMove.recorded_by))
    )
