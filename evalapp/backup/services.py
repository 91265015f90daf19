"""Back up an instance into a folder, and restore one onto an EMPTY instance.

What a backup holds and what it never holds (the certificate signing private key) is explained
in README, "Backups and restore". Every function returns the problems it met as sentences; an
empty list is success.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from flask import current_app

from evalapp.backup import contents, database, manifest
from evalapp.common.storage import ObjectNotFound, get_storage
from evalapp.common.time import utcnow

COPY, LIST = "copy", "list"


class BackupRefused(RuntimeError):
    """Nothing was written (or restored): the reason is the message."""


@dataclass
class BackupReport:
    manifest: dict
    problems: list[str] = field(default_factory=list)


def make_backup(folder: Path, files: str = COPY) -> BackupReport:
    """The database, the stored files (`COPY`) or their listing only (`LIST`) and the manifest
    into `folder`, which must be new or empty."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise BackupRefused(f"{folder} is not empty: back up into a new folder")
    kind = database.database_kind()
    folder.mkdir(parents=True, exist_ok=True)
    dump = folder / database.DUMP_NAMES[kind]
    try:
        with database.consistent_copy(dump) as connection:
            listed = contents.stored_files(connection)
            described = describe(connection, kind, files)
    except database.DatabaseRefused:
        shutil.rmtree(folder)  # empty before: nothing of an unfinished backup is left behind
        raise
    described["database"].update(size=dump.stat().st_size, sha256=manifest.sha256_of(dump))
    report = BackupReport(described)
    described["files"], report.problems = (
        copy_files(folder, listed) if files == COPY else check_listed(listed)
    )
    write_public_keys(folder, described["signers"])
    described["problems"] = report.problems
    manifest.write(folder, described)
    return report


def describe(connection, kind: str, files: str) -> dict:
    config = current_app.config
    backend = config.get("STORAGE_BACKEND", "local")
    return {
        "format": manifest.FORMAT,
        "app_version": contents.app_version(),
        "migration_head": contents.database_head(connection),
        "created_at": utcnow().isoformat(timespec="seconds"),
        "database": {"kind": kind, "file": database.DUMP_NAMES[kind]},
        "counts": contents.table_counts(connection),
        "storage": {
            "backend": backend,
            "bucket": config.get("S3_BUCKET") if backend == "s3" else None,
            "prefix": config.get("S3_PREFIX", "") if backend == "s3" else None,
            "files_included": files == COPY,
        },
        "signers": contents.signers(connection),
        "signing_private_key": "not in this backup (kept apart: --signing-key-to)",
    }


def copy_files(folder: Path, listed: list[dict]) -> tuple[list[dict], list[str]]:
    """Each listed object copied to the folder, its checksum computed on the way and compared
    with the database's."""
    storage, copied, problems = get_storage(), [], []
    for entry in listed:
        target = manifest.file_path(folder, entry["key"])
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            sha256, size = copy_object(storage, entry["key"], target)
        except ObjectNotFound:
            problems.append(f"stored file {entry['key']} is missing from the storage")
            continue
        if sha256 != entry["sha256"]:
            problems.append(f"stored file {entry['key']} does not match its recorded checksum")
        copied.append({"key": entry["key"], "sha256": sha256, "size": size})
    return copied, problems


def copy_object(storage, key: str, target: Path) -> tuple[str, int]:
    source = storage.open(key)
    try:
        with target.open("wb") as handle:
            return manifest.digest_of(source, handle)
    finally:
        source.close()


def check_listed(listed: list[dict]) -> tuple[list[dict], list[str]]:
    """The files as the database records them, each checked to exist in the storage."""
    storage = get_storage()
    missing = [e["key"] for e in listed if not storage.exists(e["key"])]
    return listed, [f"stored file {key} is missing from the storage" for key in missing]


def write_public_keys(folder: Path, signers: list[dict]) -> None:
    keys = folder / "public_keys"
    keys.mkdir()
    for signer in signers:
        if signer["public_key"]:
            (keys / f"{signer['key_id']}.pem").write_text(signer["public_key"])


def check_signing_key_destination(destination: Path, folder: Path) -> None:
    """Refuse, before anything is written, a copy of the private key that would land inside the
    backup folder or over an existing file, or that has no key to copy."""
    source = Path(current_app.config["CERTIFICATE_SIGNING_KEY"])
    if not source.is_file():
        raise BackupRefused(f"no certificate signing key at {source}")
    if Path(destination).resolve().is_relative_to(Path(folder).resolve()):
        raise BackupRefused("the signing key must be kept apart, outside the backup folder")
    if Path(destination).exists():
        raise BackupRefused(f"{destination} already exists; choose a new file")


def copy_signing_key(destination: Path, folder: Path) -> Path:
    """The private signing key copied (mode 600) to a place of the operator's choosing, never
    inside the backup folder and never over an existing file."""
    check_signing_key_destination(destination, folder)
    source = Path(current_app.config["CERTIFICATE_SIGNING_KEY"])
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as target, source.open("rb") as key:
        shutil.copyfileobj(key, target)
    return destination


def verify_backup(folder: Path) -> tuple[dict, list[str]]:
    described = manifest.read(folder)
    return described, manifest.problems_in(Path(folder), described)


def restore_backup(folder: Path) -> dict:
    """The backup in `folder` onto this instance, whose database (and storage, when the backup
    holds the files) must be empty. Every checksum is checked before anything is touched."""
    folder = Path(folder)
    described, problems = verify_backup(folder)
    if problems:
        raise BackupRefused("the backup does not match its manifest:\n  " + "\n  ".join(problems))
    included = described["storage"]["files_included"]
    storage = get_storage()
    if included and next(iter(storage.keys()), None) is not None:
        raise BackupRefused("the storage already holds files: restore only into empty storage")
    kind = described["database"]["kind"]
    try:
        database.restore(folder / described["database"]["file"], kind)
    except database.DatabaseRefused as refused:
        raise BackupRefused(str(refused)) from None
    if included:
        for entry in described["files"]:
            storage.put(entry["key"], manifest.file_path(folder, entry["key"]).read_bytes())
    return described
