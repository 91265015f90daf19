"""A database restored without its stored files (issue 16): the document's page answers 404
with a page that names the file and says who can bring it back — on the local folder and on S3."""

import pytest

from evalapp.common.storage import EXTENSION_NAME, get_storage
from tests.integration.common.conftest import s3_endpoint  # noqa: F401 - moto's S3 server
from tests.integration.common.support import s3_storage
from tests.integration.dossiers.conftest import pdf_file, start
from tests.integration.dossiers.test_upload_caps import ITEM, post

MISSING = "Tệp “Sổ kế toán.pdf” không còn trong kho lưu trữ."
ASK_THE_ADMINISTRATOR = "Hãy báo quản trị viên khôi phục từ bản sao lưu."


@pytest.fixture(params=["local", "s3"])
def stored_in(request, app):
    """The app's storage: its local folder, or a bucket on moto's S3 server."""
    if request.param == "s3":
        endpoint = request.getfixturevalue("s3_endpoint")
        app.extensions[EXTENSION_NAME] = s3_storage(endpoint, prefix=f"{request.node.name}/")
    return request.param


def test_a_document_missing_from_the_storage_is_a_clear_404(stored_in, app, kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    post(client, dossier, [pdf_file("Sổ kế toán.pdf")])
    [document] = dossier.current_documents(ITEM)
    with client.get(f"/dossiers/documents/{document.id}") as served:
        assert served.status_code == 200
    get_storage().delete(document.file.storage_key)

    response = client.get(f"/dossiers/documents/{document.id}")

    assert response.status_code == 404
    assert "Không tìm thấy tệp" in response.text
    assert MISSING in response.text and ASK_THE_ADMINISTRATOR in response.text
    assert client.get(f"/dossiers/{dossier.id}").status_code == 200  # the dossier still opens
