"""The criteria sheet library: a sheet as an XLSX workbook an official fills in by hand, read back
with every problem at its row and column, and the `flask sheets` commands.

Storage-independent: a sheet goes in and out as a `rules.CriteriaSheet` and the JSON data of
`rules/data/README.md`; the versioned library in the database builds on these pieces.
"""
