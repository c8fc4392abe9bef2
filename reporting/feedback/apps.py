from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "reporting.feedback"
    label = "feedback"
    verbose_name = "Page feedback"
    default_auto_field = "django.db.models.BigAutoField"
