"""Background jobs of the certificates feature (imported by `evalapp.tasks`)."""

from evalapp.certificates.printing import run_print_job
from evalapp.common.jobs import app_task


@app_task()
def print_certificates(job_id: int, attempt: int | None = None) -> None:
    """Build the batch PDF of a print job's `attempt` (see `printing.run_print_job`)."""
    run_print_job(job_id, attempt)
