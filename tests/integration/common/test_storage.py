import hashlib
from pathlib import Path

import pytest
from flask import Flask

from evalapp.common import storage as storage_module
from evalapp.common.storage import (
    InvalidKey,
    LocalStorage,
    ObjectNotFound,
    S3Storage,
    get_storage,
    init_app,
)
from tests.integration.common.support import BUCKET, DUMMY_CREDENTIALS, s3_storage

CONTENT = "Hồ sơ sản phẩm OCOP".encode() * 100


def test_round_trip_records_size_and_checksum(storage):
    stored = storage.save(CONTENT)

    assert stored.size == len(CONTENT)
    assert stored.sha256 == hashlib.sha256(CONTENT).hexdigest()
    assert storage.exists(stored.key)
    assert storage.read(stored.key) == CONTENT
    with storage.open(stored.key) as stream:
        assert stream.read() == CONTENT


def test_every_save_gets_a_new_hex_key(storage):
    first, second = storage.save(b"x"), storage.save(b"x")

    assert first.key != second.key
    assert len(first.key) == 32
    assert int(first.key, 16) >= 0


def test_delete_removes_the_object_and_may_be_repeated(storage):
    stored = storage.save(CONTENT)

    storage.delete(stored.key)
    storage.delete(stored.key)

    assert not storage.exists(stored.key)
    with pytest.raises(ObjectNotFound):
        storage.read(stored.key)


def test_a_missing_object_is_not_found(storage):
    key = "0" * 32

    assert not storage.exists(key)
    with pytest.raises(ObjectNotFound):
        storage.open(key)


@pytest.mark.parametrize(
    "key", ["../x", "../../etc/passwd", "ab/cd/" + "0" * 32, "A" * 32, "0" * 31, "", None]
)
def test_keys_are_checked_before_anything_is_touched(storage, key):
    for operation in (storage.open, storage.read, storage.delete, storage.exists):
        with pytest.raises(InvalidKey):
            operation(key)


def test_local_files_fan_out_and_leave_no_temporary_files(tmp_path):
    storage = LocalStorage(tmp_path)

    stored = storage.save(CONTENT)

    path = tmp_path / stored.key[:2] / stored.key[2:4] / stored.key
    assert path.read_bytes() == CONTENT
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == [path]


def test_s3_keeps_the_checksum_as_metadata_under_the_prefix(s3_endpoint):
    storage = s3_storage(s3_endpoint, prefix="ocop/")

    stored = storage.save(CONTENT)

    assert storage.sha256_of(stored.key) == stored.sha256
    listing = storage.client.list_objects_v2(Bucket=BUCKET, Prefix="ocop/")
    assert [item["Key"] for item in listing["Contents"]] == [f"ocop/{stored.key}"]


def flask_app(tmp_path: Path, **config) -> Flask:
    app = Flask(__name__, instance_path=str(tmp_path / "instance"))
    app.config.update(config)
    return app


def test_init_app_defaults_to_a_folder_in_the_instance(tmp_path):
    app = flask_app(tmp_path)

    init_app(app)

    with app.app_context():
        storage = get_storage()
    assert isinstance(storage, LocalStorage)
    assert storage.root == tmp_path / "instance" / "uploads"


def test_init_app_reads_the_local_folder(tmp_path):
    app = flask_app(tmp_path, STORAGE_LOCAL_DIR=str(tmp_path / "files"))

    assert init_app(app).root == tmp_path / "files"


def test_init_app_builds_s3_storage_from_config(tmp_path, s3_endpoint):
    app = flask_app(
        tmp_path,
        STORAGE_BACKEND="s3",
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=s3_endpoint,
        S3_REGION="us-east-1",
        S3_ACCESS_KEY_ID=DUMMY_CREDENTIALS["access_key"],
        S3_SECRET_ACCESS_KEY=DUMMY_CREDENTIALS["secret_key"],
        S3_PREFIX="cfg/",
    )

    storage = init_app(app)

    assert isinstance(storage, S3Storage)
    assert storage.read(storage.save(b"ok").key) == b"ok"
    assert app.extensions[storage_module.EXTENSION_NAME] is storage


@pytest.mark.parametrize(
    ("config", "message"),
    [({"STORAGE_BACKEND": "ftp"}, "STORAGE_BACKEND"), ({"STORAGE_BACKEND": "s3"}, "S3_BUCKET")],
)
def test_init_app_refuses_incomplete_config(tmp_path, config, message):
    with pytest.raises(ValueError, match=message):
        init_app(flask_app(tmp_path, **config))


def test_put_keeps_the_given_key_and_keys_lists_every_object(storage):
    key = "ab" * 16
    saved = storage.save(b"other")

    stored = storage.put(key, CONTENT)

    assert (stored.key, stored.size) == (key, len(CONTENT))
    assert storage.read(key) == CONTENT
    assert key in set(storage.keys()) and saved.key in set(storage.keys())
    with pytest.raises(InvalidKey):
        storage.put("../evil", CONTENT)


def test_local_keys_leave_out_a_save_in_progress(tmp_path):
    storage = LocalStorage(tmp_path)
    stored = storage.save(CONTENT)
    (tmp_path / stored.key[:2] / stored.key[2:4] / ".part-x").write_bytes(b"half")

    assert list(storage.keys()) == [stored.key]
