"""`flask backup`, `flask backup verify` and `flask restore`: a backup of the demo restored onto a
fresh instance serves every certificate as verified and every stored document as uploaded."""

from __future__ import annotations

import hashlib
import json
import uuid

from sqlalchemy import func, inspect, select

from evalapp.certificates.models import Certificate
from evalapp.common.storage import get_storage
from evalapp.dossiers.models import DossierDocument
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD, AuthActions


def back_up(app, folder, *options):
    return app.test_cli_runner().invoke(args=["backup", str(folder), *options])


def restore(app, folder):
    """`flask restore` in the fresh instance's own context (the test body holds the source's)."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=["restore", str(folder)])


def test_the_demo_restores_onto_a_fresh_instance_and_every_certificate_verifies(
    demo, fresh_instance, tmp_path
):
    backup, key_copy = tmp_path / "backup", tmp_path / "keys" / "signing.pem"

    made = back_up(demo, backup, "--signing-key-to", str(key_copy))

    assert made.exit_code == 0, made.output
    assert "PRIVATE key was copied" in made.output and "OK: no problem found" in made.output
    manifest = json.loads((backup / "manifest.json").read_text())
    assert manifest["counts"]["certificates"] == 5 and len(manifest["files"]) == 84
    assert all(signer["public_key"] for signer in manifest["signers"])

    fresh = fresh_instance(signing_key=key_copy)
    restored = restore(fresh, backup)

    assert restored.exit_code == 0, restored.output
    assert "certificates: 5 of 5 verify" in restored.output
    assert "stored documents: 84 of 84 open and match" in restored.output
    with fresh.app_context():
        public_ids = db.session.scalars(select(Certificate.public_id)).all()
        client = fresh.test_client()
        for public_id in public_ids:
            record = client.get(f"/api/v1/certificates/{public_id}").get_json()
            assert record["status"] != "unverifiable", record
        opened = documents_opened_by_their_producers(client)
    assert opened and [id for id, ok in opened.items() if not ok] == []


def producer_of(organisation_id: int):
    """A producer of the organisation, given the test password (the demo's is not known here)."""
    from evalapp.auth.models import Role, User
    from evalapp.auth.services import hash_password

    users = db.session.scalars(select(User).where(User.organisation_id == organisation_id))
    producer = next(user for user in users if user.has_role(Role.PRODUCER))
    producer.password_hash = hash_password(TEST_PASSWORD)
    db.session.commit()
    return producer


def documents_opened_by_their_producers(client) -> dict[int, bool]:
    """Each dossier document downloaded through its page by a producer of its organisation
    (signed in with a password set for the test): whether the bytes served are the ones
    recorded."""
    auth, opened = AuthActions(client), {}
    documents = [d for d in db.session.scalars(select(DossierDocument)) if d.is_current]
    for organisation_id in {document.dossier.organisation_id for document in documents}:
        auth.login(producer_of(organisation_id))
        for document in documents:
            if document.dossier.organisation_id == organisation_id:
                with client.get(f"/dossiers/documents/{document.id}") as response:
                    served = hashlib.sha256(response.data).hexdigest()
                    ok = response.status_code == 200 and served == document.file.sha256
                opened[document.id] = ok
        auth.logout()
    return opened


def test_the_private_signing_key_is_never_in_the_backup(demo, tmp_path):
    backup = tmp_path / "backup"

    assert back_up(demo, backup).exit_code == 0
    private = (tmp_path / "certificate_signing_key.pem").read_text()
    body = "".join(private.splitlines()[1:-1])  # the base64 between the PEM lines

    for path in backup.rglob("*"):
        if path.is_file():
            assert body.encode() not in path.read_bytes(), path
    assert "PRIVATE" not in (backup / "manifest.json").read_text()


def test_the_signing_key_is_not_copied_into_the_backup_folder(demo, tmp_path):
    backup = tmp_path / "backup"

    refused = back_up(demo, backup, "--signing-key-to", str(backup / "key.pem"))

    assert refused.exit_code == 2 and "outside the backup folder" in refused.output
    assert not backup.exists()


def test_a_tampered_file_is_named_by_verify_and_refused_by_restore(demo, fresh_instance, tmp_path):
    backup = tmp_path / "backup"
    back_up(demo, backup)
    manifest = json.loads((backup / "manifest.json").read_text())
    key = manifest["files"][0]["key"]
    damaged = backup / "files" / key[:2] / key
    damaged.write_bytes(damaged.read_bytes()[:-1] + b"!")

    verified = demo.test_cli_runner().invoke(args=["backup", "verify", str(backup)])

    assert verified.exit_code == 1
    assert f"checksum differs: {damaged}" in verified.output
    fresh = fresh_instance()
    refused = restore(fresh, backup)
    assert refused.exit_code == 2 and "does not match its manifest" in refused.output
    with fresh.app_context():
        assert not inspect(db.engine).get_table_names()
        assert list(get_storage().keys()) == []


def test_restore_refuses_a_database_that_is_not_empty(demo, tmp_path):
    backup = tmp_path / "backup"
    back_up(demo, backup)
    (tmp_path / "uploads").rename(tmp_path / "uploads-moved")  # the storage is empty

    refused = demo.test_cli_runner().invoke(args=["restore", str(backup)])

    assert refused.exit_code == 2
    assert "the database is not empty" in refused.output
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == 5


def test_restore_refuses_storage_that_already_holds_files(demo, fresh_instance, tmp_path):
    backup = tmp_path / "backup"
    back_up(demo, backup)
    fresh = fresh_instance()
    with fresh.app_context():
        get_storage().save(b"left over")

    refused = restore(fresh, backup)

    assert refused.exit_code == 2 and "storage already holds files" in refused.output
    with fresh.app_context():
        assert not inspect(db.engine).get_table_names()


def test_a_folder_without_a_manifest_is_not_a_backup(app, tmp_path):
    (tmp_path / "half").mkdir()

    refused = app.test_cli_runner().invoke(args=["backup", "verify", str(tmp_path / "half")])

    assert refused.exit_code == 2 and "no manifest.json" in refused.output


def test_a_backup_goes_into_a_new_folder_only(app, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "old.txt").write_text("x")

    refused = back_up(app, tmp_path / "used")

    assert refused.exit_code == 2 and "is not empty" in refused.output


def test_without_the_signing_key_the_restore_says_which_key_to_put_back(
    demo, fresh_instance, tmp_path
):
    backup = tmp_path / "backup"
    back_up(demo, backup)

    restored = restore(fresh_instance(), backup)

    assert restored.exit_code == 1
    assert "certificates: 5 of 5 verify" in restored.output  # with the backup's public key
    key_id = json.loads((backup / "manifest.json").read_text())["signers"][0]["key_id"]
    assert f"public_keys/{key_id}.pem" in restored.output
    assert (backup / "public_keys" / f"{key_id}.pem").read_text().startswith("-----BEGIN PUBLIC")


def s3_config(endpoint: str) -> dict:
    from tests.integration.common.support import BUCKET, DUMMY_CREDENTIALS

    return dict(
        STORAGE_BACKEND="s3",
        S3_BUCKET=BUCKET,
        S3_ENDPOINT_URL=endpoint,
        S3_ACCESS_KEY_ID=DUMMY_CREDENTIALS["access_key"],
        S3_SECRET_ACCESS_KEY=DUMMY_CREDENTIALS["secret_key"],
        S3_PREFIX=f"restore-{uuid.uuid4().hex[:8]}/",
    )


def test_a_backup_restores_into_an_s3_bucket(demo, fresh_instance, tmp_path, s3_endpoint):
    backup, key_copy = tmp_path / "backup", tmp_path / "keys" / "signing.pem"
    back_up(demo, backup, "--signing-key-to", str(key_copy))
    fresh = fresh_instance(signing_key=key_copy, **s3_config(s3_endpoint))

    restored = restore(fresh, backup)

    assert restored.exit_code == 0, restored.output
    assert "stored documents: 84 of 84 open and match" in restored.output
    with fresh.app_context():
        assert len(list(get_storage().keys())) == 84
        again = fresh.test_cli_runner().invoke(args=["backup", str(tmp_path / "from-s3")])
    assert again.exit_code == 0, again.output  # the bucket's objects downloaded
    files = json.loads((tmp_path / "from-s3" / "manifest.json").read_text())["files"]
    assert files == json.loads((backup / "manifest.json").read_text())["files"]


def test_files_listed_only_for_a_bucket_synced_apart(demo, fresh_instance, tmp_path, s3_endpoint):
    """`--files=list`: the manifest lists the files (size, SHA-256) and the backup holds none;
    the restore takes the database and finds the files the operator synced into the bucket."""
    backup = tmp_path / "backup"
    listed = demo.test_cli_runner().invoke(args=["backup", "--files=list", str(backup)])
    assert listed.exit_code == 0, listed.output
    assert not (backup / "files").exists()
    manifest = json.loads((backup / "manifest.json").read_text())
    assert len(manifest["files"]) == 84 and not manifest["storage"]["files_included"]
    public_keys = ",".join(str(path) for path in (backup / "public_keys").glob("*.pem"))
    fresh = fresh_instance(CERTIFICATE_PUBLIC_KEYS=public_keys, **s3_config(s3_endpoint))
    with fresh.app_context():  # the operator's own sync of the bucket
        for entry in manifest["files"]:
            get_storage().put(entry["key"], demo_storage(demo).read(entry["key"]))

    restored = restore(fresh, backup)

    assert restored.exit_code == 0, restored.output
    assert "stored documents: 84 of 84 open and match" in restored.output


def demo_storage(app):
    return app.extensions["evalapp.storage"]


def test_a_database_restored_without_its_files_answers_a_clear_not_found(
    demo, fresh_instance, tmp_path
):
    """The files only listed and never synced: the restore names each missing file, and a
    document page answers 404, never a server error."""
    backup, key_copy = tmp_path / "backup", tmp_path / "keys" / "signing.pem"
    back_up(demo, backup, "--files=list", "--signing-key-to", str(key_copy))
    fresh = fresh_instance(signing_key=key_copy)

    restored = restore(fresh, backup)

    assert restored.exit_code == 1
    assert "stored documents: 0 of 84 open and match" in restored.output
    assert restored.output.count("is missing") == 84
    with fresh.app_context():
        document = next(d for d in db.session.scalars(select(DossierDocument)) if d.is_current)
        producer = producer_of(document.dossier.organisation_id)
        client = fresh.test_client()
        AuthActions(client).login(producer)
        with client.get(f"/dossiers/documents/{document.id}") as response:
            assert response.status_code == 404


def test_a_stored_file_missing_at_backup_time_is_named(demo, tmp_path):
    from evalapp.common.files import StoredFile

    stored = db.session.scalars(select(StoredFile)).first()
    get_storage().delete(stored.storage_key)

    made = back_up(demo, tmp_path / "backup")

    assert made.exit_code == 1
    assert f"stored file {stored.storage_key} is missing from the storage" in made.output
    manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert len(manifest["files"]) == 83 and len(manifest["problems"]) == 1


def test_a_failing_database_copy_leaves_no_half_backup(demo, tmp_path, monkeypatch):
    from evalapp.backup import database

    def failing(target):
        target.write_bytes(b"half a dump")
        raise database.DatabaseRefused("pg_dump failed: server version mismatch")

    monkeypatch.setattr(database, "consistent_copy", failing)

    refused = back_up(demo, tmp_path / "backup")

    assert refused.exit_code == 2 and "server version mismatch" in refused.output
    assert not (tmp_path / "backup").exists()


def test_an_edited_manifest_is_refused(app, tmp_path):
    (tmp_path / "edited").mkdir()
    (tmp_path / "edited" / "manifest.json").write_text('{"format": 1, "files": []}')

    refused = app.test_cli_runner().invoke(args=["backup", "verify", str(tmp_path / "edited")])

    assert refused.exit_code == 2 and "lacks created_at" in refused.output
