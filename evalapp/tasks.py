"""Every module that declares background jobs, imported by `create_app` so that a job consumer
(`flask jobs worker`) knows them all: password-reset e-mails (auth.tasks), batch printing
(certificates.tasks), daily reminders and expiry notices (certificates.lifecycle), and what each
worker beat does (certificates.print_queue: print jobs whose worker stopped are taken back), and
the large session documents (reports.tasks, with reports.building's beat)."""

import evalapp.auth.tasks
import evalapp.certificates.lifecycle
import evalapp.certificates.print_queue
import evalapp.certificates.tasks
import evalapp.reports.tasks  # noqa: F401
