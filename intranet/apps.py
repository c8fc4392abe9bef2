from django.apps import AppConfig


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = "Staff intranet"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from intranet.signals import sync_intranet_readers

        post_save.connect(sync_intranet_readers, sender=get_user_model(), dispatch_uid="intranet_readers_sync")
