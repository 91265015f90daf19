"""The criteria sheet library (issue 15): every sheet the application scores on is an immutable
version in the database — the official sheets shipped with the package seeded as published,
read-only versions, the administrator's imports as drafts until published — and every dossier
keeps the version it was filed on."""
