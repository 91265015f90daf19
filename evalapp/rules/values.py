"""Values every part of the rules uses: bilingual texts and registration types."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Text:
    """A bilingual text: Vietnamese first (the legal language), English when known."""

    vi: str
    en: str = ""

    def get(self, lang: str = "vi") -> str:
        """The text in `lang`, falling back to Vietnamese when there is no English."""
        return self.en if lang == "en" and self.en else self.vi


class RegistrationType(StrEnum):
    FIRST_TIME = "first_time"
    UPGRADE = "upgrade"
    RE_EVALUATION = "re_evaluation"
