"""The checks after a restore: the instance holds what the manifest describes, every stored
document opens with its recorded checksum, every certificate's signature verifies."""

from __future__ import annotations

from dataclasses import dataclass, field

from cryptography.hazmat.primitives import serialization
from sqlalchemy import select

from evalapp.backup import contents, manifest
from evalapp.certificates import signing, validity
from evalapp.certificates.models import Certificate
from evalapp.common.files import StoredFile
from evalapp.common.storage import ObjectNotFound, get_storage
from evalapp.extensions import db


@dataclass
class InstanceCheck:
    certificates: int = 0
    certificates_verified: int = 0
    documents: int = 0
    documents_opened: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        return [
            f"certificates: {self.certificates_verified} of {self.certificates} verify",
            f"stored documents: {self.documents_opened} of {self.documents} open and match",
        ]


def check_instance(described: dict) -> InstanceCheck:
    check = InstanceCheck()
    with db.engine.connect() as connection:
        check.problems += head_problems(contents.database_head(connection), described)
        check.problems += count_problems(contents.table_counts(connection), described["counts"])
    check_documents(check)
    check_certificates(check, described)
    db.session.remove()
    return check


def head_problems(head: str | None, described: dict) -> list[str]:
    code = contents.code_head()
    if head == code:
        return []
    return [
        f"the database is at migration {head} but this code is at {code}"
        f" (the backup was at {described['migration_head']}): run `flask db upgrade`"
    ]


def count_problems(found: dict[str, int], expected: dict[str, int]) -> list[str]:
    return [
        f"table {table}: {found.get(table)} rows, the backup had {rows}"
        for table, rows in expected.items()
        if found.get(table) != rows
    ]


def check_documents(check: InstanceCheck) -> None:
    storage = get_storage()
    for stored in db.session.scalars(select(StoredFile).order_by(StoredFile.id)):
        check.documents += 1
        try:
            sha256 = object_sha256(storage, stored.storage_key)
        except ObjectNotFound:
            check.problems.append(f"stored file {stored.id} ({stored.original_name}) is missing")
            continue
        if sha256 != stored.sha256:
            check.problems.append(f"stored file {stored.id} ({stored.original_name}) differs")
            continue
        check.documents_opened += 1


def object_sha256(storage, key: str) -> str:
    body = storage.open(key)
    try:
        return manifest.digest_of(body)[0]
    finally:
        body.close()


def check_certificates(check: InstanceCheck, described: dict) -> None:
    """A certificate whose key this instance does not publish is checked with the backup's copy
    of the public key, and the missing key is reported once: the public page could not verify
    it until the key is put back."""
    published = signing.published_public_keys(create=False)
    in_backup = backup_public_keys(described)
    unpublished = set()
    for certificate in db.session.scalars(select(Certificate).order_by(Certificate.id)):
        check.certificates += 1
        public = published.get(certificate.key_id)
        if public is None:
            unpublished.add(certificate.key_id)
            public = in_backup.get(certificate.key_id)
        if public is not None and verifies(certificate, public):
            check.certificates_verified += 1
        else:
            check.problems.append(
                f"certificate {certificate.number}: the signature does not verify"
            )
    check.problems += [
        f"key {key_id} signed certificates but this instance does not publish it: put the signing"
        " key back at CERTIFICATE_SIGNING_KEY, or its public key (public_keys/"
        f"{key_id}.pem in the backup) in CERTIFICATE_PUBLIC_KEYS"
        for key_id in sorted(unpublished)
    ]


def verifies(certificate: Certificate, public) -> bool:
    intact = signing.verify(signing.facts_of(certificate), certificate.signature, public)
    return intact and validity.stored_correction_holds(certificate)


def backup_public_keys(described: dict) -> dict:
    keys = {}
    for signer in described.get("signers", []):
        if signer.get("public_key"):
            keys[signer["key_id"]] = serialization.load_pem_public_key(
                signer["public_key"].encode("ascii")
            )
    return keys
