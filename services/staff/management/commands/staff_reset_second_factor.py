from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from services.staff.operations import staff_second_factor_provision, totp_secret_for_display


class Command(BaseCommand):
    help = "Give a member of staff a new authenticator key and backup codes (for a lost phone)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        device, codes = staff_second_factor_provision(user=user)
        self.stdout.write(f"authenticator key:  {totp_secret_for_display(device)}")
        self.stdout.write(f"authenticator link: {device.config_url}")
        self.stdout.write(f"backup codes:       {' '.join(codes)}")
