"""A writer killed at random moments never corrupts the file nor loses a committed action.

The quick 5-trial version; bench/run.py kill_test runs 50 and reports the figures.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only  # the .sqlite file itself

BENCH = Path(__file__).resolve().parents[3] / "bench" / "kill_test.py"


def _kill_test():
    spec = importlib.util.spec_from_file_location("pardesk_kill_test", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_five_random_kills_lose_nothing_reported_committed(db_path):
    outcome = _kill_test().run_trials(db_path, 5, seed=5, min_delay=0.3, max_delay=0.9)
    assert outcome.trials == 5
    assert outcome.actions > 0  # the writer really was writing when it was killed
    assert outcome.corrupt == 0
    assert outcome.losses == 0
