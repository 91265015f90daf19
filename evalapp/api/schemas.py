"""The API's schemas (marshmallow): they read the query parameters, shape every response, and
are what the OpenAPI document describes (`api.spec`), so the document cannot drift from the data.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from evalapp.certificates.models import CertificateStatus
from evalapp.dossiers.models import DossierState, RegistrationType
from evalapp.rounds.models import RoundState

MAX_LIMIT = 100
DEFAULT_LIMIT = 50


def values(enum_type) -> list[str]:
    return [member.value for member in enum_type]


class Problem(Schema):
    """RFC 9457 problem details: every error of the API."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(required=True)
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "Per refused query parameter, why."},
    )
    incident = fields.String(metadata={"description": "The incident number of a server error."})
    error = fields.String(
        metadata={
            "description": 'A certificate\'s record only: "not_found" (kept from its first form).'
        }
    )
    message = fields.String(metadata={"description": "A certificate's record only: as `detail`."})


class PageQuery(Schema):
    cursor = fields.String(
        metadata={"description": "`next_cursor` of the previous page; absent for the first."}
    )
    limit = fields.Integer(
        load_default=DEFAULT_LIMIT,
        validate=validate.Range(min=1, max=MAX_LIMIT),
        metadata={"description": f"Items per page, 1–{MAX_LIMIT}."},
    )


def page_of(item: type[Schema], name: str) -> type[Schema]:
    """The schema of a page of `item`s, named `name` in the document."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item), required=True),
            "next_cursor": fields.String(
                required=True,
                allow_none=True,
                metadata={"description": "Pass as `cursor` for the next page; null on the last."},
            ),
        },
        name=name,
    )


# The public register


class RegisterQuery(PageQuery):
    q = fields.String(
        validate=validate.Length(max=100),
        metadata={"description": "Words of the product's or producer's name, accents optional."},
    )
    province = fields.String(validate=validate.Length(max=200))
    group = fields.String(
        validate=validate.Length(max=40),
        metadata={"description": "A product group's key, as the register's filter offers it."},
    )
    stars = fields.Integer(validate=validate.Range(min=3, max=5))
    status = fields.String(validate=validate.OneOf(values(CertificateStatus)))


class RegisterCertificate(Schema):
    public_id = fields.String(required=True)
    number = fields.String(required=True)
    product_name = fields.String(required=True)
    producer_name = fields.String(required=True)
    province = fields.String(required=True)
    group_code = fields.String(required=True)
    stars = fields.Integer(
        required=True,
        allow_none=True,
        metadata={"description": "Null when the certificate's signature does not verify."},
    )
    issued_on = fields.Date(required=True)
    expires_on = fields.Date(required=True)
    status = fields.String(
        required=True,
        validate=validate.OneOf([*values(CertificateStatus), "unverifiable"]),
        metadata={"description": "On today's date; `unverifiable`: the signature check failed."},
    )
    verification_url = fields.Url(required=True)
    url = fields.Url(required=True, metadata={"description": "Its full record in this API."})


class CertificateRecord(Schema):
    """The verification page as data (`registry.verification.public_record`)."""

    class Meta:
        unknown = "include"

    public_id = fields.String(required=True)
    number = fields.String(required=True)
    product_name = fields.String(required=True)
    producer_name = fields.String(required=True)
    producer_address = fields.String(required=True)
    province = fields.String(required=True)
    product_group = fields.String(required=True)
    group_code = fields.String(required=True)
    stars = fields.Integer(required=True)
    issuing_body = fields.String(required=True)
    signer_name = fields.String(required=True)
    signer_title = fields.String(required=True)
    decision_number = fields.String(required=True)
    decision_date = fields.Date(required=True)
    issued_on = fields.Date(required=True)
    expires_on = fields.Date(required=True)
    printed_expires_on = fields.Date(required=True, allow_none=True)
    validity_note = fields.String(required=True, allow_none=True)
    status = fields.String(required=True)
    status_label = fields.String(required=True)
    status_reason = fields.String(required=True, allow_none=True)
    status_source = fields.String(
        required=True, validate=validate.OneOf(["register", "signature_check"])
    )
    as_of = fields.Date(required=True)
    late_filing_extension = fields.Dict(required=True, allow_none=True)
    revocation = fields.Dict(required=True, allow_none=True)
    superseded_by = fields.Dict(required=True, allow_none=True)
    verification_url = fields.Url(required=True)
    signature_check = fields.String(required=True)
    signature = fields.String(required=True, allow_none=True)
    key_id = fields.String(required=True, allow_none=True)
    signed_facts = fields.Dict(required=True, allow_none=True)
    signed_facts_version = fields.Integer(required=True, allow_none=True)
    unsigned_facts = fields.List(fields.String(), required=True)
    public_key_url = fields.Url(required=True)


# A unit's data, for its clients


class RoundQuery(PageQuery):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))
    state = fields.String(validate=validate.OneOf(values(RoundState)))


class Round(Schema):
    id = fields.Integer(required=True)
    unit = fields.String(required=True)
    name = fields.String(required=True)
    year = fields.Integer(required=True)
    level = fields.String(required=True, attribute="level_code")
    rulebook = fields.String(required=True, attribute="rulebook_code")
    state = fields.Enum(RoundState, by_value=True, required=True)
    submission_opens_on = fields.Date(required=True)
    submission_closes_on = fields.Date(required=True)
    scoring_starts_on = fields.Date(required=True)
    scoring_ends_on = fields.Date(required=True)


class DossierQuery(PageQuery):
    round_id = fields.Integer(validate=validate.Range(min=1))
    state = fields.String(
        validate=validate.OneOf(
            [state.value for state in DossierState if state is not DossierState.DRAFT]
        )
    )
    updated_since = fields.AwareDateTime(
        default_timezone=None,
        metadata={"description": "Only dossiers changed at or after this instant (ISO 8601)."},
    )


class Dossier(Schema):
    id = fields.Integer(required=True)
    round_id = fields.Integer(required=True)
    receipt_code = fields.String(required=True, allow_none=True)
    product_code = fields.String(required=True, allow_none=True)
    product_name = fields.String(required=True)
    producer_name = fields.String(required=True)
    registration_type = fields.Enum(RegistrationType, by_value=True, required=True)
    group_code = fields.String(required=True)
    state = fields.Enum(DossierState, by_value=True, required=True)
    submitted_at = fields.AwareDateTime(required=True, allow_none=True)
    updated_at = fields.AwareDateTime(required=True)


class ResultQuery(PageQuery):
    round_id = fields.Integer(validate=validate.Range(min=1))
    stars = fields.Integer(validate=validate.Range(min=1, max=5))


class Result(Schema):
    """A result in force (finalised, not reopened), as the council adopted it."""

    id = fields.Integer(required=True)
    dossier_id = fields.Integer(required=True)
    round_id = fields.Integer(required=True)
    product_name = fields.String(required=True)
    producer_name = fields.String(required=True)
    rulebook = fields.String(required=True, attribute="rulebook_code")
    sheet = fields.String(required=True, attribute="sheet_code")
    level = fields.String(required=True, attribute="level_code")
    member_count = fields.Integer(required=True)
    score = fields.String(
        required=True, metadata={"description": 'Of 100, a decimal as text ("78.50").'}
    )
    part_scores = fields.Dict(keys=fields.String(), values=fields.String(), required=True)
    stars = fields.Integer(required=True, allow_none=True)
    outcome = fields.String(required=True)
    earns_certificate = fields.Boolean(required=True)
    finalised_at = fields.AwareDateTime(required=True)
    published_at = fields.AwareDateTime(required=True, allow_none=True)


class StatisticsQuery(Schema):
    year = fields.Integer(validate=validate.Range(min=2000, max=2100))


class CrosstabRow(Schema):
    label = fields.String(required=True)
    counts = fields.Dict(
        keys=fields.String(),
        values=fields.Integer(),
        required=True,
        metadata={"description": 'Certificates per star class ("3", "4", "5").'},
    )
    total = fields.Integer(required=True)


class StatusRow(Schema):
    status = fields.String(required=True)
    count = fields.Integer(required=True)


class Statistics(Schema):
    table = fields.String(required=True)
    unit = fields.String(required=True)
    year = fields.Integer(required=True, allow_none=True)
    rows = fields.List(fields.Nested(CrosstabRow), required=True)
    total = fields.Integer(required=True)


class StatusStatistics(Schema):
    unit = fields.String(required=True)
    year = fields.Integer(required=True, allow_none=True)
    as_of = fields.Date(required=True)
    rows = fields.List(fields.Nested(StatusRow), required=True)


def decimal_text(description: str) -> fields.String:
    return fields.String(
        required=True, allow_none=True, metadata={"description": f"{description}, as text."}
    )


class ResultFiguresRow(Schema):
    label = fields.String(required=True)
    evaluated = fields.Integer(required=True, metadata={"description": "Results in force."})
    passed = fields.Integer(required=True, metadata={"description": "Of which 3★ or more."})
    pass_rate = decimal_text("Per cent at 3★ or more, one decimal")
    average = decimal_text("The average score")
    lowest = decimal_text("The lowest score")
    highest = decimal_text("The highest score")
    decided = fields.Integer(required=True, metadata={"description": "With an issued decision."})
    average_days = decimal_text("Days from filing to the decision, on average")
    longest_days = fields.Integer(required=True, allow_none=True)


class ResultStatistics(Schema):
    table = fields.String(required=True)
    unit = fields.String(required=True)
    year = fields.Integer(required=True, allow_none=True)
    rows = fields.List(fields.Nested(ResultFiguresRow), required=True)


class CriterionAverage(Schema):
    sheet = fields.String(required=True, attribute="sheet_code")
    part = fields.String(required=True)
    code = fields.String(required=True)
    name = fields.String(required=True)
    products = fields.Integer(required=True)
    sheets = fields.Integer(required=True, metadata={"description": "Members' sheets counted."})
    average = decimal_text("The average points the counted sheets gave")
    max_points = decimal_text("The criterion's maximum")
    share = decimal_text("The average as a per cent of the maximum")


class RoundCriteria(Schema):
    round_id = fields.Integer(required=True)
    criteria = fields.List(
        fields.Nested(CriterionAverage),
        required=True,
        metadata={"description": "Lowest share first: where the round's products lose points."},
    )


RegisterPage = page_of(RegisterCertificate, "RegisterPage")
RoundPage = page_of(Round, "RoundPage")
DossierPage = page_of(Dossier, "DossierPage")
ResultPage = page_of(Result, "ResultPage")
