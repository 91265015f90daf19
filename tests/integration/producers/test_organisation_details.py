"""Saving an organisation's details keeps each value's type: the legal form stays a LegalForm
(with its Vietnamese label) in the same request, text is trimmed."""

from evalapp.extensions import db
from evalapp.producers.models import LegalForm
from evalapp.producers.services import OrganisationDetails, save_organisation
from evalapp.units.models import UnitLevel
from tests.factories import make_unit


def test_the_legal_form_stays_an_enum_and_text_is_trimmed(app):
    province = make_unit("Tỉnh Ninh Bình", UnitLevel.PROVINCE)
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province)
    organisation = save_organisation(
        None,
        OrganisationDetails(
            name="  Hợp tác xã Cói Kim Sơn ",
            legal_form=LegalForm.COOPERATIVE,
            tax_code="2700999888",
            address="Xóm 5",
            commune=commune,
            representative_name="Phạm Văn Cói",
            representative_title="Giám đốc",
            phone="0229 3862 000",
            email="htx@vi-du.vn",
        ),
    )
    assert organisation.legal_form is LegalForm.COOPERATIVE
    assert organisation.legal_form.label  # what the pages print, before any reload
    assert organisation.name == "Hợp tác xã Cói Kim Sơn"
    db.session.rollback()
