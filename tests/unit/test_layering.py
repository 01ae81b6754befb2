"""The layers stay apart: no Qt below ui/, no SQL in ui/, resources all present."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(*folders: str) -> list[Path]:
    return [p for f in folders for p in sorted((ROOT / f).rglob("*.py"))]


@pytest.mark.parametrize(
    "path", _modules("models", "services"), ids=lambda p: str(p.relative_to(ROOT))
)
def test_models_and_services_never_import_qt(path):
    assert "PySide6" not in _imports(path)


@pytest.mark.parametrize("path", _modules("ui"), ids=lambda p: str(p.relative_to(ROOT)))
def test_ui_never_imports_sqlalchemy(path):
    assert "sqlalchemy" not in _imports(path)


@pytest.mark.parametrize("path", _modules("models"), ids=lambda p: str(p.relative_to(ROOT)))
def test_models_do_not_depend_on_services_or_ui(path):
    assert not {"services", "ui"} & _imports(path)


def test_every_bundled_font_and_its_licence_exist():
    from resources import DOCUMENT_FONT_FILES, UI_FONT_FILES, font_path, resource_path

    for name in UI_FONT_FILES + DOCUMENT_FONT_FILES:
        assert font_path(name).stat().st_size > 100_000, name
    assert "SIL Open Font License" in resource_path("fonts", "LICENSE.txt").read_text()


def test_version_matches_pyproject():
    import tomllib

    from services.version import APP_VERSION

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["version"] == APP_VERSION
