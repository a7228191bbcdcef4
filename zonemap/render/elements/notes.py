"""Fixed text boxes on the map (title, notes) and the data attribution."""

from __future__ import annotations

import branca.element

from zonemap.escape import html_text, safe_url, script_json
from zonemap.render.elements._base import PageElement

__all__ = ["Attribution", "Note"]


class Note(PageElement):
    """A fixed text box: the title at the top left, or a warning at the bottom right.

    ``text`` is plain text (escaped here); ``link`` an optional (href, text) shown after it.
    """

    _template = branca.element.Template(
        """
{% macro header(this, kwargs) %}
<style>
.zonemap-note {position: absolute; z-index: 1000; max-width: 420px; padding: 6px 10px; border-radius: 4px;
  font: 13px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.3); background: rgba(255,255,255,.92);}
.zonemap-note.title {top: 10px; left: 60px; font-weight: bold;}
.zonemap-note.warning {bottom: 30px; right: 10px; background: rgba(255,243,205,.95);}
.zonemap-note a {font-weight: normal; margin-left: .6em;}
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<div class="zonemap-note {{ this.kind }}" id="{{ this.get_name() }}">{{ this.text }}{{ this.link }}</div>
{% endmacro %}
"""
    )

    def __init__(self, text: str, *, warning: bool = False, link: tuple[str, str] | None = None) -> None:
        super().__init__()
        self._name = "Note"
        self.kind = "warning" if warning else "title"
        self.text = html_text(text)
        self.link = f'<a href="{html_text(safe_url(link[0]))}">{html_text(link[1])}</a>' if link and safe_url(link[0]) else ""


class Attribution(PageElement):
    """Adds the data sources (plain text, escaped) to the map's attribution control."""

    _template = branca.element.Template(
        """
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text }});
{% endmacro %}
"""
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = script_json(html_text(text))
