"""Compiled templates kept between builds: reused, recompiled when edited, never shared between escaping rules."""

from __future__ import annotations

from pathlib import Path

from itcomms.rendering.templating import environment


def _templates(tmp_path: Path, source: str) -> Path:
    folder = tmp_path / "source"
    folder.mkdir(exist_ok=True)
    (folder / "page").write_text(source, encoding="utf-8")
    return folder


def test_each_set_of_settings_keeps_its_own_compiled_templates(tmp_path: Path) -> None:
    folder, cache = _templates(tmp_path, "{{ value }}"), tmp_path / "cache"
    for _ in range(2):  # the second round reads what the first kept
        assert environment((folder,), "markdown", cache).get_template("page").render(value="<b>") == "&lt;b&gt;"
        assert environment((folder,), "none", cache).get_template("page").render(value="<b>") == "<b>"
    folders = list((cache / "templates").iterdir())
    assert len(folders) == 2
    assert all(len(list(folder.iterdir())) == 1 for folder in folders)


def test_an_edited_template_is_compiled_again(tmp_path: Path) -> None:
    folder, cache = _templates(tmp_path, "old {{ value }}"), tmp_path / "cache"
    assert environment((folder,), "none", cache).get_template("page").render(value=1) == "old 1"
    _templates(tmp_path, "new {{ value }}")
    assert environment((folder,), "none", cache).get_template("page").render(value=1) == "new 1"


def test_without_a_cache_folder_nothing_is_kept(tmp_path: Path) -> None:
    assert environment((_templates(tmp_path, "x"),), "none").bytecode_cache is None
