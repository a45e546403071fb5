import pytest
from django.core.management import CommandError, call_command

from clusters.models import IndicatorStatus, IndicatorValue
from tests.factories import ClusterFactory

pytestmark = pytest.mark.django_db

HEADER = "cluster,indicator,year,value,source,recorded_on\n"


@pytest.fixture
def genopole(db):
    return ClusterFactory(slug="genopole", name="Genopole")


def write(tmp_path, body, name="values.csv"):
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8")
    return str(path)


def test_a_valid_file_is_imported_as_approved_values(tmp_path, genopole, capsys):
    path = write(
        tmp_path,
        "genopole,biotech-companies,2023,85,Genopole report,2024-02-01\n"
        'genopole,venture-capital,2023,"1,250.5",Genopole report,2024-02-01\n',
    )
    call_command("import_indicators", path)
    assert "Imported 2 value(s)" in capsys.readouterr().out
    values = dict(IndicatorValue.objects.values_list("indicator__slug", "value"))
    assert values == {"biotech-companies": 85, "venture-capital": 1250.5}
    assert set(IndicatorValue.objects.values_list("status", flat=True)) == {
        IndicatorStatus.APPROVED
    }


def test_a_dry_run_checks_and_writes_nothing(tmp_path, genopole, capsys):
    path = write(tmp_path, "genopole,biotech-companies,2023,85,Report,2024-02-01\n")
    call_command("import_indicators", path, "--dry-run")
    assert "1 row(s) are valid; dry run" in capsys.readouterr().out
    assert not IndicatorValue.objects.exists()


def test_any_error_is_reported_by_line_and_column_and_nothing_is_written(
    tmp_path, genopole, capsys
):
    path = write(
        tmp_path,
        "genopole,biotech-companies,2023,85,Report,2024-02-01\n"  # line 2: fine
        "genopole,biotech-companies,2022,-4,Report,2024-02-01\n"  # line 3
        "atlantis,biotech-companies,2022,4,Report,2024-02-01\n"  # line 4
        "genopole,unicorns,2022,4,Report,2024-02-01\n"  # line 5
        "genopole,venture-capital,2022,1000000000000,Report,2024-02-01\n"  # line 6
        "genopole,biotech-companies,2023,90,Report,2024-02-01\n",  # line 7: duplicate
    )
    with pytest.raises(CommandError, match="5 error"):
        call_command("import_indicators", path)
    errors = capsys.readouterr().err
    assert "line 3, column value: Biotech companies cannot be negative." in errors
    assert "line 4, column cluster: unknown cluster 'atlantis'" in errors
    assert "line 5, column indicator: unknown indicator 'unicorns'" in errors
    assert "line 6, column value: " in errors and "not plausible" in errors
    assert "line 7: same cluster, indicator and year as line 2" in errors
    assert not IndicatorValue.objects.exists()


def test_a_missing_column_or_unreadable_file_is_a_clear_error(tmp_path, genopole):
    path = tmp_path / "short.csv"
    path.write_text("cluster,year\ngenopole,2020\n")
    with pytest.raises(CommandError):
        call_command("import_indicators", str(path))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00\x00garbage")
    with pytest.raises(CommandError, match="not a UTF-8 CSV"):
        call_command("import_indicators", str(binary))
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_indicators", str(tmp_path / "nope.csv"))
