"""bench/experts.py runs at a small scale (the 50,000-expert run is ``make``-sized)."""

import importlib.util
from pathlib import Path

import pytest

from experts.models import ExpertProfile

pytestmark = pytest.mark.django_db

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "experts.py"


def test_the_benchmark_runs_small_and_leaves_nothing():
    spec = importlib.util.spec_from_file_location("experts_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.measure(
        experts=300, requests=6, naive_requests=3, batch_requests=10, batch_experts=100,
        commit=False,
    )  # fmt: skip
    assert result["rank_p95_ms"] > 0 and result["batch_pairs"] > 0
    assert result["identical_to_reference"] == "5/5"  # the fast ranking is the reference's
    assert result["same_top1"] == "3/3"  # the naive scorer agrees on the best score
    assert any("target p95 <= 50 ms" in line for line in module.lines(result))
    assert not ExpertProfile.objects.exists()
