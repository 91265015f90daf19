"""Background jobs of the reports feature (imported by `evalapp.tasks`)."""

from evalapp.common.jobs import app_task
from evalapp.reports.building import run_document_job


@app_task()
def build_session_document(job_id: int, attempt: int | None = None) -> None:
    """Build a session document's `attempt` (see `building.run_document_job`)."""
    run_document_job(job_id, attempt)
