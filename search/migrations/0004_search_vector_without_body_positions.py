from django.db import migrations


def recompute_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE site_search_searchentry SET search_vector ="
        " setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')"
        " || setweight(to_tsvector('english'::regconfig, COALESCE(summary, '')), 'B')"
        " || strip(to_tsvector('english'::regconfig, COALESCE(body, '')))"
    )


class Migration(migrations.Migration):
    """The body's words lose their positions in the search vector (see
    search.indexing.vectors_update): ranking reads a much smaller column."""

    dependencies = [("site_search", "0003_search_vector_gin")]
    operations = [migrations.RunPython(recompute_vectors, migrations.RunPython.noop)]
