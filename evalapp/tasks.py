"""Every module that declares background jobs, imported by the job consumer (`flask jobs worker`):
batch printing (certificates.tasks), daily reminders and expiry notices (certificates.lifecycle)."""

import evalapp.certificates.lifecycle
import evalapp.certificates.tasks  # noqa: F401
