"""Fixed text boxes on the map (the title, a warning) and the data attribution, all Leaflet controls.

The title is a header at the top left, above the zoom buttons (one line on
phones, with the link back to the index first); a warning is a box at the
bottom right that folds to its first words on phones; the attribution gives a
short line and folds the full list of sources under "and others".
"""

from __future__ import annotations

import branca.element

from zonemap.escape import html_text, safe_url, script_json
from zonemap.render.elements._base import PageElement

__all__ = ["Attribution", "Note"]


class Note(PageElement):
    """A fixed text box: the map's title (a header), or a warning.

    Parameters
    ----------
    text : str
        Plain text (escaped here).
    warning : bool
        A warning at the bottom right instead of the title at the top left.
    link : (str, str), optional
        An (href, text) shown with the title: the link back to the index.
    summary : str, optional
        For a warning: the words it folds to on phones.
    """

    _template = branca.element.Template(
        """
{% macro html(this, kwargs) %}
{% if this.kind == "warning" %}<details class="zonemap-note zonemap-box warning" id="{{ this.get_name() }}" open><summary>{{ this.summary }}</summary><p>{{ this.text }}</p></details>
{% else %}<div class="zonemap-note-title zonemap-header zonemap-box" id="{{ this.get_name() }}"><h1>{{ this.text }}</h1>{{ this.link }}</div>
{% endif %}
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var element = document.getElementById({{ this.element_id }}), warning = {{ this.is_warning }};
  if (warning && window.zonemapUI.narrow.matches) { element.removeAttribute("open"); }
  window.zonemapUI.corner({{ this._parent.get_name() }}, element, warning ? "bottomright" : "topleft", !warning);
})();
{% endmacro %}
"""
    )

    def __init__(self, text: str, *, warning: bool = False, link: tuple[str, str] | None = None, summary: str = "") -> None:
        super().__init__()
        self._name = "Note"
        self.kind = "warning" if warning else "title"
        self.is_warning = "true" if warning else "false"
        self.text = html_text(text)
        self.summary = html_text(summary or text)
        self.link = f'<a href="{html_text(safe_url(link[0]))}">{html_text(link[1])}</a>' if link and safe_url(link[0]) else ""

    @property
    def element_id(self) -> str:
        """The box's element id as a JavaScript string."""
        return f'"{self.get_name()}"'


class Attribution(PageElement):
    """Adds the data sources (plain text, escaped) to the map's attribution control: a short line, the rest folded.

    Parameters
    ----------
    short : str
        Always shown.
    more : str
        The heading the full list folds under ("and others").
    full : str
        The full list of sources.
    """

    _template = branca.element.Template(
        """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
{% endmacro %}
"""
    )

    def __init__(self, short: str, more: str = "", full: str = "") -> None:
        super().__init__()
        self._name = "Attribution"
        folded = f" <details><summary>{html_text(more)}</summary>{html_text(full)}</details>" if more and full else ""
        self.text = script_json(html_text(short) + folded)
