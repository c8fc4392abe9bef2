from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "services.accounts"
    label = "accounts"
    verbose_name = "Residents' accounts"
    default_auto_field = "django.db.models.BigAutoField"
