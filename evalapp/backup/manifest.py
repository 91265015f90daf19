"""The backup folder and its `manifest.json`, and the check that a folder is whole.

A backup folder holds the database copy (`database.dump` or `database.sqlite3`), the stored files
under `files/ab/<key>` (unless the files were only listed, for a bucket synced apart), the public
keys of the certificate signers under `public_keys/<key id>.pem`, and `manifest.json`, written
last: a folder without it is an unfinished backup. The manifest names every file with its size
and SHA-256; `verify` recomputes them all.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = "manifest.json"
FORMAT = 1
CHUNK = 1024 * 1024
REQUIRED = ("created_at", "migration_head", "database", "counts", "storage", "files", "signers")


class BackupUnreadable(ValueError):
    """No manifest, or one this version cannot read."""


def file_path(folder: Path, key: str) -> Path:
    return folder / "files" / key[:2] / key


def digest_of(source, sink=None) -> tuple[str, int]:
    """The SHA-256 and size of what the binary file object `source` holds, read in chunks and
    written on to `sink` when one is given."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
    return digest.hexdigest(), size


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return digest_of(handle)[0]


def write(folder: Path, manifest: dict) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def read(folder: Path) -> dict:
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise BackupUnreadable(f"{folder} has no {MANIFEST}: not a backup, or an unfinished one")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupUnreadable(f"{path} is not valid JSON: {error}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupUnreadable(f"{path} is not a backup manifest of format {FORMAT}")
    if missing := [name for name in REQUIRED if name not in manifest]:
        raise BackupUnreadable(f"{path} lacks {', '.join(missing)}: edited or damaged")
    return manifest


def problems_in(folder: Path, manifest: dict) -> list[str]:
    """Everything in the folder that does not match its manifest (empty: the backup is whole)."""
    problems = []
    database = manifest["database"]
    problems += _mismatch(folder / database["file"], database["size"], database["sha256"])
    if manifest["storage"]["files_included"]:
        for entry in manifest["files"]:
            path = file_path(folder, entry["key"])
            problems += _mismatch(path, entry["size"], entry["sha256"])
    return problems


def _mismatch(path: Path, size: int, sha256: str) -> list[str]:
    if not path.is_file():
        return [f"missing: {path}"]
    if path.stat().st_size != size:
        return [f"wrong size: {path} has {path.stat().st_size} bytes, the manifest says {size}"]
    if sha256_of(path) != sha256:
        return [f"checksum differs: {path} (altered or damaged)"]
    return []
