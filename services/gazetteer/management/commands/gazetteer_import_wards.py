"""Import ward boundaries from a GeoJSON FeatureCollection (WGS84 or British National Grid).
Safe to run again: wards are matched on their code and updated. Addresses are then
re-assigned to the ward their point falls in."""

from django.core.management.base import BaseCommand, CommandError

from services.gazetteer.management.progress import ProgressBar
from services.gazetteer.operations import ImportFileError, wards_import_geojson


class Command(BaseCommand):
    help = (
        "Import wards from GeoJSON: each feature needs a code and name property (code/name, or ONS "
        "WDyyCD/WDyyNM) and a Polygon or MultiPolygon geometry."
    )

    def add_arguments(self, parser):
        parser.add_argument("geojson_file")
        parser.add_argument("--no-reassign", action="store_true", help="Leave addresses in their current wards.")
        parser.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args, geojson_file, no_reassign=False, no_progress=False, **options):
        progress = None if no_progress else ProgressBar(self.stdout, "Importing wards")
        try:
            with open(geojson_file, encoding="utf-8") as file:
                report = wards_import_geojson(file=file, reassign_addresses=not no_reassign, progress=progress)
        except OSError as error:
            raise CommandError(f"Cannot read {geojson_file}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{geojson_file} is not UTF-8 text.") from None
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        for problem in report.problems:
            self.stderr.write(f"Skipped feature {problem.line}: {problem.reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created:,} wards created, {report.updated:,} updated, "
                f"{len(report.problems):,} features skipped."
            )
        )
