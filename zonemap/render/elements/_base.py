"""The base of zonemap's page elements: rendered once, placed in the page as text, never compiled again.

A plain folium/branca MacroElement's rendered output is wrapped in a new
``branca.element.Element``, which compiles it as a Jinja template a second
time: data holding ``{{ ... }}`` would then run as template code, and every
render pays for the compilation. :class:`PageElement` places its rendered
header, HTML and script as plain text instead.
"""

from __future__ import annotations

from typing import Any

import branca.element

__all__ = ["PageElement", "RawText"]


class RawText(branca.element.Element):
    """Text placed in the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawText"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class PageElement(branca.element.MacroElement):
    """A MacroElement whose ``header``, ``html`` and ``script`` macros are rendered once and placed as text.

    Subclasses set ``_name`` and ``_template`` as folium's plugins do; the
    template must put only escaped text or :func:`zonemap.escape.script_json`
    output into the page. The ``header`` macro is placed once per page and
    kind of element, so it must not depend on the instance.
    """

    def render(self, **kwargs: Any) -> str:
        figure = self.get_root()
        if not isinstance(figure, branca.element.Figure):
            raise TypeError(f"{type(self).__name__} can only be rendered inside a map's Figure")
        module = self._template.module
        for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
            macro = getattr(module, part, None)
            if macro is not None:
                # A header (style sheet) is the same for every element of a kind: placed once per page.
                name = f"{self._name}_header" if part == "header" else self.get_name()
                target.add_child(RawText(str(macro(self, kwargs))), name=name)
        for element in self._children.values():
            element.render(**kwargs)
        return ""
