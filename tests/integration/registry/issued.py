"""Certificates written directly for the registry's tests (issuing is tested on its own), signed
with the test key like real ones: `Issuer(...).certificate(...)`."""

from __future__ import annotations

import itertools
from datetime import date

from evalapp.certificates import signing
from evalapp.certificates.models import Certificate
from evalapp.certificates.services import group_name_vi, new_public_id
from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.rules import certificate_expiry, load_rulebook
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_decision,
    make_final_result,
    make_organisation,
    make_round,
    make_session,
    make_unit,
)

_numbers = itertools.count(1)


class Issuer:
    """A province's round, council and session on which results are finalised and certified."""

    def __init__(self, province=None, rulebook_code: str = "1048-2019", seats=None) -> None:
        self.province = province or make_unit("Tỉnh Ninh Bình", code=f"NB{next(_numbers)}")
        self.round = make_round(self.province, rulebook_code=rulebook_code)
        self.session = make_session(make_council(self.round, seats))

    def certificate(
        self,
        organisation=None,
        product_name: str = "Giỏ đay Hiếu Lâm",
        stars: int = 4,
        issued_on: date = date(2024, 1, 10),
        **facts,
    ) -> Certificate:
        organisation = organisation or make_organisation(name="Hợp tác xã Mây tre đan Hiếu Lâm")
        dossier = make_accepted_dossier(self.round, organisation, product_name)
        item = AgendaItem(dossier=dossier, position=len(self.session.agenda) + 1)
        self.session.agenda.append(item)
        db.session.flush()
        result = make_final_result(item, "80.00", stars)
        sequence = next(_numbers)
        decision = make_decision(
            self.round, [result], number=f"{sequence}/QĐ-UBND", signed_on=issued_on
        )
        rulebook = load_rulebook(self.round.rulebook_code)
        values = dict(
            public_id=new_public_id(),  # as issued: never starts with "-" (read as an option)
            number=f"{sequence:03d}/{issued_on.year}/GCN-OCOP",
            unit=self.province,
            year=issued_on.year,
            sequence=sequence,
            result=result,
            decision=decision,
            dossier_id=dossier.id,
            product_id=dossier.product_id,
            organisation_id=organisation.id,
            product_name=product_name,
            producer_name=organisation.name,
            producer_address=f"{organisation.address}, {organisation.commune.name}",
            province_name=self.province.name,
            group_code=dossier.group_code,
            group_name=group_name_vi(rulebook, dossier.group_code),
            facts_version=signing.CURRENT_VERSION,
            stars=stars,
            rulebook_code=self.round.rulebook_code,
            issuing_body=decision.issuing_body,
            decision_number=decision.number,
            decision_date=decision.signed_on,
            issued_on=issued_on,
            expires_on=certificate_expiry(issued_on, rulebook.certificate),
            signer_name=decision.signer_name,
            signer_title=decision.signer_title,
        )
        values.update(facts)
        certificate = Certificate(signature="", key_id="", **values)
        key = signing.load_signing_key()
        certificate.signature = signing.sign(signing.facts_of(certificate), key)
        certificate.key_id = key.key_id
        db.session.add(certificate)
        db.session.flush()
        return certificate
