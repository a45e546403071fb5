"""The newest-first index ends with ``id``: ``(published_at, id) < (t, i)``, the keyset
condition of the API's cursors and of the relevance order's second tier, is then one range
of the index at any depth (issue 12, point 2)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0004_text_maximum_lengths"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="practice",
            index=models.Index(fields=["status", "-published_at", "-id"], name="practice_newest"),
        ),
        migrations.RemoveIndex(
            model_name="practice",
            name="practices_p_status_71a42a_idx",
        ),
    ]
