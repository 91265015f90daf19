"""Every module that declares background jobs, imported by `create_app` so that a job consumer
(`flask jobs worker`) knows them all: password-reset e-mails (auth.tasks), batch printing
(certificates.tasks), daily reminders and expiry notices (certificates.lifecycle), and what each
worker beat does (certificates.print_queue: print jobs whose worker stopped are taken back)."""

import evalapp.auth.tasks
import evalapp.certificates.lifecycle
import evalapp.certificates.print_queue
import evalapp.certificates.tasks  # noqa: F401
