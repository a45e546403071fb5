"""``import_experts``: per-row errors by line and column, all-or-nothing, idempotent."""

import pytest
from django.core.management import CommandError, call_command

from experts.models import ExpertProfile, ExpertStatus

pytestmark = pytest.mark.django_db

HEADER = "email,name,headline,bio,organisation,countries,languages,growth_forces,tool_types,stages,formats,capacity,visibility\n"  # noqa: E501
GOOD = 'ana@example.org,Ana Novak,Seed funds,"Set up funds",JIC,CZ;AT,en:C1;cs:native,financial,funding,emerging,advice;mentoring,2,public\n'  # noqa: E501
BAD = "bob@example.org,Bob,Adviser,,,XX,en,financial,teleportation,emerging,advice,many,secret\n"


def _write(tmp_path, *rows):
    path = tmp_path / "roster.csv"
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def test_it_imports_and_is_idempotent_by_email(tmp_path, capsys):
    path = _write(tmp_path, GOOD)
    call_command("import_experts", str(path))
    call_command("import_experts", str(path))
    expert = ExpertProfile.objects.get()
    assert expert.status == ExpertStatus.VALIDATED and expert.consent_at
    assert expert.languages == ["en", "cs"] and expert.language_levels["cs"] == "native"
    assert expert.formats == ["advice", "mentoring"] and expert.countries == ["CZ", "AT"]
    assert "0 created, 1 updated" in capsys.readouterr().out


def test_any_bad_row_writes_nothing_and_reports_line_and_column(tmp_path, capsys):
    path = _write(tmp_path, GOOD, BAD)
    with pytest.raises(CommandError):
        call_command("import_experts", str(path))
    assert not ExpertProfile.objects.exists()
    err = capsys.readouterr().err
    for column in ("countries", "tool_types", "capacity", "visibility"):
        assert f"line 3, column {column}" in err


def test_dry_run_writes_nothing(tmp_path, capsys):
    call_command("import_experts", str(_write(tmp_path, GOOD)), "--dry-run")
    assert not ExpertProfile.objects.exists()
    assert "1 valid rows" in capsys.readouterr().out


def test_missing_columns_and_duplicates(tmp_path, capsys):
    path = tmp_path / "x.csv"
    path.write_text("email,name\na@b.org,A\n")
    with pytest.raises(CommandError):
        call_command("import_experts", str(path))
    assert "missing column" in capsys.readouterr().err
    with pytest.raises(CommandError):
        call_command("import_experts", str(_write(tmp_path, GOOD, GOOD)))
    assert "same e-mail as line 2" in capsys.readouterr().err
