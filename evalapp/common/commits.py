"""The one commit of a request that writes, answered with what was built before it.

Once the commit has landed the write is saved, whatever happens next: the answer (a redirect, a
page, a JSON body) and its flashed message are made before the commit, so that nothing after it
reads the database. A database going down between the commit and the answer cannot turn a saved
write into an error page (issue 16)."""

from __future__ import annotations

from flask import flash

from evalapp.extensions import db


def commit_and_answer(answer, flashed: str | None = None, category: str = "success"):
    """Commit the request's work, then flash `flashed` (only once saved) and return `answer`."""
    db.session.commit()
    if flashed:
        flash(flashed, category)
    return answer
