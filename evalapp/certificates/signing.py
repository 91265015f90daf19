"""The Ed25519 signature over a certificate's facts.

The private key is a PEM file outside the database (`CERTIFICATE_SIGNING_KEY`); development
creates one on first use, production refuses to run without it. The public key is published on
the site, so anyone can check a certificate's facts against its signature. The key id is the first
16 hex digits of the SHA-256 of the raw public key, so a rotated key does not invalidate the
certificates signed with the old one as long as the old public key stays published.

The signed message is the canonical JSON (sorted keys, no spaces, UTF-8, NFC) of the fact set of
the certificate's version. Version 2 (`FACT_FIELDS`, with `"v": 2`) covers every fact the
verification page shows; version 1 (`FACT_FIELDS_V1`, no `"v"` key) is what certificates issued
before it were signed with, and still verifies with exactly those facts. Its `expires_on` is the
last day as printed when signing; see `validity` for certificates whose last day was later
corrected by the Civil Code.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from flask import current_app

FACT_FIELDS_V1 = (
    "public_id",
    "number",
    "product_name",
    "producer_name",
    "producer_address",
    "stars",
    "issuing_body",
    "decision_number",
    "decision_date",
    "issued_on",
    "expires_on",
    "rulebook_code",
)
CURRENT_VERSION = 2
FACT_FIELDS = (
    *FACT_FIELDS_V1,
    "v",
    "group_code",
    "product_group",
    "province",
    "signer_name",
    "signer_title",
)
FIELDS_BY_VERSION = {1: FACT_FIELDS_V1, 2: FACT_FIELDS}
# A fact's certificate column where the names differ.
COLUMNS = {"product_group": "group_name", "province": "province_name"}
INTEGER_FIELDS = frozenset({"v", "stars"})
DATE_FIELDS = frozenset({"decision_date", "issued_on", "expires_on"})


class MalformedFacts(ValueError):
    """Supplied signed facts that are not exactly a fact set of a known version."""


class SigningKeyMissing(RuntimeError):
    """No signing key at the configured path, and this configuration may not create one."""


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def key_id(self) -> str:
        return key_id(self.public)


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def public_pem(public: Ed25519PublicKey) -> str:
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_signing_key(*, create: bool = True) -> SigningKey:
    """The configured key; created (mode 600) when missing if the configuration allows and
    `create` (a backup or a restore check never creates one)."""
    path = Path(current_app.config["CERTIFICATE_SIGNING_KEY"])
    if not path.exists():
        if not (create and current_app.config.get("CERTIFICATE_SIGNING_KEY_CREATE")):
            raise SigningKeyMissing(f"no certificate signing key at {path}")
        create_key_file(path)
    private = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(private, Ed25519PrivateKey):
        raise SigningKeyMissing(f"{path} is not an Ed25519 private key")
    return SigningKey(private)


def published_public_keys(*, create: bool = True) -> dict[str, Ed25519PublicKey]:
    """The public keys this site publishes, by key id: the current signing key's (when this
    server holds it) and every PEM file named in `CERTIFICATE_PUBLIC_KEYS` (comma-separated) —
    earlier keys after a rotation, or the only keys on servers that verify but never sign."""
    keys = {}
    for name in filter(
        None, (p.strip() for p in current_app.config.get("CERTIFICATE_PUBLIC_KEYS", "").split(","))
    ):
        public = serialization.load_pem_public_key(Path(name).read_bytes())
        if isinstance(public, Ed25519PublicKey):
            keys[key_id(public)] = public
    try:
        current = load_signing_key(create=create)
    except SigningKeyMissing:
        return keys
    return {**keys, current.key_id: current.public}


def create_key_file(path: Path) -> None:
    """A new private key at `path` (mode 600), written whole to a temporary file and linked into
    place: two processes creating it at once both end up reading the one that won, never a
    half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".key-")
    try:
        with os.fdopen(descriptor, "wb") as target:
            target.write(pem)
        os.link(temporary, path)
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)


def _plain(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def version_of(certificate) -> int:
    """The certificate's fact set: a certificate not yet flushed takes the column's default,
    the current one."""
    return getattr(certificate, "facts_version", None) or CURRENT_VERSION


def fields_of(facts: dict) -> tuple[str, ...]:
    """The fact names of the version `facts` declare (no `"v"`: version 1)."""
    return FIELDS_BY_VERSION[facts.get("v", 1)]


def facts_of(certificate) -> dict:
    """The signed facts of a certificate in its version's fact set. A certificate whose last day
    was corrected after it was signed (`printed_expires_on` set) was signed with the printed day,
    so that is its `expires_on` fact."""
    version = version_of(certificate)
    facts = {  # an unknown version (a row edited by hand) keeps it: `strict_facts` refuses it
        name: _plain(getattr(certificate, COLUMNS.get(name, name)))
        for name in FIELDS_BY_VERSION.get(version, FACT_FIELDS)
        if name != "v"
    }
    if version != 1:
        facts["v"] = version
    printed = getattr(certificate, "printed_expires_on", None)
    if printed is not None:
        facts["expires_on"] = _plain(printed)
    return facts


def strict_facts(facts) -> dict:
    """`facts` as supplied in a document, checked to be exactly the fact set of its version: no
    key missing or added, strings, integer stars and version, ISO dates (`MalformedFacts`
    otherwise, with the reason)."""
    if not isinstance(facts, dict):
        raise MalformedFacts("signed_facts is not an object")
    version = facts.get("v", 1)
    if "v" in facts and (
        type(version) is not int or version < 2 or version not in FIELDS_BY_VERSION
    ):
        raise MalformedFacts(f"signed_facts has an unknown version v={version!r}")
    fields = FIELDS_BY_VERSION[version]
    if extra := sorted(set(facts) - set(fields)):
        raise MalformedFacts(f"signed_facts has unexpected key(s): {', '.join(extra)}")
    if missing := [name for name in fields if name not in facts]:
        raise MalformedFacts(f"signed_facts lacks key(s): {', '.join(missing)}")
    for name in fields:
        if not _well_typed(name, facts[name]):
            raise MalformedFacts(f"signed_facts.{name} has the wrong type: {facts[name]!r}")
    return dict(facts)


def _well_typed(name: str, value) -> bool:
    if name in INTEGER_FIELDS:
        return type(value) is int
    if not isinstance(value, str):
        return False
    if name in DATE_FIELDS:
        try:
            return date.fromisoformat(value).isoformat() == value
        except ValueError:
            return False
    return True


def canonical(facts: dict) -> bytes:
    return json.dumps(
        {name: _plain(facts[name]) for name in fields_of(facts)},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    ).encode("utf-8")


def sign(facts: dict, key: SigningKey) -> str:
    """The base64url signature (no padding) of the canonical facts."""
    signature = key.private.sign(canonical(facts))
    return base64.urlsafe_b64encode(signature).rstrip(b"=").decode("ascii")


def verify(facts: dict, signature: str, public: Ed25519PublicKey) -> bool:
    """Whether `signature` covers `facts` (the fact set of their version; keys outside it are
    ignored here: a supplied document goes through `strict_facts` first)."""
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
        public.verify(raw, canonical(facts))
    except (InvalidSignature, ValueError, KeyError, TypeError):
        return False
    return True
