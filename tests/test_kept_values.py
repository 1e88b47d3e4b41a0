"""Small values kept in one file between builds (authors' Markdown fields converted): what a build asks for
is kept, what it no longer asks for is forgotten, and a file made otherwise or damaged holds nothing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from itcomms.content.markdown_html import MarkdownRenderer
from itcomms.rendering.kept import KeptValues


def test_what_a_build_asks_for_is_kept_and_the_rest_forgotten(tmp_path: Path) -> None:
    path = tmp_path / "kept.json"
    first = KeptValues(path, "v1")
    first.put("a", "<p>A</p>")
    first.put("b", "<p>B</p>")
    first.save()
    second = KeptValues(path, "v1")
    assert second.get("a") == "<p>A</p>"
    second.save()  # "b" was not asked for
    third = KeptValues(path, "v1")
    assert third.get("a") == "<p>A</p>"
    assert third.get("b") is None


def test_values_kept_under_other_settings_or_damaged_are_not_used(tmp_path: Path) -> None:
    path = tmp_path / "kept.json"
    kept = KeptValues(path, "Markdown 3.7")
    kept.put("a", "<p>A</p>")
    kept.save()
    assert KeptValues(path, "Markdown 3.8").get("a") is None
    for damage in (b"", b"\xff\xfe", b'{"settings": "Markdown 3.7", "values": [1]}', b"[]", b'{"settings"'):
        path.write_bytes(damage)
        assert KeptValues(path, "Markdown 3.7").get("a") is None


def test_a_folder_that_cannot_be_written_costs_time_not_the_build(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    kept = KeptValues(tmp_path / "file" / "kept.json", "v1")
    kept.put("a", "A")
    kept.save()
    assert KeptValues(tmp_path / "file" / "kept.json", "v1").get("a") is None


@given(texts=st.lists(st.text(max_size=80), max_size=6), base_url=st.sampled_from([None, "https://it.example/status/"]))
def test_a_kept_conversion_is_the_conversion(tmp_path_factory: object, texts: list[str], base_url: str | None) -> None:
    """Converted through a kept file and read back in another build, every text is what converting it now
    gives, whatever its characters, on a page and in a feed."""
    folder = tmp_path_factory.mktemp("kept")  # type: ignore[attr-defined]
    path = folder / "fields.json"
    writing = KeptValues(path, "v1")
    first = [MarkdownRenderer("https://it.example/", writing).html(text, base_url) for text in texts]
    writing.save()
    reading = KeptValues(path, "v1")
    again = [MarkdownRenderer("https://it.example/", reading).html(text, base_url) for text in texts]
    fresh = [MarkdownRenderer("https://it.example/").html(text, base_url) for text in texts]
    assert first == again == fresh
