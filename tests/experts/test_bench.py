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
    result = module.run(experts=300, requests=3, batch_requests=10, batch_experts=100)
    assert result["rank_p95_ms"] > 0 and result["batch_pairs"] > 0
    assert result["same_top1_of_10"] == 3  # the naive scorer agrees on the best score
    assert not ExpertProfile.objects.exists()
