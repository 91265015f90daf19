"""Every module that declares background jobs, imported by the job consumer (`flask jobs worker`)."""

import evalapp.certificates.tasks  # noqa: F401
import evalapp.certificates.lifecycle  # noqa: F401 - the daily reminders and expiry notices
