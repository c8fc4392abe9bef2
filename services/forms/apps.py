from django.apps import AppConfig


class FormsConfig(AppConfig):
    name = "services.forms"
    label = "forms"
    verbose_name = "E-forms"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from services.cases.models import CaseType
        from services.forms.models import EForm
        from services.forms.selectors import live_forms_changed

        # Live forms (with their case types) are kept in memory per process
        # (services.forms.selectors): an edit or a publish must reach every process.
        for signal in (post_save, post_delete):
            for model in (EForm, CaseType):
                uid = f"live-forms-{model.__name__}-{id(signal)}"
                signal.connect(live_forms_changed, sender=model, dispatch_uid=uid)
