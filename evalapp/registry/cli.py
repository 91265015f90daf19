"""`flask certificates verify`: check a certificate's signature from the command line, as the
public verification page does (added to the certificates group, which precedes the register)."""

from __future__ import annotations

import json
from datetime import date

import click

from evalapp.certificates import signing, validity
from evalapp.certificates.cli import certificates_cli
from evalapp.certificates.extension import late_filing_extension
from evalapp.certificates.models import CertificateStatus, certificate_status
from evalapp.common.time import local_today
from evalapp.registry import queries, verification

VALID, ALTERED, NOT_FOUND = 0, 1, 2


@certificates_cli.command("verify")
@click.argument("reference", required=False)
@click.option(
    "--json",
    "document",
    type=click.File("rb"),
    help="A certificate as served by /api/v1/certificates/<id> ('-' reads standard input).",
)
def verify(reference: str | None, document) -> None:
    """Check a certificate's signature: a stored one by public id or number, or a JSON document
    against the published key. Exit code 0: valid; 1: altered (or unknown key, or no
    signature); 2: not found, or not a certificate document (its `signed_facts` must be exactly
    a known fact set: no key more or less, each of its type)."""
    if (reference is None) == (document is None):
        raise click.UsageError("give a public id or number, or --json FILE (one of them)")
    code = verify_document(document) if document is not None else verify_stored(reference)
    click.get_current_context().exit(code)


def verify_stored(reference: str) -> int:
    certificate = queries.certificate_by_public_id(reference) or queries.certificate_by_number(
        reference
    )
    if certificate is None:
        click.echo(f"No certificate with public id or number {reference!r}.", err=True)
        return NOT_FOUND
    state = verification.signature_state(certificate)
    today = local_today()
    extension = late_filing_extension(certificate, today)
    status = CertificateStatus.VALID if extension else certificate_status(certificate, today)
    if state is not verification.SignatureState.VALID:
        status = verification.UNVERIFIABLE
    click.echo(f"{certificate.number} — {certificate.product_name} — {certificate.producer_name}")
    click.echo(f"status: {status}; signature (key {certificate.key_id}): {state.value}")
    if extension and state is verification.SignatureState.VALID:
        click.echo(
            f"valid past its expiry until the re-evaluation's result, at most to {extension.until:%d/%m/%Y} (26/2026 Điều 12.3)"
        )
    return VALID if state is verification.SignatureState.VALID else ALTERED


def verify_document(stream) -> int:
    try:
        document = json.load(stream)
        if not isinstance(document, dict):
            raise TypeError("the document is not a JSON object")
        facts, signature, key_id = (
            signing.strict_facts(document["signed_facts"]),
            document["signature"],
            document["key_id"],
        )
    except KeyError as error:
        click.echo(f"Not a certificate document: no {error} key", err=True)
        return NOT_FOUND
    except (ValueError, TypeError) as error:  # MalformedFacts is a ValueError
        click.echo(f"Not a certificate document: {error}", err=True)
        return NOT_FOUND
    state = verification.check_signature(facts, signature, key_id)
    if state is not verification.SignatureState.VALID:
        click.echo(f"status: {verification.UNVERIFIABLE}; signature (key {key_id}): {state.value}")
        return ALTERED
    fields = [name for name in signing.fields_of(facts) if name != "v"]
    shown = [name for name in fields if name in document and shows_other(document, name)]
    if shown:
        click.echo("signature valid, but the document shows other values for: " + ", ".join(shown))
        return ALTERED
    click.echo(f"signature (key {key_id}): valid — {facts['number']}, {facts['product_name']}")
    if unsigned := [name for name in verification.UNSIGNED_IN_V1 if "v" not in facts]:
        click.echo("fact set 1: the signature does not cover " + ", ".join(unsigned))
    return VALID


def shows_other(document: dict, name: str) -> bool:
    """Whether the document shows another value for the signed fact `name`. A last day corrected
    by the Civil Code is no other value when the document gives the signed day as
    `printed_expires_on` and the corrected day is the one the signed issue date gives."""
    facts = document["signed_facts"]
    if signing.canonical({**facts, name: document[name]}) == signing.canonical(facts):
        return False
    if name != "expires_on" or document.get("printed_expires_on") != facts["expires_on"]:
        return True
    try:
        return not validity.correction_holds(
            date.fromisoformat(document["expires_on"]),
            date.fromisoformat(facts["expires_on"]),
            date.fromisoformat(facts["issued_on"]),
            facts["rulebook_code"],
        )
    except (TypeError, ValueError):
        return True
