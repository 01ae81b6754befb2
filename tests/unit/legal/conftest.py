"""The hand-made register of ``tests.legal_sample`` on an empty database, per test."""

from __future__ import annotations

import pytest

from tests.legal_sample import Register, build_register


@pytest.fixture
def register(empty_services) -> Register:
    return build_register(empty_services.legal)
