from django.apps import AppConfig


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = "Staff intranet"

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save, pre_save
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        from intranet.signals import media_kept_out_of_the_root_collection, sync_intranet_readers

        post_save.connect(sync_intranet_readers, sender=get_user_model(), dispatch_uid="intranet_readers_sync")
        for model in (get_image_model(), get_document_model()):
            pre_save.connect(
                media_kept_out_of_the_root_collection, sender=model, dispatch_uid=f"intranet_media_{model.__name__}"
            )
