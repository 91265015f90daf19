"""What the storage fixtures and tests share: the test bucket and dummy credentials."""

from evalapp.common.storage import S3Storage

BUCKET = "evalapp-test"
DUMMY_CREDENTIALS = {"access_key": "testing", "secret_key": "testing"}


def s3_storage(endpoint: str, prefix: str = "uploads/") -> S3Storage:
    return S3Storage(BUCKET, endpoint_url=endpoint, prefix=prefix, **DUMMY_CREDENTIALS)
