"""Converters from an official decision, as published in HTML, to the app's rulebook data.

A converter reads the decision once, at development time, and writes JSON files that are
committed and proof-read by tests; the app itself never parses HTML. Standard library only, like
the rest of ``evalapp.rules``. What any sheet converter needs is in four modules:

- ``_html``: the HTML as a flat list of blocks, paragraphs and top-level tables;
- ``_sheet``: the sheet model (``Part`` → ``Node`` → ``Level``/``Case``, ``Rule``) and its JSON
  form (format 1);
- ``_messages``: what each kind of irregularity says, and ``Findings``, a sheet's entries;
- ``_checks``: the proof checks every converted sheet goes through, which record ``Findings``,
  and the recorded correction of a misprinted option's points.

``qd26_2026`` converts Decision 26/2026/QĐ-TTg (its ``_qd26_2026_*`` modules: reading a sheet's
table rows, and what a reader adds to the text).
"""

from ._sheet import dump_json

__all__ = ["dump_json"]
