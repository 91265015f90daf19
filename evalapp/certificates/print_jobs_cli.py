"""`flask jobs list|retry|cancel`: the operator's view of print jobs, in the `jobs` group next to
`flask jobs worker`. Like views, the commands call services and commit."""

from __future__ import annotations

import click
from sqlalchemy import select

from evalapp.certificates import print_queue, printing
from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.common.job_workers import last_beat_age
from evalapp.common.jobs import jobs_cli
from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.extensions import db


def age(seconds: float | None) -> str:
    return "never" if seconds is None else f"{seconds:.0f}s ago"


def job_line(job: PrintJob, now) -> str:
    heartbeat = None if job.heartbeat_at is None else (now - job.heartbeat_at).total_seconds()
    number = job.decision.number or f"#{job.decision_id}"
    line = (
        f"{job.id:>6}  {job.state.value:<9}  {job.done:>4}/{job.total:<4}  "
        f"attempt {job.attempt}  heartbeat {age(heartbeat):<11}  "
        f"requested {job.requested_at:%Y-%m-%d %H:%M}Z  decision {number}"
    )
    return f"{line}\n        {job.error}" if job.error else line


@jobs_cli.command("list")
@click.option("--all", "show_all", is_flag=True, help="Finished jobs too (the latest 50).")
def list_jobs(show_all: bool) -> None:
    """Print jobs waiting or running (with --all, finished ones too): state, progress, attempt,
    heartbeat age; and when a job worker last beat."""
    now = utcnow()
    click.echo(f"job worker: last beat {age(last_beat_age(now))}")
    query = select(PrintJob).order_by(PrintJob.id.desc()).limit(50)
    if not show_all:
        query = query.where(PrintJob.state.in_(printing.UNFINISHED))
    jobs = db.session.scalars(query).all()
    for job in jobs:
        click.echo(job_line(job, now))
    if not jobs:
        click.echo("no print job" if show_all else "no print job waiting or running")


def load_job(job_id: int) -> PrintJob:
    job = db.session.get(PrintJob, job_id)
    if job is None:
        raise click.ClickException(f"no print job {job_id}")
    return job


@jobs_cli.command("retry")
@click.argument("job_id", type=int)
def retry(job_id: int) -> None:
    """Print again: a failed or cancelled job as a new job of its decision; a waiting or running
    one (stuck) taken back from its attempt and queued as the next."""
    job = load_job(job_id)
    if job.state is PrintJobState.DONE:
        raise click.ClickException(f"print job {job.id} is done: nothing to retry")
    if job.state in printing.UNFINISHED:
        if not print_queue.requeue(job, utcnow()):
            raise click.ClickException(f"print job {job.id} changed meanwhile; run list again")
        click.echo(f"print job {job.id}: queued again as attempt {job.attempt} ({job.state})")
        return
    try:
        new = print_queue.request_print(job.decision, actor=None)
    except Refusal as refusal:
        raise click.ClickException(str(refusal)) from None
    db.session.commit()
    if print_queue.never_queued(new):
        print_queue.submit_print_job(new)
    click.echo(f"print job {new.id} for decision {job.decision.number}: {new.state}")


@jobs_cli.command("cancel")
@click.argument("job_id", type=int)
def cancel(job_id: int) -> None:
    """Cancel a waiting or running print job (a running one stops before its next part)."""
    job = load_job(job_id)
    try:
        printing.cancel_print_job(job)
    except Refusal as refusal:
        raise click.ClickException(str(refusal)) from None
    db.session.commit()
    click.echo(f"print job {job.id} cancelled")
