from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "services.cases"
    label = "cases"
    verbose_name = "Cases"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from services.cases.models import BankHoliday, CaseType, PriorityRule, WorkflowStatus
        from services.cases.operations import case_type_rules_changed
        from services.cases.sla import bank_holidays_changed

        for signal in (post_save, post_delete):
            signal.connect(bank_holidays_changed, sender=BankHoliday, dispatch_uid=f"bank-holidays-{id(signal)}")
            # Kept in memory per process (config.memo): edits must reach every process.
            for model in (CaseType, WorkflowStatus, PriorityRule):
                signal.connect(
                    case_type_rules_changed, sender=model, dispatch_uid=f"case-type-rules-{model.__name__}-{id(signal)}"
                )
