"""Text in three scripts: English, Traditional Chinese, Simplified Chinese.

Every step of a recipe, every name and every reason carries its text in the
three scripts at once, so the descriptions in ``description``,
``description_zh_hant`` and ``description_zh_hans`` come from one place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["SCRIPTS", "Text", "ha", "join", "pct"]

#: The three scripts, in the order used everywhere.
SCRIPTS = ("en", "zh_hant", "zh_hans")


@dataclass(frozen=True)
class Text:
    """One sentence (or phrase) in English, Traditional and Simplified Chinese."""

    en: str
    zh_hant: str
    zh_hans: str

    @classmethod
    def of(cls, data: Mapping[str, Any], key: str) -> Text:
        """The three ``<key>_en``/``<key>_zh_hant``/``<key>_zh_hans`` entries of a mapping."""
        return cls(str(data[f"{key}_en"]), str(data[f"{key}_zh_hant"]), str(data[f"{key}_zh_hans"]))

    def format(self, **values: Any) -> Text:
        """Fill ``{name}`` fields in all three scripts."""
        return Text(self.en.format(**values), self.zh_hant.format(**values), self.zh_hans.format(**values))

    def get(self, script: str) -> str:
        """The text in one of :data:`SCRIPTS`."""
        return str(getattr(self, script))

    def __add__(self, other: Text) -> Text:
        return join([self, other])


def join(texts: Iterable[Text]) -> Text:
    """Sentences one after the other: a space between English ones, none between Chinese ones."""
    items = list(texts)
    return Text(
        " ".join(t.en for t in items if t.en),
        "".join(t.zh_hant for t in items),
        "".join(t.zh_hans for t in items),
    )


def ha(m2: float) -> str:
    """An area in hectares with two decimals."""
    return f"{m2 / 1e4:,.2f}"


def pct(computed: float, official: float) -> str:
    """The signed difference of ``computed`` from ``official`` in per cent, one decimal."""
    return f"{(computed - official) / official * 100:+.1f}"
