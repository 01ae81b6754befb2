"""Evidence copied out for the viewer or the pack never escapes its folder or uses a device name."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("CON", "_CON.pdf"),
        ("../../pardesk", "_.._pardesk.pdf"),
        ("Biên bản số 12/BB-UBND", "Biên bản số 12_BB-UBND.pdf"),
        ("C:\\Windows\\hệ thống", "C__Windows_hệ thống.pdf"),
    ],
)
def test_open_copy_uses_a_safe_name_inside_the_folder(services, tmp_path, title, expected):
    source = tmp_path / "goc.pdf"
    source.write_bytes(b"%PDF-1.7 " + title.encode())
    info = services.evidence.add_file(source, title=title)
    out = tmp_path / "ra"
    out.mkdir()
    copy = services.evidence.open_copy(info.id, out)
    assert copy.parent == out and copy.name == expected
    assert copy.read_bytes() == source.read_bytes()
