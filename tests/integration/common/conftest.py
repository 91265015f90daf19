"""Storage fixtures: every contract test runs on the local folder and on S3 (moto's server)."""

import boto3
import pytest
from moto.server import ThreadedMotoServer

from evalapp.common.storage import LocalStorage
from tests.integration.common.support import BUCKET, DUMMY_CREDENTIALS, s3_storage
from tests.network import free_port


@pytest.fixture(scope="session")
def s3_endpoint():
    """A moto S3 server on a free local port with an empty bucket, for the whole session."""
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id=DUMMY_CREDENTIALS["access_key"],
        aws_secret_access_key=DUMMY_CREDENTIALS["secret_key"],
    )
    client.create_bucket(Bucket=BUCKET)
    yield endpoint
    server.stop()


@pytest.fixture(params=["local", "s3"])
def storage(request, tmp_path):
    if request.param == "local":
        return LocalStorage(tmp_path / "uploads")
    return s3_storage(request.getfixturevalue("s3_endpoint"))
