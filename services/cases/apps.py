from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "services.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from services.cases.models import BankHoliday
        from services.cases.sla import bank_holidays_changed

        post_save.connect(bank_holidays_changed, sender=BankHoliday, dispatch_uid="bank-holidays-saved")
        post_delete.connect(bank_holidays_changed, sender=BankHoliday, dispatch_uid="bank-holidays-deleted")
