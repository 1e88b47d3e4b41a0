"""Compiled templates kept between builds: reused, recompiled when edited, never shared between escaping rules."""

from __future__ import annotations

from pathlib import Path

import jinja2

from itcomms.rendering.templating import environment


def test_each_set_of_settings_keeps_its_own_compiled_templates(tmp_path: Path) -> None:
    loader = jinja2.DictLoader({"page": "{{ value }}"})
    for _ in range(2):  # the second round reads what the first kept
        assert environment(tmp_path, loader, autoescape=True).get_template("page").render(value="<b>") == "&lt;b&gt;"
        assert environment(tmp_path, loader, autoescape=False).get_template("page").render(value="<b>") == "<b>"
    folders = list((tmp_path / "templates").iterdir())
    assert len(folders) == 2
    assert all(len(list(folder.iterdir())) == 1 for folder in folders)


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    sources = {"page": "old {{ value }}"}
    loader = jinja2.DictLoader(sources)
    assert environment(tmp_path, loader).get_template("page").render(value=1) == "old 1"
    sources["page"] = "new {{ value }}"
    assert environment(tmp_path, loader).get_template("page").render(value=1) == "new 1"


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path) -> None:
    assert environment(None, jinja2.DictLoader({"page": "x"})).bytecode_cache is None
