"""The base of zonemap's page elements: rendered once, placed in the page as text, never compiled again.

A plain folium/branca MacroElement's rendered output is wrapped in a new
``branca.element.Element``, which compiles it as a Jinja template a second
time: data holding ``{{ ... }}`` would then run as template code, and every
render pays for the compilation. :class:`PageElement` places its rendered
header, HTML and script as plain text instead.
"""

from __future__ import annotations

import re
from typing import Any

import branca.element

__all__ = ["PageElement", "RawText", "RenderedOnce", "as_jinja_would"]


class RawText(branca.element.Element):
    """Text placed in the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "RawText"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


_NEWLINE = re.compile(r"\r\n|\r|\n")


def as_jinja_would(text: str) -> str:
    """What a Jinja template of plain ``text`` renders to: newlines as ``\\n``, one trailing newline dropped.

    Parameters
    ----------
    text : str
        Text already rendered, to be placed in the page as it is.

    Returns
    -------
    str
        The text as branca would have placed it had it compiled the text again.

    Examples
    --------
    >>> as_jinja_would("a\\r\\nb\\n")
    'a\\nb'
    """
    text = _NEWLINE.sub("\n", text)
    return text[:-1] if text.endswith("\n") else text


class RenderedOnce(branca.element.MacroElement):
    """``MacroElement.render`` with the rendered macros placed as text, not compiled again as templates.

    For folium's own classes: put it after the folium class among the bases
    (``class FeatureGroup(folium.FeatureGroup, RenderedOnce)``), so the
    folium class's ``render`` runs and calls this one instead of
    ``MacroElement.render``. The page is the same, byte for byte, as long as
    the rendered text holds no Jinja syntax (``{{``, ``{%``, ``{#``), which
    the second compilation would have run. Children that are plain
    MacroElements (as ``ElementAddToElement``, which folium adds while
    rendering) are rendered the same way.
    """

    def render(self, **kwargs: Any) -> str:
        _render_once(self, kwargs)
        return ""


def _render_once(element: branca.element.MacroElement, kwargs: dict[str, Any]) -> None:
    figure = element.get_root()
    if not isinstance(figure, branca.element.Figure):
        raise TypeError(f"{type(element).__name__} can only be rendered inside a map's Figure")
    module = element._template.module
    for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
        macro = module.__dict__.get(part, None)
        if macro is not None:
            target.add_child(RawText(as_jinja_would(str(macro(element, kwargs)))), name=element.get_name())
    for child in element._children.values():
        if isinstance(child, branca.element.MacroElement) and type(child).render is branca.element.MacroElement.render:
            _render_once(child, kwargs)
        else:
            child.render(**kwargs)


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
