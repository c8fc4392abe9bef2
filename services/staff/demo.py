"""Demo staff accounts. Their password, authenticator secret and backup codes are
printed once, when the account is made; a second run never prints or changes them."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from services.staff.operations import staff_second_factor_provision, totp_secret_for_display

DEMO_STAFF = [
    {"username": "admin", "first_name": "Alex", "last_name": "Admin", "superuser": True, "groups": []},
    {"username": "editor", "first_name": "Erin", "last_name": "Editor", "superuser": False, "groups": ["Editors"]},
    {
        "username": "moderator",
        "first_name": "Morgan",
        "last_name": "Approver",
        "superuser": False,
        "groups": ["Moderators"],
    },
    {"username": "comms", "first_name": "Chris", "last_name": "Comms", "superuser": False, "groups": ["Comms team"]},
]


def load(*, stdout, style) -> None:
    User = get_user_model()
    for spec in DEMO_STAFF:
        if User.objects.filter(username=spec["username"]).exists():
            stdout.write(
                f"  staff account {spec['username']!r} already exists (its credentials were printed when it was made)"
            )
            continue
        password = secrets.token_urlsafe(12)
        user = User(
            username=spec["username"],
            first_name=spec["first_name"],
            last_name=spec["last_name"],
            email=f"{spec['username']}@council.example",
            is_staff=True,
            is_superuser=spec["superuser"],
        )
        user.set_password(password)
        user.save()
        for group_name in spec["groups"]:
            group = Group.objects.filter(name=group_name).first()
            if group:
                user.groups.add(group)
        device, codes = staff_second_factor_provision(user=user)
        stdout.write(style.WARNING(f"\n  New staff account (shown only now; store it safely): {spec['username']}"))
        stdout.write(f"    password:            {password}")
        stdout.write(f"    authenticator key:   {totp_secret_for_display(device)}")
        stdout.write(f"    authenticator link:  {device.config_url}")
        stdout.write(f"    backup codes:        {' '.join(codes)}")
    stdout.write("  Sign in at http://127.0.0.1:8000/admin/ ; add the key to an authenticator app,")
    stdout.write("  or use a backup code. `python manage.py staff_reset_second_factor USERNAME` issues new ones.")
