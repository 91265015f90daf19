"""Every module that declares background jobs, imported by the job consumer (`flask jobs worker`)."""

import evalapp.certificates.tasks  # noqa: F401
