"""A password reset asked while the job queue is unreachable (issue 16, item 3): the page is the
one always shown (revealing no account), the failure is logged, and nothing is a 500."""

import logging

from tests.conftest import run_queued
from tests.integration.auth.test_password_reset import SENT, ask, member, outbox_messages

__all__ = ["member"]  # the fixture, shared with the password-reset tests


def test_with_redis_stopped_the_usual_page_and_the_e_mail_once_it_is_back(
    app, client, member, redis_queue, redis_server, caplog
):
    redis_server.stop()
    with caplog.at_level(logging.ERROR):
        response = ask(client, member.email)
    assert response.status_code == 200 and SENT in response.text
    assert "job queue unavailable" in caplog.text
    assert outbox_messages(app) == []

    redis_server.start()
    assert SENT in ask(client, member.email).text
    run_queued(redis_queue)
    assert [message["To"] for message in outbox_messages(app)] == [member.email]
