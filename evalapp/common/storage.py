"""Where uploaded files are kept: a local folder or S3-compatible object storage, one interface.

Objects live under generated keys (32 lowercase hex digits); a user-supplied name never becomes a
path or an object name. The database keeps the key, the checksum and the display name.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from flask import current_app

EXTENSION_NAME = "evalapp.storage"
KEY_PATTERN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class StoredObject:
    key: str
    sha256: str
    size: int


class InvalidKey(ValueError):
    """A key that this storage could never have generated: refused before any file is touched."""


class ObjectNotFound(LookupError):
    pass


class Storage(Protocol):
    def save(self, data: bytes) -> StoredObject: ...
    def open(self, key: str) -> BinaryIO: ...
    def read(self, key: str) -> bytes: ...
    def delete(self, key: str) -> None: ...
    def exists(self, key: str) -> bool: ...
    def put(self, key: str, data: bytes) -> StoredObject: ...
    def keys(self) -> Iterator[str]: ...


def new_key() -> str:
    return uuid.uuid4().hex


def checked_key(key: str) -> str:
    if not isinstance(key, str) or not KEY_PATTERN.fullmatch(key):
        raise InvalidKey(f"invalid storage key: {key!r}")
    return key


def describe(data: bytes, key: str) -> StoredObject:
    return StoredObject(key=key, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


class LocalStorage:
    """Files in a folder outside the web root, fanned out as `ab/cd/abcd…` so that no directory
    grows too large. Writes are atomic: a reader sees the whole file or none."""

    def __init__(self, root: Path | str):
        self.root = Path(root)

    def path(self, key: str) -> Path:
        key = checked_key(key)
        return self.root / key[:2] / key[2:4] / key

    def save(self, data: bytes) -> StoredObject:
        return self.put(new_key(), data)

    def put(self, key: str, data: bytes) -> StoredObject:
        """`data` under a key given by the caller (a restore puts each object back under its
        own key)."""
        stored = describe(data, checked_key(key))
        target = self.path(stored.key)
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return stored

    def open(self, key: str) -> BinaryIO:
        try:
            return self.path(key).open("rb")
        except FileNotFoundError:
            raise ObjectNotFound(key) from None

    def read(self, key: str) -> bytes:
        with self.open(key) as handle:
            return handle.read()

    def delete(self, key: str) -> None:
        self.path(key).unlink(missing_ok=True)

    def exists(self, key: str) -> bool:
        return self.path(key).is_file()

    def keys(self) -> Iterator[str]:
        """Every stored key (temporary files of a save in progress left out)."""
        for path in self.root.glob("*/*/*"):
            if KEY_PATTERN.fullmatch(path.name) and path.is_file():
                yield path.name


class S3Storage:
    """Objects in an S3-compatible bucket (AWS, MinIO, or a provider's S3 API via `endpoint_url`).

    The SHA-256 is computed here and kept as the object's `sha256` metadata; Content-MD5 lets the
    server refuse a body damaged in transit. Credentials left as None come from boto3's usual
    chain (environment, instance role)."""

    def __init__(
        self,
        bucket: str,
        *,
        endpoint_url: str | None = None,
        region: str = "us-east-1",
        access_key: str | None = None,
        secret_key: str | None = None,
        prefix: str = "",
    ):
        self.bucket = bucket
        self.prefix = prefix
        self.client = s3_client(endpoint_url, region, access_key, secret_key)

    def object_name(self, key: str) -> str:
        return self.prefix + checked_key(key)

    def save(self, data: bytes) -> StoredObject:
        return self.put(new_key(), data)

    def put(self, key: str, data: bytes) -> StoredObject:
        stored = describe(data, checked_key(key))
        self.client.put_object(
            Bucket=self.bucket,
            Key=self.object_name(stored.key),
            Body=data,
            ContentType="application/octet-stream",
            ContentMD5=base64.b64encode(hashlib.md5(data, usedforsecurity=False).digest()).decode(),
            Metadata={"sha256": stored.sha256},
        )
        return stored

    def open(self, key: str) -> BinaryIO:
        name = self.object_name(key)
        try:
            return self.client.get_object(Bucket=self.bucket, Key=name)["Body"]
        except self.client.exceptions.NoSuchKey:
            raise ObjectNotFound(key) from None

    def read(self, key: str) -> bytes:
        body = self.open(key)
        try:
            return body.read()
        finally:
            body.close()

    def delete(self, key: str) -> None:
        self.client.delete_object(Bucket=self.bucket, Key=self.object_name(key))

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        name = self.object_name(key)
        try:
            self.client.head_object(Bucket=self.bucket, Key=name)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return False
            raise
        return True

    def keys(self) -> Iterator[str]:
        """Every key under the prefix (other objects of a shared bucket left out)."""
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.bucket, Prefix=self.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                key = item["Key"][len(self.prefix) :]
                if KEY_PATTERN.fullmatch(key):
                    yield key

    def sha256_of(self, key: str) -> str | None:
        """The checksum recorded when the object was saved (None if the metadata is missing)."""
        head = self.client.head_object(Bucket=self.bucket, Key=self.object_name(key))
        return head.get("Metadata", {}).get("sha256")


def s3_client(endpoint_url, region, access_key, secret_key):
    # boto3 is imported here so that the default local setup (and every `flask` command) does
    # not pay for loading botocore.
    import boto3
    from botocore.config import Config

    config = Config(
        signature_version="s3v4",
        # Several S3-compatible services reject the CRC checksums boto3 adds by default.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        retries={"mode": "standard", "max_attempts": 3},
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=region,
        aws_access_key_id=access_key,
        aws_secret_access_key=secret_key,
        config=config,
    )


def storage_from_config(app) -> Storage:
    backend = app.config.get("STORAGE_BACKEND", "local")
    if backend == "local":
        root = app.config.get("STORAGE_LOCAL_DIR") or Path(app.instance_path) / "uploads"
        return LocalStorage(root)
    if backend == "s3":
        return s3_storage_from_config(app.config)
    raise ValueError(f"STORAGE_BACKEND must be 'local' or 's3', not {backend!r}")


def s3_storage_from_config(config) -> S3Storage:
    bucket = config.get("S3_BUCKET")
    if not bucket:
        raise ValueError("STORAGE_BACKEND is 's3' but S3_BUCKET is not set")
    return S3Storage(
        bucket,
        endpoint_url=config.get("S3_ENDPOINT_URL") or None,
        region=config.get("S3_REGION") or "us-east-1",
        access_key=config.get("S3_ACCESS_KEY_ID") or None,
        secret_key=config.get("S3_SECRET_ACCESS_KEY") or None,
        prefix=config.get("S3_PREFIX", ""),
    )


def init_app(app) -> Storage:
    storage = storage_from_config(app)
    app.extensions[EXTENSION_NAME] = storage
    return storage


def get_storage() -> Storage:
    return current_app.extensions[EXTENSION_NAME]
