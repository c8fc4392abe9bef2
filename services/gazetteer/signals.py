"""Keep the in-memory ward index honest: any change to a ward invalidates it everywhere."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from services.gazetteer.models import Ward
from services.gazetteer.selectors import ward_index_invalidate


@receiver(post_save, sender=Ward)
@receiver(post_delete, sender=Ward)
def _ward_changed(sender, **kwargs):
    ward_index_invalidate()
