"""`flask backup OUT_DIR`, `flask backup verify DIR` and `flask restore DIR`.

Exit code 0: done and every check passed; 1: done, but with problems (listed); 2: refused,
nothing written or restored."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from evalapp.backup import checks, manifest, services
from evalapp.backup.database import DatabaseRefused

DONE, PROBLEMS, REFUSED = 0, 1, 2


class BackupGroup(AppGroup):
    """`flask backup OUT_DIR` makes a backup; `flask backup verify DIR` checks one."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["create", *args]
        return super().parse_args(ctx, args)


backup_cli = BackupGroup(
    "backup",
    help="Back up the database, the stored files and a manifest: `flask backup OUT_DIR` (the same"
    " as `flask backup create OUT_DIR`); `flask backup verify DIR` checks a backup.",
)


@backup_cli.command("create")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--files",
    type=click.Choice([services.COPY, services.LIST]),
    default=services.COPY,
    show_default=True,
    help="copy the stored files, or only list them (a bucket synced separately).",
)
@click.option(
    "--signing-key-to",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also copy the certificate signing PRIVATE key to this file, outside the backup.",
)
def create(out_dir: Path, files: str, signing_key_to: Path | None) -> None:
    """Write a consistent backup into OUT_DIR (new or empty). The certificate signing private
    key is never written into it."""
    try:
        if signing_key_to is not None:
            services.check_signing_key_destination(signing_key_to, out_dir)
        report = services.make_backup(out_dir, files)
        if signing_key_to is not None:
            copied = services.copy_signing_key(signing_key_to, out_dir)
            warn_private_key(copied)
    except (services.BackupRefused, DatabaseRefused) as refused:
        refuse(refused)
    described = report.manifest
    click.echo(f"Backup written to {out_dir} ({described['database']['kind']} database).")
    click.echo(f"  stored files: {len(described['files'])} ({files})")
    click.echo(f"  certificates signed by: {', '.join(signer_ids(described)) or 'nobody yet'}")
    finish(report.problems)


@backup_cli.command("verify")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
def verify(folder: Path) -> None:
    """Check a backup folder against its manifest (every size and SHA-256)."""
    try:
        described, problems = services.verify_backup(folder)
    except manifest.BackupUnreadable as unreadable:
        refuse(unreadable)
    counted = len(described["files"]) if described["storage"]["files_included"] else 0
    click.echo(f"Backup of {described['created_at']} (migration {described['migration_head']}):")
    click.echo(f"  database {described['database']['file']} and {counted} stored files checked")
    finish(problems)


@click.command("restore")
@click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))
@with_appcontext
def restore_command(folder: Path) -> None:
    """Restore a backup onto this EMPTY instance, then check every certificate and document."""
    try:
        described = services.restore_backup(folder)
    except (services.BackupRefused, manifest.BackupUnreadable) as refused:
        refuse(refused)
    click.echo(f"Restored the backup of {described['created_at']}; checking…")
    check = checks.check_instance(described)
    for line in check.summary():
        click.echo(f"  {line}")
    finish(check.problems)


def signer_ids(described: dict) -> list[str]:
    return [s["key_id"] for s in described["signers"] if s["certificates"]]


def warn_private_key(path: Path) -> None:
    click.secho(
        f"WARNING: the certificate signing PRIVATE key was copied to {path}.\n"
        "Whoever holds it can sign certificates in the council's name: keep it offline,"
        " apart from the backups, and never in the same place as them.",
        fg="red",
        bold=True,
        err=True,
    )


def refuse(error: Exception) -> None:
    click.echo(f"Refused: {error}", err=True)
    click.get_current_context().exit(REFUSED)


def finish(problems: list[str]) -> None:
    if not problems:
        click.echo("OK: no problem found.")
        return
    click.echo(f"{len(problems)} problem(s):", err=True)
    for problem in problems:
        click.echo(f"  - {problem}", err=True)
    click.get_current_context().exit(PROBLEMS)
