"""Import addresses from an LLPG/AddressBase-style CSV. Safe to run again: rows are matched
on UPRN and updated, never duplicated. Bad rows are listed with their line number and reason;
the good rows are still imported."""

from django.core.management.base import BaseCommand, CommandError

from services.gazetteer.management.progress import ProgressBar
from services.gazetteer.operations import COLUMN_ALIASES, ImportFileError, addresses_import_csv


class Command(BaseCommand):
    help = (
        "Import addresses from a CSV file with a header row. Columns (any case): UPRN, ADDRESS_LINE_1..3, "
        "TOWN (or POST_TOWN), POSTCODE, and LATITUDE/LONGITUDE (WGS84) or EASTING/NORTHING "
        "(X_COORDINATE/Y_COORDINATE, British National Grid); optional PROPERTY_TYPE or CLASSIFICATION_CODE."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_file", help="Path to the CSV file (UTF-8).")
        parser.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args, csv_file, no_progress=False, **options):
        progress = None if no_progress else ProgressBar(self.stdout, "Importing addresses")
        try:
            with open(csv_file, encoding="utf-8", newline="") as file:
                report = addresses_import_csv(file=file, progress=progress)
        except OSError as error:
            raise CommandError(f"Cannot read {csv_file}: {error.strerror}.") from None
        except UnicodeDecodeError:
            raise CommandError(f"{csv_file} is not UTF-8 text.") from None
        except ImportFileError as error:
            known = ", ".join(aliases[0].upper() for aliases in COLUMN_ALIASES.values())
            raise CommandError(f"{error} Columns understood: {known}.") from None
        for problem in report.problems:
            self.stderr.write(f"Skipped line {problem.line}: {problem.reason}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.created:,} addresses created, {report.updated:,} updated, "
                f"{len(report.problems):,} rows skipped."
            )
        )
