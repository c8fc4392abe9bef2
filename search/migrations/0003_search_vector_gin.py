from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS site_search_entry_vector_gin ON site_search_searchentry USING GIN (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS site_search_entry_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("site_search", "0002_search_vector")]
    operations = [migrations.RunPython(create_index, drop_index)]
