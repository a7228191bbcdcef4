"""One language at a time: a zh-Hans page holds no Traditional-only character, a zh-Hant page no Simplified-only one.

The character lists come from OpenCC's dictionaries (``opencc-python-reimplemented``,
in the ``test`` extra): a character is Simplified-only when OpenCC converts it to
Traditional and it is not among its own Traditional forms (国 -> 國), and
Traditional-only the other way round (後 -> 后). Characters Hong Kong or Taiwan
write as their standard Traditional form (群, which OpenCC's standard writes 羣)
count as Traditional.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

import pytest

import zonemap
from zonemap._catalogue import CATALOGUE, KNOWN_TEXT
from zonemap.text import translate_known


def _table(name: str) -> dict[str, list[str]]:
    table = {}
    for line in (files("opencc") / "dictionary" / name).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            key, values = line.split("\t", 1)
            table[key] = values.split()
    return table


@cache
def simplified_only() -> frozenset[str]:
    to_traditional = _table("STCharacters.txt")
    regional = {v for name in ("HKVariants.txt", "TWVariants.txt") for values in _table(name).values() for v in values}
    return frozenset(c for c, forms in to_traditional.items() if len(c) == 1 and c not in forms and c not in regional)


@cache
def traditional_only() -> frozenset[str]:
    to_simplified = _table("TSCharacters.txt")
    return frozenset(c for c, forms in to_simplified.items() if len(c) == 1 and c not in forms)


def test_the_character_lists_know_both_scripts() -> None:
    assert {"国", "发", "号", "区", "图"} <= simplified_only()
    assert {"國", "發", "號", "區", "圖", "後"} <= traditional_only()
    assert "群" not in simplified_only() and "河" not in simplified_only() | traditional_only()


@pytest.mark.parametrize("table", [CATALOGUE, KNOWN_TEXT], ids=["catalogue", "known_text"])
def test_every_catalogue_string_is_in_one_script(table: dict[str, tuple[str, str, str]]) -> None:
    for key, (_, hant, hans) in table.items():
        assert not set(hant) & simplified_only(), (key, hant, sorted(set(hant) & simplified_only()))
        assert not set(hans) & traditional_only(), (key, hans, sorted(set(hans) & traditional_only()))


def test_known_source_names_are_translated_part_by_part() -> None:
    source = zonemap.zone("futian_bonded_zone")["official_area_source"].item()
    assert "国发" in source  # the data give the citation in English with its Simplified number
    assert translate_known(source, "zh-Hant").startswith("國務院《河套深港科技創新合作區深圳園區發展規劃》（國發〔2023〕12號")
    assert translate_known("© OpenStreetMap contributors; a survey of mine", "zh-Hant") == "© OpenStreetMap 貢獻者；a survey of mine"
    assert translate_known("Wikidata; Wen Wei Po", "bilingual") == "Wikidata；文匯報 / Wikidata; Wen Wei Po"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    return {lang: zonemap.build_maps(tmp_path_factory.mktemp(lang), lang=lang, basemap="none") for lang in ("zh-Hant", "zh-Hans", "bilingual")}


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("lang", "forbidden"), [("zh-Hant", simplified_only), ("zh-Hans", traditional_only)])
def test_every_page_of_a_chinese_build_is_in_one_script(built: dict[str, list[Path]], lang: str, forbidden) -> None:
    pages = [p for p in built[lang] if p.suffix == ".html"]
    assert len(pages) == 12
    for page in pages:
        html = _text(page)
        wrong = sorted(set(html) & forbidden())
        assert wrong == [], (page.name, wrong, [m.group() for m in re.finditer(f"[{''.join(wrong)}]", html)][:5])
        assert re.search(rf'<html lang="{lang}">', html), page.name
        assert re.search(r"<title>[^<]+</title>", html), page.name


def test_chinese_pages_keep_no_english_field_names_or_values(built: dict[str, list[Path]]) -> None:
    for page in built["zh-Hans"]:
        if page.suffix != ".html":
            continue
        html = _text(page)
        for english in ("computed area", '"indicative"', ">indicative<", "official figure", "Legend", "Timeline", "All maps", "Shenzhen River",
                        '"Zones"', "name_en", "source of the official figure", "possible range", "Sources in full"):
            assert english not in html, (page.name, english)


def test_bilingual_pages_show_both_languages(built: dict[str, list[Path]]) -> None:
    overview = _text(next(p for p in built["bilingual"] if p.name == "overview.html"))
    assert "圖例 / Legend" in overview and "落馬洲河套" in overview and "Lok Ma Chau Loop" in overview
    assert '<html lang="zh-Hant">' in overview
