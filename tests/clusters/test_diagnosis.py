"""The scoring rules of ``clusters.diagnosis``, stated for typical clusters of each stage."""

import pytest
from django.core.exceptions import ValidationError

from clusters import diagnosis
from tests.clusters.answers import AARHUS, BRNO_2008, CAMBRIDGE, SZEGED_2008


def diagnose(answers, **changes):
    return diagnosis.diagnose(diagnosis.clean_answers({**answers, **changes}))


@pytest.mark.parametrize(
    ("name", "answers", "changes", "stage", "reason"),
    [
        ("Cambridge", CAMBRIDGE, {}, "mature", "reaches 70: mature"),
        ("Munich-like, but only 4 years old", CAMBRIDGE, {"age": 4}, "developing",
         "cannot be mature yet"),
        ("Aarhus", AARHUS, {}, "developing", "lies between 35 and 70"),
        ("Brno in 2008: fair science, 15 companies", BRNO_2008, {}, "emerging",
         "no critical mass"),
        ("Szeged in 2008", SZEGED_2008, {}, "emerging", "below 35: emerging"),
        ("A mature cluster losing companies", CAMBRIDGE, {"company_trend": "shrinking"},
         "renewing", "shrinking"),
        ("An old mature cluster that stopped founding companies", CAMBRIDGE,
         {"age": 40, "company_trend": "stable", "new_companies": 2}, "renewing",
         "no longer growing"),
        ("A developing cluster losing companies", AARHUS, {"company_trend": "shrinking"},
         "renewing", "shrinking"),
        ("An emerging cluster losing companies stays emerging", SZEGED_2008,
         {"company_trend": "shrinking"}, "emerging", "below 35"),
    ],
)  # fmt: skip
def test_typical_clusters_get_the_stage_the_rules_state(name, answers, changes, stage, reason):
    result = diagnose(answers, **changes)
    assert result.stage == stage, (name, result.overall, result.reasons)
    assert any(reason in text for text in result.reasons), result.reasons


def test_scores_are_mean_levels_scaled_to_100():
    result = diagnose(CAMBRIDGE)
    # Scientific: 35 institutions, 12,000 researchers, 9,000 papers, 300 patents: all level 4.
    assert result.scores["scientific"] == 100
    # Industrial: 450 companies (4), 18,000 employees (3), 30 new (4), several pharma (4),
    # growing (3): 18 / 20 levels.
    assert result.scores["industrial"] == 90
    assert result.overall == round(sum(result.scores.values()) / 5)


def test_the_reasoning_names_the_answers_that_pushed_and_held_back():
    result = diagnose(SZEGED_2008)
    assert any("Venture capital" in a for a in result.held_back)
    assert any("Large pharmaceutical" in a for a in result.held_back)
    assert any("Researchers" in a for a in diagnose(CAMBRIDGE).pushed_up)


def test_the_weakest_forces_are_the_two_lowest_scores():
    result = diagnose(BRNO_2008)
    assert result.weakest == ["financial", "cooperation"]  # both 25; order of the forces
    assert result.path and result.risks


def test_the_result_as_a_dict_is_json_ready():
    body = diagnose(AARHUS).as_dict()
    assert body["stage"] == "developing"
    assert set(body["scores"]) == {"scientific", "financial", "industrial", "support",
                                   "cooperation"}  # fmt: skip
    assert isinstance(body["risks"][0], str)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("companies", -5, "cannot be negative"),
        ("venture_capital", 10**12, "is not plausible here"),
        ("venture_capital", "1e12", "is not plausible here"),
        ("companies", "", "Answer this question"),
        ("companies", None, "Answer this question"),
        ("companies", "many", "Enter a number"),
        ("companies", "NaN", "Enter a number"),
        ("companies", "Infinity", "Enter a number"),
        ("companies", True, "Enter a number"),
        ("companies", 12.5, "whole number"),
        ("business_angels", "lots", "Choose one of"),
        ("business_angels", "", "Choose an answer"),
    ],
)
def test_bad_answers_get_a_clear_message_per_question(key, value, message):
    with pytest.raises(ValidationError) as caught:
        diagnosis.clean_answers({**CAMBRIDGE, key: value})
    errors = caught.value.message_dict
    assert list(errors) == [key]
    assert message in errors[key][0]


def test_a_missing_question_is_reported_and_unknown_keys_are_ignored():
    answers = {k: v for k, v in CAMBRIDGE.items() if k != "patents"}
    with pytest.raises(ValidationError) as caught:
        diagnosis.clean_answers({**answers, "email": "me@example.org"})
    assert list(caught.value.message_dict) == ["patents"]


def test_clean_answers_keep_only_the_questions():
    clean = diagnosis.clean_answers({**CAMBRIDGE, "name": "someone"})
    assert set(diagnosis.answers_to_json(clean)) == set(diagnosis.QUESTION_BY_KEY)
    assert clean["venture_capital"] == 450.0 and clean["companies"] == 450


def test_there_are_about_twenty_questions_over_the_five_forces():
    forces = {q.force for q in diagnosis.QUESTIONS if q.force}
    assert len(forces) == 5
    assert 18 <= len(diagnosis.QUESTIONS) <= 22
