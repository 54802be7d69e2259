"""A GIN index on the full-text vector the library searches, on PostgreSQL only.

The expression is exactly what `SearchVector("document", config="simple")` compiles to, so the
planner uses the index. 'simple' because PostgreSQL ships no Indonesian dictionary: 'simple'
lower-cases and splits words without stemming, which suits Bahasa Indonesia (whose affixes an
English stemmer would mangle) and the English names mixed into programme titles. SQLite (the
embedded default of `make run`) has no such index: the library falls back to `icontains` there.
"""

from django.db import migrations

INDEX = "library_entry_document_fts"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON library_libraryentry USING gin "
            "(to_tsvector('simple'::regconfig, COALESCE(document, '')))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_library_entry")]

    operations = [migrations.RunPython(create, drop)]
