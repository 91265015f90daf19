"""The criteria sheet library (issue 15): every sheet the application scores on is an immutable
version in the database — the official sheets shipped with the package seeded as published,
read-only versions, the administrator's imports as drafts until published — and every dossier
keeps the version it was made on (`models`, `library`, `services`, `views`).

A sheet goes in and out as a `rules.CriteriaSheet` and the JSON data of `rules/data/README.md`,
or as an XLSX workbook an official fills in by hand, read back with every problem at its row and
column (`xlsx`), and by the `flask sheets` commands (`cli`).
"""
