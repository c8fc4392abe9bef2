"""The permission policy Wagtail's generic views consult for page feedback. It
applies the access rule in ``selectors.py``: nobody adds or deletes feedback through
the admin; the comms team views and triages all of it; page owners view and triage
feedback on their own pages."""

from wagtail.permission_policies import ModelPermissionPolicy

from reporting.feedback.selectors import (
    CHANGE_PERMISSION,
    feedback_user_may_triage,
    feedback_user_may_view,
    feedback_visible_to,
)


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action in {"view", "change"}:
            return feedback_user_may_view(user=user)
        return False

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return feedback_visible_to(user=user).filter(pk=instance.pk).exists()
        if action == "change":
            return feedback_user_may_triage(user=user, response=instance)
        return False

    def instances_user_has_permission_for(self, user, action):
        if action in {"view", "change"}:
            return feedback_visible_to(user=user)
        return self.model.objects.none()

    def instances_user_has_any_permission_for(self, user, actions):
        if {"view", "change"} & set(actions):
            return feedback_visible_to(user=user)
        return self.model.objects.none()

    def user_may_assign(self, user) -> bool:
        return user.is_active and user.has_perm(CHANGE_PERMISSION)
