"""What a job's page shows and its script polls, the same for every kind of background job (the
certificate batch, a session's documents): its state, progress, error and, once done, its file."""

from __future__ import annotations

from flask import request


def wants_json() -> bool:
    """The page's script polls with `?format=json` or `Accept: application/json`."""
    if request.args.get("format") == "json":
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > 0


def job_progress(job, file_url: str, waiting_too_long: bool) -> dict:
    """`job` has `state` (an enum with `label` and `finished`, DONE being "done"), `done`,
    `total`, `error` and `file_id`; `file_url` is shown only once the file is there."""
    ready = job.state == "done" and job.file_id is not None
    return {
        "state": job.state.value,
        "label": job.state.label,
        "done": job.done,
        "total": job.total,
        "percent": round(100 * job.done / job.total) if job.total else 0,
        "error": job.error,
        "file_url": file_url if ready else None,
        "waiting_too_long": waiting_too_long,
        "finished": job.state.finished,
    }
